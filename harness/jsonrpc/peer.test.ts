// Peer.waitFor under a stall of the suite's own process: a timer that fires late must not conclude
// "nothing came" while the message that did come sits unread. Asymmetric timing: the target writes
// 100 ms after saying it is ready; the suite is blocked for a full second.
import { afterEach, describe, expect, it } from 'vitest';
import { openStdio, type StdioChannel } from '../transport/stdio.js';
import { methodOf } from './message.js';
import { Peer } from './peer.js';

const SCRIPT = `
const line = (m) => process.stdout.write(JSON.stringify(m) + '\\n');
line({ jsonrpc: '2.0', method: 'notifications/message', params: { level: 'info', data: 'ready' } });
setTimeout(() => line({ jsonrpc: '2.0', method: 'notifications/message', params: { level: 'info', data: 'late' } }), 100);
process.stdin.resume();
process.stdin.on('end', () => process.exit(0));
`;

let channel: StdioChannel | undefined;
afterEach(async () => {
  await channel?.close();
  channel = undefined;
});

const said = (peer: Peer, text: string) =>
  peer.waitFor(
    (e) =>
      e.dir === 'server' &&
      methodOf(e.message) === 'notifications/message' &&
      JSON.stringify(e.message).includes(`"data":"${text}"`),
    10_000,
  );

describe('Peer.waitFor', () => {
  it('sees a message that arrived while the suite was blocked past the timeout', async () => {
    channel = await openStdio(
      { file: process.execPath, args: ['-e', SCRIPT], cwd: process.cwd(), env: {}, display: ['node -e …'] },
      { exitGrace: 500 },
    );
    const peer = new Peer(channel);
    expect(await said(peer, 'ready')).not.toBeNull();
    const from = peer.transcript.position;
    const wait = peer.waitFor(
      (e) => e.dir === 'server' && JSON.stringify(e.message).includes('"data":"late"'),
      200,
      from,
    );
    const blockedUntil = performance.now() + 1000;
    while (performance.now() < blockedUntil) {
      // The suite's process is busy: no I/O is read, no timer runs.
    }
    expect(await wait).not.toBeNull();
  });

  it('still ends a wait for something that never comes, once the time is up', async () => {
    channel = await openStdio(
      { file: process.execPath, args: ['-e', SCRIPT], cwd: process.cwd(), env: {}, display: ['node -e …'] },
      { exitGrace: 500 },
    );
    const peer = new Peer(channel);
    const t0 = performance.now();
    expect(await peer.waitFor((e) => e.dir === 'client', 150)).toBeNull();
    expect(performance.now() - t0).toBeGreaterThanOrEqual(140);
  });
});
