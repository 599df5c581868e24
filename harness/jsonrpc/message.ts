// Reading JSON-RPC messages off the wire: which of the four kinds a parsed value is, and the fields
// rules ask about (id, method, progress token). Pure functions over parsed JSON.

import { isJsonObject, type Json, type JsonObject, type MessageKind } from '../model/protocol.js';

/** Classifies a parsed JSON value as a JSON-RPC message kind (shape only; schemas judge the rest). */
export function classify(m: Json | undefined): MessageKind {
  if (!isJsonObject(m)) return 'invalid';
  const hasId = 'id' in m;
  if (typeof m.method === 'string') return hasId ? 'request' : 'notification';
  if (hasId && 'result' in m && !('error' in m)) return 'response';
  if (hasId && 'error' in m && !('result' in m)) return 'error';
  return 'invalid';
}

/** True for result and error responses. */
export function isResponse(m: Json | undefined): m is JsonObject {
  const k = classify(m);
  return k === 'response' || k === 'error';
}

/** The `id` member of a message, or undefined when it has none. */
export function idOf(m: Json | undefined): Json | undefined {
  return isJsonObject(m) && 'id' in m ? m.id : undefined;
}

/** The `method` of a request or notification. */
export function methodOf(m: Json | undefined): string | undefined {
  return isJsonObject(m) && typeof m.method === 'string' ? m.method : undefined;
}

/** `params` of a message when it is an object. */
export function paramsOf(m: Json | undefined): JsonObject | undefined {
  return isJsonObject(m) && isJsonObject(m.params) ? m.params : undefined;
}

/** The progress token and value of a `notifications/progress`, or undefined for anything else. */
export function progressOf(
  m: Json | undefined,
): { token: Json | undefined; progress: Json | undefined } | undefined {
  if (methodOf(m) !== 'notifications/progress' || classify(m) !== 'notification') return undefined;
  const p = paramsOf(m);
  return { token: p?.progressToken, progress: p?.progress };
}

/** Short one-line rendering of a message for summaries ("error -32601 Method not found for id 7"). */
export function describeMessage(m: Json | undefined): string {
  const kind = classify(m);
  const id = JSON.stringify(idOf(m));
  if (kind === 'response') return `result for id ${id}`;
  if (kind === 'error' && isJsonObject(m) && isJsonObject(m.error)) {
    return `error ${JSON.stringify(m.error.code)} ${JSON.stringify(m.error.message)} for id ${id}`;
  }
  if (kind === 'request') return `request ${methodOf(m)} (id ${id})`;
  if (kind === 'notification') return `notification ${methodOf(m)}`;
  return `invalid message ${JSON.stringify(m).slice(0, 120)}`;
}
