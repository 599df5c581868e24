// TASK-INVALID-ID: tasks/get, tasks/result and tasks/cancel (where offered) for a task id the server
// never gave are answered with the JSON-RPC error -32602. Evidence: each answer.

import { defineRule, type Outcome } from '../harness/api.js';
import { askTask, INVALID_PARAMS, TASK_REVISIONS, type TaskAnswer } from './lib/tasks.js';

const UNKNOWN = 'mcc-x-no-such-task';

export default defineRule({
  id: 'TASK-INVALID-ID',
  title: 'An unknown task id is rejected with -32602',
  keyword: 'MUST',
  quote:
    'Receivers **MUST** return standard JSON-RPC errors for the following protocol error cases: - Invalid or nonexistent `taskId` in `tasks/get`, `tasks/result`, or `tasks/cancel`: `-32602` (Invalid params)',
  page: 'tasks',
  anchor: 'protocol-errors',
  revisions: TASK_REVISIONS,
  transports: ['stdio', 'http'],
  needs: ['tasks'],
  session: 'initialized',
  expected: `error -32602 for tasks/get, tasks/result and tasks/cancel of the unknown task id "${UNKNOWN}"`,
  async run(ctx): Promise<Outcome> {
    const methods: ('tasks/get' | 'tasks/result' | 'tasks/cancel')[] = [
      'tasks/get',
      'tasks/result',
      ...(ctx.discovery.tasks?.cancel ? (['tasks/cancel'] as const) : []),
    ];
    const answers: [string, TaskAnswer][] = [];
    for (const m of methods) answers.push([m, await askTask(ctx, m, UNKNOWN)]);
    if (ctx.crashed()) return { kind: 'inconclusive', summary: ctx.describeCrash() };
    const wrong = answers.filter(([, a]) => a.code !== INVALID_PARAMS);
    if (wrong.length === 0)
      return { kind: 'pass', summary: `${methods.join(', ')} of an unknown task id: -32602 each` };
    const what = wrong.map(
      ([m, a]) =>
        `${m} answered ${a.code !== null ? `error ${a.code}` : a.event ? 'with success' : 'nothing'}`,
    );
    return {
      kind: 'violation',
      summary: `for the unknown task id: ${what.join('; ')}`,
      expected: 'error -32602 (Invalid params) for each',
      actual: what.join('; '),
      evidence: wrong.flatMap(([, a]) => (a.event ? [a.event] : [])),
    };
  },
});
