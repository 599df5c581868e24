// CANCEL-STOP-LATENCY: how soon the server stopped after the cancels of the run, as information. Not a
// rule of the spec (it sets no time): the suite's own measurement, level INFORMATIVE, so its result is
// `info` with the figures (or `untestable` saying why none was measured), never a `warn` or a `fail`.
// It has no session: the runner hands it the other rules' results at each revision once they are in.

import {
  defineRule,
  describeStopLatencies,
  REVISIONS,
  STOP_LATENCY_RULE,
  stopLatencies,
} from '../harness/api.js';
import type { Discovery, Outcome } from '../harness/api.js';

// Why: what kept every cancel of the revision from showing a stop, and what would supply one.
function missing(d: Discovery): string {
  if (!d.slowTool)
    return `there is no slow tool to cancel: ${d.slowToolWhy ?? 'none found; name one with --slow-tool'}`;
  if (!d.slowTool.progress)
    return `the slow tool ${d.slowTool.name} sends no progress, so the wire shows no stop, and the CPU time of the target's processes showed none either (CANCEL-RECV-STOP-PROCESSING says why)`;
  return 'no rule that cancels the slow tool measured a stop here (their results say why); CANCEL-NO-RESPONSE and CANCEL-RECV-STOP-PROCESSING do when they run';
}

export default defineRule({
  id: STOP_LATENCY_RULE,
  title: 'Stop latency after a cancel (information)',
  keyword: 'INFORMATIVE',
  quote:
    'Not normative: the spec sets no time. A tutorial on MCP cancellation says "Cancellation should be **fast** (< 1 second)".',
  page: 'cancellation',
  anchor: 'behavior-requirements',
  revisions: REVISIONS,
  transports: ['stdio', 'http'],
  judgedBy: 'measurement',
  needs: [],
  session: 'initialized',
  expected:
    'nothing: the median and the worst time from a cancel to the last message or CPU work for its request, over every cancel of the revision whose stop was measured',
  run() {
    return Promise.resolve({ kind: 'untestable' as const, summary: 'measured over the other results only' });
  },
  measure(results, discovery): Outcome {
    const s = stopLatencies(results, discovery);
    if (!s)
      return {
        kind: 'untestable',
        summary: `no cancel at this revision measured a stop: ${missing(discovery)}`,
        metrics: { cancels: 0 },
      };
    return { kind: 'info', summary: describeStopLatencies(s), metrics: { ...s } };
  },
});
