// The run report: the one canonical result of a run. JSON, terminal, HTML, JUnit and Markdown output
// are all pure functions of it (see reports/). Its shape is a public contract (DESIGN.md "JSON
// report"): the zod schemas below give its TypeScript types, `validateReport` and `REPORT_SCHEMA`,
// the JSON Schema published with it. Every object is strict (closed), so a member added to one of
// them is in all three at once, and a member a report has but the model does not is refused.

import * as z from 'zod';
import { check, describeValue, type Problem } from './issues.js';
import { Step } from './program.js';
import { JsonObject, Keyword, Revision, Transport, Verdict, VERDICTS } from './protocol.js';
import { TranscriptEvent } from './transcript.js';

const Text = z.string().min(1);
const Count = z.int().min(0);
const Milliseconds = z.number().min(0);
const HttpUrl = z.string().regex(/^https?:\/\//, { error: 'an http:// or https:// URL' });
/** ISO 8601 date-time as `Date.toISOString()` writes it (an offset is accepted too). */
const IsoTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/, {
  error: 'an ISO 8601 time such as 2026-08-22T10:11:12.345Z',
});
/** Rule ids as in RULES.md: upper-case words joined by dashes (CANCEL-NO-RESPONSE, CANCEL26-…). */
const RuleId = z
  .string()
  .regex(/^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$/, { error: 'a rule id in upper case, such as CANCEL-NO-RESPONSE' });

/** A tool the suite calls, and why that one. */
export const ToolChoice = z.strictObject({
  name: Text,
  args: JsonObject,
  /** "user" when named on the command line, "discovered" when the suite picked it. */
  source: z.enum(['user', 'discovered']),
  /** Why this tool, in one sentence (the names, descriptions and schema that led to it). */
  reason: z.string(),
});
export type ToolChoice = z.infer<typeof ToolChoice>;

/** The slow tool, with what the probe learned of it. */
export const SlowToolChoice = ToolChoice.extend({
  /** A run the probe saw complete (null: none; `shortRunWhy` says why). */
  shortArgs: JsonObject.nullable(),
  /** How long that run took in the probe, ms. */
  shortRunMs: Milliseconds.nullable(),
  progress: z.boolean(),
});

/** The task-capable tool (2025-11-25 tasks utility): a tool the suite calls as a task. */
export const TaskToolChoice = ToolChoice.extend({
  /** Arguments of a run that completes soon (the slow tool's proven short run, when it is that tool), or null. */
  shortArgs: JsonObject.nullable(),
  /** The tool's `execution.taskSupport` in tools/list ("optional", "required"), or "not listed". */
  taskSupport: z.string(),
});

/** What the server declared of tasks (capabilities.tasks of its initialize result) and the tool the
 *  task rules call. `missing` is the typed reason the judge reads: "undeclared" (no task support for
 *  tools/call: the rules that need it do not apply), "no-tool" (declared, but no tool found: untestable). */
export const TaskDiscovery = z.strictObject({
  /** capabilities.tasks is present. */
  declared: z.boolean(),
  /** capabilities.tasks.requests.tools.call is present. */
  toolsCall: z.boolean(),
  /** capabilities.tasks.cancel is present. */
  cancel: z.boolean(),
  tool: TaskToolChoice.nullable(),
  missing: z.enum(['undeclared', 'no-tool']).optional(),
  /** Why there is no task tool, and the flag that names one. */
  why: z.string().optional(),
});
export type TaskDiscovery = z.infer<typeof TaskDiscovery>;

/** What the server declared of the tasks extension `io.modelcontextprotocol/tasks` (2026-07-28:
 *  `capabilities.extensions` of its server/discover result) and the tool the TASKX rules call. There
 *  is no per-tool task support in that revision (the server decides per call), so the tool is the
 *  user's (--task-tool) or the slow tool, and the rules check on the wire that a call made a task.
 *  `missing` "no-tool": declared, but no tool to call (untestable). Absent: not declared. */
export const TaskExtensionDiscovery = z.strictObject({
  declared: z.literal(true),
  tool: TaskToolChoice.nullable(),
  missing: z.literal('no-tool').optional(),
  /** Why there is no task tool, and the flag that names one. */
  why: z.string().optional(),
});
export type TaskExtensionDiscovery = z.infer<typeof TaskExtensionDiscovery>;

