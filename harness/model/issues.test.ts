// Tests of the model's wording: each zod issue becomes where, what was expected and what was there.

import * as z from 'zod';
import { describe, expect, it } from 'vitest';
import { check, describeValue, type Problem } from './issues.js';

function problems(schema: z.ZodType, value: unknown): Problem[] {
  const result = check(schema, value);
  return result.ok ? [] : result.problems;
}

describe('describeValue', () => {
  it('names the value and its type', () => {
    expect(describeValue('abc')).toBe("'abc' (string)");
    expect(describeValue(null)).toBe('null (null)');
    expect(describeValue([1])).toBe('[1] (array)');
    expect(describeValue(undefined)).toBe('nothing');
    expect(describeValue(Infinity)).toBe('Infinity (number)');
  });
});

describe('check', () => {
  const shape = z.strictObject({
    name: z.string().min(1),
    count: z.int().min(0),
    mode: z.enum(['a', 'b']),
    id: z.union([z.string(), z.int()]),
    ratio: z.number().positive().optional(),
  });
  const good = { name: 'x', count: 0, mode: 'a', id: 2 };

  it('passes a value that fits, with its data', () => {
    expect(check(shape, good)).toEqual({ ok: true, data: good });
  });

  it.each<[string, unknown, Problem]>([
    ['an unknown member', { ...good, extra: 1 }, { path: [], kind: 'unknown member', member: 'extra' }],
    ['a missing member', { ...good, name: undefined }, { path: [], kind: 'missing member', member: 'name' }],
    [
      'an empty string',
      { ...good, name: '' },
      { path: ['name'], kind: 'value', expected: 'a non-empty string', got: '' },
    ],
    [
      'a negative count',
      { ...good, count: -1 },
      { path: ['count'], kind: 'value', expected: 'a number ≥ 0', got: -1 },
    ],
    [
      'a fraction',
      { ...good, count: 0.5 },
      { path: ['count'], kind: 'value', expected: 'an integer', got: 0.5 },
    ],
    [
      'an unknown mode',
      { ...good, mode: 'c' },
      { path: ['mode'], kind: 'value', expected: 'one of a, b', got: 'c' },
    ],
    [
      'an id of neither type',
      { ...good, id: true },
      { path: ['id'], kind: 'value', expected: 'a string or a number', got: true },
    ],
    [
      'a ratio of 0',
      { ...good, ratio: 0 },
      { path: ['ratio'], kind: 'value', expected: 'a number > 0', got: 0 },
    ],
    ['not an object', [], { path: [], kind: 'value', expected: 'an object', got: [] }],
  ])('words %s', (_what, value, problem) => {
    expect(problems(shape, value)).toEqual([problem]);
  });

  it('a discriminated union names its kinds, and a missing kind as missing', () => {
    const step = z.discriminatedUnion('kind', [
      z.strictObject({ kind: z.literal('wait'), ms: z.int() }),
      z.strictObject({ kind: z.literal('alive') }),
    ]);
    expect(problems(step, { kind: 'dance' })).toEqual([
      { path: ['kind'], kind: 'value', expected: 'one of wait, alive', got: 'dance' },
    ]);
    expect(problems(step, {})).toEqual([{ path: [], kind: 'missing member', member: 'kind' }]);
  });

  it("a schema's own words win", () => {
    const id = z.union([z.string(), z.int()], { error: 'a string or an integer id' });
    expect(problems(id, null)).toEqual([
      { path: [], kind: 'value', expected: 'a string or an integer id', got: null },
    ]);
  });
});
