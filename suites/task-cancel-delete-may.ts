// TASK-CANCEL-DELETE-MAY: a receiver may delete a cancelled task at any time. Reported, never failed:
// after tasks/cancel, tasks/get answers the task in status `cancelled` (kept: pass) or -32602 (deleted:
// info, the permission used, so a requestor knows to read what it needs before cancelling).
// Evidence: the task's status history and the tasks/get answers over the silence window.

import { defineRule, type Outcome } from '../harness/api.js';
import {
  askTask,
  createTask,
  INVALID_PARAMS,
  noteHistory,
  pollTask,
  TASK_REVISIONS,
  taskUnfit,
} from './lib/tasks.js';

export default defineRule({
  id: 'TASK-CANCEL-DELETE-MAY',
  title: 'A cancelled task may be deleted',
  keyword: 'MAY',
  quote:
    'The `tasks/cancel` operation does not define deletion behavior. However, receivers **MAY** delete cancelled tasks at their discretion at any time, including immediately after cancellation or after the task `ttl` expires.',
  page: 'tasks',
  anchor: 'task-cancellation',
  revisions: TASK_REVISIONS,
  transports: ['stdio', 'http'],
  needs: ['taskTool', 'taskCancel'],
  session: 'initialized',
  expected:
    'after tasks/cancel, tasks/get answers the cancelled task or -32602 (deleted); which one is reported',
  async run(ctx): Promise<Outcome> {
    const call = await createTask(ctx);
    const unfit = taskUnfit(ctx, call);
    if (unfit) return unfit;
    const cancel = await askTask(ctx, 'tasks/cancel', call.taskId);
    if (cancel.status !== 'cancelled')
      return {
        kind: 'inconclusive',
        summary: `tasks/cancel did not cancel the task (${cancel.status ?? `error ${cancel.code}`}); see TASK-CANCEL-TRANSITION`,
      };
    const polls = await pollTask(ctx, call, (a) => a.status !== 'cancelled', ctx.silenceMs);
    noteHistory(ctx, call.taskId, call.fromSeq);
    const deleted = polls.find((a) => a.code === INVALID_PARAMS);
    if (deleted) {
      const afterMs = Math.round((deleted.event?.t ?? 0) - (cancel.event?.t ?? 0));
      return {
        kind: 'violation',
        summary: `the cancelled task was deleted: tasks/get answered -32602 ${afterMs} ms after the cancel (a receiver may do so)`,
        expected: 'the cancelled task kept, or deleted at the receiver’s discretion',
        actual: `deleted ${afterMs} ms after the cancel`,
        metrics: { deletedAfterMs: afterMs },
        evidence: [cancel.event, deleted.event].filter((e) => e !== null),
      };
    }
    const last = polls[polls.length - 1];
    if (last?.status !== 'cancelled')
      return {
        kind: 'inconclusive',
        summary: `tasks/get after the cancel answered ${last?.status ?? last?.code ?? 'nothing'}, neither the cancelled task nor -32602`,
      };
    return {
      kind: 'pass',
      summary: `the cancelled task was kept: tasks/get answered "cancelled" for ${Math.round(ctx.silenceMs)} ms`,
    };
  },
});
