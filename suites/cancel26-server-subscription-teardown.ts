// CANCEL26-SERVER-SUBSCRIPTION-TEARDOWN (2026-07-28, stdio): a server that tears down a
// subscriptions/listen stream sends notifications/cancelled naming that request. The only trigger a
// black box has is shutdown: the rule opens a stream, waits for its acknowledgment, closes stdin
// (the spec's graceful-shutdown signal) and expects the cancel before the process ends. RULES.md
// §10 A12: on stdio the notification is required; a completion result besides it is accepted.

import {
  defineRule,
  describeMessage,
  isJsonObject,
  MODERN_REVISIONS,
  paramsOf,
  sameId,
} from '../harness/api.js';
import type { Outcome, TranscriptEvent } from '../harness/api.js';
import { ms } from './lib/common.js';

const EXPECTED =
  'notifications/cancelled naming the subscriptions/listen request before the server ends after its input closed';
const SUBSCRIPTION_ID = 'io.modelcontextprotocol/subscriptionId';

/** True for a server notification of `method` that belongs to (or names) the listen request `id`. */
function about(e: TranscriptEvent, method: string, id: unknown, key: 'requestId' | 'subscription'): boolean {
  if (e.dir !== 'server' || e.kind !== 'message' || !isJsonObject(e.message) || e.message.method !== method)
    return false;
  const params = paramsOf(e.message);
  if (!isJsonObject(params)) return false;
  if (key === 'requestId') return sameId(params.requestId, id);
  const meta = params._meta;
  return isJsonObject(meta) && sameId(meta[SUBSCRIPTION_ID], id);
}

export default defineRule({
  id: 'CANCEL26-SERVER-SUBSCRIPTION-TEARDOWN',
  title: 'Subscription teardown is announced',
  keyword: 'MUST',
  quote:
    'A server **MUST** send `notifications/cancelled` referencing a `subscriptions/listen` request ID when it tears down that subscription stream (see [Subscriptions][subscriptions]).',
  page: 'cancellation',
  revisions: MODERN_REVISIONS,
  transports: ['stdio'],
  needs: [],
  session: 'initialized',
  expected: EXPECTED,
  async run(ctx): Promise<Outcome> {
    const caps = ctx.hello?.capabilities ?? {};
    const listChanged = (name: string) => {
      const c = caps[name];
      return isJsonObject(c) && c.listChanged === true;
    };
    const filter = {
      toolsListChanged: true,
      ...(listChanged('prompts') ? { promptsListChanged: true } : {}),
      ...(listChanged('resources') ? { resourcesListChanged: true } : {}),
    };
    const listen = await ctx.request('subscriptions/listen', { notifications: filter });
    const opened = await ctx.waitFor(
      (e) =>
        about(e, 'notifications/subscriptions/acknowledged', listen.id, 'subscription') ||
        (e.dir === 'server' &&
          e.kind === 'message' &&
          isJsonObject(e.message) &&
          sameId(e.message.id, listen.id) &&
          !('method' in e.message)),
      Math.max(ctx.budgets.prompt, 10 * (ctx.rttMs ?? 0)),
    );
    if (!opened) {
      return {
        kind: 'inconclusive',
        summary: ctx.crashed()
          ? `${ctx.describeCrash()} after subscriptions/listen`
          : `no acknowledgment and no answer to subscriptions/listen within ${Math.max(ctx.budgets.prompt, 10 * (ctx.rttMs ?? 0))} ms, so no open stream could be proved`,
      };
    }
    const message = opened.message as { error?: unknown; result?: unknown };
    if (message.error !== undefined) {
      return {
        kind: 'untestable',
        summary: `the server answered subscriptions/listen with ${describeMessage(opened.message)}: it offers no subscription stream to tear down`,
        evidence: [opened],
      };
    }
    const from = ctx.position();
    const early = message.result !== undefined;
    const end = early ? null : await ctx.endInput(ctx.budgets.long);
    if (end && !end.supported) {
      return { kind: 'untestable', summary: 'this transport cannot close its input to ask for a shutdown' };
    }
    const teardown = ctx
      .serverMessages(early ? 0 : from)
      .find((e) => about(e, 'notifications/cancelled', listen.id, 'requestId'));
    const metrics: Record<string, number> = teardown && end ? { teardownMs: ms(teardown.t - end.at) } : {};
    if (teardown) {
      return {
        kind: 'pass',
        summary: early
          ? `ended the stream at once and sent notifications/cancelled for subscriptions/listen ${JSON.stringify(listen.id)}`
          : `sent notifications/cancelled for subscriptions/listen ${JSON.stringify(listen.id)} ${metrics.teardownMs ?? 0} ms after its input closed, before it ended`,
        metrics,
        evidence: [teardown],
      };
    }
    if (end && !end.exited) {
      return {
        kind: 'inconclusive',
        summary: `the server did not end within ${ctx.budgets.long} ms after its input closed (it SHOULD exit promptly), so it never tore the stream down while watched`,
      };
    }
    const exit = ctx.transcript.since(from).find((e) => e.kind === 'exit');
    return {
      kind: 'violation',
      summary: early
        ? `answered subscriptions/listen ${JSON.stringify(listen.id)} at once, ending the stream without notifications/cancelled`
        : `ended after its input closed without notifications/cancelled for the open subscriptions/listen ${JSON.stringify(listen.id)}`,
      expected: EXPECTED,
      actual: early
        ? `${describeMessage(opened.message)} and no notifications/cancelled naming ${JSON.stringify(listen.id)}`
        : `the stream was acknowledged; stdin was closed; the server ended ${exit && end ? `${ms(exit.t - end.at)} ms later` : ''} with no notifications/cancelled naming ${JSON.stringify(listen.id)}`,
      metrics,
      evidence: [opened, ...(exit ? [exit] : [])],
    };
  },
});
