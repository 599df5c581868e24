// TASKX-MISSING-CAPABILITY: tasks extension (2026-07-28). tasks/get and tasks/cancel from a client
// that does not declare the extension are refused with -32021 (Missing Required Client Capability).
// With a task tool, a real task is created (declaring the extension) and named, so "unknown task" is no
// excuse; without one, a made-up id is named, and -32602 for it proves nothing either way
// (inconclusive). Evidence: the answers to the undeclared requests, and the task's status history.

import { defineRule, type Outcome } from '../harness/api.js';
import {
  askTask,
  clientTasksMeta,
  createTask,
  INVALID_PARAMS,
  noteHistory,
  TASKX_REVISIONS,
  taskUnfit,
  type TaskAnswer,
} from './lib/tasks.js';
import { answerText, MISSING_CAPABILITY, UNKNOWN_TASK } from './lib/taskx.js';

export default defineRule({
  id: 'TASKX-MISSING-CAPABILITY',
  title: 'tasks/get and tasks/cancel from a client without the extension get -32021',
  keyword: 'MUST',
  quote:
    'Servers **MUST** return this error for non-declaring clients issuing `tasks/get`, `tasks/update`, and `tasks/cancel` requests.',
  page: 'ext-tasks',
  anchor: 'protocol-errors',
  revisions: TASKX_REVISIONS,
  transports: ['stdio', 'http'],
  needs: ['taskExtension'],
  session: 'initialized',
  expected:
    'error -32021 for tasks/get and tasks/cancel whose client capabilities do not declare the tasks extension',
  async run(ctx): Promise<Outcome> {
    // A real task when there is a task tool that makes one; else a made-up id.
    const call = ctx.discovery.tasksExtension?.tool ? await createTask(ctx) : null;
    const real = call !== null && taskUnfit(ctx, call) === null;
    const taskId = real && call ? call.taskId : UNKNOWN_TASK;
    ctx.note(
      `asking about ${real ? 'the real' : 'a made-up'} task ${JSON.stringify(taskId)} without declaring the tasks extension`,
    );
    const undeclared = clientTasksMeta(false);
    const answers: [string, TaskAnswer][] = [
      ['tasks/get', await askTask(ctx, 'tasks/get', taskId, undeclared)],
      ['tasks/cancel', await askTask(ctx, 'tasks/cancel', taskId, undeclared)],
    ];
    if (real && call) {
      await askTask(ctx, 'tasks/cancel', taskId);
      noteHistory(ctx, call.taskId, call.fromSeq);
    }
    if (answers.some(([, a]) => !a.event))
      return {
        kind: 'inconclusive',
        summary: ctx.crashed()
          ? ctx.describeCrash()
          : `a request without the declaration got no answer within ${ctx.budgets.long} ms`,
      };
    const wrong = answers.filter(([, a]) => a.code !== MISSING_CAPABILITY);
    if (wrong.length === 0)
      return {
        kind: 'pass',
        summary: `tasks/get and tasks/cancel without the declaration: -32021 each (${real ? 'a real task' : 'a made-up task id'})`,
      };
    const what = wrong.map(
      ([m, a]) => `${m} answered ${a.code === null ? `with success (${answerText(a)})` : answerText(a)}`,
    );
    // For a made-up id, "no such task" may come first: which error wins is not said.
    if (!real && wrong.every(([, a]) => a.code === INVALID_PARAMS))
      return {
        kind: 'inconclusive',
        summary: `${what.join('; ')} for the made-up task id: an unknown task may be refused first; name a tool the server runs as a task with --task-tool <name> --task-args <json> so a real task is named`,
      };
    return {
      kind: 'violation',
      summary: `without the tasks extension declared: ${what.join('; ')}`,
      expected: 'error -32021 (Missing Required Client Capability) for each',
      actual: what.join('; '),
      evidence: wrong.flatMap(([, a]) => (a.event ? [a.event] : [])),
    };
  },
});
