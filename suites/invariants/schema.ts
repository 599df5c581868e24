// Invariant "schema": every message the target sends in a program is schema-valid.

import {
  classify,
  defineInvariant,
  idOf,
  sameId,
  validateServerMessage,
  type Break,
} from '../../harness/api.js';
import msgSchemaValid from '../msg-schema-valid.js';

export default defineInvariant({
  id: 'schema',
  text: 'every message is schema-valid',
  rules: [msgSchemaValid],
  why: 'the scripted rule, applied to every message of the program',
  check(x, { revision }) {
    const out: Break[] = [];
    for (const e of x.transcript.events) {
      if (e.dir !== 'server' || e.kind !== 'message') continue;
      const rid = idOf(e.message);
      const method =
        classify(e.message) === 'request' ? undefined : x.sentIds.find((s) => sameId(s.id, rid))?.method;
      const v = validateServerMessage(revision, e.message, { requestMethod: method });
      if (v.valid) continue;
      out.push({
        rule: msgSchemaValid,
        summary: `#${e.seq} does not match ${v.schema}: ${v.errors[0] ?? ''}`,
        expected: `messages valid against the ${revision} schema`,
        actual: `${v.schema}: ${v.errors.join('; ')}`,
        evidence: [e.seq],
      });
    }
    return out;
  },
});
