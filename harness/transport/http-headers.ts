// HTTP headers of Streamable HTTP requests: the request metadata headers of 2026-07-28
// (MCP-Protocol-Version, Mcp-Method, Mcp-Name with the Base64 sentinel) and reading response headers.

import { methodOf } from '../jsonrpc/message.js';
import { isJsonObject, type Json } from '../model/protocol.js';

/** The revision a modern request names in `params._meta` (2026-07-28), if any. */
export function modernVersionOf(json: Json | undefined): string | undefined {
  const params = isJsonObject(json) && isJsonObject(json.params) ? json.params : undefined;
  const meta = params && isJsonObject(params._meta) ? params._meta : undefined;
  const version = meta?.['io.modelcontextprotocol/protocolVersion'];
  return typeof version === 'string' ? version : undefined;
}

/** The request metadata headers of 2026-07-28: version, method, and the tool (or resource, prompt) name. */
export function modernHeaders(json: Json | undefined, version: string): Record<string, string> {
  const h: Record<string, string> = {
    'content-type': 'application/json',
    accept: 'application/json, text/event-stream',
    'mcp-protocol-version': version,
  };
  const method = methodOf(json);
  if (method) h['mcp-method'] = method;
  const params = isJsonObject(json) && isJsonObject(json.params) ? json.params : {};
  const name = method === 'resources/read' ? params.uri : params.name;
  if (['tools/call', 'resources/read', 'prompts/get'].includes(method ?? '') && typeof name === 'string')
    h['mcp-name'] = headerSafe(name) ? name : `=?base64?${Buffer.from(name).toString('base64')}?=`;
  return h;
}

/** Whether a value can go into a header as it is: visible ASCII, inner spaces, not the Base64 sentinel. */
function headerSafe(v: string): boolean {
  return /^[\x21-\x7e]([\x20-\x7e]*[\x21-\x7e])?$/.test(v) && !/^=\?base64\?.*\?=$/.test(v);
}

export function headerOf(v: string | string[] | undefined): string {
  return Array.isArray(v) ? (v[0] ?? '') : (v ?? '');
}
