// Invariant "answered-once": every request the suite did not cancel gets exactly one response.

import { defineInvariant, progressOf, sameId, type Break } from '../../harness/api.js';
import cancelIgnoreInvalid from '../cancel-ignore-invalid.js';
import cancelRaceGraceful from '../cancel-race-graceful.js';
import pingRespondPromptly from '../ping-respond-promptly.js';
import { answeredTwice, cancelOf, responsesTo } from './lib.js';

export default defineInvariant({
  id: 'answered-once',
  text: 'every request the suite did not cancel gets exactly one response',
  rules: [cancelIgnoreInvalid, cancelRaceGraceful, pingRespondPromptly],
  why: 'a request lost while some cancel named another id (or named this id before it was sent) was stopped by a cancel that should have been ignored; a second response is a race handled badly; a ping lost with no cancel in the program is a ping not answered',
  check(x) {
    const out: Break[] = [];
    const id = (v: unknown) => JSON.stringify(v);
    for (const r of x.requests) {
      if (cancelOf(x, r)) continue;
      const mine = responsesTo(x, r);
      if (mine.length > 1) {
        out.push(answeredTwice(cancelRaceGraceful, r, mine));
        continue;
      }
      if (mine.length === 1 || x.exit) continue;
      const otherCancels = x.cancels.filter((c) => c.step >= 0);
      if (otherCancels.length === 0 && r.call !== 'fast') continue;
      // A call that still reported progress after every cancel had been read was not stopped by one:
      // it is only slower than its bound here, and that is no evidence against the server.
      const lastRead = Math.max(...otherCancels.map((c) => c.readAt ?? c.at));
      const working = x.transcript.events.some(
        (e) =>
          e.dir === 'server' &&
          e.kind === 'message' &&
          r.token !== null &&
          e.t > lastRead &&
          sameId(progressOf(e.message)?.token, r.token),
      );
      if (working) continue;
      const earlier = otherCancels.find((c) => sameId(c.id, r.id));
      out.push({
        rule: otherCancels.length > 0 ? cancelIgnoreInvalid : pingRespondPromptly,
        summary: `request ${id(r.id)} was never answered${earlier ? `; a cancel for ${id(r.id)} was written before the request` : ''}`,
        expected: earlier
          ? `a cancel naming an id no request has yet is ignored, so the later request ${id(r.id)} is answered`
          : `a cancel stops only the request it names; request ${id(r.id)} was not named and must be answered`,
        actual: `no response for ${id(r.id)} (${r.call}); cancels in the program named ${otherCancels.map((c) => id(c.id)).join(', ') || 'nothing'}`,
        evidence: [r.seq, ...otherCancels.map((c) => c.seq)].slice(0, 6),
      });
    }
    return out;
  },
});
