// Case files: a shrunk program with what it needs to run again (`mcp-cancel-conformance replay`).
// The format is closed (unknown members are refused) and every mistake is one line naming the path,
// what was expected and what was found.

import { readFileSync, writeFileSync } from 'node:fs';
import { UsageError } from '../errors.js';
import { describeValue } from '../model/issues.js';
import {
  isJsonObject,
  REVISIONS,
  type Json,
  type JsonObject,
  type RequestId,
  type Revision,
} from '../model/protocol.js';
import { CALL_KINDS, isReservedId, type CallKind, type Program, type Step } from '../model/program.js';

export interface CaseFile {
  caseVersion: 1;
  tool: 'mcp-cancel-conformance';
  /** The rule the program broke, and the invariant behind it. */
  rule: string;
  invariant: string;
  revision: Revision;
  seed: number;
  /** The slow tool the program called, with its long-run arguments (null: the program calls none). */
  slowTool: { name: string; args: JsonObject } | null;
  program: Program;
}

const TOP = ['caseVersion', 'tool', 'rule', 'invariant', 'revision', 'seed', 'slowTool', 'program'];
const STEP_MEMBERS: Record<Step['kind'], string[]> = {
  request: ['kind', 'id', 'call', 'progress'],
  cancel: ['kind', 'id', 'copies'],
  'request+cancel': ['kind', 'id', 'call', 'progress', 'cancelFirst'],
  wait: ['kind', 'ms'],
  alive: ['kind'],
};

function fail(path: string, expected: string, got: unknown): never {
  throw new UsageError(`case file: ${path} expects ${expected}, got ${describeValue(got)}`);
}

function closed(path: string, o: JsonObject, members: string[]): void {
  for (const k of members) if (!(k in o)) throw new UsageError(`case file: ${path} lacks its member '${k}'`);
  const extra = Object.keys(o).find((k) => !members.includes(k));
  if (extra !== undefined) throw new UsageError(`case file: ${path} has an unknown member '${extra}'`);
}

function requestId(path: string, v: Json | undefined): RequestId {
  if (typeof v === 'string' || (typeof v === 'number' && Number.isSafeInteger(v))) return v;
  return fail(path, 'a string or an integer id', v);
}

function bool(path: string, v: Json | undefined): boolean {
  return typeof v === 'boolean' ? v : fail(path, 'true or false', v);
}

function step(path: string, v: Json): Step {
  if (!isJsonObject(v)) return fail(path, 'a step object', v);
  const kind = v.kind;
  if (typeof kind !== 'string' || !(kind in STEP_MEMBERS))
    return fail(`${path}.kind`, `one of ${Object.keys(STEP_MEMBERS).join(', ')}`, kind);
  closed(path, v, STEP_MEMBERS[kind as Step['kind']]);
  const call = (): CallKind =>
    (CALL_KINDS as readonly Json[]).includes(v.call ?? null)
      ? (v.call as CallKind)
      : fail(`${path}.call`, `one of ${CALL_KINDS.join(', ')}`, v.call);
  switch (kind) {
    case 'request':
    case 'request+cancel': {
      const id = requestId(`${path}.id`, v.id);
      if (isReservedId(id))
        fail(`${path}.id`, 'an id the harness does not reserve (not 1, not "mcc-x-…")', id);
      const base = { id, call: call(), progress: bool(`${path}.progress`, v.progress) };
      return kind === 'request'
        ? { kind, ...base }
        : { kind, ...base, cancelFirst: bool(`${path}.cancelFirst`, v.cancelFirst) };
    }
    case 'cancel':
      if (v.copies !== 1 && v.copies !== 2) fail(`${path}.copies`, '1 or 2', v.copies);
      return { kind, id: requestId(`${path}.id`, v.id), copies: v.copies };
    case 'wait':
      if (typeof v.ms !== 'number' || !Number.isInteger(v.ms) || v.ms < 0 || v.ms > 60_000)
        fail(`${path}.ms`, 'an integer from 0 to 60000', v.ms);
      return { kind, ms: v.ms };
    default:
      return { kind: 'alive' };
  }
}

/** Checks a parsed case file; throws a one-line UsageError on the first mistake. */
export function parseCase(value: unknown): CaseFile {
  if (!isJsonObject(value)) return fail('the file', 'a JSON object', value);
  closed('case', value, TOP);
  if (value.caseVersion !== 1) fail('case.caseVersion', '1', value.caseVersion);
  if (value.tool !== 'mcp-cancel-conformance') fail('case.tool', "'mcp-cancel-conformance'", value.tool);
  for (const k of ['rule', 'invariant'] as const)
    if (typeof value[k] !== 'string' || value[k] === '') fail(`case.${k}`, 'a non-empty string', value[k]);
  if (!(REVISIONS as readonly Json[]).includes(value.revision ?? null))
    fail('case.revision', `one of ${REVISIONS.join(', ')}`, value.revision);
  if (typeof value.seed !== 'number' || !Number.isInteger(value.seed))
    fail('case.seed', 'an integer', value.seed);
  let slowTool: CaseFile['slowTool'] = null;
  if (value.slowTool !== null) {
    const s = value.slowTool;
    if (!isJsonObject(s)) return fail('case.slowTool', 'null or { name, args }', s);
    closed('case.slowTool', s, ['name', 'args']);
    if (typeof s.name !== 'string' || s.name === '') fail('case.slowTool.name', 'a tool name', s.name);
    if (!isJsonObject(s.args)) fail('case.slowTool.args', 'a JSON object', s.args);
    slowTool = { name: s.name as string, args: s.args as JsonObject };
  }
  if (!Array.isArray(value.program)) return fail('case.program', 'an array of steps', value.program);
  const program = value.program.map((s, i) => step(`case.program[${i}]`, s));
  return {
    caseVersion: 1,
    tool: 'mcp-cancel-conformance',
    rule: value.rule as string,
    invariant: value.invariant as string,
    revision: value.revision as Revision,
    seed: value.seed as number,
    slowTool,
    program,
  };
}

/** Reads and checks a case file; every problem is a one-line UsageError. */
export function readCase(path: string): CaseFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(
      `replay expects a readable case file, got '${path}' (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`case file ${path} is not JSON: ${(error as Error).message}`);
  }
  return parseCase(value);
}

/** Writes a case file (pretty JSON, one step per line is not needed: it is for machines and diffs). */
export function writeCase(path: string, c: CaseFile): void {
  writeFileSync(path, JSON.stringify(c, null, 2) + '\n');
}
