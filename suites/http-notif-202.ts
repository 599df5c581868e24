// HTTP-NOTIF-202: a POSTed notification the server accepts gets 202 Accepted with no body. The suite
// posts cancels (of a live call, of an unknown id, of an answered id, and malformed ones) and reads
// each HTTP status. RULES.md §10 A7: valid, unknown and late cancels expect 202 (ignoring a cancel is
// accepting it; a 4xx for them is judged as not ignoring it, a SHOULD); malformed ones may get 202 or
// a 4xx (its body may be an id-less JSON-RPC error). Never a 2xx other than 202, a body with 202, or a 5xx.

import {
  cancelMessage,
  defineRule,
  idOf,
  type Json,
  type Outcome,
  type TranscriptEvent,
} from '../harness/api.js';
import { factsOf, http, HTTP_LEGACY_REVISIONS } from './lib/http.js';

const IGNORE_QUOTE =
  'Invalid cancellation notifications **SHOULD** be ignored: - Unknown request IDs - Already completed requests - Malformed notifications';

interface Probe {
  what: string;
  message: Json;
  malformed: boolean;
}

export default defineRule({
  id: 'HTTP-NOTIF-202',
  title: 'Cancel POSTs are answered 202 Accepted',
  keyword: 'MUST',
  quote:
    'If the input is a JSON-RPC _response_ or _notification_: - If the server accepts the input, the server **MUST** return HTTP status code 202 Accepted with no body. - If the server cannot accept the input, it **MUST** return an HTTP error status code (e.g., 400 Bad Request). The HTTP response body **MAY** comprise a JSON-RPC _error response_ that has no `id`.',
  quoteFor: {
    '2025-03-26':
      'If the input consists solely of (any number of) JSON-RPC _responses_ or _notifications_: - If the server accepts the input, the server **MUST** return HTTP status code 202 Accepted with no body. - If the server cannot accept the input, it **MUST** return an HTTP error status code (e.g., 400 Bad Request). The HTTP response body **MAY** comprise a JSON-RPC _error response_ that has no `id`.',
  },
  page: 'streamable-http',
  anchor: 'sending-messages-to-the-server',
  revisions: HTTP_LEGACY_REVISIONS,
  transports: ['http'],
  needs: [],
  session: 'initialized',
  expected:
    'valid, unknown-id and late cancels get 202 with no body; malformed ones 202 or a 4xx; never another 2xx, a body with 202, or a 5xx',
  async run(ctx): Promise<Outcome> {
    const channel = http(ctx);
    const probes: Probe[] = [];
    let live: Json | null = null;
    if (ctx.discovery.slowTool) {
      const call = await ctx.startSlow();
      live = call.req.id;
      probes.push({
        what: `a cancel of the live call ${JSON.stringify(live)}`,
        message: cancelMessage(live),
        malformed: false,
      });
    }
    const pong = await ctx.alive();
    const answered = pong.event ? idOf(pong.event.message) : undefined;
    probes.push({
      what: 'a cancel of the unknown id 987654',
      message: cancelMessage(987654),
      malformed: false,
    });
    if (answered !== undefined)
      probes.push({
        what: `a late cancel of the answered id ${JSON.stringify(answered)}`,
        message: cancelMessage(answered),
        malformed: false,
      });
    probes.push(
      {
        what: 'a cancel with requestId null',
        message: { jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: null } },
        malformed: true,
      },
      {
        what: 'a cancel without params',
        message: { jsonrpc: '2.0', method: 'notifications/cancelled' },
        malformed: true,
      },
    );
    const must: { what: string; evidence: TranscriptEvent[] }[] = [];
    const should: { what: string; evidence: TranscriptEvent[] }[] = [];
    for (const p of probes) {
      const seq = ctx.position();
      await ctx.sendBatch([{ json: p.message }]);
      const got = await channel.outcomeOf(seq);
      const label = ctx.transcript.since(seq)[0]?.stream ?? '';
      const evidence = [...ctx.transcript.since(seq).slice(0, 1), ...factsOf(ctx, label, seq)];
      const status = got?.status ?? null;
      const body = got?.body.trim() ?? '';
      const said =
        status === null
          ? `no HTTP status within ${ctx.budgets.prompt} ms${got?.error ? ` (${got.error})` : ''}`
          : `HTTP ${status}${body ? ` with a body (${body.slice(0, 80)})` : ''}`;
      if (status === 202 && body === '') continue;
      if (status !== null && status >= 400 && status < 500) {
        if (!p.malformed)
          should.push({
            what: `${p.what} was rejected with ${said} instead of being ignored (202)`,
            evidence,
          });
        continue;
      }
      must.push({ what: `${p.what} got ${said}`, evidence });
    }
    const metrics = { cancelsPosted: probes.length };
    if (must.length === 0 && should.length === 0)
      return {
        kind: 'pass',
        summary: `${probes.length} cancel POSTs: each answered as the transport says (202 with no body, or a 4xx for a malformed one)`,
        metrics,
      };
    const issues = must.length > 0 ? must : should;
    return {
      kind: 'violation',
      ...(must.length === 0 ? { keyword: 'SHOULD' as const, requirement: IGNORE_QUOTE } : {}),
      summary: `${issues[0]?.what}${issues.length > 1 ? ` (+${issues.length - 1} more)` : ''}`,
      expected: 'HTTP 202 with no body for each cancel (or a 4xx for a malformed one)',
      actual: [...must, ...should].map((i) => i.what).join('; '),
      metrics,
      evidence: issues.flatMap((i) => i.evidence).slice(0, 10),
    };
  },
});
