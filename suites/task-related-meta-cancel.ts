// TASK-RELATED-META-CANCEL: tasks/cancel names its task with `taskId`; related-task metadata naming
// another task is ignored. Two working tasks A and B; tasks/cancel { taskId: A, _meta: related-task B }
// must cancel A and leave B running. A tasks/cancel left unanswered is judged beside the same request
// without the metadata (for B): answered, it shows the metadata changed how the server handled the
// request. What A's status does after an accepted cancel is for TASK-CANCEL-TRANSITION and
// TASK-CANCEL-STICKY. Evidence: both tasks' status histories around the cancel.

import { defineRule, describeMessage, type Outcome } from '../harness/api.js';
import {
  askTask,
  createTask,
  INVALID_PARAMS,
  noteHistory,
  RELATED_TASK,
  running,
  TASK_REVISIONS,
  taskUnfit,
  type TaskAnswer,
} from './lib/tasks.js';

const EXPECTED =
  'task A (named by taskId) cancelled, task B (named only in related-task metadata) still running';
const said = (a: TaskAnswer, task: 'A' | 'B') =>
  a.status !== null
    ? `task ${task} in status "${a.status}"`
    : a.code !== null
      ? `error ${a.code}`
      : a.event
        ? describeMessage(a.event.message)
        : 'nothing';

export default defineRule({
  id: 'TASK-RELATED-META-CANCEL',
  title: 'tasks/cancel follows taskId, not related-task metadata',
  keyword: 'MUST',
  quote:
    'For the `tasks/get`, `tasks/result`, and `tasks/cancel` operations, the `taskId` parameter in the request **MUST** be used as the source of truth for identifying the target task. Requestors **SHOULD NOT** include `io.modelcontextprotocol/related-task` metadata in these requests, and receivers **MUST** ignore such metadata if present in favor of the RPC method parameter.',
  page: 'tasks',
  anchor: 'associating-task-related-messages',
  revisions: TASK_REVISIONS,
  transports: ['stdio', 'http'],
  needs: ['taskTool', 'taskCancel'],
  session: 'initialized',
  expected: EXPECTED,
  async run(ctx): Promise<Outcome> {
    const a = await createTask(ctx);
    const b = await createTask(ctx);
    const unfit = taskUnfit(ctx, a) ?? taskUnfit(ctx, b);
    if (unfit) return unfit;
    ctx.note('the suite breaks the requestor’s SHOULD NOT on purpose: the receiver’s MUST is what is judged');
    const cancel = await askTask(ctx, 'tasks/cancel', a.taskId, { [RELATED_TASK]: { taskId: b.taskId } });
    const getA = await askTask(ctx, 'tasks/get', a.taskId);
    const getB = await askTask(ctx, 'tasks/get', b.taskId);
    noteHistory(ctx, a.taskId, a.fromSeq);
    noteHistory(ctx, b.taskId, b.fromSeq);
    const problems: string[] = [];
    const evidence = [cancel.event, getA.event, getB.event];
    const aNow = getA.status ?? (getA.code !== null ? `error ${getA.code}` : 'no answer');
    if (!cancel.event) {
      // No answer is evidence only beside an answer: the same request without the metadata (for B,
      // already judged above) shows whether the server answers tasks/cancel at all.
      const control = await askTask(ctx, 'tasks/cancel', b.taskId);
      if (!control.event)
        return {
          kind: 'inconclusive',
          summary: `neither tasks/cancel was answered within ${ctx.budgets.long} ms, with the related-task metadata or without it; see TASK-CANCEL-TRANSITION`,
        };
      evidence.push(control.event);
      problems.push(
        `tasks/cancel of task A carrying related-task metadata for task B got no answer within ${ctx.budgets.long} ms, while the same request for B without the metadata was answered (${said(control, 'B')}); tasks/get then showed A ${aNow}`,
      );
    } else if (cancel.status !== 'cancelled')
      problems.push(`tasks/cancel naming task A (metadata: task B) answered ${said(cancel, 'A')}`);
    if (!running(getB.status))
      problems.push(
        `task B, named only in the related-task metadata, is ${getB.status ?? `error ${getB.code}`}`,
      );
    if (problems.length === 0 && running(getA.status))
      return {
        kind: 'inconclusive',
        summary: `tasks/cancel answered task A cancelled, but tasks/get then showed A ${aNow}: the cancel stopped neither task, so which one it was meant for cannot be seen; see TASK-CANCEL-TRANSITION`,
      };
    if (problems.length === 0) {
      // The cancel acted on A; what A's status does afterwards is judged by TASK-CANCEL-TRANSITION and
      // TASK-CANCEL-STICKY, not here.
      const later =
        getA.status === 'cancelled' || getA.code === INVALID_PARAMS
          ? ''
          : ` (tasks/get then showed A ${aNow}: see TASK-CANCEL-TRANSITION and TASK-CANCEL-STICKY)`;
      return {
        kind: 'pass',
        summary: `tasks/cancel cancelled the task its taskId named and left the one in its metadata running${later}`,
      };
    }
    return {
      kind: 'violation',
      summary: problems.join('; '),
      expected: EXPECTED,
      actual: problems.join('; '),
      evidence: evidence.filter((e) => e !== null),
    };
  },
});
