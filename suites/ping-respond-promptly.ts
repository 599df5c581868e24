// PING-RESPOND-PROMPTLY: ping is answered promptly while a request runs and right after a cancel;
// a server that serialises its work fails here (and makes cancellation hard to use).

import { defineRule, LEGACY_REVISIONS, methodOf } from '../harness/api.js';
import type { Outcome } from '../harness/api.js';

export default defineRule({
  id: 'PING-RESPOND-PROMPTLY',
  title: 'Ping is answered promptly around cancels',
  keyword: 'MUST',
  quote: 'The receiver **MUST** respond promptly with an empty response',
  page: 'ping',
  anchor: 'behavior-requirements',
  revisions: LEGACY_REVISIONS,
  transports: ['stdio'],
  needs: [],
  session: 'initialized',
  expected:
    'an empty result for every ping, within the prompt budget, while a request runs and right after a cancel',
  async run(ctx): Promise<Outcome> {
    const limit = Math.max(ctx.budgets.prompt, 10 * (ctx.rttMs ?? 0));
    const checks: { when: string; latencyMs: number | null }[] = [];
    const from = ctx.peer.transcript.events.length;
    checks.push({ when: 'when idle', latencyMs: (await ctx.alive()).latencyMs });
    if (ctx.discovery.slowTool) {
      const call = await ctx.startSlow({ progress: false });
      checks.push({ when: 'while the slow tool runs', latencyMs: (await ctx.alive()).latencyMs });
      await ctx.peer.cancel(call.req.id);
      checks.push({ when: 'right after a cancel', latencyMs: (await ctx.alive()).latencyMs });
    } else {
      await ctx.peer.cancel(888888, 'unknown id');
      checks.push({
        when: 'right after a cancel of an unknown id',
        latencyMs: (await ctx.alive()).latencyMs,
      });
    }
    const slow = checks.find((c) => c.latencyMs === null);
    const metrics = Object.fromEntries(
      checks.flatMap((c, i) =>
        c.latencyMs === null ? [] : [[`ping${i + 1}LatencyMs`, Math.round(c.latencyMs * 100) / 100]],
      ),
    );
    if (!slow)
      return {
        kind: 'pass',
        summary: `answered ${checks.length} pings, slowest in ${Math.max(...checks.map((c) => c.latencyMs ?? 0)).toFixed(1)} ms`,
        metrics,
      };
    return {
      kind: 'violation',
      summary: `no answer to a ping ${slow.when} within ${limit} ms`,
      expected: `an empty result within ${limit} ms`,
      actual: checks
        .map((c) => `${c.when}: ${c.latencyMs === null ? 'no answer' : `${c.latencyMs.toFixed(1)} ms`}`)
        .join('; '),
      metrics,
      evidence: ctx.peer.transcript.events
        .slice(from)
        .filter((e) => e.dir === 'client' && methodOf(e.message) === 'ping'),
    };
  },
});
