// Rules only exploration judges (no scripted check of their own). They appear in --list-rules and get
// a result of their own whenever exploration runs; their run() is never called by the runner.

import { defineRule, type RuleSpec } from '../rule.js';
import { LEGACY_REVISIONS } from '../types.js';

export const RPC_RESP_SAME_ID: RuleSpec = defineRule({
  id: 'RPC-RESP-SAME-ID',
  title: 'Responses carry the id of their request (exploration)',
  keyword: 'MUST',
  quote: 'Responses **MUST** include the same ID as the request they correspond to.',
  quoteFor: {
    '2025-11-25':
      'Result responses **MUST** include the same ID as the request they correspond to. … Error responses **MUST** include the same ID as the request they correspond to (except in error cases where the ID could not be read due a malformed request).',
  },
  page: 'messages',
  anchor: 'responses',
  revisions: LEGACY_REVISIONS,
  transports: ['stdio'],
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

/** Every rule exploration may report that no scripted check covers. */
export const EXPLORATION_RULES: readonly RuleSpec[] = [RPC_RESP_SAME_ID];
