// Invariant "cancelled-at-most-once": a cancelled request gets at most one response, and only one the
// cancel did not cause (a natural completion inside the race window).

import { defineInvariant, describeMessage, type Break } from '../../harness/api.js';
import cancelNoResponse from '../cancel-no-response.js';
import cancelRaceGraceful from '../cancel-race-graceful.js';
import { answeredTwice, cancelOf, responsesTo } from './lib.js';

export default defineInvariant({
  id: 'cancelled-at-most-once',
  text: 'a cancelled request gets at most one response, and only one the cancel did not cause (a natural completion inside the race window)',
  rules: [cancelNoResponse, cancelRaceGraceful],
  why: 'the same tests as the scripted rules: one response after the race window (or before the tool could have finished) is a response the cancel caused; two responses break the race rule',
  check(x, { discovery }) {
    const out: Break[] = [];
    const id = (v: unknown) => JSON.stringify(v);
    for (const r of x.requests) {
      const cancel = cancelOf(x, r);
      if (!cancel) continue;
      const mine = responsesTo(x, r);
      if (mine.length > 1) {
        out.push(answeredTwice(cancelRaceGraceful, r, mine));
        continue;
      }
      const answer = mine[0];
      if (!answer || answer.t < cancel.at) continue;
      const natural = r.call === 'slow' ? (discovery.slowToolObservedMs ?? Infinity) : 0;
      if (answer.t - r.sentAt >= natural && answer.t <= cancel.raceEnd) continue;
      const late = answer.t > cancel.raceEnd;
      out.push({
        rule: cancelNoResponse,
        summary: `cancelled request ${id(r.id)} was answered ${Math.round(answer.t - cancel.at)} ms after the cancel`,
        expected: `no response for the cancelled request ${id(r.id)} (one crossing the cancel inside the race window is accepted)`,
        actual: late
          ? `${describeMessage(answer.message)} ${Math.round(answer.t - (cancel.readAt ?? cancel.at))} ms after the server had provably read the cancel, past the race window`
          : `${describeMessage(answer.message)} after the cancel, before the slow tool could have finished on its own (it ran ${natural} ms in the probe): the cancel caused it`,
        evidence: [cancel.seq, answer.seq],
      });
    }
    return out;
  },
});
