// PROG-ACTIVE-TOKEN-ONLY: progress names only tokens of requests that are still in progress.
// A token the suite never sent, or one whose request was answered, is a MUST violation; progress
// after a cancel has provably been read is judged as a SHOULD in 2024–2025, and in 2026-07-28 by the
// stdio page's MUST NOT "send any further messages" for a cancelled request (RULES.md §10 A2).

import {
  defineRule,
  isModern,
  isResponseFor,
  REVISIONS,
  progressOf,
  sameId,
  type SlowCall,
  type TranscriptEvent,
} from '../harness/api.js';
import type { Outcome } from '../harness/api.js';
import cancel26NoFurtherMessages from './cancel26-no-further-messages.js';
import { provablyAfter } from './lib/common.js';

// The 2026 stdio sentence is CANCEL26-NO-FURTHER-MESSAGES's own quote, quoted from there.
const FURTHER_MESSAGES_2026 = cancel26NoFurtherMessages.quote;

export default defineRule({
  id: 'PROG-ACTIVE-TOKEN-ONLY',
  title: 'Progress only for active requests',
  keyword: 'MUST',
  quote:
    'Progress notifications **MUST** only reference tokens that: - Were provided in an active request - Are associated with an in-progress operation',
  page: 'progress',
  anchor: 'behavior-requirements',
  revisions: REVISIONS,
  transports: ['stdio', 'http'],
  needs: ['slowTool', 'progress'],
  session: 'initialized',
  expected: 'progress only with tokens the suite sent, only while their request is in progress',
  async run(ctx): Promise<Outcome> {
    const calls: SlowCall[] = [];
    if (ctx.discovery.slowTool?.shortArgs) {
      const short = await ctx.startSlow({ run: 'short' });
      await ctx.awaitShort(short);
      calls.push(short);
    }
    const long = await ctx.startSlow();
    const obs = await ctx.cancelAndObserve(long);
    calls.push(long);
    const progress = ctx.serverMessages().filter((e) => progressOf(e.message) !== undefined);
    const unknown = progress.filter((e) => !calls.some((c) => sameId(progressOf(e.message)?.token, c.token)));
    const afterResponse: TranscriptEvent[] = [];
    for (const c of calls) {
      const done = ctx.serverMessages().find((e) => isResponseFor(e, c.req.id));
      if (done)
        afterResponse.push(
          ...progress.filter(
            (e) => provablyAfter(ctx, e, done) && sameId(progressOf(e.message)?.token, c.token),
          ),
        );
    }
    if (unknown.length > 0 || afterResponse.length > 0) {
      const what =
        unknown.length > 0
          ? `progress with token ${JSON.stringify(progressOf(unknown[0]?.message)?.token)}, which the suite never sent`
          : `progress for token ${JSON.stringify(progressOf(afterResponse[0]?.message)?.token)} after its response`;
      return {
        kind: 'violation',
        summary: what,
        expected: 'progress only for active requests',
        actual: `${unknown.length} with unknown tokens, ${afterResponse.length} after a response`,
        evidence: [...unknown, ...afterResponse].slice(0, 5),
      };
    }
    if (obs.progressAfterRace.length > 0) {
      const modern = isModern(ctx.revision);
      return {
        kind: 'violation',
        keyword: modern ? 'MUST NOT' : 'SHOULD',
        ...(modern ? { requirement: FURTHER_MESSAGES_2026 } : {}),
        summary: `${obs.progressAfterRace.length} progress notification(s) for the cancelled request after the server had read the cancel`,
        expected: 'a cancelled request is no longer in progress once the cancel is read (RULES.md §10 A2)',
        actual: `${obs.progressAfterRace.length} progress notification(s) after the race window`,
        evidence: obs.progressAfterRace.slice(0, 3),
      };
    }
    return {
      kind: 'pass',
      summary: `${progress.length} progress notifications, all for active requests`,
      metrics: { notifications: progress.length },
    };
  },
});
