// How the model says what does not fit: every zod issue becomes a problem in the project's words
// (where, what was expected, what was there), so a bad report or case file reads as one clear line.

import * as z from 'zod';

/** Describes a value with its type, for error messages ("'abc' (string)"). */
export function describeValue(v: unknown): string {
  if (v === undefined) return 'nothing';
  // JSON has no word for Infinity or NaN (a parsed 1e400 is Infinity): numbers speak for themselves.
  const text = typeof v === 'string' ? `'${v}'` : typeof v === 'number' ? String(v) : JSON.stringify(v);
  return `${text} (${v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v})`;
}

/** One thing wrong with a value, at `path` (the members and indexes that lead to it). */
export type Problem =
  | { path: PropertyKey[]; kind: 'unknown member'; member: string }
  | { path: PropertyKey[]; kind: 'missing member'; member: string }
  | { path: PropertyKey[]; kind: 'value'; expected: string; got: unknown };

const TYPES: { [expected: string]: string } = {
  string: 'a string',
  number: 'a number',
  int: 'an integer',
  boolean: 'true or false',
  object: 'an object',
  record: 'an object',
  array: 'an array',
  null: 'null',
};

/** "a, b or c". */
const alternatives = (phrases: string[]) =>
  phrases.length < 2 ? (phrases[0] ?? '') : `${phrases.slice(0, -1).join(', ')} or ${phrases.at(-1)}`;
const literal = (v: unknown) => (typeof v === 'string' ? `'${v}'` : String(v));
const numberWord = (origin: string) => (origin === 'int' ? 'an integer' : 'a number');

/**
 * What a schema expects, as a phrase ("an integer ≥ 0", "one of stdio, http"): the zod error map the
 * model parses with. A schema that says it better itself (`{ error: '…' }`) keeps its own words.
 */
export function expectation(issue: z.core.$ZodRawIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return TYPES[issue.expected] ?? `a value of type ${issue.expected}`;
    case 'invalid_value':
      return issue.values.length === 1
        ? literal(issue.values[0])
        : `one of ${issue.values.map(String).join(', ')}`;
    case 'invalid_union': {
      if (issue.discriminator !== undefined && Array.isArray(issue.options))
        return `one of ${issue.options.map(String).join(', ')}`;
      // Options that each failed on the value's type alone: the value has none of those types.
      const types = issue.errors.map((option) =>
        option.length === 1 && option[0]?.path.length === 0 ? option[0].message : undefined,
      );
      return types.every((t) => t !== undefined)
        ? alternatives([...new Set(types)])
        : 'one of the shapes allowed';
    }
    case 'too_small':
      if (issue.origin === 'string' && issue.minimum === 1) return 'a non-empty string';
      if (issue.origin === 'array') return `at least ${issue.minimum} items`;
      return `${numberWord(issue.origin)} ${issue.inclusive ? '≥' : '>'} ${issue.minimum}`;
    case 'too_big':
      if (issue.origin === 'array') return `at most ${issue.maximum} items`;
      return `${numberWord(issue.origin)} ${issue.inclusive ? '≤' : '<'} ${issue.maximum}`;
    case 'invalid_format':
      return issue.pattern !== undefined ? `text matching ${issue.pattern}` : `a ${issue.format}`;
    case 'not_multiple_of':
      return `a multiple of ${issue.divisor}`;
    default:
      return 'a valid value';
  }
}

/** The value at `path` inside `root`, or undefined when there is none. */
function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v = root;
  for (const key of path) {
    if (typeof v !== 'object' || v === null) return undefined;
    v = (v as { [key: PropertyKey]: unknown })[key];
  }
  return v;
}

/** Where a missing member would have been: it is missing when its parent is an object without it. */
function isMissing(root: unknown, path: readonly PropertyKey[]): boolean {
  const parent = valueAt(root, path.slice(0, -1));
  const member = path.at(-1);
  return (
    member !== undefined &&
    typeof parent === 'object' &&
    parent !== null &&
    !Array.isArray(parent) &&
    (parent as { [key: PropertyKey]: unknown })[member] === undefined
  );
}

/** Parses `value` with the model's words; on failure, every problem found, in the order zod met them. */
export function check<S extends z.ZodType>(
  schema: S,
  value: unknown,
): { ok: true; data: z.infer<S> } | { ok: false; problems: Problem[] } {
  const result = schema.safeParse(value, { error: expectation });
  if (result.success) return { ok: true, data: result.data };
  const problems = result.error.issues.flatMap((issue): Problem[] => {
    if (issue.code === 'unrecognized_keys')
      return issue.keys.map((member) => ({ path: issue.path, kind: 'unknown member', member }));
    if (isMissing(value, issue.path))
      return [{ path: issue.path.slice(0, -1), kind: 'missing member', member: String(issue.path.at(-1)) }];
    return [{ path: issue.path, kind: 'value', expected: issue.message, got: valueAt(value, issue.path) }];
  });
  return { ok: false, problems };
}
