// TASKX-CANCEL-EVENTUAL: tasks extension (2026-07-28). After the acknowledgement of tasks/cancel a
// task may stay working for a while, and may end in another terminal status: any status is
// conformant. Reported, never failed: cancelled at the first tasks/get after the ack is a pass; using
// the permission (still working, or ending completed or failed) is info. The time from the ack to the
// first `cancelled` is the metric cancelledAfterMs. Evidence: the status history over a silence window.

import { defineRule, type Outcome } from '../harness/api.js';
import { INVALID_PARAMS, noteHistory, pollTask, TASKX_REVISIONS, TERMINAL } from './lib/tasks.js';
import { answerText, cancelWorkingTask } from './lib/taskx.js';

const EXPECTED = 'any status after the ack; how long the task took to show "cancelled" is reported';

export default defineRule({
  id: 'TASKX-CANCEL-EVENTUAL',
  title: 'Cancellation of a task is eventually consistent',
  keyword: 'MAY',
  quote:
    "Cancellation processing is _eventually consistent_ — the task's observable status **MAY** remain `working` (or some other non-terminal status) after the ack, and **MAY** ultimately reach a terminal status other than `cancelled` if the work finished before cancellation could take effect.",
  page: 'ext-tasks',
  anchor: 'task-cancellation',
  revisions: TASKX_REVISIONS,
  transports: ['stdio', 'http'],
  needs: ['taskExtension', 'taskExtensionTool'],
  session: 'initialized',
  expected: EXPECTED,
  async run(ctx): Promise<Outcome> {
    const flow = await cancelWorkingTask(ctx);
    if ('kind' in flow) return flow;
    const { call, cancel } = flow;
    const ackAt = cancel.event?.t ?? cancel.req.sentAt;
    const polls = await pollTask(
      ctx,
      call,
      (a) => a.code !== null || (a.status !== null && TERMINAL.includes(a.status)),
      ctx.silenceMs,
    );
    noteHistory(ctx, call.taskId, call.fromSeq);
    const last = polls[polls.length - 1];
    if (!last?.event) return { kind: 'inconclusive', summary: 'a tasks/get after the ack got no answer' };
    const afterMs = Math.round(last.event.t - ackAt);
    if (last.code === INVALID_PARAMS)
      return {
        kind: 'inconclusive',
        summary: `the task was gone (tasks/get: -32602) ${afterMs} ms after the ack before any terminal status was seen`,
      };
    const working = polls.filter((a) => a.status !== null && !TERMINAL.includes(a.status)).length;
    if (last.status === 'cancelled' && working === 0)
      return {
        kind: 'pass',
        summary: `the first tasks/get after the ack said "cancelled" (${afterMs} ms after the ack)`,
        metrics: { cancelledAfterMs: afterMs },
      };
    const actual =
      last.status === 'cancelled'
        ? `"${polls[0]?.status}" for ${working} tasks/get after the ack, "cancelled" ${afterMs} ms after it`
        : last.status && TERMINAL.includes(last.status)
          ? `"${last.status}" ${afterMs} ms after the ack, not "cancelled"`
          : `still ${answerText(last)} ${afterMs} ms after the ack`;
    return {
      kind: 'violation',
      summary: `the task used the latitude of eventual cancellation: ${actual}`,
      expected: EXPECTED,
      actual,
      metrics: last.status === 'cancelled' ? { cancelledAfterMs: afterMs } : { watchedMs: afterMs },
      evidence: [cancel.event, last.event].filter((e) => e !== null),
    };
  },
});
