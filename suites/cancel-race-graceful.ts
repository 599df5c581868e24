// CANCEL-RACE-GRACEFUL: cancels that arrive after completion, in the same write as their request,
// or crossing the response are handled gracefully (RULES.md §10 A4): at most one response per id,
// no reply to the cancel, no crash, and the session stays usable.

import {
  classify,
  defineRule,
  describeMessage,
  idOf,
  isResponseFor,
  REVISIONS,
  cancelMessage,
  sameId,
  type RequestId,
} from '../harness/api.js';
import type { Outcome } from '../harness/api.js';
import { crashed } from './lib/common.js';

// Crossing cancels cost about one round trip each, so many are cheap; races in real SDKs are rare per try.
const CROSSINGS = 300;
const EXPECTED = 'at most one response per id, no reply to any cancel, no crash, and ping still answered';

export default defineRule({
  id: 'CANCEL-RACE-GRACEFUL',
  title: 'Cancellation races are handled gracefully',
  keyword: 'MUST',
  quote:
    'Due to network latency, cancellation notifications may arrive after request processing has completed, and potentially after a response has already been sent. … Both parties **MUST** handle these race conditions gracefully',
  page: 'cancellation',
  anchor: 'timing-considerations',
  revisions: REVISIONS,
  transports: ['stdio', 'http'],
  needs: [],
  session: 'initialized',
  expected: EXPECTED,
  async run(ctx): Promise<Outcome> {
    const from = ctx.position();
    const ids: RequestId[] = [];
    // 1. A cancel after completion.
    const done = await ctx.alive();
    if (done.event) {
      ids.push(idOf(done.event.message) as RequestId);
      await ctx.cancel(idOf(done.event.message) ?? null, 'after completion');
    }
    // 2. A request and its cancel in one write (ping — server/discover in the modern era —, tools/list,
    //    and the slow tool when there is one).
    const methods: [string, object | undefined][] = [
      [ctx.livenessMethod, undefined],
      ['tools/list', undefined],
    ];
    const slow = ctx.discovery.slowTool;
    if (slow) methods.push(['tools/call', { name: slow.name, arguments: slow.args }]);
    /** Writes a request and its cancel in one write. */
    const withCancel = async (method: string, params: object | undefined, reason: string) => {
      const { message, pending } = ctx.prepare(method, params as never);
      ids.push(pending().id);
      await ctx.sendBatch([{ json: message }, { json: cancelMessage(message.id ?? null, reason) }]);
    };
    for (const [method, params] of methods) await withCancel(method, params, 'same write');
    // 3. Cancels crossing the response: a request, then its cancel in the same write or after a
    //    seeded gap of up to two round trips, or of up to twice the time this server took to answer
    //    that method just now (a tools/list may take much longer than a ping): the quickest of three
    //    answers, so one stall of a loaded machine does not stretch every gap. The three scales take
    //    turns, so cancels land before, while and after the server writes its answer, whatever the
    //    load on the machine.
    const took = async (method: string) => {
      const times: number[] = [];
      for (let i = 0; i < 3; i++) {
        const req = await ctx.request(method);
        ids.push(req.id);
        const answer = await ctx.waitFor((e) => isResponseFor(e, req.id), ctx.budgets.prompt, from);
        times.push(answer ? answer.t - req.sentAt : (ctx.rttMs ?? 1));
      }
      return Math.min(...times);
    };
    const spans = new Map([
      [ctx.livenessMethod, await took(ctx.livenessMethod)],
      ['tools/list', await took('tools/list')],
    ]);
    for (let i = 0; i < CROSSINGS; i++) {
      const method = i % 2 === 0 ? ctx.livenessMethod : 'tools/list';
      const scale = Math.floor(i / 2) % 3;
      if (scale === 0) {
        await withCancel(method, undefined, 'crossing, same write');
        continue;
      }
      const req = await ctx.request(method);
      ids.push(req.id);
      const upTo = scale === 1 ? (ctx.rttMs ?? 1) : (spans.get(method) ?? ctx.rttMs ?? 1);
      await ctx.pause(ctx.random() * 2 * upTo);
      await ctx.cancel(req.id, 'crossing');
    }
    const pong = await ctx.alive();
    await ctx.watch(ctx.silenceMs, 'late or duplicate responses would show now');
    if (ctx.crashed()) return crashed(ctx, EXPECTED, 'during the cancellation races');
    const responses = ctx
      .serverMessages(from)
      .filter((e) => ['response', 'error'].includes(classify(e.message)));
    const twice = ids.filter((id) => responses.filter((e) => sameId(idOf(e.message), id)).length > 1);
    const stray = responses.filter((e) => !ctx.requests.some((r) => sameId(r.id, idOf(e.message))));
    const issues = [
      ...twice.map((id) => `id ${JSON.stringify(id)} was answered more than once`),
      ...stray.map(
        (e) =>
          `a response with id ${JSON.stringify(idOf(e.message))} answered no request (a reply to a cancel)`,
      ),
      ...(pong.ok
        ? []
        : [
            pong.event
              ? `the session answered ${ctx.livenessMethod} after the races with ${describeMessage(pong.event.message)}: no longer usable`
              : `the session stopped answering ${ctx.livenessMethod} after the races`,
          ]),
    ];
    const metrics = {
      races: ids.length,
      answered: ids.filter((id) => responses.some((e) => sameId(idOf(e.message), id))).length,
    };
    if (issues.length === 0)
      return {
        kind: 'pass',
        summary: `${ids.length} raced cancels: at most one response each, none answered, session alive`,
        metrics,
      };
    return {
      kind: 'violation',
      summary: `${issues[0]}${issues.length > 1 ? ` (+${issues.length - 1} more)` : ''}`,
      expected: EXPECTED,
      actual: issues.join('; '),
      metrics,
      evidence: [
        ...responses.filter((e) => twice.some((id) => sameId(idOf(e.message), id))),
        ...stray,
        ...(!pong.ok && pong.event ? [pong.event] : []),
      ].slice(0, 8),
    };
  },
});
