// CANCEL-INIT-UNCANCELLABLE (the project's own id, RULES.md §10 A8): a client must never cancel
// `initialize`, and a request that cannot be cancelled may be ignored, so a server that receives
// such a cancel should still finish the handshake. Abandoning it is judged as a SHOULD, a crash as
// a MUST. Sent on fresh targets: in the same write as initialize (three times), and right after it.

import {
  classify,
  defineRule,
  isResponseFor,
  LEGACY_REVISIONS,
  cancelMessage,
  type Outcome,
  type RuleContext,
} from '../harness/api.js';

const SAME_WRITE_TRIES = 3;

async function attempt(ctx: RuleContext, sameWrite: boolean): Promise<Outcome | null> {
  const how = sameWrite ? 'in the same write as initialize' : 'right after initialize';
  const params = {
    protocolVersion: ctx.revision,
    capabilities: {},
    clientInfo: { name: 'mcp-cancel-conformance', version: '0' },
  };
  const { message, pending } = ctx.prepare('initialize', params);
  const init = pending();
  const cancel = {
    json: cancelMessage(init.id, 'mcp-cancel-conformance: a server must still answer initialize'),
  };
  // For "right after", first prove the server is up and reading (ping is allowed before initialize),
  // so that initialize and its cancel reach it in separate reads.
  if (!sameWrite) await ctx.alive();
  const from = ctx.position();
  if (sameWrite) await ctx.sendBatch([{ json: message }, cancel]);
  else {
    await ctx.sendBatch([{ json: message }]);
    // About one round trip later, so the cancel arrives in a read of its own while initialize is handled.
    await ctx.pause(Math.max(1, ctx.rttMs ?? 1));
    await ctx.sendBatch([cancel]);
  }
  // A ping (allowed before initialization) proves the server has read both; then the answer must
  // follow within ten times what this server's first handshake took (start-up included), at least
  // one silence window, at most the start-up budget: a slow initialize is not an abandoned one.
  const pong = await ctx.alive();
  const typical = Math.max(ctx.silenceMs, 10 * (ctx.discovery.initializeMs ?? ctx.budgets.startup));
  const waitMs = pong.ok ? Math.min(typical, ctx.budgets.startup) : ctx.budgets.startup;
  const answer = await ctx.waitFor((e) => isResponseFor(e, init.id), waitMs, from);
  // Evidence: what the suite wrote (initialize and its cancel), and the ping answer that proves the server read both.
  const written = ctx.transcript.since(from).slice(0, 2);
  const evidence = [...written, ...(pong.event ? [pong.event] : [])];
  if (ctx.crashed()) {
    return {
      kind: 'violation',
      keyword: 'MUST',
      evidence,
      summary: `${ctx.describeCrash()} after a cancel of initialize sent ${how}`,
      expected: 'the handshake completes',
      actual: ctx.describeCrash(),
    };
  }
  if (!answer) {
    return {
      kind: 'violation',
      summary: `abandoned the handshake when initialize was cancelled ${how}`,
      evidence,
      expected: 'an initialize result although a cancel for it arrived',
      actual: `no answer to initialize ${pong.ok ? `${waitMs} ms after the server answered a ping written after the cancel` : `within ${waitMs} ms`}`,
    };
  }
  if (classify(answer.message) === 'error') {
    return {
      kind: 'violation',
      summary: `answered initialize with an error when a cancel for it arrived ${how}`,
      expected: 'an initialize result',
      actual: JSON.stringify(answer.message),
      evidence: [answer],
    };
  }
  return null;
}

export default defineRule({
  id: 'CANCEL-INIT-UNCANCELLABLE',
  title: 'A cancel of initialize does not stop the handshake',
  keyword: 'SHOULD',
  quote:
    'The `initialize` request **MUST NOT** be cancelled by clients … Receivers **MAY** ignore cancellation notifications if: … - The request cannot be cancelled',
  page: 'cancellation',
  anchor: 'behavior-requirements',
  revisions: LEGACY_REVISIONS,
  transports: ['stdio', 'http'],
  needs: [],
  session: 'fresh',
  expected: 'the server answers initialize with a result although a cancel for it arrived, and stays up',
  cost: 'long',
  async run(ctx): Promise<Outcome> {
    // Whether a same-write cancel overtakes initialize is a race inside the server: tried on
    // SAME_WRITE_TRIES fresh targets, so a server that loses it only sometimes is still caught.
    for (let i = 0; i < SAME_WRITE_TRIES; i++) {
      if (i > 0) await ctx.restart();
      const found = await attempt(ctx, true);
      if (found) return found;
    }
    await ctx.restart();
    const after = await attempt(ctx, false);
    if (after) return after;
    return {
      kind: 'pass',
      summary: `answered initialize all ${SAME_WRITE_TRIES} times its cancel came in the same write, and when it came right after`,
    };
  },
});
