// CANCEL26-SERVER-NO-OTHER-USE (2026-07-28): a server sends notifications/cancelled only to end a
// subscriptions/listen stream. The rule cancels a running call, cancels a finished one and an
// unknown id, runs ordinary requests, and then checks that no notifications/cancelled came from the
// server for anything but a subscriptions/listen request of the suite (it opens none here, so any
// server cancel is another use: echoing the client's cancel back, or cancelling a request the
// server gave up on).

import {
  defineRule,
  idOf,
  isJsonObject,
  methodOf,
  MODERN_REVISIONS,
  paramsOf,
  sameId,
} from '../harness/api.js';
import type { Outcome, TranscriptEvent } from '../harness/api.js';

const EXPECTED =
  'no notifications/cancelled from the server, except one naming a subscriptions/listen request of the client';

export default defineRule({
  id: 'CANCEL26-SERVER-NO-OTHER-USE',
  title: 'Servers cancel only subscriptions',
  keyword: 'MUST NOT',
  quote: 'Servers **MUST NOT** send `notifications/cancelled` for any other purpose.',
  page: 'cancellation',
  revisions: MODERN_REVISIONS,
  transports: ['stdio'],
  needs: [],
  session: 'initialized',
  expected: EXPECTED,
  cost: 'long',
  async run(ctx): Promise<Outcome> {
    const exercised: string[] = [];
    const slow = ctx.discovery.slowTool;
    if (slow) {
      const call = await ctx.startSlow();
      if (call.inFlight) {
        await ctx.cancelAndObserve(call);
        exercised.push('a cancelled running call');
      }
    }
    const done = await ctx.alive();
    if (done.event) {
      await ctx.cancel(idOf(done.event.message) ?? null, 'after completion');
      exercised.push('a cancel of a finished request');
    }
    await ctx.cancel('mcp-cancel-conformance-never-used', 'unknown id');
    exercised.push('a cancel of an unknown id');
    await ctx.request('tools/list');
    await ctx.alive();
    await ctx.watch(ctx.silenceMs, 'a server cancel would show now');

    const listens = ctx.requests.filter((r) => r.method === 'subscriptions/listen');
    const serverCancels = ctx
      .serverMessages()
      .filter((e) => methodOf(e.message) === 'notifications/cancelled');
    const other = serverCancels.filter((e) => {
      const params = paramsOf(e.message);
      const id = isJsonObject(params) ? params.requestId : undefined;
      return !listens.some((l) => sameId(l.id, id));
    });
    if (other.length === 0) {
      return {
        kind: 'pass',
        summary: `no notifications/cancelled from the server after ${exercised.join(', ')}`,
        metrics: { serverCancels: serverCancels.length },
      };
    }
    const named = (e: TranscriptEvent) => {
      const params = paramsOf(e.message);
      const id = isJsonObject(params) ? params.requestId : undefined;
      const request = ctx.requests.find((r) => sameId(r.id, id));
      return `notifications/cancelled naming ${JSON.stringify(id)}${request ? ` (the suite's ${request.method})` : ' (no request of the suite)'}`;
    };
    return {
      kind: 'violation',
      summary: `sent ${named(other[0] as TranscriptEvent)}${other.length > 1 ? ` (+${other.length - 1} more)` : ''}`,
      expected: EXPECTED,
      actual: other.slice(0, 4).map(named).join('; '),
      metrics: { serverCancels: serverCancels.length },
      evidence: other.slice(0, 6),
    };
  },
});
