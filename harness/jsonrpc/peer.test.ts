// Peer.waitFor and Peer.ping under a stall of the suite's own process: a timer that fires late must not conclude
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
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => {
  for (const text of chunk.split('\\n').filter(Boolean)) {
    const m = JSON.parse(text);
    if (m.method === 'ping') setTimeout(() => line({ jsonrpc: '2.0', id: m.id, result: {} }), 100);
  }
});
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

describe('Peer.ping', () => {
  it('counts an answer that came in time while the suite was blocked past the limit', async () => {
    channel = await openStdio(
      { file: process.execPath, args: ['-e', SCRIPT], cwd: process.cwd(), env: {}, display: ['node -e …'] },
      { exitGrace: 500 },
    );
    const peer = new Peer(channel);
    expect(await said(peer, 'ready')).not.toBeNull();
    const pinging = peer.ping(200);
    // Once the ping is out and its limit runs, the suite's process is busy for a second: the answer,
    // sent 100 ms after the ping, sits unread past the 200 ms limit. (Blocked in the check phase, so
    // the next turn of the event loop runs its expired timers before it reads any I/O.)
    setTimeout(
      () =>
        setImmediate(() => {
          const blockedUntil = performance.now() + 1000;
          while (performance.now() < blockedUntil) {
            // busy
          }
        }),
      30,
    );
    const { latencyMs } = await pinging;
    expect(latencyMs).not.toBeNull();
  });
});
