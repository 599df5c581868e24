// Exploration inside a suite run: explore the target at the newest revision tested, then fold what
// was found into the results of the rules it breaks (one result per rule, revision and transport;
// the worst verdict wins) and add the results of the rules only exploration judges.

import type { ExplorationSummary, RuleResult } from '../report/model.js';
import { specUrl, type RuleSpec } from '../rule.js';
import type { Keyword, Revision, Verdict } from '../types.js';
import type { ExploreEnv } from './execute.js';
import { explore, type ExplorationRun, type Finding } from './explore.js';
import { describeProgram } from './model.js';
import { EXPLORATION_RULES } from './rules.js';

/** Default --runs: an upper bound; the `explore` time budget is what ends exploration (npm run bench). */
export const DEFAULT_RUNS = 20;

/** Verdicts from worst to mildest: a folded finding replaces a result only when it is worse. */
const SEVERITY: readonly Verdict[] = [
  'fail',
  'warn',
  'error',
  'inconclusive',
  'untestable',
  'info',
  'pass',
  'not-applicable',
];

/** Level of a violation from its keyword (the same mapping as the runner's verdictFor). */
function verdictOf(keyword: Keyword): Verdict {
  if (keyword === 'MUST' || keyword === 'MUST NOT') return 'fail';
  if (keyword === 'SHOULD' || keyword === 'SHOULD NOT') return 'warn';
  return 'info';
}

function baseResult(
  rule: RuleSpec,
  revision: Revision,
): Omit<RuleResult, 'verdict' | 'summary' | 'durationMs'> {
  return {
    rule: rule.id,
    level: rule.keyword,
    revision,
    transport: 'stdio',
    title: rule.title,
    quote: rule.quoteFor?.[revision] ?? rule.quote,
    specUrl: specUrl(revision, rule.page, rule.anchor),
    metrics: {},
    evidence: [],
    transcript: [],
    stderrTail: [],
  };
}

/** Folds a finding into the results: the rule's result gets the exploration evidence (and its verdict when worse). */
export function foldFinding(
  results: RuleResult[],
  f: Finding,
  run: ExplorationRun,
  revision: Revision,
  catalog: readonly RuleSpec[],
): RuleResult[] {
  const rule = [...catalog, ...EXPLORATION_RULES].find((r) => r.id === f.violation.rule);
  if (!rule) return results;
  const keyword = f.violation.keyword ?? rule.keyword;
  const quoteOf = (id: string | undefined) => {
    const other = id === undefined ? undefined : catalog.find((r) => r.id === id);
    return other ? (other.quoteFor?.[revision] ?? other.quote) : undefined;
  };
  const verdict = verdictOf(keyword);
  const exploration = {
    seed: run.seed,
    runs: run.runs,
    invariant: f.violation.invariant,
    program: f.program,
    steps: describeProgram(f.program),
    reproduced: f.reproduced,
    attempts: f.attempts,
    shrinks: f.shrinks,
    caseFile: null,
  };
  const fromFinding = (): Pick<
    RuleResult,
    | 'verdict'
    | 'level'
    | 'summary'
    | 'requirement'
    | 'expected'
    | 'actual'
    | 'evidence'
    | 'transcript'
    | 'stderrTail'
  > => ({
    verdict,
    level: keyword,
    summary: `exploration: ${f.violation.summary} (shrunk program, reproduced ${f.reproduced} of ${f.attempts})`,
    requirement:
      f.violation.requirement ??
      quoteOf(f.violation.requirementOf) ??
      rule.quoteFor?.[revision] ??
      rule.quote,
    expected: f.violation.expected,
    actual: f.violation.actual,
    evidence: f.violation.evidence,
    transcript: f.execution.transcript.events.slice(),
    stderrTail: f.execution.stderrTail,
  });
  const at = results.findIndex((r) => r.rule === rule.id && r.revision === revision);
  if (at < 0)
    return [
      ...results,
      { ...baseResult(rule, revision), ...fromFinding(), durationMs: f.execution.durationMs, exploration },
    ];
  const old = results[at] as RuleResult;
  const worse = SEVERITY.indexOf(verdict) < SEVERITY.indexOf(old.verdict);
  const folded: RuleResult = worse ? { ...old, ...fromFinding(), exploration } : { ...old, exploration };
  return results.map((r, i) => (i === at ? folded : r));
}

/** Runs exploration for a suite run and returns the results with its findings folded in. */
export async function exploreForRun(o: {
  env: ExploreEnv;
  seed: number;
  runs: number;
  catalog: readonly RuleSpec[];
  /** The rules selected for the run (--rule/--skip): exploration reports only these. */
  selected: readonly string[];
  /** The rules' results, or their promise when exploration runs alongside the rules. */
  results: RuleResult[] | Promise<RuleResult[]>;
}): Promise<{ results: RuleResult[]; summary: ExplorationSummary }> {
  const exploring = explore({
    env: o.env,
    seed: o.seed,
    runs: o.runs,
    budgetMs: o.env.budgets.explore,
    hunt: o.selected,
  });
  // Both settle before anything is folded: a failing exploration never leaves the rules running alone.
  const [explored, ruled] = await Promise.allSettled([exploring, o.results]);
  if (explored.status === 'rejected') throw explored.reason;
  if (ruled.status === 'rejected') throw ruled.reason;
  const run = explored.value;
  let results = ruled.value;
  for (const f of run.findings) results = foldFinding(results, f, run, o.env.revision, o.catalog);
  // Rules only exploration judges get a result of their own: pass when no program broke them.
  for (const rule of EXPLORATION_RULES) {
    if (!o.selected.includes(rule.id)) continue;
    if (results.some((r) => r.rule === rule.id && r.revision === o.env.revision)) continue;
    results = [
      ...results,
      {
        ...baseResult(rule, o.env.revision),
        ...(run.broken.includes(rule.id)
          ? {
              verdict: 'inconclusive' as const,
              summary: `a program broke ${rule.id}, but the search stopped at another finding; run with --rule ${rule.id} to hunt it alone`,
            }
          : run.programs > 0
            ? {
                verdict: 'pass' as const,
                summary: `${run.programs} exploration programs: every response carried the id of a request the suite had sent`,
              }
            : { verdict: 'untestable' as const, summary: 'no exploration program could run' }),
        metrics: { programs: run.programs },
        durationMs: run.durationMs,
      },
    ];
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
