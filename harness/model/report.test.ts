// Tests of the report model: a complete valid report passes; each kind of drift or damage fails with
// a line that names the member; the JSON Schema derived from it is closed at every object level and
// says what the validator says.

import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { VERDICTS, type Verdict } from './protocol.js';
import { REPORT_SCHEMA, validateReport, type RuleResult, type RunReport } from './report.js';

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
    { seq: 5, t: 5, dir: 'harness', kind: 'window', text: 'no response due', from: 4.5, to: 816 },
    {
      seq: 6,
      t: 816.9,
      dir: 'server',
      kind: 'message',
      message: { jsonrpc: '2.0', id: 2, error: { code: 0, message: 'x' } },
    },
    { seq: 7, t: 900, dir: 'harness', kind: 'exit', text: 'exit code 0' },
  ],
  transcriptDropped: 0,
  expectedFailure: true,
  stderrTail: ['working…'],
  durationMs: 1020,
  exploration: {
    seed: 7,
    runs: 20,
    invariant: 'no-response-after-cancel',
    program: [
      { kind: 'request', id: -3, call: 'slow', progress: true },
      { kind: 'cancel', id: -3, copies: 1 },
      { kind: 'wait', ms: 40 },
      { kind: 'alive' },
    ],
    steps: ['1. request -3 slow+progress', '2. cancel -3', '3. wait 40 ms', '4. ping (liveness)'],
    reproduced: 3,
    attempts: 3,
    shrinks: 12,
    caseFile: null,
  },
};

const pass: RuleResult = {
  ...result,
  rule: 'CANCEL-RACE-GRACEFUL',
  level: 'MUST',
  verdict: 'pass',
  expectedFailure: undefined,
  transcriptTrimmed: { kept: 8, total: 120 },
};

function counts(results: RuleResult[]): Record<Verdict, number> {
  return Object.fromEntries(
    VERDICTS.map((v) => [v, results.filter((r) => r.verdict === v).length]),
  ) as Record<Verdict, number>;
}

