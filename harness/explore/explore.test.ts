// Exploration, proved both ways against real processes with a fixed seed: each broken fixture whose
// bug only an interleaving or an id shape shows is found with the default --runs and shrunk to a
// minimal program; the conformant reference server passes many programs without a finding. Runs
// from dist/ (npm test builds first).

import { resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compiledPath, EXPECTED } from '../../fixtures/expected.js';
import { CATALOG, INVARIANTS } from '../../suites/index.js';
import { probeEnv } from './env.js';
import { explore } from './explore.js';
import { programArbitrary } from './generators.js';
import { foldFinding } from '../judge.js';
import { DEFAULT_RUNS, findingToJudge } from './index.js';
import { describeStep, isReservedId, Program, requestIds } from '../model/program.js';

const ROOT = resolve(import.meta.dirname, '../..');
const SEED = 20261120;

/** The one step each finding must shrink to (its id is whatever the generator drew: ids do not shrink). */
const MINIMAL: Record<string, RegExp> = {
  // A cancel naming a string like "-7" or "007": alone, or in one write with its request.
  'answers-signed-string-cancels': /^(cancel|one write: cancel|one write: request) "(-\d+|0\d+)"/,
  'cancels-ahead-in-same-read': /^one write: cancel (\S+), then request \1 /,
  'sdk-server': /^one write: cancel (\S+), then request \1 /,
};

function command(source: string) {
  const script = resolve(ROOT, compiledPath(source));
  return { file: process.execPath, args: [script], cwd: ROOT, env: {}, display: [source] };
}

describe('program generator', () => {
  const programs = fc.sample(programArbitrary({ slow: true, short: true }), { seed: SEED, numRuns: 400 });

  it('never uses an id for a second request, nor an id the harness reserves', () => {
    for (const p of programs) {
      expect(Program.safeParse(p).success).toBe(true);
      const ids = requestIds(p).map((id) => `${typeof id}:${String(id)}`);
      expect(new Set(ids).size).toBe(ids.length);
      expect(requestIds(p).filter(isReservedId)).toEqual([]);
    }
  });

  it("covers JSON-RPC's id edges and the interleavings of the model", () => {
    const ids = programs.flatMap((p: Program) => p.flatMap((s) => ('id' in s ? [s.id] : [])));
    expect(ids).toContain(0);
    expect(ids).toContain('');
    expect(ids.some((id) => typeof id === 'number' && id < 0)).toBe(true);
    expect(ids).toContain(Number.MAX_SAFE_INTEGER);
    expect(ids.some((id) => typeof id === 'string' && /^-?\d+$/.test(id))).toBe(true);
    expect(ids.some((id) => typeof id === 'string' && /[^\x20-\x7e]/.test(id))).toBe(true);
    const steps = programs.flat();
    expect(steps.some((s) => s.kind === 'request+cancel' && s.cancelFirst)).toBe(true);
    expect(steps.some((s) => s.kind === 'request+cancel' && !s.cancelFirst)).toBe(true);
    expect(steps.some((s) => s.kind === 'cancel' && s.copies === 2)).toBe(true);
    // A cancel for an id that a later step of the same program sends a request with.
    const later = programs.some((p) =>
      p.some((s, i) => s.kind === 'cancel' && requestIds(p.slice(i + 1)).includes(s.id)),
    );
    expect(later).toBe(true);
  });

  it('asks only for what the target offers', () => {
    const fastOnly = fc.sample(programArbitrary({ slow: false, short: false }), { seed: SEED, numRuns: 100 });
    const calls = fastOnly.flat().flatMap((s) => ('call' in s ? [s.call] : []));
    expect(new Set(calls)).toEqual(new Set(['fast']));
  });
});

describe.concurrent('exploration against fixtures (fixed seed)', () => {
  const broken = Object.entries(EXPECTED).filter(([, e]) => e.explore);
  for (const [name, e] of broken) {
    it(`${name}: finds ${e.explore?.rule} and shrinks it`, { timeout: 300_000 }, async () => {
      const env = await probeEnv(command(e.source), '2025-11-25', 1, null, INVARIANTS);
      const run = await explore({ env, seed: SEED, runs: DEFAULT_RUNS, budgetMs: env.budgets.huge });
      expect(
        run.findings.map((f) => f.violation.rule),
        run.notes.join('; '),
      ).toEqual([e.explore?.rule]);
      const f = run.findings[0];
      if (!f) return;
      // Minimal: the one write that shows the bug.
      expect(f.program.map(describeStep)).toEqual([expect.stringMatching(MINIMAL[name] ?? /^$/)]);
      expect(f.reproduced * 2).toBeGreaterThan(f.attempts);
      // Folded into the results, the verdict comes from the rule's keyword.
      const where = { revision: env.revision, transport: 'stdio' as const };
      const results = foldFinding([], findingToJudge(f, run), where, CATALOG);
      expect(results.map((r) => [r.rule, r.verdict, r.exploration?.reproduced])).toEqual([
        [e.explore?.rule, e.explore?.verdict, f.reproduced],
      ]);
    });
  }

  it('reference-server: many programs, no finding', { timeout: 300_000 }, async () => {
    const env = await probeEnv(
      command(EXPECTED['reference-server']?.source ?? ''),
      '2025-11-25',
      1,
      null,
      INVARIANTS,
    );
    const run = await explore({ env, seed: SEED, runs: 3 * DEFAULT_RUNS, budgetMs: 10 * env.budgets.huge });
    expect(run.findings.map((f) => f.violation.summary)).toEqual([]);
    expect(run.notes).toEqual([]);
    expect(run.programs).toBe(3 * DEFAULT_RUNS);
  });
});
