// HTTP-CANCEL-EXPLICIT: over Streamable HTTP (2025 revisions) a client that wants to cancel posts a
// `notifications/cancelled`; closing the stream is not enough. The sentence binds the client; what
// a server-side suite checks is its other half: after the stream of a request was dropped (and
// resumed), the explicit cancel still stops the request, and no response follows it.

import { defineRule, type Outcome } from '../harness/api.js';
import { ms, notInFlight } from './lib/common.js';
import { dropAndResume, HTTP_LEGACY_REVISIONS, isOutcome } from './lib/http.js';

export default defineRule({
  id: 'HTTP-CANCEL-EXPLICIT',
  title: 'An explicit cancel works after a disconnect (2025 revisions)',
  keyword: 'SHOULD',
  quote: 'To cancel, the client **SHOULD** explicitly send an MCP `CancelledNotification`.',
  page: 'streamable-http',
  anchor: 'sending-messages-to-the-server',
  revisions: HTTP_LEGACY_REVISIONS,
  transports: ['http'],
  needs: ['slowTool', 'progress'],
  session: 'initialized',
  expected:
    'a cancel POSTed for a request whose stream was dropped stops its progress, and no response follows',
  async run(ctx): Promise<Outcome> {
    const call = await ctx.startSlow();
    const unfit = notInFlight(ctx, call);
    if (unfit) return unfit;
    const resumed = await dropAndResume(ctx, call);
    if (isOutcome(resumed)) {
      await ctx.cancel(call.req.id, 'mcp-cancel-conformance: end of the check');
      return resumed;
    }
    const obs = await ctx.cancelAndObserve(call);
    const late = [...obs.progressAfterRace, ...obs.responses.filter((e) => e.t > obs.raceEnd)];
    const metrics = { stopLatencyMs: obs.stopLatencyMs, windowMs: ms(obs.windowEnd - obs.cancelAt) };
    if (late.length === 0)
      return {
        kind: 'pass',
        summary: `after a dropped and resumed stream, the explicit cancel stopped the request ${obs.stopLatencyMs} ms after it; nothing in the following ${metrics.windowMs} ms`,
        metrics,
      };
    return {
      kind: 'violation',
      summary: `the explicit cancel of a request whose stream had been dropped did not stop it: ${late.length} messages for it after the server had read the cancel`,
      expected: 'no progress and no response for the request once the server has read the cancel',
      actual: `${obs.progressAfterRace.length} progress notifications and ${late.length - obs.progressAfterRace.length} responses after the race window`,
      metrics,
      evidence: [...resumed.evidence, ...late.slice(0, 5)],
    };
  },
});
