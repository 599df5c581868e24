// TASK-CREATE-RESULT: a task-augmented tools/call is answered with a CreateTaskResult, promptly.
// Evidence: the answer to the call (its `task`: taskId, status) and how long after the call it came.

import { classify, defineRule, describeMessage, type Outcome } from '../harness/api.js';
import { createTask, noteHistory, TASK_REVISIONS } from './lib/tasks.js';

export default defineRule({
  id: 'TASK-CREATE-RESULT',
  title: 'A task-augmented request is answered with CreateTaskResult',
  keyword: 'MUST',
  quote:
    'Receivers that accept a task-augmented request **MUST** return a `CreateTaskResult` as the response. This result **SHOULD** be returned as soon as possible after accepting the task.',
  page: 'tasks',
  anchor: 'task-support-and-handling',
  revisions: TASK_REVISIONS,
  transports: ['stdio', 'http'],
  needs: ['taskTool'],
  session: 'initialized',
  expected:
    'a CreateTaskResult ({ task: { taskId, status, … } }) as the answer to tools/call with `task`, within the prompt budget',
  async run(ctx): Promise<Outcome> {
    const call = await createTask(ctx);
    if (!call.answer)
      return ctx.crashed()
        ? { kind: 'inconclusive', summary: ctx.describeCrash() }
        : {
            kind: 'violation',
            summary: `no answer to the task-augmented tools/call within ${ctx.budgets.long} ms`,
            expected: 'a CreateTaskResult as soon as possible after accepting the task',
            actual: `nothing within ${ctx.budgets.long} ms`,
          };
    const tookMs = Math.round(call.answer.t - call.req.sentAt);
    const metrics = { createMs: tookMs };
    // The sentence binds receivers that accept the task: an error answer is a refusal, not a violation.
    if (classify(call.answer.message) === 'error')
      return {
        kind: 'inconclusive',
        summary: `the server did not accept the task-augmented tools/call (${describeMessage(call.answer.message)}); is ${ctx.discovery.tasks?.tool?.name} a tool that may run as a task?`,
        metrics,
        evidence: [call.answer],
      };
    if (!call.task) {
      return {
        kind: 'violation',
        summary: `answered the task-augmented tools/call with ${describeMessage(call.answer.message)}, not a CreateTaskResult`,
        expected: 'a CreateTaskResult: { task: { taskId, status, createdAt, lastUpdatedAt, ttl } }',
        actual: describeMessage(call.answer.message),
        metrics,
        evidence: [call.answer],
      };
    }
    noteHistory(ctx, call.taskId, call.fromSeq);
    // The SHOULD half: "as soon as possible" is judged against the prompt budget (a ping's bound).
    if (tookMs > ctx.budgets.prompt)
      return {
        kind: 'violation',
        keyword: 'SHOULD',
        summary: `the CreateTaskResult came ${tookMs} ms after the call`,
        expected: `a CreateTaskResult within ${ctx.budgets.prompt} ms of the call`,
        actual: `${tookMs} ms`,
        metrics,
        evidence: [call.answer],
      };
    return {
      kind: 'pass',
      summary: `a CreateTaskResult for task ${JSON.stringify(call.taskId)} (${call.status}) ${tookMs} ms after the call`,
      metrics,
    };
  },
});
