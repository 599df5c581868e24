// HTTP-NO-BROADCAST: each message goes on one stream only. The suite runs the slow call (progress)
// with the standalone GET stream open and looks for a message about a request (a progress for its
// token, a response for its id) that arrived on two different streams.

import {
  defineRule,
  idOf,
  isProgressFor,
  isResponse,
  type Outcome,
  type TranscriptEvent,
} from '../harness/api.js';
import { callAcrossStreams, HTTP_LEGACY_REVISIONS, isOutcome } from './lib/http.js';

export default defineRule({
  id: 'HTTP-NO-BROADCAST',
  title: 'No message is broadcast on several streams',
  keyword: 'MUST NOT',
  quote:
    'The server **MUST** send each of its JSON-RPC messages on only one of the connected streams; that is, it **MUST NOT** broadcast the same message across multiple streams.',
  page: 'streamable-http',
  anchor: 'multiple-connections',
  revisions: HTTP_LEGACY_REVISIONS,
  transports: ['http'],
  needs: ['slowTool', 'progress'],
  session: 'initialized',
  expected: 'every progress notification and response arrives on exactly one stream',
  async run(ctx): Promise<Outcome> {
    const seen = await callAcrossStreams(ctx);
    if (isOutcome(seen)) return seen;
    // Only messages about a request are unique by content (a token and value, or an id).
    const about = seen.messages.filter(
      (e) => isProgressFor(e, seen.call.token) || (isResponse(e.message) && idOf(e.message) !== undefined),
    );
    const byContent = new Map<string, TranscriptEvent[]>();
    for (const e of about) {
      const key = JSON.stringify(e.message);
      byContent.set(key, [...(byContent.get(key) ?? []), e]);
    }
    const twice = [...byContent.values()].filter((es) => new Set(es.map((e) => e.stream)).size > 1);
    const streams = new Set(seen.messages.map((e) => e.stream)).size;
    const metrics = { messages: about.length, streams, broadcast: twice.length };
    if (twice.length === 0)
      return {
        kind: 'pass',
        summary: `${about.length} messages about requests over ${streams} streams, each on one stream only`,
        metrics,
      };
    const first = twice[0] ?? [];
    return {
      kind: 'violation',
      summary: `${twice.length} messages arrived on more than one stream, the first on ${first.map((e) => e.stream).join(' and ')}`,
      expected: 'each message on exactly one stream',
      actual: `${twice.length} messages broadcast, e.g. ${JSON.stringify(first[0]?.message).slice(0, 120)} on ${first.map((e) => e.stream).join(' and ')}`,
      metrics,
      evidence: twice.slice(0, 3).flat(),
    };
  },
});
