// The package's library entry (`import { runConformance } from 'mcp-cancel-conformance'`): one call
// runs the suite against a server and returns the run report, the same report the command line
// writes as JSON. The command line is a thin layer over it (harness/cli/main.ts). The options are
// the command line's flags as typed values, checked by the same parser, so a bad value gets the
// same one-line error (a UsageError) a user of the command would see.

import { resolve } from 'node:path';
import { overallOutcome } from '../reports/outcome.js';
import { CATALOG, INVARIANTS, RULES } from '../suites/index.js';
import { globMatch, parseArgs, type CliOptions } from './cli/args.js';
import { applyBaseline, readBaseline } from './baseline.js';
import { UsageError } from './errors.js';
import { DEFAULT_RUNS } from './explore/index.js';
import { newSeed } from './random.js';
import type { RunReport } from './model/report.js';
import { runSuite, type RunEvent } from './runner.js';
import { resolveTarget } from './target/resolve.js';
import { DEFAULT_HTTP_URL, type TargetSpec } from './target/spec.js';
import { trimTranscript } from './trim.js';
import type { JsonObject, Revision } from './model/protocol.js';

export { TargetError, UsageError } from './errors.js';
export type { RuleResult, RunReport } from './model/report.js';
export type { RunEvent } from './runner.js';
export type { Revision, Verdict } from './model/protocol.js';

/** What to test and how: the command line's flags as typed values (see README "Options"). */
export interface ConformanceOptions {
  /** The server as on the command line: a file (`./server.py`) or a command and its arguments. */
  target?: string[];
  /** Run `target` exactly as given (the command line's `--`), not by its file type. */
  verbatim?: boolean;
  /** A Streamable HTTP server already running at this URL; or, with `http`, the endpoint to use. */
  url?: string;
  /** Start `target` as a Streamable HTTP server (on a port the suite picks, passed as $PORT). */
  http?: boolean;
  portEnv?: string;
  slowTool?: string;
  slowArgs?: JsonObject;
  shortArgs?: JsonObject;
  requestTool?: string;
  requestArgs?: JsonObject;
  /** The tool to call as a task (2025-11-25 tasks) and its arguments for a long run. */
  taskTool?: string;
  taskArgs?: JsonObject;
  /** Default: the newest legacy revision and 2026-07-28, each where the target speaks it. */
  revisions?: 'default' | 'all' | Revision[];
  /** Only rules whose id matches one of these globs. */
  rules?: string[];
  /** Leave out rules whose id matches one of these globs. */
  skip?: string[];
  /** SHOULD violations (warn) count as failures in `exitCodeOf`. */
  strict?: boolean;
  seed?: number;
  /** Exploration programs: exactly this many (0: none); default up to 20 within the time budget. */
  runs?: number;
  timeScale?: number;
  concurrency?: number | 'auto';
  cwd?: string;
  env?: Record<string, string>;
  /** A baseline file of known deviations (README "Baseline"): listed results do not fail the run. */
  expectedFailures?: string;
  /** How much of each transcript the report keeps (default 'passing': see harness/trim.ts). */
  transcripts?: 'passing' | 'full' | 'compact';
  /** Called as the run goes: revisions chosen, probe done, each result. */
  onEvent?: (e: RunEvent) => void;
}

/** The flags that say the same as `o`, for the command line's parser (one checker for both). */
function toArgv(o: ConformanceOptions): string[] {
  const argv: string[] = [];
  const value = (flag: string, v: string | number | undefined) => {
    if (v !== undefined) argv.push(flag, String(v));
  };
  const json = (flag: string, v: JsonObject | undefined) => {
    if (v !== undefined) argv.push(flag, JSON.stringify(v));
  };
  value('--url', o.url);
  if (o.http) argv.push('--http');
  value('--port-env', o.portEnv);
  value('--slow-tool', o.slowTool);
  json('--slow-args', o.slowArgs);
  json('--short-args', o.shortArgs);
  value('--request-tool', o.requestTool);
  json('--request-args', o.requestArgs);
  value('--task-tool', o.taskTool);
  json('--task-args', o.taskArgs);
  if (o.revisions === 'all') argv.push('--revision', 'all');
  else if (Array.isArray(o.revisions)) for (const r of o.revisions) value('--revision', r);
  for (const g of o.rules ?? []) value('--rule', g);
  for (const g of o.skip ?? []) value('--skip', g);
  if (o.strict) argv.push('--strict');
  value('--seed', o.seed);
  value('--runs', o.runs);
  value('--time-scale', o.timeScale);
  if (o.concurrency !== undefined && o.concurrency !== 'auto') value('--concurrency', o.concurrency);
  value('--cwd', o.cwd);
  value('--expected-failures', o.expectedFailures);
  if (o.transcripts === 'full') argv.push('--full-transcripts');
  if (o.transcripts === 'compact') argv.push('--compact-transcripts');
  for (const [k, v] of Object.entries(o.env ?? {})) value('--env', `${k}=${v}`);
  const target = o.target ?? [];
  if (!Array.isArray(target) || target.some((t) => typeof t !== 'string'))
    throw new UsageError(`target expects an array of strings (a file or a command and its arguments)`);
  if (target.length > 0) argv.push(...(o.verbatim || target[0]?.startsWith('-') ? ['--'] : []), ...target);
  return argv;
}

