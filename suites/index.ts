// Every rule of the suite, in the order reports list them.

import type { RuleSpec } from '../harness/api.js';
import cancelNoResponse from './cancel-no-response.js';
import cancelRecvStopProcessing from './cancel-recv-stop-processing.js';
import cancelRecvFreeResources from './cancel-recv-free-resources.js';
import cancelIgnoreInvalid from './cancel-ignore-invalid.js';
import rpcNotifNoResponse from './rpc-notif-no-response.js';
import cancelRaceGraceful from './cancel-race-graceful.js';
import cancelInitUncancellable from './cancel-init-uncancellable.js';
import cancelSenderIgnoreLateResponse from './cancel-sender-ignore-late-response.js';
import progMonotonic from './prog-monotonic.js';
import progStopAfterCompletion from './prog-stop-after-completion.js';
import progActiveTokenOnly from './prog-active-token-only.js';
import stdioStdoutOnlyMcp from './stdio-stdout-only-mcp.js';
import pingRespondPromptly from './ping-respond-promptly.js';
import msgSchemaValid from './msg-schema-valid.js';
import rpcRespSameId from './rpc-resp-same-id.js';
import httpNotif202 from './http-notif-202.js';
import httpDisconnectNotCancel from './http-disconnect-not-cancel.js';
import httpCancelExplicit from './http-cancel-explicit.js';
import httpSseRelated from './http-sse-related.js';
import httpNoBroadcast from './http-no-broadcast.js';
import cancel26HttpDisconnectIsCancel from './cancel26-http-disconnect-is-cancel.js';
import http26NoCancelNotifExpected from './http26-no-cancel-notif-expected.js';
import http26NotifRelated from './http26-notif-related.js';
import cancel26NoFurtherMessages from './cancel26-no-further-messages.js';
import cancel26ServerNoOtherUse from './cancel26-server-no-other-use.js';
import cancel26ServerSubscriptionTeardown from './cancel26-server-subscription-teardown.js';
import cancelTasksUseTasksCancel from './cancel-tasks-use-tasks-cancel.js';
import taskCreateResult from './task-create-result.js';
import taskCancelTransition from './task-cancel-transition.js';
import taskCancelTerminalReject from './task-cancel-terminal-reject.js';
import taskCancelSticky from './task-cancel-sticky.js';
import taskTerminalFinal from './task-terminal-final.js';
import taskCancelDeleteMay from './task-cancel-delete-may.js';
import taskInvalidId from './task-invalid-id.js';
import taskRelatedMetaCancel from './task-related-meta-cancel.js';
import taskResultBlocks from './task-result-blocks.js';
import taskNoCapabilityNormal from './task-no-capability-normal.js';
import progTaskSameToken from './prog-task-same-token.js';
import progTaskTokenPersist from './prog-task-token-persist.js';
import progTaskStopTerminal from './prog-task-stop-terminal.js';
import taskxCancelAck from './taskx-cancel-ack.js';
import taskxCancelResulttype from './taskx-cancel-resulttype.js';
import taskxCancelledGet from './taskx-cancelled-get.js';
import taskxCancelEventual from './taskx-cancel-eventual.js';
import taskxMissingCapability from './taskx-missing-capability.js';
import taskxNoProgress from './taskx-no-progress.js';
import cancelStopLatency from './cancel-stop-latency.js';

/** Every rule, in report order: cancellation first (the 2026-07-28 ones after the legacy ones, then
 *  the 2025-11-25 task rules and the tasks extension's), then progress, transports (stdio, Streamable HTTP), liveness and schema, then the rules only
 *  exploration judges, and last the measurement over the others' results. The CLI, reports, bench and
 *  exploration read this list. */
export const CATALOG: readonly RuleSpec[] = [
  cancelNoResponse,
  cancelRecvStopProcessing,
  cancelRecvFreeResources,
  cancelIgnoreInvalid,
  rpcNotifNoResponse,
  cancelRaceGraceful,
  cancelInitUncancellable,
  cancelSenderIgnoreLateResponse,
  cancel26NoFurtherMessages,
  cancel26ServerNoOtherUse,
  cancel26ServerSubscriptionTeardown,
  cancel26HttpDisconnectIsCancel,
  // Tasks (2025-11-25): the one cancellation rule of §1.3, then §9.1.
  cancelTasksUseTasksCancel,
  taskCreateResult,
  taskCancelTransition,
  taskCancelTerminalReject,
  taskCancelSticky,
  taskTerminalFinal,
  taskCancelDeleteMay,
  taskInvalidId,
  taskRelatedMetaCancel,
  taskResultBlocks,
  taskNoCapabilityNormal,
  // The tasks extension io.modelcontextprotocol/tasks (2026-07-28), RULES.md §9.2: the rules that bind
  // the server. TASKX-NO-CANCELLED-NOTIF, TASKX-CANCEL-CLIENT-STATE and TASKX-HTTP-MCP-NAME bind the
  // client: like every client-binding sentence (CANCEL-NO-INITIALIZE, TIMEOUT-…) they are not server
  // checks; the suite keeps them as a client (tasks/cancel only; Mcp-Name: harness/session/http-rules.ts).
  taskxCancelAck,
  taskxCancelResulttype,
  taskxCancelledGet,
  taskxCancelEventual,
  taskxMissingCapability,
  taskxNoProgress,
  progMonotonic,
  progStopAfterCompletion,
  progActiveTokenOnly,
  progTaskSameToken,
  progTaskTokenPersist,
  progTaskStopTerminal,
  stdioStdoutOnlyMcp,
  httpNotif202,
  httpDisconnectNotCancel,
  httpCancelExplicit,
  httpSseRelated,
  httpNoBroadcast,
  http26NoCancelNotifExpected,
  http26NotifRelated,
  pingRespondPromptly,
  msgSchemaValid,
  rpcRespSameId,
  // The suite's own measurement over the other results (INFORMATIVE: information, never a verdict).
  cancelStopLatency,
];

export { INVARIANTS } from './invariants/index.js';

/** The rules the runner runs: every rule with a scripted check, and the measurements it makes over their results. */
export const RULES: readonly RuleSpec[] = CATALOG.filter((r) => r.judgedBy !== 'exploration');
