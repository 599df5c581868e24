// CANCEL-NO-RESPONSE: after a cancel, the receiver should not answer the cancelled request.

import { defineRule, describeMessage, REVISIONS } from '../harness/api.js';
import type { Outcome } from '../harness/api.js';
import { crossedCancel, ms, notInFlight, cancelHidesRequest } from './lib/common.js';

export default defineRule({
  id: 'CANCEL-NO-RESPONSE',
  title: 'No response for a cancelled request',
  keyword: 'SHOULD',
  quote:
    'Receivers of cancellation notifications **SHOULD**: … - Not send a response for the cancelled request',
  quoteFor: {
    '2026-07-28':
      'Servers receiving cancellation notifications **SHOULD**: … - Not send a response for the cancelled request',
  },
  page: 'cancellation',
  anchor: 'behavior-requirements',
  revisions: REVISIONS,
  transports: ['stdio', 'http'],
  needs: ['slowTool'],
  session: 'initialized',
  expected: 'no result and no error for the cancelled id during the silence window after the cancel',
  async run(ctx): Promise<Outcome> {
    const hidden = cancelHidesRequest(ctx, 'the server still answers the cancelled request');
    if (hidden) return hidden;
    const call = await ctx.startSlow();
    const unfit = notInFlight(ctx, call);
    if (unfit) return unfit;
    const obs = await ctx.cancelAndObserve(call);
    const metrics = { stopLatencyMs: obs.stopLatencyMs, windowMs: ms(obs.windowEnd - obs.cancelAt) };
    const answer = obs.responses.find((e) => e.t >= obs.cancelAt);
    if (!answer) {
      return {
        kind: 'pass',
        summary: `no response for id ${JSON.stringify(call.req.id)} within ${metrics.windowMs} ms after the cancel`,
        metrics,
      };
    }
    const after = Math.round(answer.t - obs.cancelAt);
    // A response the tool could have produced by itself and that crossed the cancel is a race, not a violation.
    if (crossedCancel(ctx, call, obs, answer)) {
      return {
        kind: 'pass',
        summary: `a response crossed the cancel on the wire (${after} ms after it): a race the spec accepts`,
        metrics,
        evidence: [answer],
      };
    }
    return {
      kind: 'violation',
      summary: `sent ${describeMessage(answer.message)} ${after} ms after the cancel`,
      expected: `no response for the cancelled request id ${JSON.stringify(call.req.id)}`,
      actual: `${describeMessage(answer.message)} ${after} ms after the cancel was written; the tool was seen running for ${ctx.discovery.slowToolObservedMs} ms in the probe, so this answer was caused by the cancel, not a natural completion`,
      metrics,
      evidence: [answer],
    };
  },
});
