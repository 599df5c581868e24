// TASK-NO-CAPABILITY-NORMAL: a server that declares no task-augmented tools/call processes a
// tools/call carrying `task` normally. The slow tool's short run (seen to complete in the probe) is
// called with `task`: its answer must be a CallToolResult, not a CreateTaskResult. Without a short run,
// the long run with `task` must send its progress as an ordinary call (then it is cancelled the
// ordinary way). Evidence: the call and its answer (or first progress).

import {
  classify,
  defineRule,
  describeMessage,
  isJsonObject,
  isProgressFor,
  isResponseFor,
} from '../harness/api.js';
import type { Outcome, TranscriptEvent } from '../harness/api.js';
import { TASK_REVISIONS } from './lib/tasks.js';

const EXPECTED = 'the call processed normally, its task metadata ignored';

/** A CreateTaskResult, or an error where the probe saw the same call without `task` run: a violation. */
function judgeAnswer(answer: TranscriptEvent): Outcome | null {
  const m = answer.message;
  if (isJsonObject(m) && isJsonObject(m.result) && isJsonObject(m.result.task) && !('content' in m.result))
    return {
      kind: 'violation',
      summary:
        'answered a tools/call carrying `task` with a CreateTaskResult, though it declares no task support for tools/call',
      expected: EXPECTED,
      actual: 'a CreateTaskResult',
      evidence: [answer],
    };
  if (classify(m) === 'error')
    return {
      kind: 'violation',
      summary: `answered a tools/call carrying \`task\` with ${describeMessage(m)}, where the probe saw the same call run`,
      expected: EXPECTED,
      actual: describeMessage(m),
      evidence: [answer],
    };
  return null;
}

export default defineRule({
  id: 'TASK-NO-CAPABILITY-NORMAL',
  title: 'Without the task capability, task metadata is ignored',
  keyword: 'MUST',
  quote:
    'Receivers that do not declare the task capability for a request type **MUST** process requests of that type normally, ignoring any task-augmentation metadata if present.',
  page: 'tasks',
  anchor: 'task-support-and-handling',
  revisions: TASK_REVISIONS,
  transports: ['stdio', 'http'],
  needs: ['slowTool', 'noTaskCapability'],
  session: 'initialized',
  expected:
    'tools/call with `task` answered with a CallToolResult (or, running, with progress), never a CreateTaskResult',
  async run(ctx): Promise<Outcome> {
    const slow = ctx.discovery.slowTool;
    if (!slow) throw new Error('needs "slowTool"');
    const short = slow.shortArgs !== null && slow.shortRunMs !== null;
    if (!short && !slow.progress)
      return {
        kind: 'untestable',
        summary:
          'needs a short run of the slow tool (--short-args) or progress from it, to see the call processed',
      };
    const token = `mcc-x-notask-${Math.floor(ctx.random() * 2 ** 31)}`;
    const args = (short ? slow.shortArgs : slow.args) ?? {};
    const params = {
      name: slow.name,
      arguments: args,
      task: { ttl: ctx.budgets.huge },
      _meta: { progressToken: token },
    };
    const req = await ctx.request('tools/call', params);
    const from = ctx.position();
    if (short) {
      // As long as a short run may take (five times the probe's measure, ten round trips more).
      const limit = Math.max(ctx.budgets.prompt, 5 * (slow.shortRunMs ?? 0) + 10 * (ctx.rttMs ?? 0));
      const answer = await ctx.waitFor((e) => isResponseFor(e, req.id), limit, from);
      if (!answer)
        return {
          kind: 'inconclusive',
          summary: `the short run carrying \`task\` was not answered within ${Math.round(limit)} ms`,
        };
      return (
        judgeAnswer(answer) ?? {
          kind: 'pass',
          summary: `the short run carrying \`task\` was answered with a result, as an ordinary call`,
        }
      );
    }
    const first = await ctx.waitFor(
      (e) => isProgressFor(e, token) || isResponseFor(e, req.id),
      ctx.budgets.long,
      from,
    );
    await ctx.cancel(req.id, 'mcc: the ordinary cancel of an ordinary call');
    await ctx.alive();
    if (!first)
      return {
        kind: 'inconclusive',
        summary: `the call carrying \`task\` showed neither progress nor an answer within ${ctx.budgets.long} ms`,
      };
    const answer = ctx.serverMessages(from).find((e) => isResponseFor(e, req.id) && e.seq <= first.seq);
    return (
      (answer && judgeAnswer(answer)) ?? {
        kind: 'pass',
        summary: 'the call carrying `task` sent progress as an ordinary call',
      }
    );
  },
});
