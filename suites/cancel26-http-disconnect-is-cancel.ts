// CANCEL26-HTTP-DISCONNECT-IS-CANCEL: in 2026-07-28 over Streamable HTTP, closing a request's SSE
// stream is its cancellation and the server must stop the work. The suite closes the stream of a
// slow call that is provably running and checks the server stays up. Whether the work stopped is not
// on the wire: the stream was the only place the request's messages could go, and it cannot be
// resumed. So the verdict is `untestable` (a crash is a violation), with what would make it testable.

import { defineRule, MODERN_REVISIONS, type Outcome } from '../harness/api.js';
import { crashed, notInFlight } from './lib/common.js';
import { http } from './lib/http.js';

const EXPECTED = 'the server takes the closed stream as the cancellation of that request and stays up';

export default defineRule({
  id: 'CANCEL26-HTTP-DISCONNECT-IS-CANCEL',
  title: 'Closing the stream cancels the request (2026-07-28)',
  keyword: 'MUST',
  quote:
    '**Streamable HTTP**: Closing the SSE response stream is the cancellation signal. The server **MUST** treat a client disconnect as cancellation of that request. No `notifications/cancelled` message is required or expected.',
  page: 'cancellation',
  anchor: 'transport-specific-cancellation',
  revisions: MODERN_REVISIONS,
  transports: ['http'],
  needs: ['slowTool'],
  session: 'initialized',
  expected: EXPECTED,
  async run(ctx): Promise<Outcome> {
    const call = await ctx.startSlow();
    const unfit = notInFlight(ctx, call);
    if (unfit) return unfit;
    const from = ctx.position();
    const closed = http(ctx).drop(call.req.id);
    if (!closed) return { kind: 'inconclusive', summary: 'the suite found no stream for its own call' };
    const alive = await ctx.alive();
    if (ctx.crashed()) return crashed(ctx, EXPECTED, `after the client closed the stream of ${closed.label}`);
    const evidence = ctx.transcript.since(from).slice(0, 3);
    return {
      kind: 'untestable',
      summary:
        `closed the SSE stream of the running call ${JSON.stringify(call.req.id)} (${closed.label}); the server ${alive.ok ? 'stayed up' : 'did not answer server/discover afterwards'}, ` +
        'but whether it stopped the work is not on the wire: that stream was the only place its messages could go, and 2026-07-28 streams cannot be resumed. ' +
        'A server-side observable (a tool that reports whether earlier work finished, or a side effect the suite can query) would make it testable',
      evidence,
      ...(alive.latencyMs !== null ? { metrics: { aliveAfterCloseMs: Math.round(alive.latencyMs) } } : {}),
    };
  },
});
