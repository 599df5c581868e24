// Exploration inside a suite run: explore the target at the newest revision tested, then fold what
// was found into the results of the rules it breaks (one result per rule, revision and transport;
// the worst verdict wins) and add the results of the rules only exploration judges.

import { explorationOnlyResult, foldFinding, notApplicable, type FindingToJudge } from '../judge.js';
import type { ExplorationSummary, RuleResult } from '../model/report.js';
import type { RuleSpec } from '../rule.js';
import { transportOf } from '../target/spec.js';
import type { ExploreEnv } from './execute.js';
import { explore, type ExplorationRun, type Finding } from './explore.js';
import { describeProgram } from '../model/program.js';

/** Default --runs: an upper bound; the `explore` time budget is what ends exploration (npm run bench). */
export const DEFAULT_RUNS = 20;

/** A finding as the judge takes it: the violation, its program's run and what the report shows of it. */
export function findingToJudge(f: Finding, run: ExplorationRun): FindingToJudge {
  return {
    ...f.violation,
    transcript: f.execution.transcript.events,
    stderrTail: f.execution.stderrTail,
    durationMs: f.execution.durationMs,
    reproduced: f.reproduced,
    attempts: f.attempts,
    exploration: {
      seed: run.seed,
      runs: run.runs,
      invariant: f.violation.invariant,
      program: f.program,
      steps: describeProgram(f.program),
      reproduced: f.reproduced,
      attempts: f.attempts,
      shrinks: f.shrinks,
      caseFile: null,
    },
  };
}

/** Runs exploration for a suite run and returns the results with its findings folded in. */
export async function exploreForRun(o: {
  env: ExploreEnv;
  seed: number;
  runs: number;
  /** True: the whole search may take ten times the `huge` budget instead of `explore` (--runs given). */
  unbudgeted?: boolean;
  catalog: readonly RuleSpec[];
  /** The rules selected for the run (--rule/--skip): exploration reports only these. */
  selected: readonly string[];
  /** The rules' results, or their promise when exploration runs alongside the rules. */
  results: RuleResult[] | Promise<RuleResult[]>;
}): Promise<{ results: RuleResult[]; summary: ExplorationSummary }> {
  const where = { revision: o.env.revision, transport: transportOf(o.env.target) };
  // Only rules that exist where exploration runs are hunted: a program that breaks another one
  // (PING-RESPOND-PROMPTLY in the modern era, which has no ping) is no finding.
  const hunt = o.selected.filter((id) => {
    const rule = o.catalog.find((r) => r.id === id);
    return rule !== undefined && notApplicable(rule, where) === null;
  });
  const exploring = explore({
    env: o.env,
    seed: o.seed,
    runs: o.runs,
    budgetMs: o.unbudgeted ? 10 * o.env.budgets.huge : o.env.budgets.explore,
    hunt,
  });
  // Both settle before anything is folded: a failing exploration never leaves the rules running alone.
  const [explored, ruled] = await Promise.allSettled([exploring, o.results]);
  if (explored.status === 'rejected') throw explored.reason;
  if (ruled.status === 'rejected') throw ruled.reason;
  const run = explored.value;
  let results = ruled.value;
  // Findings are for hunted rules only, so each applies here.
  for (const f of run.findings) results = foldFinding(results, findingToJudge(f, run), where, o.catalog);
  // Rules only exploration judges get a result of their own: pass when no program broke them.
  for (const rule of o.catalog.filter((r) => r.judgedBy === 'exploration')) {
    if (!hunt.includes(rule.id)) continue;
    if (results.some((r) => r.rule === rule.id && r.revision === where.revision)) continue;
    results = [...results, explorationOnlyResult(rule, where, run)];
  }
  return {
    results,
    summary: {
      seed: run.seed,
      runs: run.runs,
      revision: o.env.revision,
      programs: run.programs,
      durationMs: run.durationMs,
      findings: run.findings.length,
      notes: run.notes,
    },
  };
}
