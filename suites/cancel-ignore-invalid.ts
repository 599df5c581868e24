// CANCEL-IGNORE-INVALID: unknown, completed, type-mismatched and malformed cancels are ignored,
// and a cancel naming a live request exactly works whatever the id's shape.
// Evidence: two live calls keep sending progress after each invalid cancel has provably been read
// (a ping written after it was answered); calls with edge-shaped ids stop when cancelled exactly.

import {
  classify,
  defineRule,
  isResponseFor,
  idOf,
  isProgressFor,
  isResponse,
  REVISIONS,
  sameId,
  type SlowCall,
  type TranscriptEvent,
} from '../harness/api.js';
import type { Outcome } from '../harness/api.js';
import { crashed, cancelHidesRequest } from './lib/common.js';
import { EDGE_IDS, invalidCancels } from './lib/invalid-cancels.js';

const EXPECTED = 'invalid cancels leave live requests running; exact cancels stop them';

export default defineRule({
  id: 'CANCEL-IGNORE-INVALID',
  title: 'Invalid cancels are ignored',
  keyword: 'SHOULD',
  quote:
    'Invalid cancellation notifications **SHOULD** be ignored: - Unknown request IDs - Already completed requests - Malformed notifications',
  page: 'cancellation',
  anchor: 'error-handling',
  revisions: REVISIONS,
  transports: ['stdio', 'http'],
  needs: ['slowTool', 'progress'],
  session: 'initialized',
  expected: `${EXPECTED}, for every id shape`,
  cost: 'long',
  async run(ctx): Promise<Outcome> {
    const hidden = cancelHidesRequest(
      ctx,
      'an exact cancel stops a request (and this transport expects no notifications/cancelled at all)',
    );
    if (hidden) return hidden;
    const problems: { what: string; evidence: TranscriptEvent[] }[] = [];
    const d = ctx.discovery;
    // Long enough for the next progress of a live call, also when the tool's pace is uneven.
    const paceMs = Math.max(
      ctx.budgets.prompt,
      2.5 * (d.progressIntervalMs ?? 0),
      1.5 * (d.progressMaxGapMs ?? 0),
    );
    const completed = idOf((await ctx.alive()).event?.message) ?? 1;
    const live: SlowCall[] = await Promise.all([ctx.startSlow(), ctx.startSlow({ id: '31337' })]);
    if (live.some((c) => !c.provedByProgress)) {
      const summary =
        'two concurrent calls of the slow tool did not both send progress (does the server run one request at a time?)';
      return { kind: 'inconclusive', summary };
    }
    const variantsFor = () =>
      invalidCancels(
        live[0]?.req.id as number,
        String(live[1]?.req.id),
        typeof completed === 'number' ? completed : 1,
      );
    const variants = variantsFor();
    let renewed = 0;
    const renew = async (i: number) => {
      // Renewed calls keep their id shapes (an integer, a numeric-looking string), never reusing an id.
      const old = live[i] as SlowCall;
      live[i] = await ctx.startSlow({
        id: typeof old.req.id === 'string' ? String(31337 + ++renewed) : undefined,
      });
    };
    /**
     * Sends variant `index` (built for the calls live now) and returns the calls that stopped: no
     * progress within the pace after the server had provably read it. `caused` is false for an answer
     * that may be the tool's natural end (a result, after the tool's proven running time, not right
     * after the cancel).
     */
    const tryVariant = (index: number) => tryVariants([index]);
    /**
     * Sends the variants at `indices`, each in its own write, then watches the live calls once;
     * `meanwhile` starts once the server has provably read them all and is awaited with the watch.
     */
    const tryVariants = async <T = null>(indices: number[], meanwhile?: () => Promise<T>) => {
      const built = variantsFor();
      const chosen = indices.map((i) => built[i] as (typeof variants)[number]);
      const variant = { label: chosen.map((v) => v.label).join(', ') };
      const before = ctx.position();
      let sentAt = 0;
      for (const v of chosen) sentAt = await ctx.sendBatch([{ json: v.message }]);
      const pong = await ctx.alive();
      const after = ctx.position();
      const [next, extra] = await Promise.all([
        Promise.all(live.map((c) => ctx.waitFor((e) => isProgressFor(e, c.token), paceMs, after))),
        meanwhile ? meanwhile() : Promise.resolve(null),
      ]);
      const replies = ctx
        .serverMessages(before)
        .filter((e) => isResponse(e.message) && !ctx.requests.some((r) => sameId(r.id, idOf(e.message))));
      const readBy =
        (pong.event?.t ?? sentAt + ctx.budgets.prompt) + Math.max(ctx.budgets.settle, 5 * (ctx.rttMs ?? 0));
      const stopped = live.flatMap((call, i) => {
        if (next[i]) return [];
        const answer = ctx.serverMessages(call.fromSeq).find((e) => isResponseFor(e, call.req.id));
        const lateEnough =
          answer !== undefined &&
          classify(answer.message) === 'response' &&
          answer.t - call.req.sentAt >= (d.slowToolObservedMs ?? Infinity);
        const rightAfter = answer !== undefined && answer.t >= sentAt && answer.t <= readBy;
        return [
          { i, call, answer, natural: lateEnough && !rightAfter, coincidence: lateEnough && rightAfter },
        ];
      });
      return { variant, before, pong, replies, stopped, extra };
    };
    const evidenceOf = (call: SlowCall, before: number, answer: TranscriptEvent | undefined) => {
      // The proof: the call's last progress before the cancel, the cancel as written, and any answer.
      const sent = ctx.transcript.since(before).find((e) => e.dir === 'client' && e.kind === 'message');
      const lastProgress = ctx.transcript
        .since(call.fromSeq)
        .filter((e) => e.seq < before && isProgressFor(e, call.token))
        .pop();
      return [lastProgress, sent, answer].filter((e): e is TranscriptEvent => e !== undefined);
    };
    /** Tries one variant alone and records what it did; an outcome when the target crashed. */
    const judgeAlone = async (index: number): Promise<Outcome | null> => {
      const { variant, before, pong, replies, stopped } = await tryVariant(index);
      if (ctx.crashed()) return crashed(ctx, EXPECTED, `after a cancel with ${variant.label}`);
      if (!pong.ok)
        problems.push({ what: `stopped answering ping after a cancel with ${variant.label}`, evidence: [] });
      if (replies.length > 0)
        problems.push({
          what: `answered a cancel with ${variant.label} instead of ignoring it`,
          evidence: replies,
        });
      for (const s of stopped) {
        const what = `a cancel with ${variant.label} stopped the live request ${JSON.stringify(s.call.req.id)}`;
        if (!s.natural && !s.coincidence)
          problems.push({ what, evidence: evidenceOf(s.call, before, s.answer) });
        await renew(s.i);
        if (!s.coincidence) continue;
        // A natural end that fell right after the cancel, or the cancel's doing? Ask once more with a
        // fresh call of the same shape: a second stop right after the same cancel is no coincidence.
        ctx.note(
          `the answer to ${JSON.stringify(s.call.req.id)} came right after the cancel with ${variant.label}: trying once more`,
        );
        const again = await tryVariant(index);
        if (ctx.crashed()) return crashed(ctx, EXPECTED, `after a cancel with ${variant.label}`);
        for (const t of again.stopped) {
          if (t.i !== s.i && !t.natural && !t.coincidence)
            problems.push({
              what: `a cancel with ${again.variant.label} stopped the live request ${JSON.stringify(t.call.req.id)}`,
              evidence: evidenceOf(t.call, again.before, t.answer),
            });
          if (t.i === s.i && !t.natural)
            problems.push({
              what: `${what}, and did so again with a fresh call`,
              evidence: [
                ...evidenceOf(s.call, before, s.answer),
                ...evidenceOf(t.call, again.before, t.answer),
              ],
            });
          await renew(t.i);
        }
      }
      return null;
    };
    // All invalid cancels at once; the calls with edge-shaped ids for the exact cancels below start
    // while the live calls are watched. When both live calls go on and nothing answered, each cancel
    // was ignored. Else every one is tried alone, so each stop is pinned on one cancel.
    const all = variants.map((_, i) => i);
    const startExact = () => Promise.all([ctx.startSlow(), ...EDGE_IDS.map((id) => ctx.startSlow({ id }))]);
    const group = await tryVariants(all, startExact);
    if (ctx.crashed()) return crashed(ctx, EXPECTED, `after the cancels with ${group.variant.label}`);
    const clean = group.pong.ok && group.replies.length === 0 && group.stopped.every((x) => x.natural);
    for (const x of group.stopped) await renew(x.i);
    let exact = group.extra;
    if (clean) ctx.note(`the ${all.length} cancels sent together were all ignored: the live calls went on`);
    else {
      for (const index of all) {
        const outcome = await judgeAlone(index);
        if (outcome) return outcome;
      }
      // The cancels tried alone may have reached the calls started for the exact cancels: new ones.
      exact = await startExact();
    }
    // Exact cancels of live requests with edge-shaped ids must work, as one with an ordinary id does.
    const [control, ...edge] = exact as SlowCall[];
    if (!control) return { kind: 'inconclusive', summary: 'no call was started for the exact cancels' };
    const judged = [control, ...edge].filter((c) => c.provedByProgress);
    const observed = await Promise.all(judged.map(async (c) => ({ c, obs: await ctx.cancelAndObserve(c) })));
    if (ctx.crashed()) return crashed(ctx, EXPECTED, 'after exact cancels of edge-shaped ids');
    const goesOn = (c: SlowCall) => (observed.find((o) => o.c === c)?.obs.progressAfterRace.length ?? 0) > 0;
    let note = '';
    // Edge-shaped ids are judged against the call with an ordinary id: only once that call was seen
    // working (a call that never started, in a server with a bounded pool, stopped nothing).
    const unjudged = !control.provedByProgress || goesOn(control);
    if (!control.provedByProgress)
      note = ' (the call with an ordinary id sent no progress, so id shapes were not judged)';
    else if (goesOn(control))
      note =
        ' (an ordinary cancel did not stop work either, so id shapes were not judged: see CANCEL-RECV-STOP-PROCESSING)';
    else {
      for (const { c, obs } of observed.filter((o) => o.c !== control && goesOn(o.c))) {
        const what = `a cancel naming the live id ${JSON.stringify(c.req.id)} exactly did not stop it, while one naming ${JSON.stringify(control.req.id)} did`;
        problems.push({ what, evidence: obs.progressAfterRace.slice(0, 3) });
      }
      const skipped = edge.filter((c) => !c.provedByProgress).map((c) => JSON.stringify(c.req.id));
      if (skipped.length > 0) note = ` (ids ${skipped.join(', ')} sent no progress and were not judged)`;
    }
    if (problems.length === 0) {
      const shapes = unjudged
        ? 'id shapes not judged'
        : `exact cancels stopped ${observed.filter((o) => o.c !== control).length} edge-shaped ids`;
      return { kind: 'pass', summary: `ignored ${variants.length} invalid cancels; ${shapes}${note}` };
    }
    return {
      kind: 'violation',
      summary: `${problems[0]?.what}${problems.length > 1 ? ` (+${problems.length - 1} more)` : ''}`,
      expected: EXPECTED,
      actual: problems.map((p) => p.what).join('; ') + note,
      evidence: problems.flatMap((p) => p.evidence).slice(0, 10),
    };
  },
});
