// The MCP side of Streamable HTTP, without a network: which headers a POST carries in each era, which
// answer assigns the session or negotiates the version, and when the GET stream opens.
import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../model/protocol.js';
import { MCP_HTTP_RULES as rules } from './http-rules.js';

const call = (meta?: JsonObject): JsonObject => ({
  jsonrpc: '2.0',
  id: 3,
  method: 'tools/call',
  params: { name: 'slow é', ...(meta ? { _meta: meta } : {}) },
});

describe('MCP_HTTP_RULES', () => {
  it('legacy POSTs carry the session id, and the version only from 2025-06-18 on', () => {
    const none = { sessionId: null, protocolVersion: null };
    expect(rules.postHeaders(call(), none)).toEqual({
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
    });
    expect(rules.postHeaders(call(), { sessionId: 's1', protocolVersion: '2025-03-26' })).toMatchObject({
      'mcp-session-id': 's1',
    });
    expect(rules.postHeaders(call(), { sessionId: 's1', protocolVersion: '2025-03-26' })).not.toHaveProperty(
      'mcp-protocol-version',
    );
    expect(rules.sessionHeaders({ sessionId: 's1', protocolVersion: '2025-11-25' })).toEqual({
      'mcp-session-id': 's1',
      'mcp-protocol-version': '2025-11-25',
    });
  });

  it('a 2026-07-28 request carries its own metadata headers and no session', () => {
    const h = rules.postHeaders(call({ 'io.modelcontextprotocol/protocolVersion': '2026-07-28' }), {
      sessionId: 's1',
      protocolVersion: '2025-11-25',
    });
    expect(h).toMatchObject({
      'mcp-protocol-version': '2026-07-28',
      'mcp-method': 'tools/call',
      'mcp-name': `=?base64?${Buffer.from('slow é').toString('base64')}?=`,
    });
    expect(h).not.toHaveProperty('mcp-session-id');
  });

  it('a 2026-07-28 tasks/get, tasks/update or tasks/cancel names its task in Mcp-Name (TASKX-HTTP-MCP-NAME)', () => {
    const meta = { 'io.modelcontextprotocol/protocolVersion': '2026-07-28' };
    for (const method of ['tasks/get', 'tasks/update', 'tasks/cancel']) {
      const msg = { jsonrpc: '2.0', id: 4, method, params: { taskId: 'task-7', _meta: meta } };
      expect(rules.postHeaders(msg, { sessionId: null, protocolVersion: null })).toMatchObject({
        'mcp-method': method,
        'mcp-name': 'task-7',
      });
    }
  });

  it('initialize assigns the session and negotiates the version; initialized opens the GET stream', () => {
    const init = { jsonrpc: '2.0', id: 1, method: 'initialize', params: {} };
    expect(rules.assignsSession(init)).toBe(true);
    expect(rules.assignsSession(call())).toBe(false);
    expect(
      rules.negotiatedVersion(init, { jsonrpc: '2.0', id: 1, result: { protocolVersion: '2025-06-18' } }),
    ).toBe('2025-06-18');
    expect(
      rules.negotiatedVersion(call(), { jsonrpc: '2.0', id: 3, result: { protocolVersion: 'x' } }),
    ).toBeNull();
    expect(rules.opensGetStream({ jsonrpc: '2.0', method: 'notifications/initialized' })).toBe(true);
    expect(rules.opensGetStream(init)).toBe(false);
  });
});
