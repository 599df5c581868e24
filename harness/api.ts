// The whole harness surface a rule file may use (suites/ imports nothing else from the harness).

import { Peer } from './jsonrpc/peer.js';
import type { Json, JsonObject } from './model/protocol.js';

export { defineRule, specUrl } from './rule.js';
export type { HttpSide, Need, Outcome, RuleContext, RuleSpec, SlowOptions, SpecPage } from './rule.js';
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
export type { ProcessSample, SampleEvent, TranscriptEvent } from './model/transcript.js';
export type { ProcessSide } from './session/process-side.js';
export {
  LEGACY_REVISIONS,
  MODERN_REVISIONS,
  REVISIONS,
  isJsonObject,
  isModern,
  sameId,
} from './model/protocol.js';
export type { Json, JsonObject, Keyword, RequestId, Revision } from './model/protocol.js';
export { defineInvariant } from './explore/invariant.js';
export type { Break, InvariantSpec, Violation } from './explore/invariant.js';
export type { CancelRecord, Execution, RequestRecord } from './explore/execution.js';
export type { Discovery } from './model/report.js';
export { describeStopLatencies, STOP_LATENCY_RULE, stopLatencies } from './model/latency.js';
export { validateServerMessage } from './schema/index.js';
export { META_CLIENT_CAPABILITIES } from './session/era.js';
export { TASKS_EXTENSION } from './session/discovery.js';
export { telling } from './context.js';
/** The notifications/cancelled message for `requestId` (to write it with other messages in one go). */
export const cancelMessage = (requestId: Json, reason?: string): JsonObject =>
  Peer.cancelMessage(requestId, reason);
export type { HttpOutcome } from './transport/http.js';
