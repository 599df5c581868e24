// The observation PROG-TASK-SAME-TOKEN and PROG-TASK-TOKEN-PERSIST share: the task tool is called as a
// task with progress token T; from its CreateTaskResult until the task is terminal (it is cancelled
// with tasks/cancel after a few progress notifications), every notifications/progress must carry T.
// The session has no other request with a progress token outstanding, so progress in that window with
// any token but T, and not one of the suite's own, can only be the task's. No progress at all leaves
// the rule unexercised (progress is optional): untestable, not pass. Evidence: the task's status
// history, the progress in the window and the first one with a foreign token.

import {
  paramsOf,
  progressOf,
  sameId,
  type Json,
  type Outcome,
  type RuleContext,
  type TranscriptEvent,
} from '../../harness/api.js';
import { askTask, createTask, noteHistory, taskUnfit, TERMINAL } from './tasks.js';

/** How many progress notifications the task gets to send before it is cancelled. */
const WANTED = 3;

/** The progress tokens of every request the suite wrote in this session, but `own`. */
function suiteTokens(ctx: RuleContext, own: Json): Json[] {
  return ctx.transcript.since(0).flatMap((e) => {
    if (e.dir !== 'client') return [];
    const meta = paramsOf(e.message)?._meta;
    const token =
      meta !== null && typeof meta === 'object' && !Array.isArray(meta) ? meta.progressToken : undefined;
    return token === undefined || sameId(token, own) ? [] : [token];
  });
}

/** The progress notifications the server wrote from `fromSeq` on, before `endSeq` (exclusive). */
function progressBetween(ctx: RuleContext, fromSeq: number, endSeq: number): TranscriptEvent[] {
  return ctx.serverMessages(fromSeq).filter((e) => e.seq < endSeq && progressOf(e.message) !== undefined);
}

/** The outcome both rules report: whether the task's progress kept the token it was given. */
export async function taskProgressToken(ctx: RuleContext): Promise<Outcome> {
  const d = ctx.discovery;
  if (d.tasks?.tool?.name === d.slowTool?.name && d.slowTool && !d.slowTool.progress)
    return {
      kind: 'untestable',
      summary: `needs a task that reports progress, but the task tool ${d.slowTool.name} sent none in the probe (progress is optional, so no flag can make this task send it; only another task tool that reports progress, named with --task-tool <name> --task-args <json>, can exercise the rule)`,
    };
  const call = await createTask(ctx);
  const unfit = taskUnfit(ctx, call);
  if (unfit) return unfit;
  const created = call.answer;
  if (!created) return { kind: 'inconclusive', summary: 'the task call got no answer' };
  const from = created.seq + 1;
  // Any progress counts here: one with a foreign token is as much the task's as one with T.
  let seen = 0;
  await ctx.waitFor(
    (e) => e.dir === 'server' && progressOf(e.message) !== undefined && ++seen >= WANTED,
    ctx.budgets.long,
    from,
  );
  const cancel = await askTask(ctx, 'tasks/cancel', call.taskId);
  if (cancel.status !== 'cancelled')
    ctx.note(
      `tasks/cancel did not cancel the task (${cancel.status ?? cancel.code ?? 'no answer'}); the window ends at its answer all the same`,
    );
  const history = noteHistory(ctx, call.taskId, call.fromSeq);
  // The task's life on the wire: from the CreateTaskResult to its first terminal status (or the
  // tasks/cancel answer, whichever comes first; stdio is ordered).
  const terminal = history.find((s) => s.event.seq > created.seq && TERMINAL.includes(s.status));
  const ends = [terminal?.event.seq, cancel.event?.seq, ctx.position()].filter(
    (n): n is number => n !== undefined,
  );
  const endSeq = Math.min(...ends);
  const progress = progressBetween(ctx, from, endSeq);
  const ours = suiteTokens(ctx, call.token);
  const tokenOf = (e: TranscriptEvent): Json | undefined => progressOf(e.message)?.token;
  const withT = progress.filter((e) => sameId(tokenOf(e), call.token));
  const others = progress.filter((e) => !sameId(tokenOf(e), call.token));
  const suites = others.filter((e) => ours.some((t) => sameId(t, tokenOf(e))));
  const foreign = others.filter((e) => !suites.includes(e));
  const lifeMs = Math.round(
    (ctx.transcript.since(endSeq)[0]?.t ?? ctx.serverMessages(from).at(-1)?.t ?? created.t) - created.t,
  );
  ctx.note(
    `progress during the task's life (${lifeMs} ms after the CreateTaskResult): ${withT.length} with its token ${JSON.stringify(call.token)}, ${foreign.length} with another token${suites.length ? `, ${suites.length} with a token of another suite request (not counted)` : ''}`,
  );
  if (foreign.length > 0) {
    const tokens = [...new Set(foreign.map((e) => JSON.stringify(tokenOf(e) ?? null)))];
    return {
      kind: 'violation',
      summary: `${foreign.length} of the ${progress.length} progress notification(s) the working task sent after its CreateTaskResult carried ${tokens.slice(0, 3).join(', ')}, a token the suite never sent, not the request's token ${JSON.stringify(call.token)} (no other request of the session carried a progress token, so the progress can only be the task's)`,
      expected: `every progress notification of the task carries ${JSON.stringify(call.token)} until the task is terminal`,
      actual: `${foreign.length} with ${tokens.slice(0, 3).join(', ')}`,
      evidence: [created, ...foreign.slice(0, 3)],
    };
  }
  if (withT.length === 0)
    return {
      kind: 'untestable',
      summary: `the task sent no progress in ${lifeMs} ms between its CreateTaskResult and its end, so the wire cannot show which token it uses (progress is optional, so no flag can make this task send it; only another task tool that reports progress, named with --task-tool <name> --task-args <json>, can exercise the rule)`,
    };
  return {
    kind: 'pass',
    summary: `all ${withT.length} progress notification(s) the working task sent after its CreateTaskResult carried the request's token ${JSON.stringify(call.token)}`,
  };
}
