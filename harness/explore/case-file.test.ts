// Tests of reading case files: each kind of mistake is one line naming the place, what was expected
// and what was found.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../errors.js';
import type { CaseFile } from '../model/case-file.js';
import { parseCase, readCase, writeCase } from './case-file.js';

const good: CaseFile = {
  caseVersion: 1,
  tool: 'mcp-cancel-conformance',
  rule: 'RPC-RESP-SAME-ID',
  invariant: 'no-stray-response',
  revision: '2025-11-25',
  seed: 7,
  slowTool: null,
  program: [{ kind: 'cancel', id: '007', copies: 1 }],
};

/** The one-line message parseCase throws for `value`. */
function mistake(value: unknown): string {
  try {
    parseCase(value);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error('parseCase accepted it');
}

const step = (s: unknown) => ({ ...good, program: [s] });

describe('parseCase', () => {
  it('returns a good case as it is', () => {
    expect(parseCase(JSON.parse(JSON.stringify(good)))).toEqual(good);
  });

  it.each([
    ['not an object', [], 'case file: case expects an object, got [] (array)'],
    ['an unknown member', { ...good, extra: true }, "case file: case has an unknown member 'extra'"],
    ['a missing member', { ...good, rule: undefined }, "case file: case lacks its member 'rule'"],
    ['another version', { ...good, caseVersion: 2 }, 'case file: case.caseVersion expects 1, got 2 (number)'],
    [
      'another tool',
      { ...good, tool: 'x' },
      "case file: case.tool expects 'mcp-cancel-conformance', got 'x' (string)",
    ],
    [
      'an empty rule',
      { ...good, rule: '' },
      "case file: case.rule expects a non-empty string, got '' (string)",
    ],
    [
      'an unknown revision',
      { ...good, revision: '2025-01-01' },
      "case file: case.revision expects one of 2024-11-05, 2025-03-26, 2025-06-18, 2025-11-25, 2026-07-28, got '2025-01-01' (string)",
    ],
    [
      'a fractional seed',
      { ...good, seed: 0.5 },
      'case file: case.seed expects an integer, got 0.5 (number)',
    ],
    [
      'a slow tool without a name',
      { ...good, slowTool: { name: '', args: {} } },
      "case file: case.slowTool.name expects a tool name, got '' (string)",
    ],
    [
      'slow tool args that are not an object',
      { ...good, slowTool: { name: 'slow', args: [] } },
      'case file: case.slowTool.args expects an object, got [] (array)',
    ],
    [
      'a program that is not a list',
      { ...good, program: {} },
      'case file: case.program expects an array, got {} (object)',
    ],
    [
      'a step of no known kind',
      step({ kind: 'dance' }),
      "case file: case.program[0].kind expects one of request, cancel, request+cancel, wait, alive, got 'dance' (string)",
    ],
    [
      'a null id',
      step({ kind: 'cancel', id: null, copies: 1 }),
      'case file: case.program[0].id expects a string or an integer id, got null (null)',
    ],
    [
      'a reserved id',
      step({ kind: 'request', id: 1, call: 'fast', progress: false }),
      'case file: case.program[0].id expects an id the harness does not reserve (not 1, not "mcc-x-…"), got 1 (number)',
    ],
    [
      'an unknown call',
      step({ kind: 'request', id: 2, call: 'medium', progress: false }),
      "case file: case.program[0].call expects one of fast, slow, slow-short, got 'medium' (string)",
    ],
    [
      'three copies',
      step({ kind: 'cancel', id: 2, copies: 3 }),
      'case file: case.program[0].copies expects one of 1, 2, got 3 (number)',
    ],
    [
      'a wait past a minute',
      step({ kind: 'wait', ms: 90_000 }),
      'case file: case.program[0].ms expects an integer from 0 to 60000, got 90000 (number)',
    ],
    [
      'a member the step kind does not have',
      step({ kind: 'alive', id: 2 }),
      "case file: case.program[0] has an unknown member 'id'",
    ],
    [
      'a step member missing',
      step({ kind: 'request+cancel', id: 2, call: 'slow', progress: true }),
      "case file: case.program[0] lacks its member 'cancelFirst'",
    ],
  ])('%s is one line', (_what, value, message) => {
    expect(mistake(value)).toBe(message);
  });
});

describe('readCase', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mcc-case-'));

  it('reads what writeCase wrote', () => {
    const file = join(dir, 'good.json');
    writeCase(file, good);
    expect(readCase(file)).toEqual(good);
  });

  it('a missing file and a file that is not JSON are one line each', () => {
    expect(() => readCase(join(dir, 'none.json'))).toThrow(
      /replay expects a readable case file, got .* \(ENOENT\)/,
    );
    const notJson = join(dir, 'bad.json');
    writeFileSync(notJson, '{ "caseVersion": ');
    expect(() => readCase(notJson)).toThrow(/^case file .*bad\.json is not JSON: /);
  });
});
