// PROG-STOP-AFTER-COMPLETION: once the response for a request is out, no more progress for its token.

import { defineRule, isProgressFor, REVISIONS } from '../harness/api.js';
import type { Outcome } from '../harness/api.js';
import { provablyAfter } from './lib/common.js';

export default defineRule({
  id: 'PROG-STOP-AFTER-COMPLETION',
  title: 'Progress stops after completion',
  keyword: 'MUST',
  quote: 'Progress notifications **MUST** stop after completion',
  page: 'progress',
  anchor: 'behavior-requirements',
  revisions: REVISIONS,
  transports: ['stdio', 'http'],
  needs: ['slowTool', 'progress', 'shortRun'],
  session: 'initialized',
  expected: 'no progress notification for a token after the response of its request',
  async run(ctx): Promise<Outcome> {
    const call = await ctx.startSlow({ run: 'short' });
    const { answer: done, waitedMs } = await ctx.awaitShort(call);
    if (!done)
      return {
        kind: 'inconclusive',
        summary: `the short run of the slow tool, ${ctx.discovery.slowTool?.shortRunMs} ms in the probe, did not finish within ${waitedMs} ms here; name a run that completes reliably with --short-args <json>, or raise --time-scale`,
      };
    await ctx.watch(ctx.silenceMs, 'progress after the response would show now');
    // Over HTTP a progress on another stream than the response may arrive just after it although it
    // was sent before: only the provably later ones count against the server, the rest as before.
    const progress = ctx.serverMessages(call.fromSeq).filter((e) => isProgressFor(e, call.token));
    const after = progress.filter((e) => provablyAfter(ctx, e, done));
    const before = progress.filter((e) => !after.includes(e));
    if (after.length === 0) {
      if (before.length === 0)
        return {
          kind: 'untestable',
          summary: 'the short run sent no progress at all, so there was nothing to stop',
        };
      return {
        kind: 'pass',
        summary: `${before.length} progress notifications, none provably after the response; none in the ${ctx.silenceMs} ms after it`,
      };
    }
    return {
      kind: 'violation',
      summary: `${after.length} progress notification(s) after the response, the first ${Math.round((after[0]?.t ?? 0) - done.t)} ms after it`,
      expected: 'the response is the last message for the request',
      actual: `${after.length} progress notification(s) for token ${JSON.stringify(call.token)} after the response`,
      evidence: [done, ...after.slice(0, 3)],
    };
  },
});