/** Every member set, counts tallied from the two results. */
const report: RunReport = {
  schemaVersion: 1,
  tool: { name: 'mcp-cancel-conformance', version: '0.1.0' },
  target: {
    transport: 'stdio',
    command: ['node', 'server.js'],
    url: null,
    serverInfo: { name: 'ref', version: '1.0.0' },
    revisions: ['2025-11-25', '2026-07-28'],
  },
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
    requestToolWhy: 'no tool makes the server send a request; name one with --request-tool',
    toolsCalled: ['slow'],
    rttMs: 0.8,
    silenceMs: 2000,
    progressIntervalMs: 100,
    slowToolObservedMs: null,
    progressMaxGapMs: null,
    initializeMs: null,
    notes: [],
  },
  seed: 42,
  strict: false,
  timeScale: 1,
  startedAt: '2026-08-22T10:11:12.345Z',
  durationMs: 4321,
  results: [result, pass],
  counts: counts([result, pass]),
  exploration: {
    seed: 7,
    runs: 20,
    revision: '2025-11-25',
    programs: 20,
    durationMs: 30_000,
    findings: 1,
    notes: [],
  },
  baseline: { file: 'baseline.yml', entries: ['CANCEL-NO-RESPONSE@2025-11-25'], stale: [] },
};

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

  it('accepts a minimal report: no discovery, no results, no exploration, http target', () => {
    const { exploration: _none, ...rest } = report;
    const minimal: RunReport = {
      ...rest,
      target: {
        transport: 'http',
        command: null,
        url: 'http://127.0.0.1:3000/mcp',
        serverInfo: null,
        revisions: [],
      },
      discovery: null,
      results: [],
      counts: counts([]),
    };
    expect(validateReport(minimal)).toEqual({ valid: true, errors: [] });
  });

  it('accepts the INFORMATIVE level of a measurement, in the model and in the JSON Schema; no other word', () => {
    const measurement: RuleResult = {
      ...pass,
      rule: 'CANCEL-STOP-LATENCY',
      level: 'INFORMATIVE',
      verdict: 'info',
      metrics: { cancels: 3, medianMs: 12, worstMs: 40, byWire: 3, byCpu: 0, byChild: 0, stillWorking: 0 },
      transcript: [],
      evidence: [],
    };
    const withIt = { ...report, results: [measurement], counts: counts([measurement]) };
    expect(validateReport(withIt)).toEqual({ valid: true, errors: [] });
    const validate = new Ajv({ strict: false }).compile(REPORT_SCHEMA);
    expect(validate(JSON.parse(JSON.stringify(withIt)))).toBe(true);
    const made = { ...withIt, results: [{ ...measurement, level: 'NORMATIVE-ISH' }] };
    expect(validateReport(made).errors).toEqual([
      expect.stringMatching(/^\/results\/0\/level: expects .*INFORMATIVE/),
    ]);
    expect(validate(made)).toBe(false);
  });

  it('accepts a report in memory, with optional members set to undefined', () => {
    expect(validateReport({ ...report, results: [{ ...pass, requirement: undefined }, result] })).toEqual({
      valid: true,
      errors: [],
    });
  });

  it.each([
    [
      'an unknown verdict',
      (r: RunReport) => ((r.results[0] as { verdict: string }).verdict = 'passed'),
      "/results/0/verdict: expects one of pass, fail, warn, info, untestable, not-applicable, inconclusive, error, got 'passed' (string)",
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
      'a revision twice',
      (r: RunReport) => (r.target.revisions = ['2025-11-25', '2025-11-25']),
      '/target/revisions: expects revisions without repeats',
    ],
    [
      'an unknown transport',
      (r: RunReport) => ((r.target as { transport: string }).transport = 'sse'),
      '/target/transport',
    ],
    [
      'an unknown event kind',
      (r: RunReport) => ((r.results[0]?.transcript[0] as { kind: string }).kind = 'log'),
      "/results/0/transcript/0/kind: expects one of message, window, sample, non-json, oversized, stderr, raw, note, http, exit, got 'log' (string)",
    ],
    [
      'a message event without message',
      (r: RunReport) => delete (r.results[0]?.transcript[1] as { message?: unknown }).message,
      '/results/0/transcript/1: missing member message',
    ],
    [
      'a note without text',
      (r: RunReport) => delete (r.results[0]?.transcript[0] as { text?: string }).text,
      '/results/0/transcript/0: missing member text',
    ],
    [
      'a window without its end',
      (r: RunReport) => delete (r.results[0]?.transcript[5] as { to?: number }).to,
      '/results/0/transcript/5: missing member to',
    ],
    [
      'a missing summary',
      (r: RunReport) => delete (r.results[0] as Partial<RuleResult>).summary,
      '/results/0: missing member summary',
    ],
    [
      'a member the model does not have',
      (r: RunReport) => ((r.results[0] as { extra?: number }).extra = 1),
      '/results/0: unexpected member extra',
    ],
    [
      'a member a transcript event does not have',
      (r: RunReport) => ((r.results[0]?.transcript[2] as { level?: string }).level = 'info'),
      '/results/0/transcript/2: unexpected member level',
    ],
    [
      'a metric that is not a number',
      (r: RunReport) => ((r.results[0]?.metrics as { [k: string]: unknown }).stopLatencyMs = '14'),
      "/results/0/metrics/stopLatencyMs: expects a number, got '14' (string)",
    ],
    [
      'a rule id in lower case',
      (r: RunReport) => ((r.results[0] as { rule: string }).rule = 'cancel-no-response'),
      '/results/0/rule',
    ],
    [
      'schemaVersion 2',
      (r: RunReport) => ((r as { schemaVersion: number }).schemaVersion = 2),
      '/schemaVersion: expects 1, got 2 (number)',
    ],
    [
      'a counts entry missing',
      (r: RunReport) => delete (r.counts as Partial<Record<Verdict, number>>).error,
      '/counts: missing member error',
    ],
    [
      'a counts entry for no verdict',
      (r: RunReport) => ((r.counts as { [k: string]: number }).passed = 0),
      '/counts: unexpected member passed',
    ],
    ['a negative duration', (r: RunReport) => (r.durationMs = -1), '/durationMs: expects a number ≥ 0'],
    ['a startedAt that is not ISO', (r: RunReport) => (r.startedAt = 'yesterday'), '/startedAt'],
    ['a tool renamed', (r: RunReport) => ((r.tool as { name: string }).name = 'other'), '/tool/name'],
    [
      'a slow tool without reason',
      (r: RunReport) => delete (r.discovery?.slowTool as { reason?: string }).reason,
      '/discovery/slowTool: missing member reason',
    ],
    [
      'a program step of no kind the model knows',
      (r: RunReport) => ((r.results[0]?.exploration?.program as unknown[])[0] = { kind: 'dance' }),
      '/results/0/exploration/program/0/kind',
    ],
    [
      'a member the exploration summary does not have',
      (r: RunReport) => ((r.exploration as { extra?: number }).extra = 1),
      '/exploration: unexpected member extra',
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
    expect(verdict).toEqual({
      valid: false,
      errors: ['/counts/pass: expects 1, the number of results with verdict pass, got 2 (number)'],
    });
  });

  it('rejects what is not a report at all, in one line', () => {
    expect(validateReport(null)).toEqual({ valid: false, errors: ['/: expects an object, got null (null)'] });
    expect(validateReport([]).valid).toBe(false);
    expect(validateReport({}).errors).toContain('/: missing member schemaVersion');
  });
});

