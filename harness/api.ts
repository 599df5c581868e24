// The whole harness surface a rule file may use (suites/ imports nothing else from the harness).

export { defineRule, specUrl } from './rule.js';
export type { Need, Outcome, RuleContext, RuleSpec, SlowOptions, SpecPage } from './rule.js';
export { Peer } from './jsonrpc/peer.js';
export type { PendingRequest } from './jsonrpc/peer.js';
export {
  classify,
  describeMessage,
  idOf,
  isResponse,
  methodOf,
  paramsOf,
  progressOf,
} from './jsonrpc/message.js';
export { isProgressFor, isResponseFor } from './session/slow.js';
export type { CancelObservation, SlowCall } from './session/slow.js';
export type { TranscriptEvent } from './model/transcript.js';
export {
  LEGACY_REVISIONS,
  MODERN_REVISIONS,
  REVISIONS,
  isJsonObject,
  isModern,
  sameId,
} from './model/protocol.js';
export type { Json, JsonObject, Keyword, RequestId, Revision } from './model/protocol.js';
export { validateServerMessage } from './schema/index.js';
export { telling } from './context.js';
export { httpOf } from './transport/http.js';
export type { HttpChannel, HttpOutcome } from './transport/http.js';