/** What the suite learned of the target before the rules ran: its tools, round trip and windows. */
export const Discovery = z.strictObject({
  /** The tool the suite cancels mid-flight, or null with the reason in `notes`. */
  slowTool: SlowToolChoice.nullable(),
  /** The tool that makes the server send a request to the client, or null. */
  requestTool: ToolChoice.nullable(),
  /** Every tool the suite called, by name: the user can see exactly what ran. */
  toolsCalled: z.array(z.string()),
  /** Median round-trip time of a cheap request, in ms. */
  rttMs: Milliseconds.nullable(),
  /** Silence window used to decide that something did not happen, in ms. */
  silenceMs: Milliseconds,
  /** Time between two progress notifications of the slow tool, in ms (null: no progress seen). */
  progressIntervalMs: Milliseconds.nullable(),
  /** Longest gap between two progress notifications seen in the probe, in ms. */
  progressMaxGapMs: Milliseconds.nullable(),
  /** How long the slow tool was observed to keep running before it was cancelled, in ms. */
  slowToolObservedMs: Milliseconds.nullable(),
  /** How long the target took to answer initialize in the first session (start-up included), in ms. */
  initializeMs: Milliseconds.nullable(),
  /** Why there is no slow tool (what discovery or the probe saw, and the flag that names one). */
  slowToolWhy: z.string().optional(),
  /** Why there is no request tool (and the flag that names one). */
  requestToolWhy: z.string().optional(),
  /** Why the slow tool has no short run (the flag that supplies one is named). */
  shortRunWhy: z.string().optional(),
  /** Why the slow tool counts as sending no progress (what was watched, and the flag that helps). */
  progressWhy: z.string().optional(),
  /** Task support (2025-11-25 tasks utility); absent in reports of older versions. */
  tasks: TaskDiscovery.optional(),
  /** The tasks extension at 2026-07-28, when the server declares it; absent otherwise. */
  tasksExtension: TaskExtensionDiscovery.optional(),
  notes: z.array(z.string()),
});
export type Discovery = z.infer<typeof Discovery>;

/** A program exploration found breaking a rule, shrunk, re-run, and saved for `replay`. */
export const ExplorationFinding = z.strictObject({
  seed: z.int(),
  runs: Count,
  /** The invariant it broke (README "Exploration"). */
  invariant: Text,
  program: z.array(Step),
  /** The program as numbered lines, as the terminal shows it. */
  steps: z.array(z.string()),
  /** Re-runs of the shrunk program on fresh targets, and how many broke the rule again. */
  reproduced: Count,
  attempts: Count,
  shrinks: Count,
  /** The saved case file (`mcp-cancel-conformance replay <file> <target>`), or null when none was written. */
  caseFile: Text.nullable(),
});
export type ExplorationFinding = z.infer<typeof ExplorationFinding>;

/** The result of one rule at one revision over one transport. */
export const RuleResult = z.strictObject({
  rule: RuleId,
  level: Keyword,
  revision: Revision,
  transport: Transport,
  verdict: Verdict,
  /** One line: what was expected, what happened. */
  summary: Text,
  title: Text,
  /** The normative sentence at this revision and its link; absent only on a not-applicable result for a
   *  revision the rule does not exist in (there is no sentence to quote there). */
  quote: z.string().optional(),
  specUrl: HttpUrl.optional(),
  /** Present on violations: the requirement, what was expected and what was seen. */
  requirement: z.string().optional(),
  expected: z.string().optional(),
  actual: z.string().optional(),
  metrics: z.record(z.string(), z.number()),
  /** Sequence numbers of the transcript events that prove the verdict. */
  evidence: z.array(Count),
  transcript: z.array(TranscriptEvent),
  /** Number of events left out of `transcript` because the session exceeded the transcript limit. */
  transcriptDropped: Count.optional(),
  /**
   * Present when the report keeps only a slice of this result's transcript (a passing result, unless
   * --full-transcripts): how many events it keeps of how many. The evidence and the suite's windows
   * are always among those kept.
   */
  transcriptTrimmed: z.strictObject({ kept: Count, total: Count }).optional(),
  /**
   * True when the --expected-failures baseline lists this result and it still fails or warns: its
   * verdict stands, but it does not fail the run.
   */
  expectedFailure: z.literal(true).optional(),
  /** The last lines the target wrote to stderr during this rule's session. */
  stderrTail: z.array(z.string()),
  durationMs: Milliseconds,
  /** Present when property-based exploration broke this rule: the shrunk program and how to replay it. */
  exploration: ExplorationFinding.optional(),
});
export type RuleResult = z.infer<typeof RuleResult>;

