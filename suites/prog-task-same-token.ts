// PROG-TASK-SAME-TOKEN: a task's progress uses the progress token of the task-augmented request that
// made it. The task tool is called as a task with token T; every progress the working task sends after
// its CreateTaskResult, until it is terminal (cancelled with tasks/cancel), must carry T. The session has
// no other request with a progress token outstanding, so progress with another token is the task's.
// Shares its observation with PROG-TASK-TOKEN-PERSIST (suites/lib/task-progress.ts).

import { defineRule, type Outcome } from '../harness/api.js';
import { taskProgressToken } from './lib/task-progress.js';
import { TASK_REVISIONS } from './lib/tasks.js';

export default defineRule({
  id: 'PROG-TASK-SAME-TOKEN',
  title: 'Progress for a task uses the token of the request that made it',
  keyword: 'MUST',
  quote:
    'Progress notifications for tasks **MUST** use the same `progressToken` that was provided in the initial task-augmented request',
  page: 'tasks',
  anchor: 'task-progress-notifications',
  revisions: TASK_REVISIONS,
  transports: ['stdio'],
  needs: ['taskTool', 'taskCancel'],
  session: 'initialized',
  expected:
    'every notifications/progress of the working task carries the progressToken of its task-augmented tools/call',
  run: (ctx): Promise<Outcome> => taskProgressToken(ctx),
});
