// Tests of the report schema: a complete valid report passes; each kind of drift or damage fails
// with a line that names the member.

import { describe, expect, it } from 'vitest';
import { sampleReport, verdictCounts } from '../../reports/sample.testlib.js';
import type { Verdict } from '../model/protocol.js';
import type { RuleResult, RunReport } from './model.js';
import { REPORT_SCHEMA, validateReport } from './schema.js';

const result: RuleResult = {
  rule: 'CANCEL-NO-RESPONSE',
  level: 'SHOULD',
  revision: '2025-11-25',
  transport: 'stdio',
  verdict: 'warn',
  summary: 'expected no response after the cancel; got an error response 812 ms later',
  title: 'No response for a cancelled request',
  quote:
    'Receivers of cancellation notifications **SHOULD**: … - Not send a response for the cancelled request',
  specUrl: 'https://modelcontextprotocol.io/specification/2025-11-25/basic/utilities/cancellation',
  requirement: 'SHOULD not send a response for the cancelled request',
  expected: 'no result or error with id 2',
  actual: '{"jsonrpc":"2.0","id":2,"error":{"code":0,"message":"Request cancelled"}}',
  metrics: { stopLatencyMs: 812.4, progressAfterCancel: 0 },
  evidence: [3, 5],
  transcript: [
    { seq: 0, t: 0, dir: 'harness', kind: 'note', text: 'session starts' },
    {
      seq: 1,
      t: 1.25,
      dir: 'client',
      kind: 'message',
      message: { jsonrpc: '2.0', id: 2, method: 'tools/call' },
      batch: 0,
    },
    { seq: 2, t: 3, dir: 'server', kind: 'stderr', text: 'working…' },
    {
      seq: 3,
      t: 4.5,
      dir: 'client',
      kind: 'message',
      message: { jsonrpc: '2.0', method: 'notifications/cancelled' },
    },
    { seq: 4, t: 5, dir: 'server', kind: 'non-json', text: 'oops' },
    {
      seq: 5,
      t: 816.9,
      dir: 'server',
      kind: 'message',
      message: { jsonrpc: '2.0', id: 2, error: { code: 0, message: 'x' } },
    },
    { seq: 6, t: 900, dir: 'harness', kind: 'exit', text: 'exit code 0' },
  ],
  transcriptDropped: 0,
  stderrTail: ['working…'],
  durationMs: 1020,
};

/** Every member set, counts tallied from the two results. */
const report: RunReport = sampleReport(
  [
    result,
    { ...result, rule: 'CANCEL-RACE-GRACEFUL', level: 'MUST', verdict: 'pass', requirement: undefined },
  ],
  {
    target: { serverInfo: { name: 'ref', version: '1.0.0' }, revisions: ['2025-11-25', '2026-07-28'] },
    discovery: {
      slowTool: {
        name: 'slow',
        args: { seconds: 30 },
        source: 'discovered',
        reason: 'named "slow", takes a duration',
        shortArgs: { seconds: 0.1 },
        shortRunMs: 300,
        progress: true,
      },
      requestTool: null,
      toolsCalled: ['slow'],
      rttMs: 0.8,
      silenceMs: 2000,
      progressIntervalMs: 100,
      slowToolObservedMs: null,
      progressMaxGapMs: null,
      initializeMs: null,
      notes: [],
    },
    startedAt: '2026-08-22T10:11:12.345Z',
    durationMs: 4321,
  },
);

/** A deep copy changed by `edit`, as JSON (what a reader of the report file would get). */
function broken(edit: (copy: { [key: string]: unknown } & RunReport) => void): unknown {
  const copy = JSON.parse(JSON.stringify(report)) as { [key: string]: unknown } & RunReport;
  edit(copy);
  return copy;
}

