// PING-RESPOND-PROMPTLY: ping is answered promptly while a request runs and right after a cancel;
// a server that serialises its work fails here (and makes cancellation hard to use).

import {
  classify,
  defineRule,
  describeMessage,
  isJsonObject,
  LEGACY_REVISIONS,
  methodOf,
  type TranscriptEvent,
} from '../harness/api.js';
import type { Outcome } from '../harness/api.js';

const resultOf = (e: TranscriptEvent): unknown => (e.message as { result?: unknown } | undefined)?.result;

export default defineRule({
  id: 'PING-RESPOND-PROMPTLY',
  title: 'Ping is answered promptly around cancels',
  keyword: 'MUST',
  quote: 'The receiver **MUST** respond promptly with an empty response',
  page: 'ping',
  anchor: 'behavior-requirements',
  revisions: LEGACY_REVISIONS,
  transports: ['stdio', 'http'],
  needs: [],
  session: 'initialized',
  expected:
    'an empty result for every ping, within the prompt budget, while a request runs and right after a cancel',
  async run(ctx): Promise<Outcome> {
    const limit = Math.max(ctx.budgets.prompt, 10 * (ctx.rttMs ?? 0));
    const checks: { when: string; latencyMs: number | null; answer: TranscriptEvent | null }[] = [];
    const ping = async (when: string) => {
      const r = await ctx.peer.ping(limit);
      checks.push({ when, latencyMs: r.latencyMs, answer: r.event });
    };
    const from = ctx.position();
    await ping('when idle');
    if (ctx.discovery.slowTool) {
      const call = await ctx.startSlow({ progress: false });
      await ping('while the slow tool runs');
      await ctx.peer.cancel(call.req.id);
      await ping('right after a cancel');
    } else {
      await ctx.peer.cancel(888888, 'unknown id');
      await ping('right after a cancel of an unknown id');
    }
    const metrics = Object.fromEntries(
      checks.flatMap((c, i) =>
        c.latencyMs === null ? [] : [[`ping${i + 1}LatencyMs`, Math.round(c.latencyMs * 100) / 100]],
      ),
    );
    const late = checks.find((c) => c.latencyMs === null);
    // "respond promptly with an empty response": an error is an answer, but not the one required.
    const wrong = checks.find(
      (c) => c.answer && !(classify(c.answer.message) === 'response' && isJsonObject(resultOf(c.answer))),
    );
    if (!late && !wrong) {
      const slowest = Math.max(...checks.map((c) => c.latencyMs ?? 0));
      return {
        kind: 'pass',
        summary: `answered ${checks.length} pings with an empty result, slowest in ${slowest.toFixed(1)} ms`,
        metrics,
      };
    }
    const summary = late
      ? `no answer to a ping ${late.when} within ${limit} ms`
      : `answered a ping ${wrong?.when} with ${describeMessage(wrong?.answer?.message)}`;
    return {
      kind: 'violation',
      summary,
      expected: `an empty result within ${limit} ms`,
      actual: checks
        .map(
          (c) =>
            `${c.when}: ${c.answer ? `${describeMessage(c.answer.message)} in ${c.latencyMs?.toFixed(1)} ms` : 'no answer'}`,
        )
        .join('; '),
      metrics,
      evidence: [
        ...ctx.peer.transcript
          .since(from)
          .filter((e) => e.dir === 'client' && methodOf(e.message) === 'ping'),
        ...(wrong?.answer ? [wrong.answer] : []),
      ],
    };
  },
});
