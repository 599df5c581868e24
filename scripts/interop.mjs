#!/usr/bin/env node
// `npm run interop [-- <id>...] [--jobs <n>] [--timeout <s>] [--seed <n>] [--time-scale <x>] [--report-only]`: runs the
// built suite (`dist/harness/cli/main.js --revision all`, or the revisions the manifest's options name) against each SDK server that
// `npm run interop:setup` set up, writing docs/interop/<id>.json and docs/interop/<id>.html, then the
// matrix index page (docs/interop/index.html, through the `report-index` subcommand) and the Markdown
// summary (docs/interop/README.md) from every report in that folder. At most two SDKs run at once, each
// within a time bound. A target's conformance failures are findings (printed; exit 0); exit 1 when a
// run errors (the suite failed, timed out, or could not start the target), or under CI when an SDK is
// not set up; exit 2 on bad usage.

import {
  createWriteStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import {
  CACHE,
  PUBLISHED,
  ROOT,
  UsageError,
  checkToolchain,
  inCi,
  loadManifests,
  readStamp,
  relativeTarget,
  run,
  seconds,
  setupHash,
  tail,
} from './interop-lib.mjs';
import { renderSummary } from './interop-summary.mjs';

const CLI = join(ROOT, 'dist', 'harness', 'cli', 'main.js');
const USAGE =
  'usage: npm run interop [-- <id>...] [--jobs <1|2>] [--timeout <seconds per SDK>] [--seed <n>] [--time-scale <x>] [--report-only]';

function parseArgs(argv) {
  const opts = { ids: [], jobs: 2, timeoutMs: 20 * 60_000, seed: 7, timeScale: 1, reportOnly: false };
  const number = (name, value, ok) => {
    const n = Number(value);
    if (!ok(n)) throw new UsageError(`${name} expects ${ok.what}, got ${JSON.stringify(value)}`);
    return n;
  };
  const positive = Object.assign((n) => Number.isFinite(n) && n > 0, { what: 'a number > 0' });
  const jobs = Object.assign((n) => n === 1 || n === 2, { what: '1 or 2 (the machine has 2 cores)' });
  const seed = Object.assign((n) => Number.isSafeInteger(n) && n >= 0, { what: 'an integer ≥ 0' });
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i];
    if (word === '--jobs') opts.jobs = number('--jobs', argv[++i], jobs);
    else if (word === '--timeout') opts.timeoutMs = number('--timeout', argv[++i], positive) * 1000;
    else if (word === '--seed') opts.seed = number('--seed', argv[++i], seed);
    else if (word === '--time-scale') opts.timeScale = number('--time-scale', argv[++i], positive);
    else if (word === '--report-only') opts.reportOnly = true;
    else if (word === '--help' || word === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else if (word.startsWith('-')) throw new UsageError(`unknown option ${word}; ${USAGE}`);
    else opts.ids.push(word);
  }
  return opts;
}

/** Whether the SDK's setup stamp matches its fixture and toolchains now; null when it does, else why not. */
function notReady(m) {
  const checks = m.toolchains.map((argv) => ({ argv, ...checkToolchain(argv) }));
  const missing = checks.find((c) => !c.ok);
  if (missing) return `toolchain missing: \`${missing.argv.join(' ')}\`: ${missing.output}`;
  const stamp = readStamp(m);
  if (!stamp) return `not set up; run: npm run interop:setup -- ${m.id}`;
  const hash = setupHash(
    m,
    checks.map((c) => c.output),
  );
  if (stamp.hash !== hash)
    return `set up from older files or toolchains; run: npm run interop:setup -- ${m.id}`;
  return null;
}

/** Runs the suite against one SDK; returns { status: 'ok' | 'error', line, report? }. */
async function runOne(m, opts) {
  const json = join(PUBLISHED, `${m.id}.json`);
  const html = join(PUBLISHED, `${m.id}.html`);
  const tmpJson = `${json}.part`;
  const tmpHtml = `${html}.part`;
  // Every revision the server speaks, unless the manifest's options name the revisions to run.
  const revisions = m.options.includes('--revision') ? [] : ['--revision', 'all'];
  const argv = [
    process.execPath,
    CLI,
    ...revisions,
    '--seed',
    String(opts.seed),
    // The published runs explore 20 programs to the end, not within the default run's time budget.
    '--runs',
    '20',
    // Published reports keep the story around each finding's evidence, not every progress message.
    '--compact-transcripts',
    '--json',
    relative(ROOT, tmpJson),
    '--html',
    relative(ROOT, tmpHtml),
    ...(opts.timeScale === 1 ? [] : ['--time-scale', String(opts.timeScale)]),
    ...m.options,
    '--',
    ...relativeTarget(m),
  ];
  const logFile = join(CACHE, m.id, 'run.log');
  const log = createWriteStream(logFile);
  log.write(`$ ${argv.slice(1).join(' ')}\n`);
  const r = await run(argv, { cwd: ROOT, timeoutMs: opts.timeoutMs, log });
  await new Promise((ok) => log.end(ok));
  const cleanup = () => {
    rmSync(tmpJson, { force: true });
    rmSync(tmpHtml, { force: true });
  };
  const logRef = relative(ROOT, logFile);
  if (r.timedOut) {
    cleanup();
    return { status: 'error', line: `timed out after ${seconds(opts.timeoutMs)} (log: ${logRef})`, ms: r.ms };
  }
  // 0: conformant; 1: findings (fail/error verdicts, judged below); anything else: the run itself failed.
  if ((r.code !== 0 && r.code !== 1) || !existsSync(tmpJson)) {
    cleanup();
    const last = tail(logFile, 3).map((l) => `      ${l}`);
    const why = r.error ?? `the suite exited with ${r.code ?? r.signal}`;
    return { status: 'error', line: `${why} (log: ${logRef})\n${last.join('\n')}`, ms: r.ms };
  }
  const report = JSON.parse(readFileSync(tmpJson, 'utf8'));
  renameSync(tmpJson, json);
  renameSync(tmpHtml, html);
  const errors = report.counts.error ?? 0;
  return {
    status: errors > 0 ? 'error' : 'ok',
    line: errors > 0 ? `${errors} result(s) with verdict error: the suite failed (log: ${logRef})` : '',
    report,
    ms: r.ms,
  };
}

