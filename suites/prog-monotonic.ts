// PROG-MONOTONIC: every progress value for a token is strictly greater than the one before
// (RULES.md §10 A10), also across the cancel point.

import { defineRule, isProgressFor, REVISIONS, progressOf } from '../harness/api.js';
import type { Outcome, TranscriptEvent } from '../harness/api.js';
import { notInFlight } from './lib/common.js';

export default defineRule({
  id: 'PROG-MONOTONIC',
  title: 'Progress only increases',
  keyword: 'MUST',
  quote: 'The `progress` value **MUST** increase with each notification, even if the total is unknown.',
  page: 'progress',
  anchor: 'behavior-requirements',
  revisions: REVISIONS,
  transports: ['stdio', 'http'],
  needs: ['slowTool', 'progress'],
  session: 'initialized',
  expected: 'each progress value of a token strictly greater than the previous one',
  cost: 'long',
  async run(ctx): Promise<Outcome> {
    const call = await ctx.startSlow();
    const unfit = notInFlight(ctx, call);
    if (unfit) return unfit;
    // Several steps, then the cancel: values must keep increasing up to and across it. Up to five
    // values, as many as two more steps take at the tool's pace (a slow pace gives fewer values,
    // never a longer wait), then at least a second value.
    const interval = ctx.discovery.progressIntervalMs ?? 0;
    const count = (n: number) => {
      let seen = 0;
      return (e: TranscriptEvent) => isProgressFor(e, call.token) && ++seen >= n;
    };
    const stepsMs = Math.max(ctx.budgets.prompt, 2.25 * interval);
    const wanted = interval > 0 ? Math.min(5, 1 + Math.floor(stepsMs / interval)) : 5;
    const more = await ctx.waitFor(count(wanted), stepsMs, call.fromSeq);
    if (!more) await ctx.waitFor(count(2), Math.max(ctx.budgets.prompt, 3 * interval), call.fromSeq);
    // Values across the cancel are the ones of its race window; progress after it is
    // CANCEL-RECV-STOP-PROCESSING's question, so the watch ends with the race window.
    await ctx.cancelAndObserve(call, { windowMs: ctx.budgets.settle });
    const events = ctx.serverMessages(call.fromSeq).filter((e) => isProgressFor(e, call.token));
    if (events.length < 2) {
      return {
        kind: 'untestable',
        summary: `the call sent ${events.length} progress notification(s): nothing to compare`,
      };
    }
    for (let i = 0; i < events.length; i++) {
      const cur = events[i];
      const value = progressOf(cur?.message)?.progress;
      const before = i > 0 ? progressOf(events[i - 1]?.message)?.progress : undefined;
      if (typeof value !== 'number') {
        return {
          kind: 'violation',
          summary: `progress value ${JSON.stringify(value)} is not a number`,
          expected: 'numeric, increasing progress',
          actual: JSON.stringify(cur?.message),
          evidence: cur ? [cur] : [],
        };
      }
      if (typeof before === 'number' && !(value > before)) {
        return {
          kind: 'violation',
          summary: `progress went from ${before} to ${value}`,
          expected: 'each progress value greater than the previous one for the same token',
          actual: `notification ${i + 1} of ${events.length} carries ${value} after ${before}`,
          evidence: [events[i - 1], cur].filter((e) => e !== undefined),
          metrics: { notifications: events.length },
        };
      }
    }
    return {
      kind: 'pass',
      summary: `${events.length} progress values, each greater than the one before`,
      metrics: { notifications: events.length },
    };
  },
});