/** Every sub-schema of `schema`, itself included. */
function* schemasIn(schema: unknown): Generator<{ [keyword: string]: unknown }> {
  if (typeof schema !== 'object' || schema === null) return;
  if (Array.isArray(schema)) {
    for (const s of schema) yield* schemasIn(s);
    return;
  }
  const s = schema as { [keyword: string]: unknown };
  yield s;
  for (const value of Object.values(s)) yield* schemasIn(value);
}

describe('REPORT_SCHEMA', () => {
  it('lists every member of the model at the top', () => {
    const properties = REPORT_SCHEMA.properties as { [name: string]: unknown };
    expect(Object.keys(properties).sort()).toEqual(Object.keys(report).sort());
    expect(REPORT_SCHEMA.$schema).toBe('http://json-schema.org/draft-07/schema#');
  });

  it('is closed at every object level: named members only, or a map whose values have a schema', () => {
    const objects = [...schemasIn(REPORT_SCHEMA)].filter((s) => s.type === 'object');
    expect(objects.length).toBeGreaterThan(10);
    for (const s of objects) {
      if (s.properties !== undefined) expect(s.additionalProperties, JSON.stringify(s)).toBe(false);
      else expect(typeof s.additionalProperties, JSON.stringify(s)).toBe('object');
    }
  });

  it('says what validateReport says (compiled by another validator, ajv)', () => {
    const ajv = new Ajv({ allErrors: true, strict: true, strictTypes: false, strictRequired: false });
    const validate = ajv.compile(REPORT_SCHEMA);
    expect(validate(JSON.parse(JSON.stringify(report))), JSON.stringify(validate.errors)).toBe(true);
    const unknown = broken((r) => ((r.results[0]?.transcript[0] as { extra?: number }).extra = 1));
    expect(validate(unknown)).toBe(false);
    const badKind = broken((r) => ((r.results[0]?.exploration?.program as unknown[])[1] = { kind: 'dance' }));
    expect(validate(badKind)).toBe(false);
  });
});

describe('published reports', () => {
  // The reports of real SDK servers in docs/interop were written before the model was zod: the
  // contract they follow must still hold.
  const dir = resolve(import.meta.dirname, '../../docs/interop');
  const files = readdirSync(dir).filter((f) => f.endsWith('.json') && !f.includes('.case-'));

  it.each(files)('%s is a valid report', (file) => {
    expect(validateReport(JSON.parse(readFileSync(resolve(dir, file), 'utf8')))).toEqual({
      valid: true,
      errors: [],
    });
  });
});
