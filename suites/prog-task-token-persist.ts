// PROG-TASK-TOKEN-PERSIST: the progress token of a task-augmented request stays the task's after the
// CreateTaskResult, until the task is terminal. The task tool is called as a task with token T; every
// progress the working task sends after its CreateTaskResult, until it is terminal (cancelled with
// tasks/cancel), must carry T. The session has no other request with a progress token outstanding, so
// progress with another token is the task's. Shares its observation with PROG-TASK-SAME-TOKEN
// (suites/lib/task-progress.ts).

import { defineRule, type Outcome } from '../harness/api.js';
import { taskProgressToken } from './lib/task-progress.js';
import { TASK_REVISIONS } from './lib/tasks.js';

export default defineRule({
  id: 'PROG-TASK-TOKEN-PERSIST',
  title: 'A task keeps its progress token after the CreateTaskResult',
  keyword: 'MUST',
  quote:
    "For [task-augmented requests](./tasks), the `progressToken` provided in the original request **MUST** continue to be used for progress notifications throughout the task's lifetime, even after the `CreateTaskResult` has been returned. The progress token remains valid and associated with the task until the task reaches a terminal status.",
  page: 'progress',
  anchor: 'behavior-requirements',
  revisions: TASK_REVISIONS,
  transports: ['stdio'],
  needs: ['taskTool', 'taskCancel'],
  session: 'initialized',
  expected:
    'after the CreateTaskResult and until the task is terminal, every notifications/progress of the task carries the progressToken of the original request',
  run: (ctx): Promise<Outcome> => taskProgressToken(ctx),
});
