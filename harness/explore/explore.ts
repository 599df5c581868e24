// The exploration driver: fast-check generates programs from the run's seed, each runs on a fresh
// target (so shrinking is sound: no candidate inherits state from another), the first broken
// invariant fixes the rule the shrinker must keep breaking, and the shrunk program is re-run a few
// times before it is reported, so timing noise cannot pose as a bug. Everything is bounded in time.

import fc from 'fast-check';
import { within } from '../timing.js';
import { execute, type Execution, type ExploreEnv } from './execute.js';
import { checkInvariants, type Violation } from './invariants.js';
import { programArbitrary } from './generators.js';
import type { Program } from './model.js';

export interface ExploreOptions {
  env: ExploreEnv;
  seed: number;
  runs: number;
  /** Upper bound for generating, running and shrinking (re-runs come on top, each bounded). */
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

/** Runs one program and judges it; a suite or start-up failure is returned as `error`. */
export async function runProgram(
  env: ExploreEnv,
  program: Program,
): Promise<{ execution: Execution; violations: Violation[] } | { error: string }> {
  const bound = env.budgets.huge;
  try {
    const execution = await within(execute(env, program), bound, () => null);
    if (!execution) return { error: `a program did not finish within ${bound} ms` };
    return { execution, violations: checkInvariants(execution, env.revision, env.discovery) };
  } catch (error) {
    return { error: (error as Error).message.split('\n')[0] ?? String(error) };
  }
}

/** Explores the target with `runs` programs from `seed`; at most one finding (the first, shrunk). */
export async function explore(o: ExploreOptions): Promise<ExplorationRun> {
  const t0 = performance.now();
  const slow = o.env.discovery.slowTool;
  const caps = { slow: slow !== null, short: slow?.shortArgs != null };
  const notes: string[] = [];
  const errors = new Set<string>();
  if (caps.short && o.env.shortRunMs == null) o.env.shortRunMs = await calibrate(o.env);
  let wanted: string | null = null;
  let programs = 0;
  const broken = new Set<string>();
  const property = fc.asyncProperty(programArbitrary(caps), async (program) => {
    programs++;
    o.onProgram?.(programs);
    const r = await runProgram(o.env, program);
    if ('error' in r) {
      errors.add(r.error);
      return true;
    }
    const violations = o.hunt ? r.violations.filter((v) => o.hunt?.includes(v.rule)) : r.violations;
    for (const v of violations) broken.add(v.rule);
    const hit = wanted === null ? violations[0] : violations.find((v) => v.rule === wanted);
    if (!hit) return true;
    wanted ??= hit.rule;
    return false;
  });
  const details = await fc.check(property, {
    seed: o.seed,
    numRuns: o.runs,
    interruptAfterTimeLimit: o.budgetMs,
    markInterruptAsFailure: false,
  });
  if (details.interrupted)
    notes.push(`the exploration budget of ${o.budgetMs} ms ended the search (raise --time-scale for more)`);
  for (const e of errors) notes.push(`a program could not run: ${e}`);
  const findings: Finding[] = [];
  const shrunk = details.failed ? details.counterexample?.[0] : undefined;
  let extraShrinks = 0;
  let counterexample = shrunk;
  if (shrunk && wanted) {
    // fast-check shrinks the raw steps; a last pass drops single steps it kept, while the budget lasts.
    const deadline = t0 + o.budgetMs;
    const rule = wanted;
    for (let i = shrunk.length - 1; i >= 0 && counterexample && performance.now() < deadline; i--) {
      const candidate = counterexample.filter((_, j) => j !== i);
      if (candidate.length === 0 || candidate.length === counterexample.length) continue;
      const r = await runProgram(o.env, candidate);
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
      const r = await runProgram(o.env, counterexample);
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

/** Times one short run of the slow tool on a fresh target (null when it did not complete). */
async function calibrate(env: ExploreEnv): Promise<number | null> {
  const id = 'calibration';
  const r = await runProgram({ ...env, shortRunMs: null }, [
    { kind: 'request', id, call: 'slow-short', progress: false },
  ]);
  if ('error' in r) return null;
  const req = r.execution.requests[0];
  const answer = await (req ? within(req.pending.response, 0, () => null) : Promise.resolve(null));
  return req && answer ? Math.round(answer.t - req.sentAt) : null;
}
