// Reading and writing case files (the format is harness/model/case-file.ts). Every mistake in a
// file is one line naming the place, what was expected and what was found.

import { readFileSync, writeFileSync } from 'node:fs';
import { UsageError } from '../errors.js';
import { CaseFile } from '../model/case-file.js';
import { check, describeValue, type Problem } from '../model/issues.js';

/** A problem as one line: its place in the file ("case.program[0].id"), then what is wrong there. */
function line(p: Problem): string {
  const at = p.path.reduce<string>(
    (place, key) => (typeof key === 'number' ? `${place}[${key}]` : `${place}.${String(key)}`),
    'case',
  );
  switch (p.kind) {
    case 'unknown member':
      return `case file: ${at} has an unknown member '${p.member}'`;
    case 'missing member':
      return `case file: ${at} lacks its member '${p.member}'`;
    case 'value':
      return `case file: ${at} expects ${p.expected}, got ${describeValue(p.got)}`;
  }
}

/** Checks a parsed case file; throws a one-line UsageError on the first mistake. */
export function parseCase(value: unknown): CaseFile {
  const result = check(CaseFile, value);
  if (result.ok) return result.data;
  const [first] = result.problems;
  throw new UsageError(first ? line(first) : 'case file: not a case file');
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
