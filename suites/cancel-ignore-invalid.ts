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
      4 * (d.progressIntervalMs ?? 0),
      2 * (d.progressMaxGapMs ?? 0),
    );
    const completed = idOf((await ctx.alive()).event?.message) ?? 1;
    const live: SlowCall[] = [await ctx.startSlow(), await ctx.startSlow({ id: '31337' })];
    if (live.some((c) => !c.provedByProgress)) {
      const summary =
        'two concurrent calls of the slow tool did not both send progress (does the server run one request at a time?)';
      return { kind: 'inconclusive', summary };
    }
    const variants = invalidCancels(
      live[0]?.req.id as number,
      '31337',
      typeof completed === 'number' ? completed : 1,
    );
    let renewed = 0;
    for (const variant of variants) {
      const before = ctx.position();
      await ctx.peer.sendBatch([{ json: variant.message }]);
      const pong = await ctx.alive();
      if (ctx.crashed()) return crashed(ctx, EXPECTED, `after a cancel with ${variant.label}`);
      if (!pong.ok)
        problems.push({ what: `stopped answering ping after a cancel with ${variant.label}`, evidence: [] });
      const after = ctx.position();
      const next = await Promise.all(
        live.map((c) => ctx.waitFor((e) => isProgressFor(e, c.token), paceMs, after)),
      );
      const replies = ctx
        .serverMessages(before)
        .filter(
          (e) => isResponse(e.message) && !ctx.peer.requests.some((r) => sameId(r.id, idOf(e.message))),
        );
      if (replies.length > 0)
        problems.push({
          what: `answered a cancel with ${variant.label} instead of ignoring it`,
          evidence: replies,
        });
      for (const [i, call] of live.entries()) {
        if (next[i]) continue;
        // A result once the tool's proven running time is over may be its natural end, not the cancel's doing.
        const answer = ctx.serverMessages(call.fromSeq).find((e) => isResponseFor(e, call.req.id));
        const natural =
          answer !== undefined &&
          classify(answer.message) === 'response' &&
          answer.t - call.req.sentAt >= (d.slowToolObservedMs ?? Infinity);
        if (!natural) {
          // The proof: the cancel as written, the call's last progress before it, and any answer.
          const sent = ctx.peer.transcript
            .since(before)
            .find((e) => e.dir === 'client' && e.kind === 'message');
          const lastProgress = ctx.peer.transcript
            .since(call.fromSeq)
            .filter((e) => e.seq < before && isProgressFor(e, call.token))
            .pop();
          problems.push({
            what: `a cancel with ${variant.label} stopped the live request ${JSON.stringify(call.req.id)}`,
            evidence: [lastProgress, sent, answer].filter((e): e is TranscriptEvent => e !== undefined),
          });
        }
        live[i] = await ctx.startSlow({
          id: typeof call.req.id === 'string' ? `31337-renewed-${++renewed}` : undefined,
        });
      }
    }
    // Exact cancels of live requests with edge-shaped ids must work, as one with an ordinary id does.
    const control = await ctx.startSlow();
    const edge = await Promise.all(EDGE_IDS.map((id) => ctx.startSlow({ id })));
    const judged = [control, ...edge].filter((c) => c.provedByProgress);
    const observed = await Promise.all(judged.map(async (c) => ({ c, obs: await ctx.cancelAndObserve(c) })));
    if (ctx.crashed()) return crashed(ctx, EXPECTED, 'after exact cancels of edge-shaped ids');
    const goesOn = (c: SlowCall) => (observed.find((o) => o.c === c)?.obs.progressAfterRace.length ?? 0) > 0;
    let note = '';
    if (goesOn(control))
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
      const shapes = goesOn(control)
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
