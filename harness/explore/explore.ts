// The exploration driver: fast-check generates programs from the run's seed, each runs on a fresh
// target (so shrinking is sound: no candidate inherits state from another), the first broken
// invariant fixes the rule the shrinker must keep breaking, and the shrunk program is re-run a few
// times before it is reported, so timing noise cannot pose as a bug. Everything is bounded in time.

import fc from 'fast-check';
import { within } from '../timing.js';
import { execute, type ExploreEnv } from './execute.js';
import type { Execution } from './execution.js';
import { checkInvariants, type Violation } from './invariant.js';
import { programArbitrary } from './generators.js';
import type { Program } from '../model/program.js';

export interface ExploreOptions {
  env: ExploreEnv;
  seed: number;
  runs: number;
  /** Upper bound for the whole exploration: generating, running, shrinking and re-running programs. */
  budgetMs: number;
  /** How many times the shrunk program is re-run before it is reported. */
  attempts?: number;
  onProgram?: (done: number) => void;
  /** Only violations of these rules count (default: every rule). */
  hunt?: readonly string[];
}

/** A broken invariant that survived shrinking and reproduced. */
export interface Finding {
  violation: Violation;
  program: Program;
  reproduced: number;
  attempts: number;
  shrinks: number;
  /** The re-run that showed it (its transcript is the evidence). */
  execution: Execution;
}

export interface ExplorationRun {
  seed: number;
  runs: number;
  programs: number;
  durationMs: number;
  findings: Finding[];
  /** Said in the report: budget reached, programs that could not run, findings that did not reproduce. */
  notes: string[];
  /** Every rule some program broke (also those not shrunk and reported: the search stops at the first). */
  broken: string[];
}

/** Runs one program and judges it (within `boundMs`); a suite or start-up failure is returned as `error`. */
export async function runProgram(
  env: ExploreEnv,
  program: Program,
  boundMs = env.budgets.huge,
  stopAll?: AbortSignal,
): Promise<{ execution: Execution; violations: Violation[] } | { error: string }> {
  const bound = Math.max(0, Math.min(boundMs, env.budgets.huge));
  const stop = new AbortController();
  const onStopAll = () => stop.abort();
  stopAll?.addEventListener('abort', onStopAll, { once: true });
  try {
    const execution = await within(execute(env, program, stop.signal), bound, () => {
      stop.abort();
      return null;
    });
    if (!execution) return { error: `a program did not finish within ${Math.round(bound)} ms` };
    return { execution, violations: checkInvariants(env.invariants, execution, env.revision, env.discovery) };
  } catch (error) {
    return { error: (error as Error).message.split('\n')[0] ?? String(error) };
  } finally {
    stopAll?.removeEventListener('abort', onStopAll);
  }
}

/** Explores the target with `runs` programs from `seed`; at most one finding (the first, shrunk). */
export async function explore(o: ExploreOptions): Promise<ExplorationRun> {
  const t0 = performance.now();
  // The budget holds for everything (search, shrinking, re-runs; see the time gates in search()); a
  // re-run cut off by it counts as not reproduced.
  const deadline = t0 + o.budgetMs;
  const left = () => deadline - performance.now();
  // Whatever still runs when exploration returns (a program fast-check gave up on) is stopped.
  const everything = new AbortController();
  try {
    return await search(o, t0, left, everything);
  } finally {
    everything.abort();
  }
}

/** The search itself: generate and run programs, shrink the first finding, re-run it. */
async function search(
  o: ExploreOptions,
  t0: number,
  left: () => number,
  everything: AbortController,
): Promise<ExplorationRun> {
  const slow = o.env.discovery.slowTool;
  // Short calls only where the probe saw a short run of the slow tool complete.
  const caps = { slow: slow !== null, short: slow?.shortArgs != null };
  const notes: string[] = [];
  const errors = new Set<string>();
  let wanted: string | null = null;
  let programs = 0;
  let skipped = 0;
  const broken = new Set<string>();
  // Time gates instead of fast-check's own interrupt, so that a finding keeps a share of the budget:
  // no new program starts after 80 % of it unless something was found; once something was, the
  // shrinker may run programs for 40 % of what is left then, and the rest goes to the re-runs.
  const searchEnd = t0 + 0.8 * o.budgetMs;
  let shrinkEnd = Infinity;
  const property = fc.asyncProperty(programArbitrary(caps), async (program) => {
    const now = performance.now();
    if (wanted === null ? now > searchEnd : now > shrinkEnd) {
      if (wanted === null) skipped++;
      return wanted === null;
    }
    programs++;
    o.onProgram?.(programs);
    const r = await runProgram(o.env, program, wanted === null ? left() : shrinkEnd - now, everything.signal);
    if ('error' in r) {
      errors.add(r.error);
      return true;
    }
    const violations = o.hunt ? r.violations.filter((v) => o.hunt?.includes(v.rule)) : r.violations;
    for (const v of violations) broken.add(v.rule);
    const hit = wanted === null ? violations[0] : violations.find((v) => v.rule === wanted);
    if (!hit) return true;
    if (wanted === null) {
      wanted = hit.rule;
      shrinkEnd = performance.now() + 0.4 * left();
    }
    return false;
  });
  const details = await fc.check(property, { seed: o.seed, numRuns: o.runs });
  if (skipped > 0)
    notes.push(
      `the exploration budget of ${o.budgetMs} ms ended the search after ${o.runs - skipped} of ${o.runs} programs (--runs <n> runs them all, without the budget)`,
    );
  for (const e of errors) notes.push(`a program could not run: ${e}`);
  const findings: Finding[] = [];
  const shrunk = details.failed ? details.counterexample?.[0] : undefined;
  let extraShrinks = 0;
  let counterexample = shrunk;
  if (shrunk && wanted) {
    // fast-check shrinks the raw steps; a last pass drops single steps it kept, while the budget lasts.
    const passEnd = performance.now() + 0.3 * left();
    const rule = wanted;
    for (let i = shrunk.length - 1; i >= 0 && counterexample && performance.now() < passEnd; i--) {
      const candidate = counterexample.filter((_, j) => j !== i);
      if (candidate.length === 0 || candidate.length === counterexample.length) continue;
      const r = await runProgram(o.env, candidate, passEnd - performance.now(), everything.signal);
      if (!('error' in r) && r.violations.some((v) => v.rule === rule)) {
        counterexample = candidate;
        extraShrinks++;
      }
    }
  }
  if (counterexample && wanted) {
    const attempts = o.attempts ?? 3;
    let reproduced = 0;
    let shown: { execution: Execution; violation: Violation } | null = null;
    for (let i = 0; i < attempts; i++) {
      const r = await runProgram(o.env, counterexample, left() / (attempts - i), everything.signal);
      const v = 'error' in r ? undefined : r.violations.find((x) => x.rule === wanted);
      if (v && !('error' in r)) {
        reproduced++;
        shown = { execution: r.execution, violation: v };
      }
    }
    if (shown && reproduced * 2 > attempts)
      findings.push({
        ...shown,
        program: counterexample,
        reproduced,
        attempts,
        shrinks: details.numShrinks + extraShrinks,
      });
    else
      notes.push(
        `a program broke ${wanted} once but reproduced ${reproduced} of ${attempts} times when re-run; not reported`,
      );
  }
  return {
    seed: o.seed,
    runs: o.runs,
    programs,
    durationMs: Math.round(performance.now() - t0),
    findings,
    notes,
    broken: [...broken],
  };
}
