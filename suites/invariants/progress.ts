// Invariant "progress": progress only for active tokens, and monotonic.

import {
  defineInvariant,
  idOf,
  isModern,
  isResponse,
  progressOf,
  sameId,
  type Break,
} from '../../harness/api.js';
import cancel26NoFurtherMessages from '../cancel26-no-further-messages.js';
import progActiveTokenOnly from '../prog-active-token-only.js';
import progMonotonic from '../prog-monotonic.js';
import { cancelOf } from './lib.js';

const A2 = 'a cancelled request is no longer in progress once the cancel is read (RULES.md §10 A2)';

export default defineInvariant({
  id: 'progress',
  text: 'progress only for active tokens, and monotonic',
  rules: [progActiveTokenOnly, progMonotonic],
  why: 'the scripted progress rules, applied to every token of the program; progress after a cancel was read is judged as SHOULD (RULES.md §10 A2), as the scripted rule does',
  check(x, { revision }) {
    const out: Break[] = [];
    const id = (v: unknown) => JSON.stringify(v);
    const server = x.transcript.events.filter((e) => e.dir === 'server' && e.kind === 'message');
    const last = new Map<string, number>();
    for (const e of server) {
      const p = progressOf(e.message);
      if (!p) continue;
      const fail = (b: Omit<Break, 'actual' | 'evidence'>) =>
        out.push({ ...b, actual: b.summary, evidence: [e.seq] });
      const r = x.requests.find((q) => q.token !== null && sameId(q.token, p.token));
      if (!r) {
        fail({
          rule: progActiveTokenOnly,
          summary: `progress for token ${id(p.token)}, which no request of the program carried`,
          expected: 'progress only for tokens of active requests',
        });
        continue;
      }
      const answer = server.find(
        (a) => isResponse(a.message) && a.seq > r.seq && sameId(idOf(a.message), r.id),
      );
      if (answer && e.seq > answer.seq) {
        fail({
          rule: progActiveTokenOnly,
          summary: `progress for ${id(p.token)} after request ${id(r.id)} was answered`,
          expected: 'no progress after the response',
        });
        continue;
      }
      const cancel = cancelOf(x, r);
      if (cancel && e.t > cancel.raceEnd) {
        // RULES.md §10 A2: a SHOULD in 2024–2025; in 2026-07-28 the stdio page's MUST NOT.
        fail({
          rule: progActiveTokenOnly,
          summary: `progress for ${id(p.token)} after the server had read the cancel of ${id(r.id)}`,
          expected: A2,
          ...(isModern(revision)
            ? { keyword: 'MUST NOT', requirementOf: cancel26NoFurtherMessages }
            : { keyword: 'SHOULD', requirement: A2 }),
        });
        continue;
      }
      const key = String(p.token);
      const value = typeof p.progress === 'number' ? p.progress : NaN;
      const before = last.get(key);
      if (before !== undefined && !(value > before))
        fail({
          rule: progMonotonic,
          summary: `progress for ${id(p.token)} went from ${before} to ${id(p.progress)}`,
          expected: 'progress increases with each notification',
        });
      last.set(key, value);
    }
    return out;
  },
});
