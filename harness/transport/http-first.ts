// What the first HTTP answers of a channel say about the target before any MCP message: an
// unreachable URL, a wrong path, an endpoint that is not MCP, or a server that never answers. Each is
// one line for the user (exit 3); null when the answers look like a Streamable HTTP endpoint.

import { classify } from '../jsonrpc/message.js';
import type { Json } from '../model/protocol.js';
import type { HttpOutcome } from './http-outcome.js';

/** Connection failures that mean nothing is listening, or the connection broke. */
export const CONNECTION_ERRORS =
  /ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|ENETUNREACH|EAI_AGAIN|ECONNRESET|UND_ERR_SOCKET/;

/** The problem with the first POSTs of a channel, or null. */
export function firstAnswerProblem(
  url: string,
  firstMs: number,
  posts: { json: Json | undefined; outcome: HttpOutcome | null }[],
): string | null {
  for (const { json, outcome } of posts) {
    if (outcome?.error && CONNECTION_ERRORS.test(outcome.error) && outcome.status === null)
      return `cannot reach ${url}: ${outcome.error}; expected a running Streamable HTTP MCP server there`;
    if (classify(json) !== 'request') continue;
    if (outcome === null)
      return `${url} accepted the connection but sent no HTTP answer within ${firstMs} ms; expected a Streamable HTTP MCP endpoint`;
    const ct = outcome.contentType;
    // A 404 with a JSON body may be a modern server's "method not found": the body then speaks.
    if (outcome.status === 404 && !ct.includes('json'))
      return `a POST to ${url} got HTTP 404 Not Found; expected the MCP endpoint there (is the path right?)`;
    if (
      outcome.status !== null &&
      outcome.status >= 200 &&
      outcome.status < 300 &&
      !ct.includes('json') &&
      !ct.includes('text/event-stream')
    )
      return `a POST to ${url} got HTTP ${outcome.status} ${ct || '(no content type)'}; expected JSON or an SSE stream from a Streamable HTTP MCP endpoint`;
  }
  return null;
}
