// The tasks extension `io.modelcontextprotocol/tasks` (SEP-2663, used with 2026-07-28) as the TASKX
// rules drive it, on top of lib/tasks.ts (one way of creating a task, asking about it and showing its
// status history): a working task cancelled with tasks/cancel, and what an acknowledgement holds.

import { isJsonObject, type JsonObject, type Outcome, type RuleContext } from '../../harness/api.js';
import { askTask, createTask, running, taskUnfit, type TaskAnswer, type TaskCall } from './tasks.js';

/** -32021 Missing Required Client Capability (ext-tasks §Error Handling). */
export const MISSING_CAPABILITY = -32021;
/** A task id no server gave. */
export const UNKNOWN_TASK = 'mcc-x-no-such-task';

/** A working task and the answer to its tasks/cancel. */
export interface CancelledTask {
  call: TaskCall;
  /** tasks/get right before the cancel: the task was seen working. */
  before: TaskAnswer;
  cancel: TaskAnswer;
}

/**
 * Creates a long-running task, sees it working with tasks/get and cancels it with tasks/cancel; an
 * outcome instead when no working task came of the call or the cancel got no answer.
 */
export async function cancelWorkingTask(ctx: RuleContext): Promise<CancelledTask | Outcome> {
  const call = await createTask(ctx);
  const unfit = taskUnfit(ctx, call);
  if (unfit) return unfit;
  const before = await askTask(ctx, 'tasks/get', call.taskId);
  if (!running(before.status))
    return {
      kind: 'inconclusive',
      summary: `the task was not working before the cancel (tasks/get: ${before.status ?? (before.code !== null ? `error ${before.code}` : 'no answer')})`,
    };
  const cancel = await askTask(ctx, 'tasks/cancel', call.taskId);
  if (!cancel.event)
    return {
      kind: 'inconclusive',
      summary: ctx.crashed()
        ? ctx.describeCrash()
        : `tasks/cancel got no answer within ${ctx.budgets.long} ms`,
    };
  return { call, before, cancel };
}

/** The success result of an answer, or null (an error, or no answer). */
export function resultOf(a: TaskAnswer): JsonObject | null {
  const m = a.event?.message;
  return isJsonObject(m) && isJsonObject(m.result) ? m.result : null;
}

/** The members of a result beyond what an empty one may carry (`resultType`, `_meta`). */
export function beyondEmpty(result: JsonObject): string[] {
  return Object.keys(result).filter((k) => k !== 'resultType' && k !== '_meta');
}

/** How an answer reads in a summary: a status, an error code, a result, or nothing. */
export function answerText(a: TaskAnswer): string {
  if (a.status) return `the task in status "${a.status}"`;
  if (a.code !== null) return `error ${a.code}`;
  const r = resultOf(a);
  return r ? `the result ${JSON.stringify(r).slice(0, 120)}` : 'nothing';
}
