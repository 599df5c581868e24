// Tests of the exploration program: each step kind is closed, ids the harness uses are reserved,
// and a program reads as numbered lines.

import { describe, expect, it } from 'vitest';
import { describeProgram, isReservedId, Program, requestIds, Step } from './program.js';

const program: Program = [
  { kind: 'request', id: -3, call: 'slow', progress: true },
  { kind: 'cancel', id: '', copies: 2 },
  { kind: 'request+cancel', id: '007', call: 'fast', progress: false, cancelFirst: true },
  { kind: 'wait', ms: 40 },
  { kind: 'alive' },
];

describe('Step', () => {
  it('accepts every kind of step', () => {
    expect(Program.safeParse(program).success).toBe(true);
  });

  it.each([
    ['an unknown kind', { kind: 'dance' }],
    ['a member the kind does not have', { kind: 'alive', id: 2 }],
    ['three copies of a cancel', { kind: 'cancel', id: 2, copies: 3 }],
    ['a null id', { kind: 'cancel', id: null, copies: 1 }],
    ['a fraction of a millisecond', { kind: 'wait', ms: 0.5 }],
    ['an unknown call', { kind: 'request', id: 2, call: 'medium', progress: false }],
  ])('refuses %s', (_what, step) => {
    expect(Step.safeParse(step).success).toBe(false);
  });
});

describe('program helpers', () => {
  it('the handshake id and the harness ping ids are reserved; others are not', () => {
    expect([1, 'mcc-x-ping-1', '1', 2, 'mcc-y'].map(isReservedId)).toEqual([true, true, false, false, false]);
  });

  it('lists the ids requests are sent with, in order', () => {
    expect(requestIds(program)).toEqual([-3, '007']);
  });

  it('reads as numbered lines, then what the drain does', () => {
    const lines = describeProgram(program);
    expect(lines.slice(0, 5)).toEqual([
      '1. request -3 slow+progress',
      '2. cancel "" twice in one write',
      '3. one write: cancel "007", then request "007" fast',
      '4. wait 40 ms',
      '5. ping (liveness)',
    ]);
    expect(lines).toHaveLength(6);
    expect(describeProgram([])[0]).toBe('(no steps)');
  });
});
