// TASKX-CANCEL-ACK: tasks extension (2026-07-28). tasks/cancel of a working task is acknowledged with
// an empty result (`resultType` and `_meta` at most); a tasks/cancel naming a task id the server never
// gave should get a JSON-RPC error. Evidence: the task's status history, both answers.

import { defineRule, type Outcome } from '../harness/api.js';
import { askTask, noteHistory, TASKX_REVISIONS } from './lib/tasks.js';
import { answerText, beyondEmpty, cancelWorkingTask, resultOf, UNKNOWN_TASK } from './lib/taskx.js';

const EXPECTED =
  'tasks/cancel of the working task answers an empty result ({"resultType":"complete"}, optional _meta); tasks/cancel of an unknown task id answers a JSON-RPC error';

export default defineRule({
  id: 'TASKX-CANCEL-ACK',
  title: 'tasks/cancel is acknowledged with an empty result; an unknown task id with an error',
  keyword: 'MUST',
  quote:
    'On success, the server **MUST** acknowledge the request with an empty result. Servers **SHOULD** return a JSON-RPC error if the `taskId` does not correspond to a known task.',
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
    const unknown = await askTask(ctx, 'tasks/cancel', UNKNOWN_TASK);
    // The status after the ack, for the history beside the cancel (any status may follow it).
    await askTask(ctx, 'tasks/get', call.taskId);
    noteHistory(ctx, call.taskId, call.fromSeq);
    const ack = resultOf(cancel);
    // The server is "only obligated to acknowledge the request": an error for a working task is none.
    const extra = ack ? beyondEmpty(ack) : [];
    if (!ack || extra.length > 0)
      return {
        kind: 'violation',
        summary: ack
          ? `tasks/cancel of the working task was acknowledged with a result that is not empty: it also carries ${extra.join(', ')}`
          : `tasks/cancel of the working task was answered with ${answerText(cancel)}, not an acknowledgement`,
        expected: EXPECTED,
        actual: answerText(cancel),
        evidence: cancel.event ? [cancel.event] : [],
      };
    if (!unknown.event)
      return {
        kind: 'inconclusive',
        summary: `tasks/cancel of the unknown task id ${JSON.stringify(UNKNOWN_TASK)} got no answer within ${ctx.budgets.long} ms`,
      };
    if (unknown.code === null)
      return {
        kind: 'violation',
        keyword: 'SHOULD',
        requirement:
          'Servers **SHOULD** return a JSON-RPC error if the `taskId` does not correspond to a known task.',
        summary: `tasks/cancel of the unknown task id ${JSON.stringify(UNKNOWN_TASK)} was answered with success (${answerText(unknown)}) instead of a JSON-RPC error`,
        expected: 'a JSON-RPC error (-32602 per §Error Handling) for the unknown task id',
        actual: answerText(unknown),
        evidence: [unknown.event],
      };
    return {
      kind: 'pass',
      summary: `tasks/cancel acknowledged with ${JSON.stringify(ack)}; the unknown task id got error ${unknown.code}`,
      metrics: { ackMs: Math.round((cancel.event?.t ?? 0) - cancel.req.sentAt) },
    };
  },
});
