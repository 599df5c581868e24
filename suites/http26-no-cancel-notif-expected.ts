// HTTP26-NO-CANCEL-NOTIF-EXPECTED: 2026-07-28 over Streamable HTTP expects no notifications/cancelled
// (closing the stream is the cancel), but a client of an older revision still posts them. RULES.md
// §10 A13: a compatibility probe. Each POSTed cancel (no request `_meta`, no Mcp-Method header) must
// get 202 with no body, or an HTTP error status the server chooses for input it cannot accept (4xx);
// never a 5xx, another 2xx, or no answer; and the server stays up.

import {
  defineRule,
  MODERN_REVISIONS,
  type Json,
  type Outcome,
  type TranscriptEvent,
} from '../harness/api.js';
import { crashed } from './lib/common.js';
import { factsOf, http } from './lib/http.js';

const EXPECTED = 'each posted cancel gets 202 with no body or a 4xx, and the server stays up';

export default defineRule({
  id: 'HTTP26-NO-CANCEL-NOTIF-EXPECTED',
  title: 'A posted cancel is accepted or refused cleanly (2026-07-28)',
  keyword: 'MUST',
  quote:
    'If the body is a JSON-RPC _notification_: - If the server accepts it, the server **MUST** return HTTP status code `202 Accepted` with no body. - If the server cannot accept it, it **MUST** return an HTTP error status code (e.g., `400 Bad Request`). … on Streamable HTTP, closing the SSE response stream is itself the cancellation signal and no `notifications/cancelled` message is expected',
  page: 'streamable-http',
  anchor: 'sending-messages',
  revisions: MODERN_REVISIONS,
  transports: ['http'],
  needs: [],
  session: 'initialized',
  expected: EXPECTED,
  async run(ctx): Promise<Outcome> {
    const channel = http(ctx);
    const probes: [string, Json][] = [
      [
        'a cancel of the unknown id 987654',
        {
          jsonrpc: '2.0',
          method: 'notifications/cancelled',
          params: { requestId: 987654, reason: 'compat probe' },
        },
      ],
      ['a cancel without params', { jsonrpc: '2.0', method: 'notifications/cancelled' }],
    ];
    const issues: { what: string; evidence: TranscriptEvent[] }[] = [];
    for (const [what, message] of probes) {
      const seq = ctx.position();
      await ctx.sendBatch([{ json: message }]);
      const got = await channel.outcomeOf(seq);
      const label = ctx.transcript.since(seq)[0]?.stream ?? '';
      const status = got?.status ?? null;
      const body = got?.body.trim() ?? '';
      if ((status === 202 && body === '') || (status !== null && status >= 400 && status < 500)) continue;
      const said =
        status === null
          ? `no HTTP status within ${ctx.budgets.prompt} ms${got?.error ? ` (${got.error})` : ''}`
          : `HTTP ${status}${body ? ` with a body (${body.slice(0, 80)})` : ''}`;
      issues.push({
        what: `${what} got ${said}`,
        evidence: [...ctx.transcript.since(seq).slice(0, 1), ...factsOf(ctx, label, seq)],
      });
    }
    const alive = await ctx.alive();
    if (ctx.crashed()) return crashed(ctx, EXPECTED, 'after the posted cancels');
    if (!alive.ok)
      issues.push({
        what: 'the server stopped answering server/discover after the posted cancels',
        evidence: [],
      });
    if (issues.length === 0)
      return {
        kind: 'pass',
        summary: `${probes.length} posted cancels, each answered 202 or a 4xx; the server stayed up`,
      };
    return {
      kind: 'violation',
      summary: `${issues[0]?.what}${issues.length > 1 ? ` (+${issues.length - 1} more)` : ''}`,
      expected: EXPECTED,
      actual: issues.map((i) => i.what).join('; '),
      evidence: issues.flatMap((i) => i.evidence).slice(0, 8),
    };
  },
});