/** Whether --rule/--skip select the rule with this id. */
function selects(o: Pick<CliOptions, 'rules' | 'skip'>, id: string): boolean {
  return (
    (o.rules.length === 0 || o.rules.some((g) => globMatch(g, id))) && !o.skip.some((g) => globMatch(g, id))
  );
}

/** The rule ids selected by --rule/--skip among every rule, exploration-only ones included. */
function selectedIds(o: Pick<CliOptions, 'rules' | 'skip'>): string[] {
  return CATALOG.filter((r) => selects(o, r.id)).map((r) => r.id);
}

/** The scripted rules to run; a glob that matches no rule, or a selection of none, is a usage error. */
function selectRules(o: Pick<CliOptions, 'rules' | 'skip'>) {
  for (const [flag, globs] of [
    ['--rule', o.rules],
    ['--skip', o.skip],
  ] as const) {
    for (const g of globs) {
      if (!CATALOG.some((r) => globMatch(g, r.id))) {
        throw new UsageError(`${flag} '${g}' matches no rule; expected a rule id or glob (see --list-rules)`);
      }
    }
  }
  if (selectedIds(o).length === 0) throw new UsageError('--rule and --skip together leave no rule to run');
  return RULES.filter((r) => selects(o, r.id));
}

/** Runs the suite for parsed command-line options (the command line's own path). */
export async function runParsed(o: CliOptions, onEvent?: (e: RunEvent) => void): Promise<RunReport> {
  const rules = selectRules(o);
  const cwd = o.cwd ? resolve(o.cwd) : process.cwd();
  const target: TargetSpec =
    o.url && !o.http
      ? { kind: 'http-url', url: o.url }
      : o.http
        ? {
            kind: 'http-command',
            command: resolveTarget(o.target, { verbatim: o.verbatim, cwd, env: o.env }),
            url: o.url ?? DEFAULT_HTTP_URL,
            portEnv: o.portEnv,
          }
        : { kind: 'stdio', command: resolveTarget(o.target, { verbatim: o.verbatim, cwd, env: o.env }) };
  if (target.kind !== 'stdio' && Array.isArray(o.revisions) && o.revisions.includes('2024-11-05'))
    throw new UsageError(
      '--revision 2024-11-05 has no Streamable HTTP (that revision used the HTTP+SSE transport, which this suite does not test); over HTTP it tests 2025-03-26 and later',
    );
  // The baseline is read before anything runs: a mistake in it is a usage error, not a late surprise.
  const baseline = o.expectedFailures
    ? {
        file: o.expectedFailures,
        entries: readBaseline(
          o.expectedFailures,
          CATALOG.map((r) => r.id),
        ),
      }
    : null;
  const report = await runSuite({
    target,
    revisions: o.revisions,
    rules,
    slowTool: o.slowTool ? { name: o.slowTool, args: o.slowArgs } : null,
    shortArgs: o.shortArgs,
    requestTool: o.requestTool ? { name: o.requestTool, args: o.requestArgs } : null,
    taskTool: o.taskTool ? { name: o.taskTool, args: o.taskArgs } : null,
    seed: o.seed ?? newSeed(),
    timeScale: o.timeScale,
    strict: o.strict,
    concurrency: o.concurrency,
    exploration: {
      runs: o.runs ?? DEFAULT_RUNS,
      // --runs asks for that many programs: the time budget then only bounds each of them.
      unbudgeted: o.runs !== null,
      catalog: CATALOG,
      invariants: INVARIANTS,
      selected: selectedIds(o),
    },
    onEvent,
  });
  if (baseline) {
    const { results, stale } = applyBaseline(report.results, baseline.entries);
    report.results = results;
    report.baseline = { file: baseline.file, entries: baseline.entries.map((e) => e.text), stale };
  }
  report.results = report.results.map((r) => trimTranscript(r, o.transcripts));
  return report;
}

/**
 * Runs the conformance suite against one server and returns the run report (README "JSON report").
 * Throws a UsageError for options the command line would refuse (exit 2) and a TargetError when the
 * server cannot be started or never completes a handshake (exit 3). Every target it starts is
 * stopped before it returns or throws.
 */
export async function runConformance(options: ConformanceOptions): Promise<RunReport> {
  const parsed = parseArgs(toArgv(options ?? {}));
  return runParsed(parsed, options?.onEvent);
}

/**
 * The command line's exit code for a report: 1 on a fail or error (or a warn when strict) the
 * baseline does not expect, or a stale baseline entry; else 0.
 */
export function exitCodeOf(report: RunReport, strict = false): 0 | 1 {
  return overallOutcome({ ...report, strict }).conformant ? 0 : 1;
}
