// Invariant "no-stray-response": no response to a notification, and no message for an id the suite
// never used.

import { defineInvariant, describeMessage, idOf, isResponse, sameId, type Break } from '../../harness/api.js';
import rpcNotifNoResponse from '../rpc-notif-no-response.js';
import rpcRespSameId from '../rpc-resp-same-id.js';

export default defineInvariant({
  id: 'no-stray-response',
  text: 'no response to a notification, and no message for an id the suite never used',
  rules: [rpcNotifNoResponse, rpcRespSameId],
  why: 'a response with a null or missing id, or with the id a cancel named before any request used it, answers the cancel notification; any other unknown id does not carry the id of the request it answers',
  check(x) {
    const out: Break[] = [];
    for (const e of x.transcript.events) {
      if (e.dir !== 'server' || e.kind !== 'message' || !isResponse(e.message)) continue;
      const rid = idOf(e.message);
      if (x.sentIds.some((s) => s.seq >= 0 && s.seq < e.seq && sameId(s.id, rid))) continue;
      const toCancel =
        rid === null || rid === undefined || x.cancels.some((c) => c.seq < e.seq && sameId(c.id, rid));
      out.push({
        rule: toCancel ? rpcNotifNoResponse : rpcRespSameId,
        summary: `${describeMessage(e.message)}, but no request had that id when it was sent`,
        expected: toCancel
          ? 'no response to a notification (a cancel is one)'
          : 'every response carries the id of the request it answers, with the same JSON type',
        actual: `${describeMessage(e.message)}; the ids the suite had used by then: ${x.sentIds
          .filter((s) => s.seq < e.seq)
          .map((s) => JSON.stringify(s.id))
          .join(', ')}`,
        evidence: [e.seq],
      });
    }
    return out;
  },
});