describe('validateReport', () => {
  it('accepts a complete report (as written to disk)', () => {
    expect(validateReport(JSON.parse(JSON.stringify(report)))).toEqual({ valid: true, errors: [] });
  });

  it('accepts a minimal report: no discovery, no results, http target', () => {
    const minimal: RunReport = {
      ...report,
      target: {
        transport: 'http',
        command: null,
        url: 'http://127.0.0.1:3000/mcp',
        serverInfo: null,
        revisions: [],
      },
      discovery: null,
      results: [],
      counts: verdictCounts([]),
    };
    expect(validateReport(minimal)).toEqual({ valid: true, errors: [] });
  });

  it.each([
    [
      'an unknown verdict',
      (r: RunReport) => ((r.results[0] as { verdict: string }).verdict = 'passed'),
      '/results/0/verdict',
    ],
    [
      'an unknown keyword',
      (r: RunReport) => ((r.results[0] as { level: string }).level = 'MUSTN’T'),
      '/results/0/level',
    ],
    [
      'an unknown revision',
      (r: RunReport) => ((r.target.revisions as string[])[0] = '2025-01-01'),
      '/target/revisions/0',
    ],
    [
      'an unknown transport',
      (r: RunReport) => ((r.target as { transport: string }).transport = 'sse'),
      '/target/transport',
    ],
    [
      'an unknown event kind',
      (r: RunReport) => ((r.results[0]?.transcript[0] as { kind: string }).kind = 'log'),
      '/results/0/transcript/0/kind',
    ],
    [
      'a message event without message',
      (r: RunReport) => delete r.results[0]?.transcript[1]?.message,
      '/results/0/transcript/1',
    ],
    [
      'a note without text',
      (r: RunReport) => delete r.results[0]?.transcript[0]?.text,
      '/results/0/transcript/0',
    ],
    [
      'a missing summary',
      (r: RunReport) => delete (r.results[0] as Partial<RuleResult>).summary,
      '/results/0',
    ],
    [
      'a member the model does not have',
      (r: RunReport) => ((r.results[0] as { extra?: number }).extra = 1),
      'unexpected member extra',
    ],
    [
      'a metric that is not a number',
      (r: RunReport) => ((r.results[0]?.metrics as { [k: string]: unknown }).stopLatencyMs = '14'),
      '/results/0/metrics/stopLatencyMs',
    ],
    [
      'a rule id in lower case',
      (r: RunReport) => ((r.results[0] as { rule: string }).rule = 'cancel-no-response'),
      '/results/0/rule',
    ],
    [
      'schemaVersion 2',
      (r: RunReport) => ((r as { schemaVersion: number }).schemaVersion = 2),
      '/schemaVersion',
    ],
    [
      'a counts entry missing',
      (r: RunReport) => delete (r.counts as Partial<Record<Verdict, number>>).error,
      '/counts',
    ],
    ['a negative duration', (r: RunReport) => (r.durationMs = -1), '/durationMs'],
    ['a startedAt that is not ISO', (r: RunReport) => (r.startedAt = 'yesterday'), '/startedAt'],
    ['a tool renamed', (r: RunReport) => ((r.tool as { name: string }).name = 'other'), '/tool/name'],
    [
      'a slow tool without reason',
      (r: RunReport) => delete (r.discovery?.slowTool as { reason?: string }).reason,
      '/discovery/slowTool',
    ],
  ])('rejects %s', (_what, edit, where) => {
    const verdict = validateReport(broken(edit));
    expect(verdict.valid).toBe(false);
    expect(
      verdict.errors.some((line) => line.includes(where)),
      verdict.errors.join('\n'),
    ).toBe(true);
  });

  it('rejects counts that do not tally the results', () => {
    const verdict = validateReport(broken((r) => (r.counts.pass = 2)));
    expect(verdict).toEqual({ valid: false, errors: ['/counts/pass: is 2 but 1 results have that verdict'] });
  });

  it('rejects what is not a report at all', () => {
    expect(validateReport(null).valid).toBe(false);
    expect(validateReport([]).valid).toBe(false);
    expect(validateReport({}).errors.length).toBeGreaterThan(0);
  });

  it('lists every member of the model (the schema is closed)', () => {
    const properties = REPORT_SCHEMA.properties as { [name: string]: unknown };
    // `exploration` is optional: a report has it only when exploration ran (--runs > 0).
    expect(Object.keys(properties).sort()).toEqual([...Object.keys(report), 'exploration'].sort());
  });
});
