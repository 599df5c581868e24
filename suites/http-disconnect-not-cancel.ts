// HTTP-DISCONNECT-NOT-CANCEL: over Streamable HTTP (2025 revisions) a dropped SSE stream is not a
// cancel. The suite drops the stream of a slow call that reports progress, resumes it with GET and
// Last-Event-ID, and expects the count to go on. Without resumable streams nothing of the call can
// reach the client again, so the wire cannot tell: `untestable`, saying what would make it testable.

import { defineRule, isProgressFor, isResponseFor, progressOf, type Outcome } from '../harness/api.js';
import { notInFlight } from './lib/common.js';
import { dropAndResume, HTTP_LEGACY_REVISIONS, isOutcome, progressReached } from './lib/http.js';

/** Steps the count must advance past the drop: one may be the step the server was finishing. */
const STEPS_BEYOND = 2;

export default defineRule({
  id: 'HTTP-DISCONNECT-NOT-CANCEL',
  title: 'A dropped stream is not a cancel (2025 revisions)',
  keyword: 'SHOULD NOT',
  quote:
    'Disconnection **MAY** occur at any time (e.g., due to network conditions). Therefore: - Disconnection **SHOULD NOT** be interpreted as the client cancelling its request.',
  page: 'streamable-http',
  anchor: 'sending-messages-to-the-server',
  revisions: HTTP_LEGACY_REVISIONS,
  transports: ['http'],
  needs: ['slowTool', 'progress'],
  session: 'initialized',
  expected:
    'after the client drops the SSE stream of a request, the work goes on (seen on the resumed stream)',
  async run(ctx): Promise<Outcome> {
    const call = await ctx.startSlow();
    const unfit = notInFlight(ctx, call);
    if (unfit) return unfit;
    const resumed = await dropAndResume(ctx, call);
    if (isOutcome(resumed)) {
      await ctx.cancel(call.req.id, 'mcp-cancel-conformance: end of the check');
      return resumed;
    }
    const target = resumed.before + STEPS_BEYOND;
    const went = await ctx.waitFor(
      (e) => {
        const p = isProgressFor(e, call.token) ? progressOf(e.message)?.progress : undefined;
        return typeof p === 'number' && p >= target;
      },
      ctx.silenceMs,
      resumed.fromSeq,
    );
    const after = Math.max(resumed.before, progressReached(ctx, call, resumed.fromSeq));
    const answer = ctx.serverMessages(resumed.fromSeq).find((e) => isResponseFor(e, call.req.id));
    await ctx.cancel(call.req.id, 'mcp-cancel-conformance: end of the check');
    const metrics = { progressBeforeDrop: resumed.before, progressAfterResume: after };
    if (went)
      return {
        kind: 'pass',
        summary: `the work went on after its stream was dropped: progress ${resumed.before} before, ${after} on the resumed stream`,
        metrics,
      };
    return {
      kind: 'violation',
      summary: `the work stopped when the client dropped its SSE stream: progress got no further than ${after} (${resumed.before} before the drop) in ${ctx.silenceMs} ms on the resumed stream${answer ? ', and the request was answered early' : ''}`,
      expected: `progress beyond ${target} on the resumed stream within ${ctx.silenceMs} ms`,
      actual: `progress reached ${after}${answer ? `; the request was answered after the drop` : ''}`,
      metrics,
      evidence: [...resumed.evidence, ...(answer ? [answer] : [])],
    };
  },
});
