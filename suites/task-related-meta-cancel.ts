// TASK-RELATED-META-CANCEL: tasks/cancel names its task with `taskId`; related-task metadata naming
// another task is ignored. Two working tasks A and B; tasks/cancel { taskId: A, _meta: related-task B }
// must cancel A and leave B running. Evidence: both tasks' status histories around the cancel.

import { defineRule, type Outcome } from '../harness/api.js';
import {
  askTask,
  createTask,
  INVALID_PARAMS,
  noteHistory,
  RELATED_TASK,
  running,
  TASK_REVISIONS,
  taskUnfit,
} from './lib/tasks.js';

const EXPECTED =
  'task A (named by taskId) cancelled, task B (named only in related-task metadata) still running';

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
    if (cancel.status !== 'cancelled' || (getA.status !== 'cancelled' && getA.code !== INVALID_PARAMS))
      problems.push(
        `task A was not cancelled (tasks/cancel: ${cancel.status ?? cancel.code}; tasks/get: ${getA.status ?? getA.code})`,
      );
    if (!running(getB.status))
      problems.push(
        `task B, named only in the related-task metadata, is ${getB.status ?? `error ${getB.code}`}`,
      );
    if (problems.length === 0)
      return {
        kind: 'pass',
        summary: 'tasks/cancel cancelled the task its taskId named and left the one in its metadata running',
      };
    return {
      kind: 'violation',
      summary: problems.join('; '),
      expected: EXPECTED,
      actual: problems.join('; '),
      evidence: [cancel.event, getA.event, getB.event].filter((e) => e !== null),
    };
  },
});
