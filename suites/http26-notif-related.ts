// HTTP26-NOTIF-RELATED: in 2026-07-28 every request has its own SSE stream, and the notifications on
// it must relate to that request. The suite runs two slow calls side by side and checks that each
// call's progress arrives only on its own stream.

import { defineRule, isProgressFor, MODERN_REVISIONS, type Outcome, type SlowCall } from '../harness/api.js';
import { notInFlight } from './lib/common.js';
import { http } from './lib/http.js';

export default defineRule({
  id: 'HTTP26-NOTIF-RELATED',
  title: "A request's notifications go on its own stream (2026-07-28)",
  keyword: 'MUST',
  quote:
    'The server **MAY** send JSON-RPC _notifications_ — for example, [`notifications/progress`] or [`notifications/message`] — before the final response. These notifications **MUST** relate to the originating client request.',
  page: 'streamable-http',
  anchor: 'receiving-messages',
  revisions: MODERN_REVISIONS,
  transports: ['http'],
  needs: ['slowTool', 'progress'],
  session: 'initialized',
  expected: "each call's progress arrives only on the SSE stream of that call",
  async run(ctx): Promise<Outcome> {
    const channel = http(ctx);
    const calls: SlowCall[] = [await ctx.startSlow(), await ctx.startSlow()];
    for (const call of calls) {
      const unfit = notInFlight(ctx, call);
      if (unfit) return unfit;
    }
    // A few more steps of both, so that each has reported while the other's stream was open.
    for (const call of calls) {
      let seen = 0;
      await ctx.waitFor((e) => isProgressFor(e, call.token) && ++seen >= 3, ctx.budgets.prompt, call.fromSeq);
    }
    for (const call of calls) await ctx.cancelAndObserve(call, { windowMs: ctx.budgets.settle });
    const misplaced = calls.flatMap((call) =>
      ctx
        .serverMessages(call.fromSeq)
        .filter((e) => isProgressFor(e, call.token) && e.stream !== channel.streamOfRequest(call.req.id)),
    );
    const progress = calls.map(
      (c) => ctx.serverMessages(c.fromSeq).filter((e) => isProgressFor(e, c.token)).length,
    );
    const metrics = { progressA: progress[0] ?? 0, progressB: progress[1] ?? 0, misplaced: misplaced.length };
    if (misplaced.length === 0)
      return {
        kind: 'pass',
        summary: `two calls side by side: ${progress.join(' and ')} progress notifications, each on its own call's stream`,
        metrics,
      };
    return {
      kind: 'violation',
      summary: `${misplaced.length} progress notifications arrived on another request's stream (${[...new Set(misplaced.map((e) => e.stream))].join(', ')})`,
      expected: "each call's progress on the stream of that call",
      actual: `${misplaced.length} on another stream`,
      metrics,
      evidence: misplaced.slice(0, 6),
    };
  },
});
