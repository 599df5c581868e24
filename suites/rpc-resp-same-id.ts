// RPC-RESP-SAME-ID: a rule only exploration judges (no scripted check of its own). It is in
// --list-rules and gets a result of its own whenever exploration runs; the runner never calls run().

import { defineRule, REVISIONS } from '../harness/api.js';

// From 2025-11-25 on, results and errors are separate response types, each with its own sentence.
const SPLIT_QUOTE =
  'Result responses **MUST** include the same ID as the request they correspond to. … Error responses **MUST** include the same ID as the request they correspond to (except in error cases where the ID could not be read due a malformed request).';

export default defineRule({
  id: 'RPC-RESP-SAME-ID',
  title: 'Responses carry the id of their request (exploration)',
  keyword: 'MUST',
  quote: 'Responses **MUST** include the same ID as the request they correspond to.',
  quoteFor: {
    '2025-11-25': SPLIT_QUOTE,
    '2026-07-28': SPLIT_QUOTE,
  },
  page: 'messages',
  anchor: 'responses',
  // RULES.md: every revision; a JSON-RPC rule, so every transport.
  revisions: REVISIONS,
  transports: ['stdio', 'http'],
  judgedBy: 'exploration',
  needs: [],
  session: 'initialized',
  expected:
    'every response of every exploration program carries an id the suite sent a request with, same JSON type',
  run() {
    return Promise.resolve({
      kind: 'untestable' as const,
      summary: 'judged by exploration only (--runs)',
    });
  },
});
