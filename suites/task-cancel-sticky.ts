// TASK-CANCEL-STICKY: a cancelled task stays `cancelled`, also past the time its work would have
// completed. A short run is created as a task and cancelled at once; tasks/get is polled (and every
// notifications/tasks/status read) past twice that run's measured time and the silence window.
// Evidence: the task's status history; any status after `cancelled` other than `cancelled`.

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
  id: 'TASK-CANCEL-STICKY',
  title: 'A cancelled task stays cancelled',
  keyword: 'MUST',
  quote:
    'Once a task is cancelled, it **MUST** remain in `cancelled` status even if execution continues to completion or fails.',
  page: 'tasks',
  anchor: 'task-cancellation',
  revisions: TASK_REVISIONS,
  transports: ['stdio', 'http'],
  needs: ['taskTool', 'taskCancel', 'taskShortRun'],
  session: 'initialized',
  expected: 'every status the task is given after its cancel is "cancelled" (or it is deleted: -32602)',
  async run(ctx): Promise<Outcome> {
    const call = await createTask(ctx, 'short');
    const unfit = taskUnfit(ctx, call);
    if (unfit) return unfit;
    const cancel = await askTask(ctx, 'tasks/cancel', call.taskId);
    if (cancel.status !== 'cancelled')
      return {
        kind: 'inconclusive',
        summary: `the short task could not be cancelled (${cancel.status ?? `error ${cancel.code}`}): it may have completed first`,
      };
    // Past the work's natural end: twice the short run the probe measured, and a silence window.
    const shortMs = ctx.discovery.slowTool?.shortRunMs ?? ctx.budgets.prompt;
    const watchMs = Math.max(ctx.silenceMs, 2 * shortMs + ctx.silenceMs);
    ctx.note(
      `polling task ${JSON.stringify(call.taskId)} for ${Math.round(watchMs)} ms, past the short run's ${Math.round(shortMs)} ms`,
    );
    const polls = await pollTask(ctx, call, (a) => a.status !== 'cancelled', watchMs);
    const history = noteHistory(ctx, call.taskId, call.fromSeq);
    const cancelSeq = cancel.event?.seq ?? Infinity;
    const moved = history.find((s) => s.event.seq > cancelSeq && s.status !== 'cancelled');
    if (moved)
      return {
        kind: 'violation',
        summary: `the cancelled task was later given status "${moved.status}" (${moved.via} #${moved.event.seq})`,
        expected: 'status "cancelled" from the cancel on',
        actual: history.map((s) => s.status).join(' → '),
        evidence: [cancel.event, moved.event].filter((e) => e !== null),
      };
    const last = polls[polls.length - 1];
    if (!last?.event)
      return {
        kind: 'inconclusive',
        summary: 'a tasks/get of the cancelled task got no answer, so its status was not seen to the end',
      };
    const gone = last?.code === INVALID_PARAMS ? ' (then deleted: -32602)' : '';
    return {
      kind: 'pass',
      summary: `the task stayed "cancelled" through ${polls.length} polls over ${Math.round(watchMs)} ms${gone}`,
    };
  },
});
