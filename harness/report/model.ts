// The run report: the one canonical result of a run. JSON, terminal, HTML, JUnit and Markdown
// output are all pure functions of this model (see reports/). Its shape is a public contract
// (DESIGN.md "JSON report"); harness/report/schema.ts describes it as a JSON Schema.

import type { Step } from '../model/program.js';
import type { TranscriptEvent } from '../model/transcript.js';
import type { Json, Keyword, Revision, Transport, Verdict } from '../model/protocol.js';

export interface ToolChoice {
  name: string;
  args: { [key: string]: Json };
  /** "user" when named on the command line, "discovered" when the suite picked it. */
  source: 'user' | 'discovered';
  /** Why this tool, in one sentence (the names, descriptions and schema that led to it). */
  reason: string;
}

export interface Discovery {
  /** The tool the suite cancels mid-flight, or null with the reason in `notes`. */
  slowTool:
    | (ToolChoice & {
        /** A run the probe saw complete (null: none; `shortRunWhy` says why). */
        shortArgs: { [key: string]: Json } | null;
        /** How long that run took in the probe, ms. */
        shortRunMs: number | null;
        progress: boolean;
      })
    | null;
  /** Why there is no slow tool (what discovery or the probe saw, and the flag that names one). */
  slowToolWhy?: string;
  /** Why there is no request tool (and the flag that names one). */
  requestToolWhy?: string;
  /** Why the slow tool has no short run (the flag that supplies one is named). */
  shortRunWhy?: string;
  /** Why the slow tool counts as sending no progress (what was watched, and the flag that helps). */
  progressWhy?: string;
  /** The tool that makes the server send a request to the client, or null. */
  requestTool: ToolChoice | null;
  /** Every tool the suite called, by name: the user can see exactly what ran. */
  toolsCalled: string[];
  /** Median round-trip time of a cheap request, in ms. */
  rttMs: number | null;
  /** Silence window used to decide that something did not happen, in ms. */
  silenceMs: number;
  /** Time between two progress notifications of the slow tool, in ms (null: no progress seen). */
  progressIntervalMs: number | null;
  /** Longest gap between two progress notifications seen in the probe, in ms. */
  progressMaxGapMs: number | null;
  /** How long the slow tool was observed to keep running before it was cancelled, in ms. */
  slowToolObservedMs: number | null;
  /** How long the target took to answer initialize in the first session (start-up included), in ms. */
  initializeMs: number | null;
  notes: string[];
}

export interface RuleResult {
  rule: string;
  level: Keyword;
  revision: Revision;
  transport: Transport;
  verdict: Verdict;
  /** One line: what was expected, what happened. */
  summary: string;
  title: string;
  quote: string;
  specUrl: string;
  /** Present on violations: the requirement, what was expected and what was seen. */
  requirement?: string;
  expected?: string;
  actual?: string;
  metrics: { [name: string]: number };
  /** Sequence numbers of the transcript events that prove the verdict. */
  evidence: number[];
  transcript: TranscriptEvent[];
  /** Number of events left out of `transcript` because the session exceeded the transcript limit. */
  transcriptDropped?: number;
  /** The last lines the target wrote to stderr during this rule's session. */
  stderrTail: string[];
  durationMs: number;
  /** Present when property-based exploration broke this rule: the shrunk program and how to replay it. */
  exploration?: ExplorationFinding;
}

/** A program exploration found breaking a rule, shrunk, re-run, and saved for `replay`. */
export interface ExplorationFinding {
  seed: number;
  runs: number;
  /** The invariant it broke (README "Exploration"). */
  invariant: string;
  program: Step[];
  /** The program as numbered lines, as the terminal shows it. */
  steps: string[];
  /** Re-runs of the shrunk program on fresh targets, and how many broke the rule again. */
  reproduced: number;
  attempts: number;
  shrinks: number;
  /** The saved case file (`mcp-cancel-conformance replay <file> <target>`), or null when none was written. */
  caseFile: string | null;
}

/** What the exploration of a run did, found or not. */
export interface ExplorationSummary {
  seed: number;
  runs: number;
  revision: Revision;
  programs: number;
  durationMs: number;
  findings: number;
  notes: string[];
}

export interface RunReport {
  schemaVersion: 1;
  tool: { name: 'mcp-cancel-conformance'; version: string };
  target: {
    transport: Transport;
    command: string[] | null;
    url: string | null;
    serverInfo: { name: string; version: string } | null;
    revisions: Revision[];
  };
  discovery: Discovery | null;
  seed: number;
  strict: boolean;
  timeScale: number;
  startedAt: string;
  durationMs: number;
  results: RuleResult[];
  counts: Record<Verdict, number>;
  /** Present when property-based exploration ran (--runs > 0). */
  exploration?: ExplorationSummary;
}
