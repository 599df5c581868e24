// TASKX-NO-PROGRESS: tasks extension (2026-07-28). No notifications/progress and no
// notifications/message for a task. The task is created by a tools/call that carries a progress token;
// from its CreateTaskResult on, tasks/get is polled for a silence window, then the task is cancelled and
// the reply window watched. Any progress for the call's token after the CreateTaskResult, or a
// notifications/message naming the task (related-task metadata), is progress or logging for the task.
// Evidence: the status history and those notifications. stdio only: over Streamable HTTP the call's
// stream ends with its CreateTaskResult, so nothing later can show on it.

import {
  defineRule,
  isJsonObject,
  isProgressFor,
  methodOf,
  paramsOf,
  type Outcome,
  type TranscriptEvent,
} from '../harness/api.js';
import {
  askTask,
  createTask,
  noteHistory,
  pollTask,
  RELATED_TASK,
  TASKX_REVISIONS,
  TERMINAL,
  taskUnfit,
} from './lib/tasks.js';

/** Is this a notifications/message whose metadata names the task? */
function isLogFor(e: TranscriptEvent, taskId: string): boolean {
  if (e.dir !== 'server' || methodOf(e.message) !== 'notifications/message') return false;
  const meta = paramsOf(e.message)?._meta;
  const related = isJsonObject(meta) ? meta[RELATED_TASK] : undefined;
  return isJsonObject(related) && related.taskId === taskId;
}

export default defineRule({
  id: 'TASKX-NO-PROGRESS',
  title: 'No progress or log notifications for a task',
  keyword: 'MUST NOT',
  quote:
    '`notifications/progress` and `notifications/message` notifications **MUST NOT** be sent on the `subscriptions/listen` stream for a task, and are not supported on tasks in general in this specification.',
  page: 'ext-tasks',
  anchor: 'task-status-notifications',
  revisions: TASKX_REVISIONS,
  transports: ['stdio'],
  needs: ['taskExtension', 'taskExtensionTool'],
  session: 'initialized',
  expected:
    'no notifications/progress for the task call’s token and no notifications/message naming the task after its CreateTaskResult',
  async run(ctx): Promise<Outcome> {
    const call = await createTask(ctx);
    const unfit = taskUnfit(ctx, call);
    if (unfit) return unfit;
    const created = call.answer?.seq ?? call.fromSeq;
    ctx.note(
      `watching task ${JSON.stringify(call.taskId)} for ${Math.round(ctx.silenceMs)} ms for progress or log notifications`,
    );
    await pollTask(ctx, call, (a) => a.status !== null && TERMINAL.includes(a.status), ctx.silenceMs);
    await askTask(ctx, 'tasks/cancel', call.taskId);
    await ctx.watch(ctx.replyWindowMs, 'for progress or log notifications after the tasks/cancel');
    noteHistory(ctx, call.taskId, call.fromSeq);
    const sent = ctx
      .serverMessages(created + 1)
      .filter((e) => isProgressFor(e, call.token) || isLogFor(e, call.taskId));
    if (sent.length === 0)
      return {
        kind: 'pass',
        summary: `no progress or log notification for the task in ${Math.round(ctx.silenceMs)} ms of its work and the tasks/cancel after it`,
      };
    const progress = sent.filter((e) => isProgressFor(e, call.token)).length;
    const actual = `${progress} notifications/progress for token ${JSON.stringify(call.token)} and ${sent.length - progress} notifications/message naming the task after its CreateTaskResult`;
    return {
      kind: 'violation',
      summary: `${actual}, the first ${Math.round((sent[0]?.t ?? 0) - (call.answer?.t ?? 0))} ms after it`,
      expected: 'no progress or log notification for the task',
      actual,
      evidence: [...(call.answer ? [call.answer] : []), ...sent.slice(0, 3)],
    };
  },
});
