// TASK-TERMINAL-FINAL: a task in a terminal status keeps it. A short run is created as a task and
// polled to its end (completed or failed); then, where tasks/cancel is offered, it is asked to cancel
// the finished task, and tasks/get is polled over the silence window. (A cancelled task staying
// cancelled is TASK-CANCEL-STICKY.) Evidence: the task's status history after its first terminal status.

import { defineRule, type Outcome } from '../harness/api.js';
import {
  askTask,
  createTask,
  noteHistory,
  pollTask,
  TASK_REVISIONS,
  taskUnfit,
  TERMINAL,
} from './lib/tasks.js';

export default defineRule({
  id: 'TASK-TERMINAL-FINAL',
  title: 'A terminal task status never changes',
  keyword: 'MUST NOT',
  quote:
    'Tasks with a `completed`, `failed`, or `cancelled` status are in a terminal state and **MUST NOT** transition to any other status',
  page: 'tasks',
  anchor: 'task-status-lifecycle',
  revisions: TASK_REVISIONS,
  transports: ['stdio', 'http'],
  needs: ['taskTool', 'taskShortRun'],
  session: 'initialized',
  expected:
    'once tasks/get (or a status notification) says completed or failed, every later status is the same',
  async run(ctx): Promise<Outcome> {
    const call = await createTask(ctx, 'short');
    const unfit = taskUnfit(ctx, call, 'any');
    if (unfit) return unfit;
    const isTerminal = (s: string | null) => s !== null && TERMINAL.includes(s);
    const polls = await pollTask(ctx, call, (a) => isTerminal(a.status), ctx.budgets.long);
    const end = polls[polls.length - 1];
    if (!end || (end.status !== 'completed' && end.status !== 'failed'))
      return {
        kind: 'inconclusive',
        summary: `the short task did not complete within ${ctx.budgets.long} ms (last tasks/get: ${end?.status ?? end?.code ?? 'no answer'})`,
      };
    if (ctx.discovery.tasks?.cancel) await askTask(ctx, 'tasks/cancel', call.taskId);
    const later = await pollTask(ctx, call, (a) => a.status !== end.status, ctx.silenceMs);
    const history = noteHistory(ctx, call.taskId, call.fromSeq);
    const first = history.find((s) => isTerminal(s.status));
    const moved = first && history.find((s) => s.event.seq > first.event.seq && s.status !== first.status);
    if (first && moved)
      return {
        kind: 'violation',
        summary: `the ${first.status} task was later given status "${moved.status}" (${moved.via} #${moved.event.seq})`,
        expected: `status "${first.status}" from #${first.event.seq} on`,
        actual: history.map((s) => s.status).join(' → '),
        evidence: [first.event, moved.event],
      };
    return {
      kind: 'pass',
      summary: `the task stayed "${end.status}" through ${later.length} polls over ${Math.round(ctx.silenceMs)} ms${ctx.discovery.tasks?.cancel ? ', a tasks/cancel included' : ''}`,
    };
  },
});
