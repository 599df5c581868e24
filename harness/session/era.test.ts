// Era detection on scripted answers (no process): what server/discover's answer says about the
// target, and that every way of not being a modern server is told apart from a refusal.

import { describe, expect, it } from 'vitest';
import { Peer } from '../jsonrpc/peer.js';
import { Transcript } from '../transcript.js';
import type { TranscriptEvent } from '../model/transcript.js';
import type { Channel, Outgoing } from '../transport/channel.js';
import { isJsonObject, type Json, type JsonObject } from '../model/protocol.js';
import { probeDiscover, useModernEra } from './era.js';

/** A channel whose server answers each request with `answer(request)` (null: no answer). */
function scripted(
  answer: (request: JsonObject) => JsonObject | null,
  transport: 'stdio' | 'http' = 'stdio',
  written: Outgoing[] = [],
): Channel {
  const transcript = new Transcript();
  const listeners: ((m: Json, e: TranscriptEvent) => void)[] = [];
  return {
    transport,
    transcript,
    exit: null,
    send(items: Outgoing[]) {
      written.push(...items);
      const t = transcript.now();
      for (const item of items) {
        if (!('json' in item) || !isJsonObject(item.json)) continue;
        transcript.add({ t, dir: 'client', kind: 'message', message: item.json });
        const reply = answer(item.json);
        if (!reply) continue;
        const message = { jsonrpc: '2.0', id: item.json.id ?? null, ...reply };
        setTimeout(() => {
          const event = transcript.add({ dir: 'server', kind: 'message', message });
          for (const l of listeners) l(message, event);
        }, 1);
      }
      return Promise.resolve(t);
    },
    onMessage: (l) => void listeners.push(l),
    onExit: () => undefined,
    stderrTail: () => [],
    close: () => Promise.resolve(),
  };
}

const discoverOn = (answer: (request: JsonObject) => JsonObject | null, waitMs = 200) =>
  probeDiscover(
    new Peer(scripted(answer)),
    '2026-07-28',
    new Promise((resolve) => setTimeout(resolve, waitMs)),
  );

describe('probeDiscover', () => {
  it('a DiscoverResult is a modern server, with the versions it lists and its name from _meta', async () => {
    const outcome = await discoverOn(() => ({
      result: {
        supportedVersions: ['2026-07-28'],
        capabilities: { tools: {} },
        _meta: { 'io.modelcontextprotocol/serverInfo': { name: 'srv', version: '1' } },
      },
    }));
    expect(outcome).toMatchObject({ kind: 'modern', supported: ['2026-07-28'] });
    expect(outcome.kind === 'modern' && outcome.hello.serverInfo).toEqual({ name: 'srv', version: '1' });
  });

  it('a modern error code is a refusal, with the versions the server offers instead', async () => {
    const outcome = await discoverOn(() => ({
      error: { code: -32022, message: 'unsupported', data: { supported: ['2026-12-01'] } },
    }));
    expect(outcome).toMatchObject({
      kind: 'refused',
      name: 'UnsupportedProtocolVersionError',
      supported: ['2026-12-01'],
    });
  });

  it('"Method not found" or silence means a legacy-era server, each with its reason', async () => {
    const notFound = await discoverOn(() => ({ error: { code: -32601, message: 'Method not found' } }));
    expect(notFound).toMatchObject({ kind: 'legacy', why: expect.stringMatching(/non-modern error/) });
    const silent = await discoverOn(() => null, 50);
    expect(silent).toEqual({ kind: 'legacy', why: 'no answer to server/discover' });
  });
});

describe('useModernEra', () => {
  const cancels = async (transport: 'stdio' | 'http') => {
    const written: Outgoing[] = [];
    const peer = new Peer(scripted(() => null, transport, written));
    useModernEra(peer, '2026-07-28');
    await peer.cancel(7);
    const { message, pending } = peer.prepare('tools/call', { name: 'slow' }, 8);
    pending();
    await peer.sendBatch([{ json: message }, { json: Peer.cancelMessage(8) }]);
    return written;
  };

  it('over Streamable HTTP, asks the transport to carry every cancel as the close of its request stream', async () => {
    const written = await cancels('http');
    expect(written.filter((i) => 'closes' in i).map((i) => ('closes' in i ? i.closes : null))).toEqual([
      7, 8,
    ]);
    expect(written.filter((i) => !('closes' in i))).toHaveLength(1);
  });

  it('over stdio, writes cancels as notifications/cancelled', async () => {
    const written = await cancels('stdio');
    expect(written.some((i) => 'closes' in i)).toBe(false);
    expect(written).toHaveLength(3);
  });
});
