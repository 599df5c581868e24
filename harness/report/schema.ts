// The JSON Schema of the run report (harness/report/model.ts), the suite's public JSON contract
// (DESIGN.md "JSON report"). It is closed: every object lists its members and nothing else, so a
// field added to the model without being added here fails the tests that validate every report.
// `validateReport` applies the schema and the one rule a schema cannot express: `counts` tallies
// the verdicts of `results`.

import { Ajv, type ErrorObject } from 'ajv';
import type { EventDirection, EventKind } from '../model/transcript.js';
import { REVISIONS, VERDICTS, type Keyword, type Transport } from '../model/protocol.js';
import type { RunReport } from './model.js';

type JsonSchema = { [keyword: string]: unknown };

// Enumerations the model declares only as types; the checks below fail to compile if one misses a member.
const KEYWORDS = ['MUST', 'MUST NOT', 'SHOULD', 'SHOULD NOT', 'MAY'] as const satisfies readonly Keyword[];
const TRANSPORTS = ['stdio', 'http'] as const satisfies readonly Transport[];
const DIRECTIONS = ['client', 'server', 'harness'] as const satisfies readonly EventDirection[];
const EVENT_KINDS = [
  'message',
  'non-json',
  'oversized',
  'stderr',
  'raw',
  'note',
  'window',
  'http',
  'exit',
] as const satisfies readonly EventKind[];
type Exhaustive<Missing extends never> = Missing;
type _EnumsAreComplete = [
  Exhaustive<Exclude<Keyword, (typeof KEYWORDS)[number]>>,
  Exhaustive<Exclude<Transport, (typeof TRANSPORTS)[number]>>,
  Exhaustive<Exclude<EventDirection, (typeof DIRECTIONS)[number]>>,
  Exhaustive<Exclude<EventKind, (typeof EVENT_KINDS)[number]>>,
];

const closed = (properties: { [name: string]: JsonSchema }, optional: string[] = []): JsonSchema => ({
  type: 'object',
  properties,
  required: Object.keys(properties).filter((name) => !optional.includes(name)),
  additionalProperties: false,
});
const STRING: JsonSchema = { type: 'string' };
const TEXT: JsonSchema = { type: 'string', minLength: 1 };
const COUNT: JsonSchema = { type: 'integer', minimum: 0 };
const MILLISECONDS: JsonSchema = { type: 'number', minimum: 0 };
const nullable = (schema: JsonSchema): JsonSchema => ({ anyOf: [schema, { type: 'null' }] });
const JSON_OBJECT: JsonSchema = { type: 'object' };
/** ISO 8601 date-time as `Date.toISOString()` writes it (an offset is accepted too). */
const ISO_TIME: JsonSchema = {
  type: 'string',
  pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})$',
};

const toolChoice = {
  name: TEXT,
  args: JSON_OBJECT,
  source: { enum: ['user', 'discovered'] },
  reason: STRING,
};

const transcriptEvent: JsonSchema = {
  ...closed(
    {
      seq: COUNT,
      t: MILLISECONDS,
      dir: { enum: [...DIRECTIONS] },
      kind: { enum: [...EVENT_KINDS] },
      message: {},
      text: STRING,
      batch: COUNT,
      stream: STRING,
      eventId: STRING,
      from: MILLISECONDS,
      to: MILLISECONDS,
    },
    ['message', 'text', 'batch', 'stream', 'eventId', 'from', 'to'],
  ),
  // A "message" event carries the parsed message; every other kind carries its text.
  if: { properties: { kind: { const: 'message' } } },
  then: { required: ['message'] },
  else: { required: ['text'] },
};

const ID: JsonSchema = { anyOf: [{ type: 'string' }, { type: 'integer' }] };
const CALL: JsonSchema = { enum: ['fast', 'slow', 'slow-short'] };
/** One program step (harness/explore/model.ts), closed per kind. */
const step: JsonSchema = {
  oneOf: [
    closed({ kind: { const: 'request' }, id: ID, call: CALL, progress: { type: 'boolean' } }),
    closed({ kind: { const: 'cancel' }, id: ID, copies: { enum: [1, 2] } }),
    closed({
      kind: { const: 'request+cancel' },
      id: ID,
      call: CALL,
      progress: { type: 'boolean' },
      cancelFirst: { type: 'boolean' },
    }),
    closed({ kind: { const: 'wait' }, ms: COUNT }),
    closed({ kind: { const: 'alive' } }),
  ],
};

const explorationFinding = closed({
  seed: { type: 'integer' },
  runs: COUNT,
  invariant: TEXT,
  program: { type: 'array', items: step },
  steps: { type: 'array', items: STRING },
  reproduced: COUNT,
  attempts: COUNT,
  shrinks: COUNT,
  caseFile: nullable(TEXT),
});

const explorationSummary = closed({
  seed: { type: 'integer' },
  runs: COUNT,
  revision: { enum: [...REVISIONS] },
  programs: COUNT,
  durationMs: MILLISECONDS,
  findings: COUNT,
  notes: { type: 'array', items: STRING },
});

