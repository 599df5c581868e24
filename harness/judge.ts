// The one judge: the only code that turns what the suite observed into a RuleResult. Whether a rule
// applies (revision, transport), whether the target offers what it needs, how a violation's keyword
// becomes a verdict, and how an exploration finding joins its rule's result are decided here and
// nowhere else (eslint.config.js forbids building a result's `verdict` in any other module).

import type { ExplorationFinding, Discovery, RuleResult } from './model/report.js';
import { specUrl, type Need, type Outcome, type RuleSpec } from './rule.js';
import type { TranscriptEvent } from './model/transcript.js';
import { verdictFor, type Keyword, type Revision, type Transport, type Verdict } from './model/protocol.js';

/** Where a result stands: the revision and transport it was judged at. */
export interface Where {
  revision: Revision;
  transport: Transport;
}

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

/** Why a rule has no result to give at `where` (it does not exist there), or null when it applies. */
export function notApplicable(rule: RuleSpec, where: Where): string | null {
  if (!rule.revisions.includes(where.revision))
    return `${rule.id} exists only in revision${rule.revisions.length > 1 ? 's' : ''} ${rule.revisions.join(', ')}`;
  if (!rule.transports.includes(where.transport))
    return `${rule.id} applies only over ${rule.transports.join(', ')}; this target speaks ${where.transport}`;
  return null;
}

/** Why a rule does not apply to this server's declared task support (typed reason in the discovery),
 *  or null. A server that declares no task support has no task to cancel: not untestable, absent. */
export function needNotApplicable(needs: readonly Need[], d: Discovery): string | null {
  const t = d.tasks;
  for (const need of needs) {
    if (need === 'tasks' && !t?.declared)
      return 'the server declares no tasks capability (capabilities.tasks), so it has no tasks to ask about';
    if (need === 'taskTool' && (!t || t.missing === 'undeclared'))
      return 'the server declares no task-augmented tools/call (capabilities.tasks.requests.tools.call)';
    if (need === 'taskCancel' && t?.declared && !t.cancel)
      return 'the server does not declare capabilities.tasks.cancel, so tasks/cancel is not offered (TASK-CANCEL-CAPABILITY)';
    if (need === 'noTaskCapability' && t?.toolsCall)
      return 'the server declares task-augmented tools/call (capabilities.tasks.requests.tools.call): the rule is about servers that do not';
    if ((need === 'taskExtension' || need === 'taskExtensionTool') && !d.tasksExtension?.declared)
      return 'the server does not declare the tasks extension (capabilities.extensions["io.modelcontextprotocol/tasks"] of server/discover), so it has no tasks';
  }
  return null;
}

/** The first need of a rule the probe did not meet, with what was seen and the flag that fixes it. */
export function unmetNeed(needs: readonly Need[], d: Discovery): string | null {
  for (const need of needs) {
    if (need === 'slowTool' && !d.slowTool)
      return `needs a slow tool to cancel mid-flight: ${d.slowToolWhy ?? 'no slow tool'}`;
    if (need === 'progress' && d.slowTool && !d.slowTool.progress) {
      const why = d.progressWhy ?? `the slow tool ${d.slowTool.name} sent none when given a progress token`;
      return `needs progress notifications, but ${why}, so the wire cannot show whether work stopped`;
    }
    if (need === 'shortRun' && d.slowTool && !d.slowTool.shortArgs) {
      return `needs a run of the slow tool seen to complete: ${d.shortRunWhy ?? `no short run of ${d.slowTool.name} was found; name one with --short-args <json>`}`;
    }
    if (need === 'requestTool' && !d.requestTool) {
      return `needs a tool that makes the server send a request to the client: ${d.requestToolWhy ?? 'none found'}`;
    }
    if (need === 'taskTool' && d.tasks?.missing === 'no-tool')
      return `needs a tool to call as a task: ${d.tasks.why ?? 'none found; name one with --task-tool <name> --task-args <json>'}`;
    if (need === 'taskExtensionTool' && d.tasksExtension?.missing === 'no-tool')
      return `needs a tool to call as a task: ${d.tasksExtension.why ?? 'none found; name one with --task-tool <name> --task-args <json>'}`;
    if (need === 'taskShortRun' && d.tasks?.tool && !d.tasks.tool.shortArgs)
      return `needs a run of the task tool ${d.tasks.tool.name} seen to complete: the suite knows one only when the task tool is the slow tool and the probe saw a short run of it (--slow-tool ${d.tasks.tool.name} --short-args <json>)`;
  }
  return null;
}

/** What a rule's run left behind: its outcome (or a verdict the runner set), the transcript and timing. */
export interface Observation {
  outcome: Outcome | { kind: 'not-applicable' | 'error'; summary: string };
  transcript: readonly TranscriptEvent[];
  transcriptDropped?: number;
  stderrTail: string[];
  durationMs: number;
}

