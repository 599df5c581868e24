// CANCEL-TASKS-USE-TASKS-CANCEL, seen from the server: a task is cancelled with tasks/cancel, never
// with notifications/cancelled. Once the CreateTaskResult is sent the original tools/call is complete,
// so a notifications/cancelled naming its id is a cancel of an already completed request, which
// "SHOULD be ignored" (CANCEL-IGNORE-INVALID; RULES.md §1.3: expected ignored, the task keeps running).
// Evidence: the cancel, the ordering ping, and the task's status history (and progress) after it.

import { defineRule, isProgressFor, type Outcome } from '../harness/api.js';
import { askTask, createTask, noteHistory, running, TASK_REVISIONS, taskUnfit } from './lib/tasks.js';

const IGNORE_COMPLETED =
  'Invalid cancellation notifications **SHOULD** be ignored: - Unknown request IDs - Already completed requests - Malformed notifications';

export default defineRule({
  id: 'CANCEL-TASKS-USE-TASKS-CANCEL',
  title: 'A task is not cancelled by notifications/cancelled',
  keyword: 'MUST',
  quote:
    'For [task-augmented requests](./tasks), the `tasks/cancel` request **MUST** be used instead of the `notifications/cancelled` notification. Tasks have their own dedicated cancellation mechanism that returns the final task state.',
  page: 'cancellation',
  anchor: 'behavior-requirements',
  revisions: TASK_REVISIONS,
  transports: ['stdio', 'http'],
  needs: ['taskTool'],
  session: 'initialized',
  expected:
    'a notifications/cancelled naming the task-augmented tools/call after its CreateTaskResult is ignored: the task keeps running',
  async run(ctx): Promise<Outcome> {
    const call = await createTask(ctx);
    const unfit = taskUnfit(ctx, call);
    if (unfit) return unfit;
    ctx.note('the suite breaks the requestor’s MUST on purpose: what the server does with it is judged');
    const from = ctx.position();
    await ctx.cancel(call.req.id, 'mcc: a notifications/cancelled for a completed task-augmented request');
    const pong = await ctx.alive();
    const progress =
      ctx.discovery.tasks?.tool?.name === ctx.discovery.slowTool?.name && ctx.discovery.slowTool?.progress;
    const more = progress
      ? await ctx.waitFor((e) => isProgressFor(e, call.token), ctx.silenceMs, ctx.position())
      : null;
    const after = await askTask(ctx, 'tasks/get', call.taskId);
    const history = noteHistory(ctx, call.taskId, call.fromSeq);
    const changed = history.find((s) => s.event.seq >= from && !running(s.status));
    if (changed || !running(after.status)) {
      const what = changed
        ? `${changed.status} (${changed.via} #${changed.event.seq})`
        : `${after.status ?? `error ${after.code}`}`;
      return {
        kind: 'violation',
        // The server side is unspecified by this sentence; RULES.md §1.3 and TASK-CREATE-RESULT place it
        // under CANCEL-IGNORE-INVALID's "Already completed requests", a SHOULD.
        keyword: 'SHOULD',
        requirement: IGNORE_COMPLETED,
        summary: `a notifications/cancelled naming the completed tools/call ${JSON.stringify(call.req.id)} made its task ${what}`,
        expected: 'the cancel ignored and the task still working',
        actual: history.map((s) => s.status).join(' → '),
        evidence: [...(changed ? [changed.event] : []), ...(after.event ? [after.event] : [])],
      };
    }
    if (!pong.ok)
      return {
        kind: 'inconclusive',
        summary: 'the server did not answer the ordering ping after the cancel',
      };
    return {
      kind: 'pass',
      summary: `the task stayed ${after.status} after a notifications/cancelled for its tools/call${more ? ', and its progress went on' : ''}`,
    };
  },
});
