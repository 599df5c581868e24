#!/usr/bin/env node
// The `mcp-cancel-conformance` command: parse, resolve the target, run, write reports, print the
// summary, exit with the documented code. Errors end in one line, never a stack trace.

import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { renderBadge } from '../../reports/badge.js';
import { renderHtml } from '../../reports/html.js';
import { renderIndex } from '../../reports/index-page.js';
import { renderJson } from '../../reports/json.js';
import { renderJunit } from '../../reports/junit.js';
import { renderMarkdown } from '../../reports/markdown.js';
import { renderRuleList } from '../../reports/list-rules.js';
import { renderTerminal } from '../../reports/terminal.js';
import { CATALOG } from '../../suites/index.js';
import { EXIT, TargetError, UsageError } from '../errors.js';
import { validateReport, type RunReport } from '../model/report.js';
import { baselineOf } from '../baseline.js';
import { exitCodeOf, runParsed } from '../library.js';
import type { RunEvent } from '../runner.js';
import { installSignalHandlers, killAll } from '../target/registry.js';
import { TOOL_VERSION } from '../version.js';
import { parseArgs, USAGE, type CliOptions } from './args.js';
import { pickServers, readConfig } from './config.js';
import { reportIndex } from './report-index.js';
import { replay, saveCases } from './replay.js';

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
    } else if (e.type === 'reprobe') {
      stream.write(`starting again, the probe waiting for every proof first: ${e.why}\n`);
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
  if (o.config !== null) return runConfig(o);
  return (await runOne(o)).code;
}

/** One target: run, write the reports asked for, print the summary; the exit code and the report. */
async function runOne(o: CliOptions): Promise<{ code: number; report: RunReport }> {
  const report: RunReport = await runParsed(o, progressPrinter(process.stderr));
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
  if (o.writeBaseline) written.push(writeFile(o.writeBaseline, baselineOf(report.results)));
  const color = process.stdout.isTTY === true && !process.env.NO_COLOR;
  process.stdout.write(renderTerminal(report, { color, written }));
  return { code: exitCodeOf(report, o.strict) === 1 ? EXIT.failures : EXIT.ok, report };
}

/** `report.json` → `report.<server>.json`: one set of reports per server of a config file. */
function perServer(path: string | null, server: string): string | null {
  if (path === null) return null;
  const safe = server.replace(/[^A-Za-z0-9._-]+/g, '-');
  const dot = basename(path).lastIndexOf('.');
  const at = dot > 0 ? path.length - basename(path).length + dot : path.length;
  return `${path.slice(0, at)}.${safe}${path.slice(at)}`;
}

/**
 * --config: every server of the file in turn (or the one --server names). Each gets its own reports
 * (the server's name in the file names) and an index.html beside the HTML reports links them. A server
 * that cannot start is said in one line and the others still run; the exit code is the worst one.
 */
async function runConfig(o: CliOptions): Promise<number> {
  const path = o.config ?? '';
  const servers = pickServers(readConfig(path), o.server, path);
  const several = servers.length > 1;
  let worst: number = EXIT.ok;
  const pages: { report: RunReport; href: string }[] = [];
  for (const s of servers) {
    process.stdout.write(`${several ? '\n' : ''}== ${s.name} (${path}) ==\n`);
    const name = (p: string | null) => (several ? perServer(p, s.name) : p);
    const one: CliOptions = {
      ...o,
      config: null,
      server: null,
      target: s.command ? [s.command, ...s.args] : [],
      verbatim: s.command !== null,
      url: s.url,
      env: { ...o.env, ...s.env },
      cwd: s.cwd ?? o.cwd,
      json: name(o.json),
      html: name(o.html),
      junit: name(o.junit),
      markdown: name(o.markdown),
      badge: name(o.badge),
      writeBaseline: name(o.writeBaseline),
    };
    try {
      const { code, report } = await runOne(one);
      worst = Math.max(worst, code);
      if (one.html) pages.push({ report, href: basename(one.html) });
    } catch (error) {
      // One server that cannot start (or whose entry names no runnable command) stops only itself.
      if (!(error instanceof TargetError || error instanceof UsageError)) throw error;
      process.stdout.write(`mcp-cancel-conformance: server "${s.name}": ${error.message}\n`);
      worst = Math.max(worst, error.exitCode);
    }
  }
  if (several && o.html && pages.length > 0) {
    const index = writeFile(join(dirname(o.html), 'index.html'), renderIndex(pages));
    process.stdout.write(`\nindex: ${index} (${pages.length} servers)\n`);
  }
  return worst;
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
