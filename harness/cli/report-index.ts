// `mcp-cancel-conformance report-index <report.json...> --out <dir>`: renders each JSON report as an
// HTML page and writes an index page with the servers × rules matrix linking to them.

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { renderHtml } from '../../reports/html.js';
import { renderIndex } from '../../reports/index-page.js';
import { UsageError } from '../errors.js';
import { validateReport, type RunReport } from '../model/report.js';

/** Reads and validates one JSON report; a UsageError names the file and what is wrong. */
function readReport(path: string): RunReport {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    throw new UsageError(
      `report-index cannot read ${path}: ${e.code ?? e.message}; expected a JSON report written with --json`,
    );
  }
  const check = validateReport(value);
  if (!check.valid) {
    throw new UsageError(
      `report-index: ${path} is not a mcp-cancel-conformance report (${check.errors[0] ?? 'invalid'})`,
    );
  }
  return value as RunReport;
}

/** A file name for a report's page: its position and the server's name, filesystem-safe. */
function pageName(report: RunReport, i: number): string {
  const name = (report.target.serverInfo?.name ?? 'server')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, 40);
  return `${String(i + 1).padStart(2, '0')}-${name.replace(/^-|-$/g, '') || 'server'}.html`;
}

/** Runs the subcommand; returns the lines to print. */
export function reportIndex(argv: string[]): string[] {
  const files: string[] = [];
  let out: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i] ?? '';
    if (word === '--out') {
      out = argv[++i] ?? null;
      if (!out) throw new UsageError('report-index --out expects a directory, got nothing');
    } else if (word.startsWith('--out=')) out = word.slice(6);
    else if (word.startsWith('-'))
      throw new UsageError(`report-index: unknown option ${word}; expected report files and --out <dir>`);
    else files.push(word);
  }
  if (files.length === 0) throw new UsageError('report-index expects one or more JSON reports, got none');
  if (!out) throw new UsageError('report-index expects --out <dir>, got none');
  const reports = files.map(readReport);
  const dir = resolve(out);
  mkdirSync(dir, { recursive: true });
  const entries = reports.map((report, i) => ({ report, href: pageName(report, i) }));
  for (const e of entries) writeFileSync(join(dir, e.href), renderHtml(e.report));
  writeFileSync(join(dir, 'index.html'), renderIndex(entries));
  return [`index: ${join(dir, 'index.html')} (${entries.length} report${entries.length === 1 ? '' : 's'})`];
}
