// `mcp-cancel-conformance replay <case.json> [options] <target...>`: runs a saved exploration program
// again on fresh targets and says whether it still breaks its rule (exit 1) or not (exit 0); a bad
// case file is bad usage (exit 2), a target that cannot start exits 3. Also writes the case files of
// a run's findings.

import { mkdirSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { eventLine } from '../../reports/terminal.js';
import { EXIT, UsageError } from '../errors.js';
import { readCase, writeCase } from '../explore/case-file.js';
import { probeEnv } from '../explore/env.js';
import { INVARIANTS } from '../../suites/index.js';
import { runProgram } from '../explore/explore.js';
import { describeProgram } from '../model/program.js';
import type { RunReport } from '../model/report.js';
import { resolveTarget } from '../target/resolve.js';
import { parseArgs, type CliOptions } from './args.js';

/** Runs the replay subcommand; returns the exit code. */
export async function replay(argv: string[]): Promise<number> {
  const [path, ...rest] = argv;
  if (path === undefined || path.startsWith('-'))
    throw new UsageError(
      `replay expects a case file first, then the target, got ${path === undefined ? 'nothing' : `'${path}'`}`,
    );
  const c = readCase(path);
  const o = parseArgs(rest);
  if (o.target.length === 0) throw new UsageError('replay expects a target after the case file, got nothing');
  const command = resolveTarget(o.target, {
    verbatim: o.verbatim,
    cwd: o.cwd ? resolve(o.cwd) : process.cwd(),
    env: o.env,
  });
  const attempts = o.runs && o.runs > 0 ? o.runs : 3;
  const out = (line = '') => process.stdout.write(`${line}\n`);
  out(`replaying ${path}: ${c.rule} (${c.invariant}), found with seed ${c.seed}, at ${c.revision}`);
  for (const line of describeProgram(c.program)) out(`  ${line}`);
  const env = await probeEnv(
    command,
    c.revision,
    o.timeScale,
    c.slowTool ? { name: c.slowTool.name, args: c.slowTool.args } : null,
    INVARIANTS,
  );
  let broke = 0;
  for (let i = 1; i <= attempts; i++) {
    const r = await runProgram(env, c.program);
    if ('error' in r) {
      out(`attempt ${i}/${attempts}: the program could not run: ${r.error}`);
      continue;
    }
    const mine = r.violations.filter((v) => v.rule === c.rule);
    const others = r.violations.filter((v) => v.rule !== c.rule);
    if (mine.length > 0) broke++;
    out(
      `attempt ${i}/${attempts}: ${mine.length > 0 ? `broke ${c.rule} again` : `${c.rule} held`} (${r.execution.durationMs} ms)`,
    );
    for (const v of [...mine, ...others]) {
      out(`  ${v.rule}: ${v.summary}`);
      for (const e of r.execution.transcript.events.filter((x) => v.evidence.includes(x.seq)))
        out(`    ${eventLine(e)}`);
    }
  }
  out(`${c.rule} broke in ${broke} of ${attempts} attempts`);
  return broke > 0 ? EXIT.failures : EXIT.ok;
}

/**
 * Writes a case file for every result exploration broke: beside the first report, named after it
 * (`report.json` or `report.json.part` → `report.case-<RULE>-<seed>.json`, so runs that share a folder and a seed do not
 * overwrite each other's cases), or in the working directory. Paths stay as the user gave them.
 */
export function saveCases(report: RunReport, o: CliOptions): void {
  const first = [o.json, o.html, o.junit, o.markdown, o.badge].find((p): p is string => p !== null);
  const dir = first ? dirname(first) : '.';
  const prefix = first ? `${basename(first).split('.')[0] || 'report'}.case` : 'mcp-cancel-conformance-case';
  const slow = report.discovery?.slowTool;
  for (const r of report.results) {
    if (!r.exploration) continue;
    const file = join(dir, `${prefix}-${r.rule}-${r.exploration.seed}.json`);
    try {
      mkdirSync(dir, { recursive: true });
      writeCase(file, {
        caseVersion: 1,
        tool: 'mcp-cancel-conformance',
        rule: r.rule,
        invariant: r.exploration.invariant,
        revision: r.revision,
        seed: r.exploration.seed,
        slowTool: slow ? { name: slow.name, args: slow.args } : null,
        program: r.exploration.program,
      });
      r.exploration.caseFile = file;
    } catch (error) {
      process.stderr.write(
        `mcp-cancel-conformance: cannot write case file ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}\n`,
      );
    }
  }
}
