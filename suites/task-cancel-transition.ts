// TASK-CANCEL-TRANSITION: tasks/cancel of a working task answers with the task in status `cancelled`,
// and a tasks/get right after says `cancelled` (or -32602: the server may delete cancelled tasks).
// Evidence: the status history of the task (tasks/get before, the tasks/cancel answer, tasks/get after).

import { defineRule, type Outcome } from '../harness/api.js';
import {
  askTask,
  createTask,
  INVALID_PARAMS,
  noteHistory,
  running,
  TASK_REVISIONS,
  taskUnfit,
} from './lib/tasks.js';

const EXPECTED =
  'the tasks/cancel answer is the task in status "cancelled"; a tasks/get right after says "cancelled" (or -32602 once deleted)';

export default defineRule({
  id: 'TASK-CANCEL-TRANSITION',
  title: 'tasks/cancel moves the task to cancelled before answering',
  keyword: 'MUST',
  quote:
    'Upon receiving a valid cancellation request, receivers **SHOULD** attempt to stop the task execution and **MUST** transition the task to `cancelled` status before sending the response.',
  page: 'tasks',
  anchor: 'task-cancellation',
  revisions: TASK_REVISIONS,
  transports: ['stdio', 'http'],
  needs: ['taskTool', 'taskCancel'],
  session: 'initialized',
  expected: EXPECTED,
  async run(ctx): Promise<Outcome> {
    const call = await createTask(ctx);
    const unfit = taskUnfit(ctx, call);
    if (unfit) return unfit;
    const before = await askTask(ctx, 'tasks/get', call.taskId);
    if (!running(before.status))
      return {
        kind: 'inconclusive',
        summary: `the task was not running before the cancel (tasks/get: ${before.status ?? before.code})`,
      };
    const cancel = await askTask(ctx, 'tasks/cancel', call.taskId);
    const after = await askTask(ctx, 'tasks/get', call.taskId);
    const history = noteHistory(ctx, call.taskId, call.fromSeq);
    const evidence = [before.event, cancel.event, after.event].filter((e) => e !== null);
    // A task that reached another terminal status between the two requests leaves nothing to cancel.
    const endedFirst = history.find(
      (s) => s.event.seq < (cancel.event?.seq ?? Infinity) && ['completed', 'failed'].includes(s.status),
    );
    if (endedFirst)
      return {
        kind: 'inconclusive',
        summary: `the task was ${endedFirst.status} before the cancel reached it`,
        evidence: [endedFirst.event],
      };
    const problems: string[] = [];
    if (cancel.status !== 'cancelled')
      problems.push(
        `tasks/cancel of the working task answered ${cancel.status ? `status "${cancel.status}"` : cancel.code !== null ? `error ${cancel.code}` : 'nothing'}`,
      );
    if (after.status !== 'cancelled' && after.code !== INVALID_PARAMS)
      problems.push(
        `tasks/get right after the cancel answered ${after.status ? `status "${after.status}"` : after.code !== null ? `error ${after.code}` : 'nothing'}`,
      );
    if (problems.length > 0)
      return {
        kind: 'violation',
        summary: problems.join('; '),
        expected: EXPECTED,
        actual: problems.join('; '),
        evidence,
      };
    return {
      kind: 'pass',
      summary: `tasks/cancel answered "cancelled"; tasks/get right after: ${after.status ?? `error ${after.code} (deleted)`}`,
      metrics: { cancelMs: Math.round((cancel.event?.t ?? 0) - cancel.req.sentAt) },
    };
  },
});
