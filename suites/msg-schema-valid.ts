// MSG-SCHEMA-VALID (the project's own id: RPC-FOLLOW-JSONRPC + the revision's schema): every
// message the target sends during a cancellation session validates against the revision's schema.

import { defineRule, idOf, REVISIONS, validateServerMessage, type TranscriptEvent } from '../harness/api.js';
import type { Outcome } from '../harness/api.js';

export default defineRule({
  id: 'MSG-SCHEMA-VALID',
  title: 'Every message matches the schema',
  keyword: 'MUST',
  quote:
    'All messages between MCP clients and servers **MUST** follow the [JSON-RPC 2.0](https://www.jsonrpc.org/specification) specification.',
  quoteFor: {
    '2024-11-05':
      'All messages in MCP **MUST** follow the [JSON-RPC 2.0](https://www.jsonrpc.org/specification) specification.',
  },
  page: 'schema',
  revisions: REVISIONS,
  transports: ['stdio', 'http'],
  needs: [],
  session: 'initialized',
  expected: "every message the target sends validates against the project's schema of the revision in use",
  async run(ctx): Promise<Outcome> {
    await ctx.request('tools/list');
    await ctx.request('tools/call', { name: 'mcp-cancel-conformance-no-such-tool', arguments: {} });
    const slow = ctx.discovery.slowTool;
    if (slow?.shortArgs) {
      const short = await ctx.startSlow({ run: 'short' });
      await ctx.awaitShort(short);
    }
    if (slow) await ctx.cancelAndObserve(await ctx.startSlow());
    await ctx.alive();
    const messages = ctx.serverMessages();
    const invalid: { e: TranscriptEvent; why: string }[] = [];
    for (const e of messages) {
      const v = validateServerMessage(ctx.revision, e.message, {
        requestMethod: ctx.methodFor(idOf(e.message)),
      });
      if (!v.valid) invalid.push({ e, why: `${v.schema}: ${v.errors.join('; ')}` });
    }
    if (invalid.length === 0)
      return {
        kind: 'pass',
        summary: `all ${messages.length} messages valid for ${ctx.revision}`,
        metrics: { messages: messages.length },
      };
    return {
      kind: 'violation',
      summary: `${invalid.length} of ${messages.length} messages invalid; first: ${invalid[0]?.why}`,
      expected: `messages valid against the ${ctx.revision} schema`,
      actual: invalid
        .slice(0, 3)
        .map((x) => `#${x.e.seq} ${x.why}`)
        .join(' | '),
      evidence: invalid.slice(0, 5).map((x) => x.e),
      metrics: { messages: messages.length, invalid: invalid.length },
    };
  },
});
