// RPC-NOTIF-NO-RESPONSE: nothing answers a notification, a cancel least of all. Any response whose
// id is absent, null, or one the suite never used can only be a reply to a notification.

import {
  classify,
  defineRule,
  describeMessage,
  idOf,
  REVISIONS,
  sameId,
  type JsonObject,
} from '../harness/api.js';
import type { Outcome } from '../harness/api.js';
import { crashed } from './lib/common.js';

const note = (method: string, params?: JsonObject): JsonObject => ({
  jsonrpc: '2.0',
  method,
  ...(params ? { params } : {}),
});

export default defineRule({
  id: 'RPC-NOTIF-NO-RESPONSE',
  title: 'Notifications are never answered',
  keyword: 'MUST NOT',
  quote:
    'Notifications are sent from the client to the server or vice versa, as a one-way message. The receiver **MUST NOT** send a response.',
  // 2024-11-05 says only "They do not expect a response."; the MUST NOT comes from JSON-RPC 2.0 §4.1,
  // which that revision imports: "All messages in MCP **MUST** follow the JSON-RPC 2.0 specification."
  quoteFor: {
    '2024-11-05':
      'All messages in MCP **MUST** follow the [JSON-RPC 2.0](https://www.jsonrpc.org/specification) specification. … (JSON-RPC 2.0 §4.1:) The Server MUST NOT reply to a Notification, including those that are within a batch request.',
  },
  page: 'messages',
  anchor: 'notifications',
  revisions: REVISIONS,
  transports: ['stdio', 'http'],
  needs: [],
  session: 'initialized',
  expected:
    'no JSON-RPC response to any notification: valid, unknown-id or malformed cancels, or other notifications',
  async run(ctx): Promise<Outcome> {
    const from = ctx.position();
    // A valid cancel of a live call goes with the others (its call's own answer is not a reply to it).
    const call = ctx.discovery.slowTool ? await ctx.startSlow() : null;
    const sent = [
      ...(call
        ? [note('notifications/cancelled', { requestId: call.req.id, reason: 'a valid cancel' })]
        : []),
      note('notifications/cancelled', { requestId: 55555, reason: 'unknown id' }),
      note('notifications/cancelled', { requestId: null }),
      note('notifications/cancelled'),
      note('notifications/roots/list_changed'),
      note('notifications/mcp-cancel-conformance/unknown', { x: 1 }),
    ];
    await ctx.sendBatch(sent.map((json) => ({ json })));
    const count = sent.length;
    await ctx.alive();
    // A reply to a notification the server has read would come within a few round trips, whatever
    // the slow tool's pace: the window is sized from the RTT alone.
    await ctx.watch(ctx.replyWindowMs, 'any reply to the notifications would show now');
    if (ctx.crashed())
      return crashed(ctx, 'notifications are ignored or handled silently', 'after the notifications');
    const replies = ctx.serverMessages(from).filter((e) => {
      const kind = classify(e.message);
      if (kind !== 'response' && kind !== 'error') return false;
      const id = idOf(e.message);
      return id === null || id === undefined || !ctx.requests.some((r) => sameId(r.id, id));
    });
    if (replies.length === 0)
      return {
        kind: 'pass',
        summary: `no response to ${count} notifications within ${ctx.replyWindowMs} ms`,
      };
    return {
      kind: 'violation',
      summary: `answered a notification: ${describeMessage(replies[0]?.message)}${replies.length > 1 ? ` (+${replies.length - 1} more)` : ''}`,
      expected: 'no response to any notification',
      actual: replies
        .slice(0, 3)
        .map((e) => describeMessage(e.message))
        .join('; '),
      evidence: replies.slice(0, 5),
    };
  },
});
