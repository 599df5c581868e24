#!/usr/bin/env node
// The `mcp-cancel-conformance` command: parse, resolve the target, run, write reports, print the
// summary, exit with the documented code. Errors end in one line, never a stack trace.

import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { renderBadge } from '../../reports/badge.js';
import { renderHtml } from '../../reports/html.js';
import { renderJson } from '../../reports/json.js';
import { renderJunit } from '../../reports/junit.js';
import { renderMarkdown } from '../../reports/markdown.js';
import { renderRuleList } from '../../reports/list-rules.js';
import { renderTerminal } from '../../reports/terminal.js';
import { CATALOG, RULES } from '../../suites/index.js';
import { EXIT, TargetError, UsageError } from '../errors.js';
import { newSeed } from '../random.js';
import { validateReport, type RunReport } from '../model/report.js';
import { runSuite, type RunEvent } from '../runner.js';
import { installSignalHandlers, killAll } from '../target/registry.js';
import { resolveTarget } from '../target/resolve.js';
import { DEFAULT_HTTP_URL, type TargetSpec } from '../target/spec.js';
import { TOOL_VERSION } from '../version.js';
import { globMatch, parseArgs, USAGE, type CliOptions } from './args.js';
import { reportIndex } from './report-index.js';
import { replay, saveCases } from './replay.js';
import { DEFAULT_RUNS } from '../explore/index.js';

/** The rule ids selected by --rule/--skip among every rule, exploration-only ones included. */
function selectedIds(o: CliOptions): string[] {
  return CATALOG.filter(
    (r) =>
      (o.rules.length === 0 || o.rules.some((g) => globMatch(g, r.id))) &&
      !o.skip.some((g) => globMatch(g, r.id)),
  ).map((r) => r.id);
}

function selectRules(o: CliOptions) {
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
  const chosen = RULES.filter(
    (r) =>
      (o.rules.length === 0 || o.rules.some((g) => globMatch(g, r.id))) &&
      !o.skip.some((g) => globMatch(g, r.id)),
  );
  if (chosen.length === 0 && selectedIds(o).length === 0)
    throw new UsageError('--rule and --skip together leave no rule to run');
  return chosen;
}

function writeFile(path: string, text: string): string {
  const full = resolve(path);
  try {
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, text);
  } catch (error) {
    throw new UsageError(
      `cannot write report ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  return full;
}

function progressPrinter(stream: NodeJS.WriteStream): (e: RunEvent) => void {
  return (e) => {
    if (e.type === 'revisions') stream.write(`testing revision(s) ${e.revisions.join(', ')}\n`);
    else if (e.type === 'probe') {
      const s = e.discovery.slowTool;
      stream.write(
        `probe done: ${s ? `slow tool ${s.name}` : 'no slow tool'}, silence window ${e.discovery.silenceMs} ms\n`,
      );
    } else if (e.type === 'exploring') {
      stream.write(
        `exploring alongside the rules: up to ${e.runs} programs at ${e.revision}, seed ${e.seed}, each on a fresh target\n`,
      );
    } else {
      const r = e.result;
      const n = String(e.total).length;
      stream.write(
        `[${String(e.done).padStart(n)}/${e.total}] ${r.verdict.toUpperCase().padEnd(12)} ${r.rule} ${r.revision} (${(r.durationMs / 1000).toFixed(1)} s)\n`,
      );
    }
  };
}

async function run(argv: string[]): Promise<number> {
  if (argv[0] === 'replay') return replay(argv.slice(1));
  if (argv[0] === 'report-index') {
    for (const line of reportIndex(argv.slice(1))) process.stdout.write(`${line}\n`);
    return EXIT.ok;
  }
  const o = parseArgs(argv);
  if (o.help) {
    process.stdout.write(USAGE + '\n');
    return EXIT.ok;
  }
  if (o.version) {
    process.stdout.write(`${TOOL_VERSION}\n`);
    return EXIT.ok;
  }
  if (o.listRules) {
    process.stdout.write(renderRuleList(CATALOG));
    return EXIT.ok;
  }
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
  const seed = o.seed ?? newSeed();
  const report: RunReport = await runSuite({
    target,
    revisions: o.revisions,
    rules,
    slowTool: o.slowTool ? { name: o.slowTool, args: o.slowArgs } : null,
    shortArgs: o.shortArgs,
    requestTool: o.requestTool ? { name: o.requestTool, args: o.requestArgs } : null,
    seed,
    timeScale: o.timeScale,
    strict: o.strict,
    concurrency: o.concurrency,
    exploration: {
      runs: o.runs ?? DEFAULT_RUNS,
      // --runs asks for that many programs: the time budget then only bounds each of them.
      unbudgeted: o.runs !== null,
      catalog: CATALOG,
      selected: selectedIds(o),
    },
    onEvent: progressPrinter(process.stderr),
  });
  saveCases(report, o);
  const check = validateReport(report);
  if (!check.valid)
    process.stderr.write(
      `mcp-cancel-conformance: the report does not match its own schema: ${check.errors.join('; ')}\n`,
    );
  const written: string[] = [];
  if (o.json) written.push(writeFile(o.json, renderJson(report)));
  if (o.html) written.push(writeFile(o.html, renderHtml(report)));
  if (o.junit) written.push(writeFile(o.junit, renderJunit(report)));
  if (o.markdown)
    written.push(writeFile(o.markdown, renderMarkdown(report, o.html ? { htmlReport: o.html } : {})));
  if (o.badge) written.push(writeFile(o.badge, renderBadge(report)));
  const color = process.stdout.isTTY === true && !process.env.NO_COLOR;
  process.stdout.write(renderTerminal(report, { color, written }));
  const c = report.counts;
  return c.fail > 0 || c.error > 0 || (o.strict && c.warn > 0) ? EXIT.failures : EXIT.ok;
}

/** Entry point: never throws; every path ends with an exit code. */
async function main(argv: string[]): Promise<number> {
  try {
    return await run(argv);
  } catch (error) {
    if (error instanceof UsageError || error instanceof TargetError) {
      process.stderr.write(`mcp-cancel-conformance: ${error.message}\n`);
      return error.exitCode;
    }
    const e = error as Error;
    process.stderr.write(
      `mcp-cancel-conformance: internal error: ${e.message} (set DEBUG=mcp-cancel-conformance for details)\n`,
    );
    if (process.env.DEBUG?.includes('mcp-cancel-conformance')) process.stderr.write(`${e.stack ?? ''}\n`);
    return EXIT.failures;
  } finally {
    killAll();
  }
}

// Exit explicitly: every target is stopped by now, and no stray timer may hold the result back
// (stdout and stderr are synchronous for files and pipes on POSIX, so nothing is lost).
installSignalHandlers();
process.exit(await main(process.argv.slice(2)));