/** The result of a rule at `where` from what was observed. A rule outside `where` is not-applicable. */
export function judge(rule: RuleSpec, where: Where, obs: Observation): RuleResult {
  // A rule that does not exist at this revision has no sentence there: its result quotes and links
  // nothing (its summary names the revisions it exists in).
  const exists = rule.revisions.includes(where.revision);
  const quote = rule.quoteFor?.[where.revision] ?? rule.quote;
  const outside = notApplicable(rule, where);
  // Every outcome read as a possible violation: its fields are there only when it is one.
  const v = (outside ? { kind: 'not-applicable', summary: outside } : obs.outcome) as Partial<
    Extract<Outcome, { kind: 'violation' }>
  > & { kind: Observation['outcome']['kind']; summary: string };
  // Only a rule without a sentence (INFORMATIVE) may inform without breaking one; anything else
  // claiming to is the suite's own mistake, and says so.
  const misinformed = !outside && obs.outcome.kind === 'info' && rule.keyword !== 'INFORMATIVE';
  const verdict: Verdict = misinformed
    ? 'error'
    : v.kind === 'violation'
      ? verdictFor(v.keyword ?? rule.keyword)
      : v.kind;
  return {
    rule: rule.id,
    revision: where.revision,
    transport: where.transport,
    title: rule.title,
    ...(exists ? { quote, specUrl: specUrl(where.revision, rule.page, rule.anchor) } : {}),
    // The level reported is the keyword the verdict was judged by.
    level: v.keyword ?? rule.keyword,
    verdict,
    summary: misinformed
      ? `the suite's own mistake: ${rule.id} (${rule.keyword}) gave an information result, which only an INFORMATIVE rule may give: ${v.summary}`
      : v.summary,
    ...(v.expected !== undefined
      ? { requirement: v.requirement ?? quote, expected: v.expected, actual: v.actual ?? '' }
      : {}),
    metrics: v.metrics ?? {},
    evidence: (v.evidence ?? []).map((e) => e.seq),
    transcript: outside ? [] : obs.transcript.slice(),
    ...(!outside && (obs.transcriptDropped ?? 0) > 0 ? { transcriptDropped: obs.transcriptDropped } : {}),
    stderrTail: outside ? [] : obs.stderrTail,
    durationMs: obs.durationMs,
  };
}

/** A finding of exploration against one rule: the violation, with the program's run as its evidence. */
export interface FindingToJudge {
  rule: string;
  keyword?: Keyword;
  summary: string;
  expected: string;
  actual: string;
  /** The sentence that sets another keyword than the rule's own (or the id of the rule it is quoted from). */
  requirement?: string;
  requirementOf?: string;
  evidence: number[];
  transcript: readonly TranscriptEvent[];
  stderrTail: string[];
  durationMs: number;
  /** What the report shows of the exploration behind it (program, seed, reproduction). */
  exploration: ExplorationFinding;
  reproduced: number;
  attempts: number;
}

/**
 * Folds an exploration finding into the results: the rule's result at `where` gets the exploration
 * evidence, and its verdict when that is worse; a rule without a result there gets one. A finding
 * for a rule that does not apply at `where` (or is not in the catalog) changes nothing: the caller
 * sees the same array back.
 */
export function foldFinding(
  results: RuleResult[],
  f: FindingToJudge,
  where: Where,
  catalog: readonly RuleSpec[],
): RuleResult[] {
  const rule = catalog.find((r) => r.id === f.rule);
  if (!rule || notApplicable(rule, where)) return results;
  const keyword = f.keyword ?? rule.keyword;
  const quoteOf = (id: string | undefined) => {
    const other = id === undefined ? undefined : catalog.find((r) => r.id === id);
    return other ? (other.quoteFor?.[where.revision] ?? other.quote) : undefined;
  };
  const found: RuleResult = judge(rule, where, {
    outcome: {
      kind: 'violation',
      keyword,
      summary: `exploration: ${f.summary} (shrunk program, reproduced ${f.reproduced} of ${f.attempts})`,
      expected: f.expected,
      actual: f.actual,
      requirement: f.requirement ?? quoteOf(f.requirementOf) ?? rule.quoteFor?.[where.revision] ?? rule.quote,
    },
    transcript: f.transcript,
    stderrTail: f.stderrTail,
    durationMs: f.durationMs,
  });
  // Evidence of exploration is already seq numbers of its own transcript.
  const fromFinding: RuleResult = { ...found, evidence: f.evidence, exploration: f.exploration };
  const at = results.findIndex(
    (r) => r.rule === rule.id && r.revision === where.revision && r.transport === where.transport,
  );
  if (at < 0) return [...results, fromFinding];
  const old = results[at] as RuleResult;
  const worse = SEVERITY.indexOf(found.verdict) < SEVERITY.indexOf(old.verdict);
  // A worse finding takes the result over; the scripted run's metrics and time stay.
  const folded: RuleResult = worse
    ? { ...fromFinding, metrics: old.metrics, durationMs: old.durationMs }
    : { ...old, exploration: f.exploration };
  return results.map((r, i) => (i === at ? folded : r));
}

/**
 * The result of a rule only exploration judges, when no finding gave it one: pass when programs ran
 * and none broke it; inconclusive when one did but the search stopped at another finding.
 */
export function explorationOnlyResult(
  rule: RuleSpec,
  where: Where,
  run: { programs: number; broken: readonly string[]; durationMs: number },
): RuleResult {
  const outcome: Outcome = run.broken.includes(rule.id)
    ? {
        kind: 'inconclusive',
        summary: `a program broke ${rule.id}, but the search stopped at another finding; run with --rule ${rule.id} to hunt it alone`,
      }
    : run.programs > 0
      ? {
          kind: 'pass',
          summary: `${run.programs} exploration programs: every response carried the id of a request the suite had sent`,
        }
      : { kind: 'untestable', summary: 'no exploration program could run' };
  return judge(rule, where, {
    outcome: { ...outcome, metrics: { programs: run.programs } },
    transcript: [],
    stderrTail: [],
    durationMs: run.durationMs,
  });
}
