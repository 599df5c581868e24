// CANCEL-RECV-STOP-PROCESSING: after a cancel, the receiver should stop working on the request.
// The wire shows work through progress: progress that goes on after the server has provably read
// the cancel (it answered a ping written after it) means the work goes on. A call that sends no
// progress may still show its work to the operating system, as CPU time (suites/lib/cpu-work.ts) or
// as a process it started that lives on (suites/lib/child-work.ts).

import { defineRule, REVISIONS } from '../harness/api.js';
import type { Outcome } from '../harness/api.js';
import { ms, notInFlight, cancelHidesRequest } from './lib/common.js';
import { stopShownByCpu } from './lib/cpu-work.js';

export default defineRule({
  id: 'CANCEL-RECV-STOP-PROCESSING',
  title: 'Work stops after a cancel',
  keyword: 'SHOULD',
  quote: 'Receivers of cancellation notifications **SHOULD**: - Stop processing the cancelled request',
  quoteFor: {
    '2026-07-28':
      'Servers receiving cancellation notifications **SHOULD**: - Stop processing the cancelled request',
  },
  page: 'cancellation',
  anchor: 'behavior-requirements',
  revisions: REVISIONS,
  transports: ['stdio', 'http'],
  needs: ['slowTool'],
  session: 'initialized',
  expected:
    "no progress for the cancelled request once the server has read the cancel (without progress: CPU time back to idle, and the call's own processes ended)",
  async run(ctx): Promise<Outcome> {
    const hidden = cancelHidesRequest(ctx, 'the work stopped');
    if (hidden) return hidden;
    const d = ctx.discovery;
    if (d.slowTool?.progress === false)
      return stopShownByCpu(
        ctx,
        `the slow tool ${d.slowTool.name} sends no progress, so the wire cannot show whether work stopped`,
      );
    const call = await ctx.startSlow();
    const unfit = notInFlight(ctx, call);
    if (unfit) return unfit;
    if (!call.provedByProgress)
      return {
        kind: 'untestable',
        summary: 'this call sent no progress, so the wire cannot show whether work stopped',
      };
    const obs = await ctx.cancelAndObserve(call);
    const metrics = {
      stopLatencyMs: obs.stopLatencyMs,
      progressAfterCancel: obs.progressAfterCancel.length,
      windowMs: ms(obs.windowEnd - obs.cancelAt),
    };
    const late = obs.progressAfterRace;
    if (late.length === 0) {
      return {
        kind: 'pass',
        summary: `progress stopped ${obs.stopLatencyMs} ms after the cancel; none in the following ${metrics.windowMs} ms`,
        metrics,
      };
    }
    const last = late[late.length - 1] ?? late[0];
    return {
      kind: 'violation',
      summary: `kept working: ${late.length} progress notifications after the server had read the cancel, the last ${ms((last?.t ?? 0) - obs.cancelAt)} ms after it`,
      expected: 'progress for the cancelled request stops once the cancel has been read',
      actual: `${late.length} progress notifications arrived after the server answered the ping written after the cancel (${obs.cancelReadAt === null ? 'it never answered' : `${ms(obs.cancelReadAt - obs.cancelAt)} ms after the cancel`})`,
      metrics,
      evidence: late.slice(0, 5),
    };
  },
});