/** One line of counts, non-zero verdicts only. */
function countsLine(counts) {
  return Object.entries(counts)
    .filter(([, n]) => n > 0)
    .map(([v, n]) => `${n} ${v}`)
    .join(', ');
}

/** The findings of a report, one line per fail / warn / inconclusive / error result. */
function findingLines(report) {
  return report.results
    .filter((r) => ['fail', 'warn', 'inconclusive', 'error'].includes(r.verdict))
    .map(
      (r) => `      ${r.verdict.toUpperCase().padEnd(12)} ${r.rule.padEnd(36)} ${r.revision}  ${r.summary}`,
    );
}

/** Runs tasks with at most n at once, in order of the list. */
async function pool(items, n, task) {
  const results = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await task(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, worker));
  return results;
}

/** The index page through `report-index`, with its page links pointing at the published <id>.html files. */
async function writeIndex(published) {
  const out = mkdtempSync(join(tmpdir(), 'mcc-interop-index-'));
  try {
    const files = published.map((p) => relative(ROOT, p.json));
    const r = await run([process.execPath, CLI, 'report-index', ...files, '--out', out], {
      cwd: ROOT,
      timeoutMs: 120_000,
    });
    if (r.code !== 0) throw new Error(`report-index exited with ${r.code ?? r.signal}`);
    // report-index names the page of the i-th report "NN-<server name>.html" (NN = i + 1, two digits);
    // the published pages are the <id>.html files the runs wrote, so the links are pointed at those.
    const page = readFileSync(join(out, 'index.html'), 'utf8').replace(
      /href="(\d{2})-[a-z0-9-]*\.html"/g,
      (whole, nn) => {
        const entry = published[Number(nn) - 1];
        return entry ? `href="${entry.id}.html"` : whole;
      },
    );
    writeFileSync(join(PUBLISHED, 'index.html'), page);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const strict = inCi();
  const manifests = loadManifests(opts.ids);
  if (!existsSync(CLI)) throw new UsageError(`${relative(ROOT, CLI)} is missing; run npm run build first`);
  mkdirSync(PUBLISHED, { recursive: true });
  const started = performance.now();
  const width = Math.max(8, ...manifests.map((m) => m.id.length));
  let bad = 0;

  if (!opts.reportOnly) {
    const ready = [];
    for (const m of manifests) {
      const why = notReady(m);
      if (why === null) ready.push(m);
      else {
        if (strict) bad++;
        console.log(`${m.id.padEnd(width)}  ${strict ? 'FAIL' : 'SKIP'}  ${why}`);
      }
    }
    await pool(ready, opts.jobs, async (m) => {
      console.log(`${m.id.padEnd(width)}  running ${m.package} ${m.version}…`);
      const r = await runOne(m, opts);
      if (r.status === 'error') bad++;
      const head = `${m.id.padEnd(width)}  ${r.status === 'ok' ? 'DONE' : 'ERROR'} ${seconds(r.ms).padStart(8)}`;
      if (r.report) {
        const revisions = r.report.target.revisions.join(', ');
        console.log(`${head}  ${countsLine(r.report.counts)}  [${revisions}]${r.line ? `  ${r.line}` : ''}`);
        for (const line of findingLines(r.report)) console.log(line);
      } else console.log(`${head}  ${r.line}`);
    });
  }

  // The index and the summary cover every published report that still has a fixture, not only this run's.
  const published = loadManifests()
    .map((m) => ({ id: m.id, manifest: m, json: join(PUBLISHED, `${m.id}.json`) }))
    .filter((p) => existsSync(p.json));
  if (published.length > 0) {
    for (const p of published) p.report = JSON.parse(readFileSync(p.json, 'utf8'));
    await writeIndex(published);
    writeFileSync(join(PUBLISHED, 'README.md'), renderSummary(published));
    console.log(
      `published: ${relative(ROOT, PUBLISHED)}/ (index.html, README.md; ${published.length} SDK report(s))`,
    );
  }
  console.log(
    `interop: ${bad === 0 ? 'no run errors' : `${bad} run error(s)`}; total ${seconds(performance.now() - started)}`,
  );
  process.exitCode = bad > 0 ? 1 : 0;
}

main().catch((error) => {
  if (error instanceof UsageError) {
    console.error(`interop: ${error.message}`);
    process.exit(2);
  }
  console.error(`interop: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
