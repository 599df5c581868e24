// Test support, never shipped (tsconfig.build.json leaves *.testlib.ts out): fixed rule results and
// run reports for the reporter tests. The defaults are plain; a test overrides whatever its
// assertions read, so what it checks stays visible in the test itself.

import type { RuleResult, RunReport } from '../harness/model/report.js';
import { VERDICTS, type Verdict } from '../harness/model/protocol.js';

export const SPEC_BASE = 'https://modelcontextprotocol.io/specification';

/**
 * A result of `rule`: MUST, 2025-11-25 over stdio, summary "<rule> <verdict>", title "Title of <rule>",
 * a spec link derived from the rule id and the revision, no evidence, transcript or stderr, 10 ms.
 */
export function sampleResult(
  rule: string,
  verdict: Verdict,
  overrides: Partial<RuleResult> = {},
): RuleResult {
  const revision = overrides.revision ?? '2025-11-25';
  return {
    rule,
    level: 'MUST',
    revision,
    transport: 'stdio',
    verdict,
    summary: `${rule} ${verdict}`,
    title: `Title of ${rule}`,
    quote: 'Receivers **MUST** …',
    specUrl: `${SPEC_BASE}/${revision}/basic#${rule.toLowerCase()}`,
    metrics: {},
    evidence: [],
    transcript: [],
    stderrTail: [],
    durationMs: 10,
    ...overrides,
  };
}

/** Every verdict with how many of `results` have it (a fresh object per call). */
export function verdictCounts(results: readonly RuleResult[]): Record<Verdict, number> {
  const counts = Object.fromEntries(VERDICTS.map((v) => [v, 0])) as Record<Verdict, number>;
  for (const r of results) counts[r.verdict]++;
  return counts;
}

/** What a test may change in a sample report; `target` is merged member by member into the default one. */
export type ReportOverrides = Partial<Omit<RunReport, 'target'>> & { target?: Partial<RunReport['target']> };

/**
 * A report of `results` with counts tallied from them: `node server.js` over stdio, server srv 1.2.3,
 * revision 2025-11-25, no discovery, seed 42, not strict, started 2026-11-20T10:11:12.345Z, 1234 ms.
 * Every call builds fresh objects, so a test may mutate what it gets.
 */
export function sampleReport(results: RuleResult[], overrides: ReportOverrides = {}): RunReport {
  const { target, ...rest } = overrides;
  return {
    schemaVersion: 1,
    tool: { name: 'mcp-cancel-conformance', version: '0.1.0' },
    target: {
      transport: 'stdio',
      command: ['node', 'server.js'],
      url: null,
      serverInfo: { name: 'srv', version: '1.2.3' },
      revisions: ['2025-11-25'],
      ...target,
    },
    discovery: null,
    seed: 42,
    strict: false,
    timeScale: 1,
    startedAt: '2026-11-20T10:11:12.345Z',
    durationMs: 1234,
    results,
    counts: verdictCounts(results),
    ...rest,
  };
}

/** A report with one default result per verdict, named RULE-0, RULE-1, … in order. */
export function sampleVerdictReport(
  verdicts: readonly Verdict[],
  overrides: ReportOverrides = {},
): RunReport {
  return sampleReport(
    verdicts.map((v, i) => sampleResult(`RULE-${i}`, v)),
    overrides,
  );
}
