// HTTP-SSE-RELATED: messages a server sends on a request's SSE stream relate to that request, and
// those on the standalone GET stream do not relate to a running request. The suite runs the slow
// call (progress) and a ping beside it and checks on which stream each of their messages arrived.

import { defineRule, isProgressFor, isResponseFor, type Outcome } from '../harness/api.js';
import { callAcrossStreams, http, HTTP_LEGACY_REVISIONS, isOutcome } from './lib/http.js';

export default defineRule({
  id: 'HTTP-SSE-RELATED',
  title: "A request's messages go on its own stream",
  keyword: 'SHOULD',
  quote:
    'The server **MAY** send JSON-RPC _requests_ and _notifications_ before sending the JSON-RPC _response_. These messages **SHOULD** relate to the originating client _request_. … (GET stream:) These messages **SHOULD** be unrelated to any concurrently-running JSON-RPC _request_ from the client.',
  page: 'streamable-http',
  anchor: 'sending-messages-to-the-server',
  revisions: HTTP_LEGACY_REVISIONS,
  transports: ['http'],
  needs: ['slowTool', 'progress'],
  session: 'initialized',
  expected:
    "progress and the response of a request arrive on that request's POST stream, not on another stream",
  async run(ctx): Promise<Outcome> {
    const seen = await callAcrossStreams(ctx);
    if (isOutcome(seen)) return seen;
    const channel = http(ctx);
    const misplaced = seen.messages.filter((e) => {
      if (isProgressFor(e, seen.call.token)) return e.stream !== seen.home;
      const asked = ctx.requests.find((r) => isResponseFor(e, r.id));
      return asked !== undefined && e.stream !== channel.streamOfRequest(asked.id);
    });
    const mine = seen.messages.filter((e) => isProgressFor(e, seen.call.token)).length;
    const metrics = { progressSeen: mine, misplaced: misplaced.length };
    if (mine === 0)
      return {
        kind: 'inconclusive',
        summary: `the slow call sent no progress on any stream within ${ctx.budgets.long} ms (raise --time-scale for a slow server)`,
        metrics,
      };
    if (misplaced.length === 0)
      return {
        kind: 'pass',
        summary: `${mine} progress notifications of the call, all on its own stream ${seen.home}; every response on its request's stream`,
        metrics,
      };
    const where = [...new Set(misplaced.map((e) => e.stream))].join(', ');
    return {
      kind: 'violation',
      summary: `${misplaced.length} messages of a request arrived on another stream (${where}) instead of the request's own`,
      expected: `the call's progress on ${seen.home}, and each response on its request's stream`,
      actual: `${misplaced.length} of them on ${where}`,
      metrics,
      evidence: misplaced.slice(0, 6),
    };
  },
});
