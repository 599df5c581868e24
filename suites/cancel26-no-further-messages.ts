// CANCEL26-NO-FURTHER-MESSAGES (2026-07-28, stdio): once the server has read a cancel, nothing more
// for that request: no response and no progress. Where 2024–2025 only had SHOULDs for this
// (CANCEL-NO-RESPONSE, CANCEL-RECV-STOP-PROCESSING: warnings), the 2026 stdio page makes it a MUST NOT
// (RULES.md §10 A1, A2: a failure outside the race window). The race window is the same as theirs:
// until the server answered a server/discover written after the cancel, plus a grace.

import { defineRule, describeMessage, MODERN_REVISIONS } from '../harness/api.js';
import type { Outcome, TranscriptEvent } from '../harness/api.js';
import { crossedCancel, ms, notInFlight } from './lib/common.js';

const EXPECTED = 'no response and no progress for the cancelled request once the server has read the cancel';

export default defineRule({
  id: 'CANCEL26-NO-FURTHER-MESSAGES',
  title: 'Nothing more for a cancelled request',
  keyword: 'MUST NOT',
  quote:
    'Servers **SHOULD** stop work on a cancelled request as soon as practical and **MUST NOT** send any further messages for it.',
  page: 'transports',
  anchor: 'cancellation',
  revisions: MODERN_REVISIONS,
  transports: ['stdio'],
  needs: ['slowTool'],
  session: 'initialized',
  expected: EXPECTED,
  async run(ctx): Promise<Outcome> {
    const call = await ctx.startSlow();
    const unfit = notInFlight(ctx, call);
    if (unfit) return unfit;
    const obs = await ctx.cancelAndObserve(call);
    const metrics = {
      stopLatencyMs: obs.stopLatencyMs,
      progressAfterCancel: obs.progressAfterCancel.length,
      windowMs: ms(obs.windowEnd - obs.cancelAt),
    };
    // A response that crossed the cancel (the tool could have finished by itself, and it came
    // within the race window) was not sent for a cancelled request: the spec's race.
    const further: TranscriptEvent[] = [
      ...obs.responses.filter((e) => e.t >= obs.cancelAt && !crossedCancel(ctx, call, obs, e)),
      ...obs.progressAfterRace,
    ].sort((a, b) => a.seq - b.seq);
    if (further.length === 0) {
      return {
        kind: 'pass',
        summary: call.provedByProgress
          ? `nothing more for id ${JSON.stringify(call.req.id)}: progress stopped ${obs.stopLatencyMs} ms after the cancel, no response in ${metrics.windowMs} ms`
          : `no response for id ${JSON.stringify(call.req.id)} in ${metrics.windowMs} ms after the cancel (the call sent no progress)`,
        metrics,
      };
    }
    const first = further[0] as TranscriptEvent;
    const read =
      obs.cancelReadAt === null
        ? 'it never answered the server/discover written after the cancel'
        : `it had read the cancel ${ms(obs.cancelReadAt - obs.cancelAt)} ms after it was written`;
    return {
      kind: 'violation',
      summary: `${further.length} message${further.length === 1 ? '' : 's'} for the cancelled request after the cancel; first ${describeMessage(first.message)} ${ms(first.t - obs.cancelAt)} ms after it`,
      expected: EXPECTED,
      actual: `${further
        .map((e) => `${describeMessage(e.message)} at +${ms(e.t - obs.cancelAt)} ms`)
        .slice(0, 4)
        .join(', ')}${further.length > 4 ? ', …' : ''}; ${read}`,
      metrics,
      evidence: further.slice(0, 6),
    };
  },
});
