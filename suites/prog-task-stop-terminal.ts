// PROG-TASK-STOP-TERMINAL: progress for a task stops once it is terminal. The task runs with a progress
// token; after its first progress it is cancelled with tasks/cancel; once the answer says `cancelled`,
// no progress for the token may follow (stdio is ordered: a progress written before the answer arrives
// before it). Evidence: the task's status history, and any progress after the tasks/cancel answer.

import { defineRule, isProgressFor, type Outcome } from '../harness/api.js';
import { askTask, createTask, noteHistory, TASK_REVISIONS, taskUnfit } from './lib/tasks.js';

export default defineRule({
  id: 'PROG-TASK-STOP-TERMINAL',
  title: 'Progress for a task stops once it is terminal',
  keyword: 'MUST',
  quote:
    'Progress notifications for tasks **MUST** stop after the task reaches a terminal status (`completed`, `failed`, or `cancelled`)',
  page: 'tasks',
  anchor: 'task-progress-notifications',
  revisions: TASK_REVISIONS,
  transports: ['stdio'],
  needs: ['taskTool', 'taskCancel'],
  session: 'initialized',
  expected:
    'no notifications/progress for the task’s token after the tasks/cancel answer that says "cancelled"',
  async run(ctx): Promise<Outcome> {
    const d = ctx.discovery;
    if (d.tasks?.tool?.name === d.slowTool?.name && d.slowTool && !d.slowTool.progress)
      return {
        kind: 'untestable',
        summary: `needs a task that reports progress, but the task tool ${d.slowTool.name} sent none in the probe; name one that does with --task-tool <name> --task-args <json>`,
      };
    const call = await createTask(ctx);
    const unfit = taskUnfit(ctx, call);
    if (unfit) return unfit;
    const first = await ctx.waitFor((e) => isProgressFor(e, call.token), ctx.budgets.long, call.fromSeq);
    if (!first)
      return {
        kind: 'untestable',
        summary: `the task sent no progress for its token within ${ctx.budgets.long} ms, so the wire cannot show it stop; name a task tool that reports progress with --task-tool <name> --task-args <json>`,
      };
    const cancel = await askTask(ctx, 'tasks/cancel', call.taskId);
    if (cancel.status !== 'cancelled' || !cancel.event)
      return {
        kind: 'inconclusive',
        summary: `tasks/cancel did not cancel the task (${cancel.status ?? cancel.code}); see TASK-CANCEL-TRANSITION`,
      };
    const from = cancel.event.seq + 1;
    await ctx.watch(ctx.silenceMs, 'for progress of the cancelled task');
    noteHistory(ctx, call.taskId, call.fromSeq);
    const late = ctx.serverMessages(from).filter((e) => isProgressFor(e, call.token));
    if (late.length === 0)
      return {
        kind: 'pass',
        summary: `no progress for the task in ${Math.round(ctx.silenceMs)} ms after it was cancelled`,
      };
    const after = Math.round((late[0]?.t ?? 0) - cancel.event.t);
    return {
      kind: 'violation',
      summary: `${late.length} progress notification(s) for the cancelled task, the first ${after} ms after the tasks/cancel answer`,
      expected: 'no progress after the task reached status "cancelled"',
      actual: `${late.length} after the answer`,
      evidence: [cancel.event, ...late.slice(0, 3)],
    };
  },
});
