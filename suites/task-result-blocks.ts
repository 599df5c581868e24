// TASK-RESULT-BLOCKS: tasks/result for a working task is not answered until the task is terminal.
// The blocked tasks/result is then cancelled with notifications/cancelled: an ordinary request, whose
// cancel must not touch the task (RULES.md §10 A11(b): the effect is unspecified; this project decides
// the task keeps running, judged as a SHOULD). Evidence: the silence window, the task's status history.

import { defineRule, isResponseFor, type Outcome } from '../harness/api.js';
import {
  askTask,
  createTask,
  noteHistory,
  running,
  TASK_REVISIONS,
  taskUnfit,
  TERMINAL,
} from './lib/tasks.js';

const A11B =
  'RULES.md §10 A11(b): cancelling a blocked `tasks/result` with `notifications/cancelled` is allowed and its effect on the task is unspecified; decided: the task must keep running';

export default defineRule({
  id: 'TASK-RESULT-BLOCKS',
  title: 'tasks/result blocks until the task is terminal',
  keyword: 'MUST',
  quote:
    'When a receiver receives a `tasks/result` request for a task in any other non-terminal status (`working` or `input_required`), it **MUST** block the response until the task reaches a terminal status.',
  page: 'tasks',
  anchor: 'result-retrieval',
  revisions: TASK_REVISIONS,
  transports: ['stdio', 'http'],
  needs: ['taskTool'],
  session: 'initialized',
  expected:
    'no answer to tasks/result while the task works; cancelling that tasks/result leaves the task working',
  async run(ctx): Promise<Outcome> {
    const call = await createTask(ctx);
    const unfit = taskUnfit(ctx, call);
    if (unfit) return unfit;
    const result = await ctx.request('tasks/result', { taskId: call.taskId });
    const answer = await ctx.waitFor((e) => isResponseFor(e, result.id), ctx.silenceMs);
    const during = await askTask(ctx, 'tasks/get', call.taskId);
    if (answer) {
      const history = noteHistory(ctx, call.taskId, call.fromSeq);
      const ended = history.find((s) => TERMINAL.includes(s.status) && s.event.seq < answer.seq);
      if (ended || !running(during.status))
        return {
          kind: 'inconclusive',
          summary: `the task ended (${ended?.status ?? during.status}) before the suite could watch tasks/result block`,
        };
      return {
        kind: 'violation',
        summary: `tasks/result was answered ${Math.round(answer.t - result.sentAt)} ms after it was written while the task was still ${during.status}`,
        expected: 'no answer until the task reaches a terminal status',
        actual: `an answer while tasks/get says "${during.status}"`,
        evidence: [answer, ...(during.event ? [during.event] : [])],
      };
    }
    if (!running(during.status))
      return {
        kind: 'inconclusive',
        summary: `the task is not running (tasks/get: ${during.status ?? during.code}), so tasks/result may block for another reason`,
      };
    ctx.note(
      `tasks/result ${JSON.stringify(result.id)} stayed unanswered for ${Math.round(ctx.silenceMs)} ms: it blocks; now it is cancelled with notifications/cancelled`,
    );
    const cancelledAt = ctx.position();
    await ctx.cancel(result.id, 'mcc: the requestor stops waiting for the result');
    await ctx.alive();
    const after = await askTask(ctx, 'tasks/get', call.taskId);
    const history = noteHistory(ctx, call.taskId, call.fromSeq);
    const changed = history.find((s) => s.event.seq >= cancelledAt && !running(s.status));
    if (changed)
      return {
        kind: 'violation',
        keyword: 'SHOULD',
        requirement: A11B,
        summary: `tasks/result blocked, but cancelling it made the task ${changed.status} (${changed.via} #${changed.event.seq})`,
        expected: 'the task keeps running when the tasks/result waiting for it is cancelled',
        actual: history.map((s) => s.status).join(' → '),
        evidence: [changed.event],
      };
    if (!running(after.status))
      return {
        kind: 'inconclusive',
        summary: `after the cancel of tasks/result, tasks/get answered ${after.code ?? 'nothing'}`,
      };
    return {
      kind: 'pass',
      summary: `tasks/result blocked for ${Math.round(ctx.silenceMs)} ms while the task worked; cancelling it left the task ${after.status}`,
    };
  },
});
