// The Streamable HTTP channel against small loopback servers written in the test: what it sends
// (one POST per message, headers per era), what it hears (JSON bodies, SSE events cut anywhere),
// and what it records (HTTP facts, streams, event ids).

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../transcript.js';
import type { Json } from '../model/protocol.js';
import { MCP_HTTP_RULES } from '../session/http-rules.js';
import { HttpChannel } from './http.js';

interface Seen {
  method: string;
  headers: IncomingMessage['headers'];
  body: Json | undefined;
}

let server: Server | null = null;
let channel: HttpChannel | null = null;

afterEach(async () => {
  await channel?.close();
  channel = null;
  server?.closeAllConnections();
  server?.close();
  server = null;
});

/** Starts a loopback server; every request is recorded in `seen` and handed to `handler`. */
async function serve(
  handler: (req: IncomingMessage, res: ServerResponse, body: Json | undefined) => void,
): Promise<{ url: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  server = createServer((req, res) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (text += c));
    req.on('end', () => {
      const body = text ? (JSON.parse(text) as Json) : undefined;
      seen.push({ method: req.method ?? '', headers: req.headers, body });
      handler(req, res, body);
    });
  });
  await new Promise<void>((r) => server?.listen(0, '127.0.0.1', r));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { url: `http://127.0.0.1:${port}/mcp`, seen };
}

function open(url: string): HttpChannel {
  channel = new HttpChannel({
    url,
    transcript: new Transcript(),
    rules: MCP_HTTP_RULES,
    ackMs: 2000,
    requestAckMs: 200,
    firstMs: 2000,
    getStream: false,
  });
  return channel;
}

/** Resolves once `n` messages were heard (bounded by the test timeout). */
function heard(c: HttpChannel, n: number): Promise<Json[]> {
  const got: Json[] = [];
  return new Promise((resolve) =>
    c.onMessage((m) => {
      got.push(m);
      if (got.length === n) resolve(got);
    }),
  );
}

const idOf = (b: Json | undefined) => (b as { id?: number }).id;

