// Generators of exploration programs (fast-check arbitraries). Ids cover JSON-RPC's edges: 0,
// negative and large integers, "", unicode, numeric-looking strings, strings that need escaping.
// A program draws a pool of distinct ids; request steps take the next unused one, cancels pick any
// id of the pool, so a cancel may name a request in flight, a completed one, one never used, or one
// a later step uses.

import fc from 'fast-check';
import type { RequestId } from '../model/protocol.js';
import { CALL_KINDS, isReservedId, type CallKind, type Program, type Step } from '../model/program.js';

const EDGE_INTEGERS = [
  0,
  -1,
  2,
  7,
  -7,
  42,
  -42,
  2 ** 31,
  -(2 ** 31),
  Number.MAX_SAFE_INTEGER,
  -Number.MAX_SAFE_INTEGER,
];
const EDGE_STRINGS = [
  '',
  '0',
  '1',
  '7',
  '-1',
  '-7',
  '007',
  '1e3',
  ' 7',
  '7 ',
  '9007199254740993',
  'ünïcødé ✓',
  '🚀',
  'a"b\\c',
  '\n',
  'null',
  'id',
];

/** Every id shape a request or cancel may carry: strings and integers, edges first. */
export const idArbitrary: fc.Arbitrary<RequestId> = fc
  .oneof(
    { weight: 3, arbitrary: fc.constantFrom(...EDGE_INTEGERS) },
    { weight: 2, arbitrary: fc.integer({ min: -1000, max: 1000 }) },
    { weight: 3, arbitrary: fc.constantFrom(...EDGE_STRINGS) },
    { weight: 1, arbitrary: fc.string({ maxLength: 6, unit: 'grapheme' }) },
    { weight: 1, arbitrary: fc.integer({ min: -1000, max: 1000 }).map(String) },
  )
  .filter((id) => !isReservedId(id));

/** What the target offers, so programs only ask for what it has. */
export interface Capabilities {
  slow: boolean;
  short: boolean;
}

type RawStep =
  | { kind: 'request'; call: CallKind; progress: boolean }
  | { kind: 'cancel'; ref: number; copies: 1 | 2 }
  | { kind: 'request+cancel'; call: CallKind; progress: boolean; cancelFirst: boolean }
  | { kind: 'wait'; ms: number }
  | { kind: 'alive' };

function callArbitrary(c: Capabilities): fc.Arbitrary<CallKind> {
  const calls = CALL_KINDS.filter((k) => k === 'fast' || (k === 'slow' ? c.slow : c.short));
  return fc.constantFrom(...calls);
}

function rawStep(c: Capabilities): fc.Arbitrary<RawStep> {
  const call = callArbitrary(c);
  return fc.oneof(
    {
      weight: 4,
      arbitrary: fc.record({ kind: fc.constant('request' as const), call, progress: fc.boolean() }),
    },
    {
      weight: 4,
      arbitrary: fc.record({
        kind: fc.constant('cancel' as const),
        ref: fc.nat({ max: 9 }),
        copies: fc.constantFrom(1 as const, 2 as const),
      }),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        kind: fc.constant('request+cancel' as const),
        call,
        progress: fc.boolean(),
        cancelFirst: fc.boolean(),
      }),
    },
    {
      weight: 2,
      arbitrary: fc.record({ kind: fc.constant('wait' as const), ms: fc.integer({ min: 0, max: 150 }) }),
    },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('alive' as const) }) },
  );
}

/** Turns pool indices into concrete ids; request steps beyond the pool are dropped. */
export function resolve(pool: RequestId[], raw: RawStep[]): Program {
  let next = 0;
  const steps: Step[] = [];
  for (const s of raw) {
    if (s.kind === 'request' || s.kind === 'request+cancel') {
      const id = pool[next];
      if (id === undefined) continue;
      next++;
      const progress = s.call !== 'fast' && s.progress;
      steps.push(s.kind === 'request' ? { ...s, id, progress } : { ...s, id, progress });
    } else if (s.kind === 'cancel') {
      const id = pool[s.ref % pool.length];
      if (id !== undefined) steps.push({ kind: 'cancel', id, copies: s.copies });
    } else steps.push(s);
  }
  return steps;
}

/** Programs of 1 to `maxSteps` steps against one session. */
export function programArbitrary(c: Capabilities, maxSteps = 8): fc.Arbitrary<Program> {
  return fc
    .record({
      // Ids are not shrunk: the shape that showed a bug is the point, and every shrink of an unused
      // id would cost a whole program on a fresh target without making the program any smaller.
      pool: fc.noShrink(
        fc.uniqueArray(idArbitrary, {
          minLength: 4,
          maxLength: 10,
          selector: (id) => `${typeof id}:${String(id)}`,
        }),
      ),
      raw: fc.array(rawStep(c), { minLength: 1, maxLength: maxSteps }),
    })
    .map(({ pool, raw }) => resolve(pool, raw));
}
