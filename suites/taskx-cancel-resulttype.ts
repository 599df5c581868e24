// TASKX-CANCEL-RESULTTYPE: tasks extension (2026-07-28). The acknowledgement of tasks/cancel says
// `resultType: "complete"`. Evidence: the task's status history and the tasks/cancel answer.

import { defineRule, type Outcome } from '../harness/api.js';
import { askTask, noteHistory, TASKX_REVISIONS } from './lib/tasks.js';
import { answerText, cancelWorkingTask, resultOf } from './lib/taskx.js';

export default defineRule({
  id: 'TASKX-CANCEL-RESULTTYPE',
  title: 'The tasks/cancel acknowledgement says resultType "complete"',
  keyword: 'MUST',
  quote:
    'The `resultType` field **MUST** be set to `"complete"` on `CancelTaskResult` as it is the standard result shape for the `tasks/cancel` request.',
  page: 'ext-tasks',
  anchor: 'task-cancellation',
  revisions: TASKX_REVISIONS,
  transports: ['stdio', 'http'],
  needs: ['taskExtension', 'taskExtensionTool'],
  session: 'initialized',
  expected: 'the result of tasks/cancel carries "resultType": "complete"',
  async run(ctx): Promise<Outcome> {
    const flow = await cancelWorkingTask(ctx);
    if ('kind' in flow) return flow;
    const { call, cancel } = flow;
    // The status after the ack, for the history beside the cancel (any status may follow it).
    await askTask(ctx, 'tasks/get', call.taskId);
    noteHistory(ctx, call.taskId, call.fromSeq);
    const ack = resultOf(cancel);
    if (!ack)
      return {
        kind: 'inconclusive',
        summary: `tasks/cancel was answered with ${answerText(cancel)}, so there is no CancelTaskResult to read (see TASKX-CANCEL-ACK)`,
        evidence: cancel.event ? [cancel.event] : [],
      };
    if (ack.resultType === 'complete')
      return { kind: 'pass', summary: 'the tasks/cancel acknowledgement says "resultType": "complete"' };
    const actual = 'resultType' in ack ? `"resultType": ${JSON.stringify(ack.resultType)}` : 'no resultType';
    return {
      kind: 'violation',
      summary: `the tasks/cancel acknowledgement has ${actual}: ${JSON.stringify(ack).slice(0, 120)}`,
      expected: '"resultType": "complete"',
      actual,
      evidence: cancel.event ? [cancel.event] : [],
    };
  },
});