describe('HttpChannel', () => {
  it('takes a session id only from the answer to initialize, never from a refusal before it', async () => {
    let sessions = 0;
    const { url, seen } = await serve((_req, res, body) => {
      if (!body) return void res.writeHead(200).end();
      const m = body as { id?: number; method: string };
      // Like a server that opens a session for any first POST and drops it when refusing it.
      if (m.method !== 'initialize')
        return void res
          .writeHead(400, { 'content-type': 'application/json', 'mcp-session-id': `dead-${++sessions}` })
          .end(
            JSON.stringify({
              jsonrpc: '2.0',
              id: null,
              error: { code: -32600, message: 'Missing session ID' },
            }),
          );
      res
        .writeHead(200, { 'content-type': 'application/json', 'mcp-session-id': 'live' })
        .end(JSON.stringify({ jsonrpc: '2.0', id: m.id, result: { protocolVersion: '2025-06-18' } }));
    });
    const c = open(url);
    const answer = heard(c, 1); // the refusal's body is an HTTP fact, not a message; the answer to initialize is
    await c.send([{ json: { jsonrpc: '2.0', id: 1, method: 'ping' } }]);
    await c.send([{ json: { jsonrpc: '2.0', id: 2, method: 'initialize', params: {} } }]);
    await answer;
    expect(seen[1]?.headers['mcp-session-id']).toBeUndefined();
    expect(c.sessionId).toBe('live');
    await c.close();
  });

  it('delivers a JSON body, keeps the session id, and sends MCP-Protocol-Version once 2025-06-18 is agreed', async () => {
    const { url, seen } = await serve((_req, res, body) => {
      if (!body) return void res.writeHead(200).end(); // the DELETE of the session on close
      const m = body as { id?: number; method: string };
      if (m.id === undefined) return void res.writeHead(202).end();
      const result = m.method === 'initialize' ? { protocolVersion: '2025-06-18' } : {};
      res
        .writeHead(200, { 'content-type': 'application/json', 'mcp-session-id': 'abc' })
        .end(JSON.stringify({ jsonrpc: '2.0', id: m.id, result }));
    });
    const c = open(url);
    const first = heard(c, 1);
    const answers = heard(c, 2);
    await c.send([{ json: { jsonrpc: '2.0', id: 1, method: 'initialize', params: {} } }]);
    await first; // as the handshake does: the answer to initialize agrees the version
    await c.send([{ json: { jsonrpc: '2.0', id: 2, method: 'ping' } }]);
    expect((await answers).map((m) => idOf(m))).toEqual([1, 2]);
    expect(seen[0]?.headers['mcp-session-id']).toBeUndefined();
    expect(seen[1]?.headers['mcp-session-id']).toBe('abc');
    expect(seen[1]?.headers['mcp-protocol-version']).toBe('2025-06-18');
    expect(seen[1]?.headers.accept).toBe('application/json, text/event-stream');
    const events = c.transcript.events;
    expect(
      events.find((e) => e.kind === 'http' && /POST#1 → HTTP 200 application\/json/.test(e.text ?? '')),
    ).toBeTruthy();
    expect(events.filter((e) => e.kind === 'message' && e.dir === 'server').map((e) => e.stream)).toEqual([
      'POST#1',
      'POST#2',
    ]);
  });

  it('reads SSE events cut at any byte, records event ids, and keeps a data-less priming event out of the messages', async () => {
    const { url } = await serve((_req, res, body) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      const id = idOf(body);
      const text =
        `id: e0\ndata: \n\n` +
        `id: e1\ndata: {"jsonrpc":"2.0","method":"notifications/progress","params":{"progressToken":"t","progress":1}}\n\n` +
        `id: e2\ndata: {"jsonrpc":"2.0","id":${id},"result":{}}\n\n`;
      // Three bytes at a time, so events and JSON are split everywhere.
      let at = 0;
      const tick = setInterval(() => {
        res.write(text.slice(at, at + 3));
        at += 3;
        if (at >= text.length) {
          clearInterval(tick);
          res.end();
        }
      }, 1);
    });
    const c = open(url);
    const got = heard(c, 2);
    await c.send([{ json: { jsonrpc: '2.0', id: 7, method: 'tools/call', params: { name: 'x' } } }]);
    const messages = await got;
    expect(idOf(messages[1])).toBe(7);
    const server = c.transcript.events.filter((e) => e.dir === 'server' && e.kind === 'message');
    expect(server.map((e) => e.eventId)).toEqual(['e1', 'e2']);
    expect(
      c.transcript.events.some((e) => e.kind === 'http' && /event id e0 without data/.test(e.text ?? '')),
    ).toBe(true);
  });

  it('hears an answer that came with the headers only after send() returned, as stdio would', async () => {
    const { url } = await serve((_req, res, body) => {
      if (!body) return void res.writeHead(200).end();
      // Headers, a progress and the response in one chunk.
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.end(
        `data: {"jsonrpc":"2.0","method":"notifications/progress","params":{"progressToken":"t","progress":1}}\n\n` +
          `data: {"jsonrpc":"2.0","id":${idOf(body)},"result":{}}\n\n`,
      );
    });
    const c = open(url);
    const got = heard(c, 2);
    await c.send([{ json: { jsonrpc: '2.0', id: 4, method: 'tools/call', params: { name: 'x' } } }]);
    const after = c.transcript.position;
    await got;
    const server = c.transcript.events.filter((e) => e.dir === 'server' && e.kind === 'message');
    expect(server.every((e) => e.seq >= after)).toBe(true);
  });

  it('sends the items of one write as concurrent POSTs', async () => {
    const held: ServerResponse[] = [];
    const { url } = await serve((_req, res, body) => {
      held.push(res);
      // Neither is answered until both have arrived: sequential POSTs would never finish.
      if (held.length < 2) return;
      for (const r of held) r.writeHead(200, { 'content-type': 'application/json' });
      held[0]?.end(JSON.stringify({ jsonrpc: '2.0', id: 1, result: {} }));
      held[1]?.end(JSON.stringify({ jsonrpc: '2.0', id: idOf(body), result: {} }));
    });
    const c = open(url);
    const got = heard(c, 2);
    await c.send([
      { json: { jsonrpc: '2.0', id: 1, method: 'initialize', params: {} } },
      { json: { jsonrpc: '2.0', id: 2, method: 'ping' } },
    ]);
    expect((await got).length).toBe(2);
    const batch = c.transcript.events.filter((e) => e.dir === 'client' && e.kind === 'message');
    expect(new Set(batch.map((e) => e.batch)).size).toBe(1);
    expect(batch.map((e) => e.stream)).toEqual(['POST#1', 'POST#2']);
  });

  it("reports a notification's 202, and keeps an id-less error of a 4xx as an HTTP fact, not a message", async () => {
    const { url } = await serve((_req, res, body) => {
      if (!body) return void res.writeHead(200).end();
      const m = body as { id?: number; params?: { requestId?: unknown } };
      if (m.id !== undefined)
        return void res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ jsonrpc: '2.0', id: m.id, result: {} }));
      if (m.params?.requestId === null)
        return void res
          .writeHead(400, { 'content-type': 'application/json' })
          .end(JSON.stringify({ jsonrpc: '2.0', id: null, error: { code: -32602, message: 'bad' } }));
      res.writeHead(202).end();
    });
    const c = open(url);
    await c.send([{ json: { jsonrpc: '2.0', id: 1, method: 'initialize', params: {} } }]);
    const ok = c.transcript.position;
    await c.send([{ json: { jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: 5 } } }]);
    const bad = c.transcript.position;
    await c.send([
      { json: { jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: null } } },
    ]);
    expect(await c.outcomeOf(ok)).toMatchObject({ status: 202, body: '' });
    expect(await c.outcomeOf(bad)).toMatchObject({ status: 400 });
    const fromServer = c.transcript.since(bad).filter((e) => e.dir === 'server');
    expect(fromServer.some((e) => e.kind === 'message')).toBe(false);
    expect(fromServer.some((e) => e.kind === 'http' && /body: .*-32602/.test(e.text ?? ''))).toBe(true);
  });

  it('2026-07-28: request metadata headers, no session, and a cancel is the close of the stream, not a POST', async () => {
    let closed = false;
    const { url, seen } = await serve((req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(': open\n\n');
      res.on('close', () => (closed = true));
      void req;
    });
    const c = open(url);
    const meta = { 'io.modelcontextprotocol/protocolVersion': '2026-07-28' };
    await c.send([
      { json: { jsonrpc: '2.0', id: 3, method: 'tools/call', params: { name: 'slow é', _meta: meta } } },
    ]);
    expect(seen[0]?.headers).toMatchObject({
      'mcp-protocol-version': '2026-07-28',
      'mcp-method': 'tools/call',
      'mcp-name': `=?base64?${Buffer.from('slow é').toString('base64')}?=`,
    });
    // The session asks for the close (Peer.cancelsByClosing, set by useModernEra); the transport does it.
    await c.send([
      { json: { jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: 3 } }, closes: 3 },
    ]);
    for (let i = 0; i < 100 && !closed; i++) await new Promise((r) => setTimeout(r, 10));
    expect(closed).toBe(true);
    expect(seen).toHaveLength(1);
    const after = c.transcript.events.filter((e) => e.dir === 'client').slice(1, 3);
    expect(after.map((e) => [e.kind, e.stream])).toEqual([
      ['message', 'POST#1'],
      ['http', 'POST#1'],
    ]);
    expect(after[1]?.text).toMatch(/not POSTed; the suite closes the SSE stream of request 3/);
  });

  it('deletes the session on close', async () => {
    const { url, seen } = await serve((_req, res, body) => {
      if (!body) return void res.writeHead(200).end();
      res
        .writeHead(200, { 'content-type': 'application/json', 'mcp-session-id': 's1' })
        .end(JSON.stringify({ jsonrpc: '2.0', id: idOf(body), result: { protocolVersion: '2025-11-25' } }));
    });
    const c = open(url);
    await c.send([{ json: { jsonrpc: '2.0', id: 1, method: 'initialize', params: {} } }]);
    await c.close();
    channel = null;
    expect(seen.map((s) => s.method)).toEqual(['POST', 'DELETE']);
    expect(seen[1]?.headers['mcp-session-id']).toBe('s1');
  });
});
