// CANCEL-SENDER-IGNORE-LATE-RESPONSE: when the server cancels a request it sent to the client (here:
// because the tool call that made it was cancelled), a late answer from the client must be ignored:
// no crash, no reply, no misrouting; the next request of the same kind still works.

import {
  defineRule,
  describeMessage,
  idOf,
  isResponseFor,
  LEGACY_REVISIONS,
  methodOf,
  paramsOf,
  sameId,
} from '../harness/api.js';
import type { Outcome } from '../harness/api.js';
import { crashed } from './lib/common.js';

// A crash on the late answer is judged by the sentence it breaks harder: the race MUST be handled gracefully.
const RACE_GRACEFUL =
  'Due to network latency, cancellation notifications may arrive after request processing has completed, and potentially after a response has already been sent. … Both parties **MUST** handle these race conditions gracefully';
const EXPECTED =
  'the late answer is ignored: no crash, no reply to it, and the next tool call that asks the client still completes';

export default defineRule({
  id: 'CANCEL-SENDER-IGNORE-LATE-RESPONSE',
  title: 'A late answer to a cancelled server request is ignored',
  keyword: 'SHOULD',
  quote:
    'The sender of the cancellation notification **SHOULD** ignore any response to the request that arrives afterward',
  page: 'cancellation',
  anchor: 'behavior-requirements',
  revisions: LEGACY_REVISIONS,
  transports: ['stdio', 'http'],
  needs: ['requestTool'],
  session: 'initialized',
  expected: EXPECTED,
  async run(ctx): Promise<Outcome> {
    const tool = ctx.discovery.requestTool?.name ?? '';
    const from = ctx.position();
    const call = await ctx.startRequestTool();
    const asked = await ctx.waitFor(
      (e) => e.dir === 'server' && methodOf(e.message) !== undefined && idOf(e.message) !== undefined,
      ctx.budgets.long,
      from,
    );
    if (!asked)
      return {
        kind: 'untestable',
        summary: `the tool ${tool} sent no request to the client within ${ctx.budgets.long} ms; name another with --request-tool`,
      };
    const serverId = idOf(asked.message) ?? null;
    await ctx.cancel(call.id, 'mcp-cancel-conformance: cancelling the tool call that asked the client');
    if (!(await ctx.alive()).ok) {
      return {
        kind: 'inconclusive',
        summary:
          'the server stopped answering ping after the tool call was cancelled, before any late answer was sent',
      };
    }
    const theirCancel = await ctx.waitFor(
      (e) =>
        e.dir === 'server' &&
        methodOf(e.message) === 'notifications/cancelled' &&
        sameId(paramsOf(e.message)?.requestId, serverId),
      ctx.budgets.prompt,
    );
    if (!theirCancel) {
      return {
        kind: 'untestable',
        summary: `the server did not cancel its ${methodOf(asked.message)} request (id ${JSON.stringify(serverId)}) when the tool call was cancelled, so no answer can arrive after a cancel`,
      };
    }
    const lateFrom = ctx.position();
    await ctx.respond(serverId, {
      role: 'assistant',
      content: { type: 'text', text: 'late answer' },
      model: 'mcp-cancel-conformance',
      stopReason: 'endTurn',
      roots: [],
      action: 'decline',
    });
    const pong = await ctx.alive();
    if (ctx.crashed()) return crashed(ctx, EXPECTED, 'after the late answer', 'MUST', RACE_GRACEFUL);
    // Ids are per direction (RULES.md §10 A14): an answer to one of the suite's own requests that
    // happens to carry the same id is not a reply to the late answer.
    const ours = (id: unknown) => ctx.requests.some((r) => sameId(r.id, id));
    const replies = ctx.serverMessages(lateFrom).filter((e) => isResponseFor(e, serverId) && !ours(serverId));
    // The next call of the same tool must still get its answer routed right.
    ctx.answerServerRequests();
    const again = await ctx.request('tools/call', {
      name: tool,
      arguments: ctx.discovery.requestTool?.args ?? {},
    });
    const result = await ctx.waitFor((e) => isResponseFor(e, again.id), ctx.budgets.long, lateFrom);
    if (ctx.crashed()) return crashed(ctx, EXPECTED, 'after the late answer', 'MUST', RACE_GRACEFUL);
    const issues = [
      ...(pong.ok ? [] : ['stopped answering ping after the late answer']),
      ...replies.map((e) => `replied to the late answer: ${describeMessage(e.message)}`),
      ...(result ? [] : [`the next ${tool} call got no answer within ${ctx.budgets.long} ms`]),
    ];
    if (issues.length === 0)
      return {
        kind: 'pass',
        summary: `ignored a late answer to its cancelled request ${JSON.stringify(serverId)}; the next ${tool} call completed`,
      };
    return {
      kind: 'violation',
      summary: issues[0] ?? '',
      expected: EXPECTED,
      actual: issues.join('; '),
      evidence: [theirCancel, ...replies].slice(0, 5),
    };
  },
});