/** What the exploration of a run did, found or not. */
export const ExplorationSummary = z.strictObject({
  seed: z.int(),
  runs: Count,
  revision: Revision,
  programs: Count,
  durationMs: Milliseconds,
  findings: Count,
  notes: z.array(z.string()),
});
export type ExplorationSummary = z.infer<typeof ExplorationSummary>;

/** The whole report of one run (`--json`). */
export const RunReport = z
  .strictObject({
    schemaVersion: z.literal(1),
    tool: z.strictObject({ name: z.literal('mcp-cancel-conformance'), version: Text }),
    target: z.strictObject({
      transport: Transport,
      command: z.array(z.string()).min(1).nullable(),
      url: HttpUrl.nullable(),
      serverInfo: z.strictObject({ name: z.string(), version: z.string() }).nullable(),
      revisions: z
        .array(Revision)
        .refine((revisions) => new Set(revisions).size === revisions.length, {
          error: 'revisions without repeats',
        })
        .meta({ uniqueItems: true }),
    }),
    discovery: Discovery.nullable(),
    seed: z.int(),
    strict: z.boolean(),
    timeScale: z.number().positive(),
    startedAt: IsoTime,
    durationMs: Milliseconds,
    results: z.array(RuleResult),
    /** How many results have each verdict: one member per verdict, even when 0. */
    counts: z.record(Verdict, Count),
    /** Present when property-based exploration ran (--runs > 0). */
    exploration: ExplorationSummary.optional(),
    /** Present with --expected-failures: the baseline file, its entries, and the stale ones. */
    baseline: z
      .strictObject({
        file: Text,
        entries: z.array(Text),
        /** Entries whose results pass now: each fails the run until it is removed from the file. */
        stale: z.array(Text),
      })
      .optional(),
  })
  // The one rule a JSON Schema cannot say: `counts` tallies the verdicts of `results`. It is
  // checked only on an otherwise valid report, where both are sure to be what they claim.
  .superRefine(
    (report, ctx) => {
      for (const verdict of VERDICTS) {
        const tally = report.results.filter((result) => result.verdict === verdict).length;
        if (report.counts[verdict] !== tally)
          ctx.addIssue({
            code: 'custom',
            path: ['counts', verdict],
            input: report.counts[verdict],
            message: `${tally}, the number of results with verdict ${verdict}`,
          });
      }
    },
    { when: (payload) => payload.issues.length === 0 },
  )
  .meta({ title: 'mcp-cancel-conformance run report, schemaVersion 1' });
export type RunReport = z.infer<typeof RunReport>;

/** The report's JSON Schema (draft-07), published beside the reports; derived from `RunReport`. */
export const REPORT_SCHEMA: { [keyword: string]: unknown } = z.toJSONSchema(RunReport, {
  target: 'draft-07',
});

/** A problem as a line: its JSON Pointer ("/" for the whole report), then what is wrong. */
function line(p: Problem): string {
  const at = p.path.length === 0 ? '/' : p.path.map((key) => `/${String(key)}`).join('');
  switch (p.kind) {
    case 'unknown member':
      return `${at}: unexpected member ${p.member}`;
    case 'missing member':
      return `${at}: missing member ${p.member}`;
    case 'value':
      return `${at}: expects ${p.expected}, got ${describeValue(p.got)}`;
  }
}

/** Checks a value against the report model (counts tallied included); every problem is one line. */
export function validateReport(value: unknown): { valid: boolean; errors: string[] } {
  const result = check(RunReport, value);
  return result.ok
    ? { valid: true, errors: [] }
    : { valid: false, errors: [...new Set(result.problems.map(line))] };
}
