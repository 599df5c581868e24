// What MCP asks of a Streamable HTTP client beyond moving messages, in one place: which headers a POST
// carries (the session id and negotiated version of 2025-03-26 … 2025-11-25, or the request metadata
// headers of 2026-07-28 that a request's own `_meta` names), which answer assigns the session, which
// answer negotiates the version, and when the standalone GET stream opens. The HTTP transport
// (harness/transport/http.ts) moves bytes and asks these rules; it knows no MCP method by name.

import { methodOf } from '../jsonrpc/message.js';
import { isJsonObject, type Json } from '../model/protocol.js';

// The request metadata headers of 2026-07-28: MCP-Protocol-Version, Mcp-Method, and Mcp-Name (with
// the Base64 sentinel for a name a header cannot carry as it is).
/** The revision a modern request names in `params._meta` (2026-07-28), if any. */
function modernVersionOf(json: Json | undefined): string | undefined {
  const params = isJsonObject(json) && isJsonObject(json.params) ? json.params : undefined;
  const meta = params && isJsonObject(params._meta) ? params._meta : undefined;
  const version = meta?.['io.modelcontextprotocol/protocolVersion'];
  return typeof version === 'string' ? version : undefined;
}

/** The request metadata headers of 2026-07-28: version, method, and the tool (or resource, prompt) name. */
function modernHeaders(json: Json | undefined, version: string): Record<string, string> {
  const h: Record<string, string> = {
    'content-type': 'application/json',
    accept: 'application/json, text/event-stream',
    'mcp-protocol-version': version,
  };
  const method = methodOf(json);
  if (method) h['mcp-method'] = method;
  const params = isJsonObject(json) && isJsonObject(json.params) ? json.params : {};
  // The tasks extension: "When `tasks/get`, `tasks/update`, or `tasks/cancel` is sent over the
  // Streamable HTTP transport, the client **MUST** set the `Mcp-Name` header … to the value of
  // `params.taskId`" (TASKX-HTTP-MCP-NAME, a rule the suite keeps as a client).
  const byTask = ['tasks/get', 'tasks/update', 'tasks/cancel'].includes(method ?? '');
  const name = byTask ? params.taskId : method === 'resources/read' ? params.uri : params.name;
  if (
    (byTask || ['tools/call', 'resources/read', 'prompts/get'].includes(method ?? '')) &&
    typeof name === 'string'
  )
    h['mcp-name'] = headerSafe(name) ? name : `=?base64?${Buffer.from(name).toString('base64')}?=`;
  return h;
}

/** Whether a value can go into a header as it is: visible ASCII, inner spaces, not the Base64 sentinel. */
function headerSafe(v: string): boolean {
  return /^[\x21-\x7e]([\x20-\x7e]*[\x21-\x7e])?$/.test(v) && !/^=\?base64\?.*\?=$/.test(v);
}

/** What the HTTP transport knows of the session it carries, for the rules to read. */
export interface HttpSessionState {
  sessionId: string | null;
  /** The version the session negotiated (from the initialize result), once it did. */
  protocolVersion: string | null;
}

export interface HttpMcpRules {
  /** The headers of a POST carrying `json` (a message, or undefined for raw text). */
  postHeaders(json: Json | undefined, session: HttpSessionState): Record<string, string>;
  /** The headers of a GET (the standalone stream, a resumption) and of the closing DELETE. */
  sessionHeaders(session: HttpSessionState): Record<string, string>;
  /** Whether an accepted answer to `json` may assign the session (its Mcp-Session-Id). */
  assignsSession(json: Json | undefined): boolean;
  /** The version a response to `request` negotiates, or null when it negotiates none. */
  negotiatedVersion(request: Json | undefined, response: Json): string | null;
  /** Whether the standalone GET stream opens once `json` was accepted. */
  opensGetStream(json: Json | undefined): boolean;
}

/** The rules of the MCP revisions this suite tests. */
export const MCP_HTTP_RULES: HttpMcpRules = {
  postHeaders(json, session) {
    // A 2026-07-28 request names its revision in `_meta`; its headers say so, and it has no session.
    const version = modernVersionOf(json);
    if (version) return modernHeaders(json, version);
    return {
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      ...MCP_HTTP_RULES.sessionHeaders(session),
    };
  },
  sessionHeaders(session) {
    const h: Record<string, string> = {};
    if (session.sessionId) h['mcp-session-id'] = session.sessionId;
    // MCP-Protocol-Version on every request after the handshake, from 2025-06-18 on.
    if (session.protocolVersion && session.protocolVersion >= '2025-06-18')
      h['mcp-protocol-version'] = session.protocolVersion;
    return h;
  },
  // A session is assigned "on the HTTP response containing the InitializeResult".
  assignsSession: (json) => methodOf(json) === 'initialize',
  negotiatedVersion(request, response) {
    if (methodOf(request) !== 'initialize' || !isJsonObject(response)) return null;
    const result = response.result;
    return isJsonObject(result) && typeof result.protocolVersion === 'string' ? result.protocolVersion : null;
  },
  opensGetStream: (json) => methodOf(json) === 'notifications/initialized',
};
