// CANCEL-IGNORE-INVALID: unknown, completed, type-mismatched and malformed cancels are ignored,
// and a cancel naming a live request exactly works whatever the id's shape.
// Evidence: two live calls keep sending progress after each invalid cancel has provably been read
// (a ping written after it was answered); calls with edge-shaped ids stop when cancelled exactly.

import {
  defineRule,
  idOf,
  isProgressFor,
  isResponse,
  LEGACY_REVISIONS,
  sameId,
  type SlowCall,
  type TranscriptEvent,
} from '../harness/api.js';
import type { Outcome } from '../harness/api.js';
import { crashed } from './lib/common.js';
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
  revisions: LEGACY_REVISIONS,
  transports: ['stdio'],
  needs: ['slowTool', 'progress'],
  session: 'initialized',
  expected: `${EXPECTED}, for every id shape`,
  async run(ctx): Promise<Outcome> {
    const problems: { what: string; evidence: TranscriptEvent[] }[] = [];
    const paceMs = Math.max(ctx.budgets.prompt, 4 * (ctx.discovery.progressIntervalMs ?? 0));
    const completed = idOf((await ctx.alive()).event?.message) ?? 1;
    const live: SlowCall[] = [await ctx.startSlow(), await ctx.startSlow({ id: '31337' })];
    if (live.some((c) => !c.provedByProgress)) {
      return {
        kind: 'inconclusive',
        summary:
          'two concurrent calls of the slow tool did not both send progress (does the server run one request at a time?)',
      };
    }
    const variants = invalidCancels(
      live[0]?.req.id as number,
      '31337',
      typeof completed === 'number' ? completed : 1,
    );
    for (const variant of variants) {
      const before = ctx.peer.transcript.events.length;
      await ctx.peer.sendBatch([{ json: variant.message }]);
      const pong = await ctx.alive();
      if (ctx.crashed()) return crashed(ctx, EXPECTED, `after a cancel with ${variant.label}`);
      if (!pong.ok)
        problems.push({ what: `stopped answering ping after a cancel with ${variant.label}`, evidence: [] });
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
      const after = ctx.peer.transcript.events.length;
      const next = await Promise.all(
        live.map((c) => ctx.waitFor((e) => isProgressFor(e, c.token), paceMs, after)),
      );
      for (const [i, call] of live.entries()) {
        if (next[i]) continue;
        const answers = ctx.serverMessages(after).filter((e) => sameId(idOf(e.message), call.req.id));
        problems.push({
          what: `a cancel with ${variant.label} stopped the live request ${JSON.stringify(call.req.id)}`,
          evidence: answers,
        });
        live[i] = await ctx.startSlow({
          id: typeof call.req.id === 'string' ? `${call.req.id}-again` : undefined,
        });
      }
    }
    // Exact cancels of live requests with edge-shaped ids must work.
    const edge = await Promise.all(EDGE_IDS.map((id) => ctx.startSlow({ id })));
    const judged = edge.filter((c) => c.provedByProgress);
    const observed = await Promise.all(judged.map(async (c) => ({ c, obs: await ctx.cancelAndObserve(c) })));
    if (ctx.crashed()) return crashed(ctx, EXPECTED, 'after exact cancels of edge-shaped ids');
    for (const { c, obs } of observed) {
      if (obs.progressAfterRace.length === 0) continue;
      problems.push({
        what: `a cancel naming the live id ${JSON.stringify(c.req.id)} exactly did not stop it`,
        evidence: obs.progressAfterRace.slice(0, 3),
      });
    }
    const skipped = edge.filter((c) => !c.provedByProgress).map((c) => JSON.stringify(c.req.id));
    const note =
      skipped.length > 0 ? ` (ids ${skipped.join(', ')} sent no progress and were not judged)` : '';
    if (problems.length === 0) {
      return {
        kind: 'pass',
        summary: `ignored ${variants.length} invalid cancels; exact cancels stopped ${observed.length} edge-shaped ids${note}`,
      };
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
