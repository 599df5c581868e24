// TASK-CANCEL-TERMINAL-REJECT: tasks/cancel of a task already in a terminal status is rejected with
// -32602. Two terminal tasks: one cancelled (a second tasks/cancel), and, when a short run of the task
// tool is known, one completed. Evidence: each task's status history and the rejected (or accepted) cancel.

import { defineRule, type Outcome, type TranscriptEvent } from '../harness/api.js';
import {
  askTask,
  createTask,
  INVALID_PARAMS,
  noteHistory,
  pollTask,
  TASK_REVISIONS,
  taskUnfit,
  TERMINAL,
  type TaskAnswer,
} from './lib/tasks.js';

const EXPECTED = 'error -32602 (Invalid params) for tasks/cancel of a completed, failed or cancelled task';
const said = (a: TaskAnswer) =>
  a.status !== null ? `a task in status "${a.status}"` : a.code !== null ? `error ${a.code}` : 'nothing';

export default defineRule({
  id: 'TASK-CANCEL-TERMINAL-REJECT',
  title: 'tasks/cancel of a terminal task is rejected with -32602',
  keyword: 'MUST',
  quote:
    'Receivers **MUST** reject cancellation requests for tasks already in a terminal status (`completed`, `failed`, or `cancelled`) with error code `-32602` (Invalid params).',
  page: 'tasks',
  anchor: 'task-cancellation',
  revisions: TASK_REVISIONS,
  transports: ['stdio', 'http'],
  needs: ['taskTool', 'taskCancel'],
  session: 'initialized',
  expected: EXPECTED,
  async run(ctx): Promise<Outcome> {
    const problems: { what: string; evidence: TranscriptEvent[] }[] = [];
    const judged: string[] = [];
    const call = await createTask(ctx);
    const unfit = taskUnfit(ctx, call);
    if (unfit) return unfit;
    const first = await askTask(ctx, 'tasks/cancel', call.taskId);
    if (first.status !== 'cancelled')
      return {
        kind: 'inconclusive',
        summary: `the first tasks/cancel did not cancel the task (${said(first)}); see TASK-CANCEL-TRANSITION`,
      };
    const again = await askTask(ctx, 'tasks/cancel', call.taskId);
    noteHistory(ctx, call.taskId, call.fromSeq);
    judged.push('a cancelled task');
    if (again.code !== INVALID_PARAMS)
      problems.push({
        what: `a second tasks/cancel of the cancelled task answered ${said(again)}`,
        evidence: [first.event, again.event].filter((e) => e !== null),
      });
    if (ctx.discovery.tasks?.tool?.shortArgs) {
      const short = await createTask(ctx, 'short');
      if (!taskUnfit(ctx, short, 'any')) {
        const polls = await pollTask(
          ctx,
          short,
          (a) => a.status !== null && TERMINAL.includes(a.status),
          ctx.budgets.long,
        );
        const end = polls[polls.length - 1];
        if (end?.status === 'completed' || end?.status === 'failed') {
          const cancel = await askTask(ctx, 'tasks/cancel', short.taskId);
          noteHistory(ctx, short.taskId, short.fromSeq);
          judged.push(`a ${end.status} task`);
          if (cancel.code !== INVALID_PARAMS)
            problems.push({
              what: `tasks/cancel of the ${end.status} task answered ${said(cancel)}`,
              evidence: [end.event, cancel.event].filter((e) => e !== null),
            });
        } else
          ctx.note(
            `the short task did not complete within ${ctx.budgets.long} ms: only the cancelled task is judged`,
          );
      }
    }
    if (problems.length > 0)
      return {
        kind: 'violation',
        summary: problems.map((p) => p.what).join('; '),
        expected: EXPECTED,
        actual: problems.map((p) => p.what).join('; '),
        evidence: problems.flatMap((p) => p.evidence),
      };
    return { kind: 'pass', summary: `tasks/cancel was rejected with -32602 for ${judged.join(' and ')}` };
  },
});
