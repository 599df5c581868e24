// TASKX-CANCELLED-GET: tasks extension (2026-07-28). Once tasks/get has said a task is `cancelled`,
// every later tasks/get answers a Task object (taskId, status, createdAt, lastUpdatedAt, ttlMs) with
// status `cancelled`: a cancelled task is terminal, so its status stays cancelled (or the task is
// gone: -32602, as a server need not keep tasks). A working task is cancelled, tasks/get is polled until
// it says `cancelled`, then for a silence window more. Evidence: the status history, the first answer
// after `cancelled` that is not a cancelled Task.

import { defineRule, type Outcome } from '../harness/api.js';
import {
  INVALID_PARAMS,
  noteHistory,
  pollTask,
  TASKX_REVISIONS,
  TERMINAL,
  type TaskAnswer,
} from './lib/tasks.js';
import { answerText, cancelWorkingTask, resultOf } from './lib/taskx.js';

/** What keeps an answer from being a Task object in status cancelled for `taskId`, or null. */
function notCancelledTask(a: TaskAnswer, taskId: string): string | null {
  if (a.code === INVALID_PARAMS) return null;
  const r = resultOf(a);
  if (!r || r.status !== 'cancelled' || r.taskId !== taskId) return answerText(a);
  const missing = ['createdAt', 'lastUpdatedAt'].filter((k) => typeof r[k] !== 'string');
  if (!(typeof r.ttlMs === 'number' || r.ttlMs === null)) missing.push('ttlMs');
  return missing.length > 0 ? `a "cancelled" result that is no Task: it lacks ${missing.join(', ')}` : null;
}

export default defineRule({
  id: 'TASKX-CANCELLED-GET',
  title: 'tasks/get of a cancelled task answers a Task with status cancelled',
  keyword: 'MUST',
  quote: 'If the status is `cancelled`, the server **MUST** return a `Task` object with status `cancelled`.',
  page: 'ext-tasks',
  anchor: 'task-polling',
  revisions: TASKX_REVISIONS,
  transports: ['stdio', 'http'],
  needs: ['taskExtension', 'taskExtensionTool'],
  session: 'initialized',
  expected:
    'once tasks/get says "cancelled", every later tasks/get answers a Task object in status "cancelled" (or -32602: deleted)',
  async run(ctx): Promise<Outcome> {
    const flow = await cancelWorkingTask(ctx);
    if ('kind' in flow) return flow;
    const { call } = flow;
    const until = await pollTask(
      ctx,
      call,
      (a) => a.status !== null && TERMINAL.includes(a.status),
      ctx.silenceMs,
    );
    const first = until.find((a) => a.status === 'cancelled');
    if (!first?.event) {
      noteHistory(ctx, call.taskId, call.fromSeq);
      const last = until[until.length - 1];
      return {
        kind: 'inconclusive',
        summary: `tasks/get never said "cancelled" within ${Math.round(ctx.silenceMs)} ms of the cancel (last: ${last ? answerText(last) : 'nothing'}), so there was no cancelled status to check (the server may take its time or let the work finish: TASKX-CANCEL-EVENTUAL)`,
      };
    }
    const shape = notCancelledTask(first, call.taskId);
    const later = shape
      ? []
      : await pollTask(
          ctx,
          call,
          (a) => notCancelledTask(a, call.taskId) !== null || a.code !== null,
          ctx.silenceMs,
        );
    noteHistory(ctx, call.taskId, call.fromSeq);
    const bad = shape ? first : later.find((a) => a.event && notCancelledTask(a, call.taskId) !== null);
    if (bad?.event) {
      const what = notCancelledTask(bad, call.taskId) ?? '';
      const afterMs = Math.round(bad.event.t - first.event.t);
      return {
        kind: 'violation',
        summary:
          bad === first
            ? `tasks/get of the cancelled task answered ${what}`
            : `tasks/get said "cancelled", then ${afterMs} ms later answered ${what}`,
        expected: 'a Task object in status "cancelled" for as long as the task exists',
        actual: what,
        evidence: [first.event, bad.event],
      };
    }
    const last = later[later.length - 1];
    if (!last?.event)
      return { kind: 'inconclusive', summary: 'a tasks/get of the cancelled task got no answer' };
    const gone = last.code === INVALID_PARAMS ? ' (then deleted: -32602)' : '';
    return {
      kind: 'pass',
      summary: `tasks/get answered the Task in status "cancelled" ${later.length + 1} times over ${Math.round(last.event.t - first.event.t)} ms${gone}`,
    };
  },
});
