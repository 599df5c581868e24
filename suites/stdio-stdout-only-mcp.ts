// STDIO-STDOUT-ONLY-MCP: during and after cancellation (where handlers like to print "cancelled!"
// or a traceback), every stdout line is a JSON-RPC message; logs belong on stderr.

import { classify, defineRule, REVISIONS, type TranscriptEvent } from '../harness/api.js';
import type { Outcome } from '../harness/api.js';

export default defineRule({
  id: 'STDIO-STDOUT-ONLY-MCP',
  title: 'Only MCP messages on stdout',
  keyword: 'MUST NOT',
  quote: 'The server **MUST NOT** write anything to its `stdout` that is not a valid MCP message.',
  page: 'transports',
  anchor: 'stdio',
  revisions: REVISIONS,
  transports: ['stdio'],
  needs: [],
  session: 'initialized',
  expected: 'every stdout line parses as one JSON-RPC message, before, during and after cancels',
  async run(ctx): Promise<Outcome> {
    if (ctx.discovery.slowTool) {
      const call = await ctx.startSlow();
      await ctx.cancelAndObserve(call);
    }
    await ctx.cancel(777777, 'unknown id');
    await ctx.request('tools/list');
    await ctx.alive();
    await ctx.watch(ctx.budgets.settle, 'stdout after the last request');
    // A batch is one message in 2025-03-26 only ("…or a JSON-RPC batch"); later revisions allow
    // only individual requests, notifications and responses.
    const batchesAllowed = ctx.revision === '2025-03-26';
    const bad: TranscriptEvent[] = ctx.transcript.events.filter(
      (e) =>
        e.dir === 'server' &&
        (e.kind === 'non-json' ||
          e.kind === 'oversized' ||
          (e.kind === 'message' &&
            (classify(e.message) === 'invalid' || (e.batch !== undefined && !batchesAllowed)))),
    );
    const lines = ctx.serverMessages().length;
    if (bad.length === 0)
      return {
        kind: 'pass',
        summary: `all ${lines} stdout lines were JSON-RPC messages`,
        metrics: { lines },
      };
    const first = bad[0];
    const shown = first?.kind === 'message' ? JSON.stringify(first.message) : first?.text;
    return {
      kind: 'violation',
      summary: `wrote ${bad.length} non-MCP line(s) to stdout, first: ${JSON.stringify((shown ?? '').slice(0, 80))}`,
      expected: 'only JSON-RPC messages on stdout',
      actual: bad
        .slice(0, 3)
        .map((e) => (e.kind === 'message' ? JSON.stringify(e.message) : e.text))
        .join(' | '),
      evidence: bad.slice(0, 5),
      metrics: { lines, nonMcpLines: bad.length },
    };
  },
});