const ruleResult = closed(
  {
    /** Rule ids as in RULES.md: upper-case words joined by dashes (CANCEL-NO-RESPONSE, CANCEL26-…). */
    rule: { type: 'string', pattern: '^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$' },
    level: { enum: [...KEYWORDS] },
    revision: { enum: [...REVISIONS] },
    transport: { enum: [...TRANSPORTS] },
    verdict: { enum: [...VERDICTS] },
    summary: TEXT,
    title: TEXT,
    quote: STRING,
    specUrl: { type: 'string', pattern: '^https?://' },
    requirement: STRING,
    expected: STRING,
    actual: STRING,
    metrics: { type: 'object', additionalProperties: { type: 'number' } },
    evidence: { type: 'array', items: COUNT },
    transcript: { type: 'array', items: transcriptEvent },
    transcriptDropped: COUNT,
    stderrTail: { type: 'array', items: STRING },
    durationMs: MILLISECONDS,
    exploration: explorationFinding,
  },
  ['requirement', 'expected', 'actual', 'transcriptDropped', 'exploration'],
);

const discovery = closed(
  {
    slowTool: nullable(
      closed({
        ...toolChoice,
        shortArgs: nullable(JSON_OBJECT),
        shortRunMs: nullable(MILLISECONDS),
        progress: { type: 'boolean' },
      }),
    ),
    requestTool: nullable(closed(toolChoice)),
    toolsCalled: { type: 'array', items: STRING },
    rttMs: nullable(MILLISECONDS),
    silenceMs: MILLISECONDS,
    progressIntervalMs: nullable(MILLISECONDS),
    progressMaxGapMs: nullable(MILLISECONDS),
    slowToolObservedMs: nullable(MILLISECONDS),
    initializeMs: nullable(MILLISECONDS),
    slowToolWhy: STRING,
    requestToolWhy: STRING,
    shortRunWhy: STRING,
    progressWhy: STRING,
    notes: { type: 'array', items: STRING },
  },
  ['slowToolWhy', 'requestToolWhy', 'shortRunWhy', 'progressWhy'],
);

// The report schema itself (draft-07), exported so it can be published beside the reports.
export const REPORT_SCHEMA: JsonSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'mcp-cancel-conformance run report, schemaVersion 1',
  ...closed(
    {
      schemaVersion: { const: 1 },
      tool: closed({ name: { const: 'mcp-cancel-conformance' }, version: TEXT }),
      target: closed({
        transport: { enum: [...TRANSPORTS] },
        command: nullable({ type: 'array', items: STRING, minItems: 1 }),
        url: nullable({ type: 'string', pattern: '^https?://' }),
        serverInfo: nullable(closed({ name: STRING, version: STRING })),
        revisions: { type: 'array', items: { enum: [...REVISIONS] }, uniqueItems: true },
      }),
      discovery: nullable(discovery),
      seed: { type: 'integer' },
      strict: { type: 'boolean' },
      timeScale: { type: 'number', exclusiveMinimum: 0 },
      startedAt: ISO_TIME,
      durationMs: MILLISECONDS,
      results: { type: 'array', items: ruleResult },
      counts: closed(Object.fromEntries(VERDICTS.map((verdict) => [verdict, COUNT]))),
      exploration: explorationSummary,
    },
    ['exploration'],
  ),
};

let compiled: ReturnType<Ajv['compile']> | undefined;

function describe(error: ErrorObject): string {
  const path = error.instancePath.length > 0 ? error.instancePath : '/';
  const params: { [key: string]: unknown } = error.params;
  if (error.keyword === 'additionalProperties')
    return `${path}: unexpected member ${String(params.additionalProperty)}`;
  if (error.keyword === 'enum' && Array.isArray(params.allowedValues)) {
    return `${path}: must be one of ${params.allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
  }
  if (error.keyword === 'const') return `${path}: must be ${JSON.stringify(params.allowedValue)}`;
  return `${path}: ${error.message ?? error.keyword}`;
}

// Checks a value against the report schema, and that `counts` tallies the results' verdicts.
export function validateReport(value: unknown): { valid: boolean; errors: string[] } {
  compiled ??= new Ajv({ allErrors: true, strict: true, strictTypes: false, strictRequired: false }).compile(
    REPORT_SCHEMA,
  );
  if (!compiled(value)) {
    const errors = [...new Set((compiled.errors ?? []).filter((e) => e.keyword !== 'if').map(describe))];
    return { valid: false, errors };
  }
  const report = value as RunReport;
  const errors: string[] = [];
  for (const verdict of VERDICTS) {
    const tally = report.results.filter((result) => result.verdict === verdict).length;
    if (report.counts[verdict] !== tally) {
      errors.push(`/counts/${verdict}: is ${report.counts[verdict]} but ${tally} results have that verdict`);
    }
  }
  return { valid: errors.length === 0, errors };
}
