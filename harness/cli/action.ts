#!/usr/bin/env node
// The GitHub Action's step (action.yml at the repository root runs it): reads the action's inputs from
// the environment, runs the command line with every report into the reports folder, then speaks to
// GitHub: the Markdown summary into the job summary ($GITHUB_STEP_SUMMARY), one annotation per
// failing or warning result, and the outcome and report paths as step outputs ($GITHUB_OUTPUT). It
// uploads nothing; it exits with the command line's own exit code.

import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { overallOutcome } from '../../reports/outcome.js';
import type { RunReport } from '../model/report.js';

/** Splits a string into words as a shell would for plain quoting: '…', "…" and backslash escapes. */
export function splitWords(text: string): string[] {
  const words: string[] = [];
  let word = '';
  let started = false;
  let quote: '"' | "'" | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] ?? '';
    if (quote) {
      if (c === quote) quote = null;
      else if (c === '\\' && quote === '"' && i + 1 < text.length) word += text[++i];
      else word += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      started = true;
    } else if (c === '\\' && i + 1 < text.length) {
      word += text[++i];
      started = true;
    } else if (/\s/.test(c)) {
      if (started) words.push(word);
      word = '';
      started = false;
    } else {
      word += c;
      started = true;
    }
  }
  if (quote) throw new Error(`unbalanced ${quote} in '${text}'`);
  if (started) words.push(word);
  return words;
}

/** GitHub's escaping of a workflow command's message and of its properties. */
const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

/**
 * One `::error` or `::warning` line per result that counts against the server or warns; a result the
 * baseline expects is a `::notice`, and a stale baseline entry an `::error`.
 */
export function annotations(report: RunReport): string[] {
  const results = report.results.flatMap((r) => {
    const broken =
      r.verdict === 'fail' || r.verdict === 'error' ? 'error' : r.verdict === 'warn' ? 'warning' : null;
    if (!broken) return [];
    const kind = r.expectedFailure ? 'notice' : broken;
    const title = escapeProperty(
      `${r.rule} ${r.revision} (${r.level})${r.expectedFailure ? ', expected' : ''}`,
    );
    return [`::${kind} title=${title}::${escapeData(r.specUrl ? `${r.summary} (${r.specUrl})` : r.summary)}`];
  });
  const stale = (report.baseline?.stale ?? []).map(
    (e) =>
      `::error title=${escapeProperty(`stale baseline entry ${e}`)}::${escapeData(`its results pass now; remove it from ${report.baseline?.file ?? 'the baseline'}`)}`,
  );
  return [...results, ...stale];
}

function main(): number {
  const env = process.env;
  const input = (name: string) => (env[`MCC_${name}`] ?? '').trim();
  const dir = resolve(input('REPORTS_DIR') || 'mcp-conformance');
  mkdirSync(dir, { recursive: true });
  const paths = {
    json: join(dir, 'report.json'),
    html: join(dir, 'report.html'),
    junit: join(dir, 'junit.xml'),
    markdown: join(dir, 'summary.md'),
  };
  let argv: string[];
  try {
    argv = [
      ...splitWords(input('ARGS')),
      ...(input('STRICT') === 'true' ? ['--strict'] : []),
      ...(input('EXPECTED_FAILURES') ? ['--expected-failures', input('EXPECTED_FAILURES')] : []),
      ...(input('URL') ? ['--url', input('URL')] : []),
      ...['--json', paths.json, '--html', paths.html, '--junit', paths.junit, '--markdown', paths.markdown],
      ...splitWords(input('TARGET')),
    ];
  } catch (error) {
    process.stdout.write(
      `::error title=mcp-cancel-conformance::the action's inputs: ${(error as Error).message}\n`,
    );
    return 2;
  }
  const cli = fileURLToPath(new URL('./main.js', import.meta.url));
  const run = spawnSync(process.execPath, [cli, ...argv], { stdio: 'inherit' });
  const code = run.status ?? 1;
  const outputs: Record<string, string> = { 'exit-code': String(code) };
  if (existsSync(paths.json)) {
    const report = JSON.parse(readFileSync(paths.json, 'utf8')) as RunReport;
    for (const line of annotations(report)) process.stdout.write(`${line}\n`);
    const outcome = overallOutcome(report);
    Object.assign(outputs, {
      outcome: outcome.label,
      conformant: String(outcome.conformant),
      json: paths.json,
      html: paths.html,
      junit: paths.junit,
      markdown: paths.markdown,
    });
    if (env.GITHUB_STEP_SUMMARY)
      appendFileSync(env.GITHUB_STEP_SUMMARY, readFileSync(paths.markdown, 'utf8'));
  } else outputs.outcome = code === 2 ? 'BAD USAGE' : code === 3 ? 'TARGET DID NOT START' : 'NO REPORT';
  if (env.GITHUB_OUTPUT)
    appendFileSync(
      env.GITHUB_OUTPUT,
      Object.entries(outputs)
        .map(([k, v]) => `${k}=${v}\n`)
        .join(''),
    );
  return code;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) process.exit(main());
