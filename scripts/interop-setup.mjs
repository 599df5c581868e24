#!/usr/bin/env node
// `npm run interop:setup [-- <id>...] [--require-all] [--force] [--step-timeout <s>]`: installs and builds
// the SDK servers of fixtures/interop/*/interop.json into .cache/interop/<id>. Per SDK: check the
// toolchains (missing: skipped on a developer machine, an error under CI or --require-all), then run
// the setup commands in order with cwd = the fixture folder, each within a time bound. A stamp in the
// cache records a hash of the fixture's files and toolchain versions; when it matches, the SDK is up
// to date and nothing runs (that is the build cache). Exit 0 when every selected SDK is set up or
// skipped on a developer machine, 1 when a setup failed or a toolchain is missing under CI, 2 on bad usage.

import { createWriteStream, mkdirSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import {
  ROOT,
  UsageError,
  checkToolchain,
  expand,
  inCi,
  loadManifests,
  readStamp,
  run,
  seconds,
  setupHash,
  stampPath,
  tail,
  writeStamp,
} from './interop-lib.mjs';

const USAGE =
  'usage: npm run interop:setup [-- <id>...] [--require-all] [--force] [--step-timeout <seconds>]';

function parseArgs(argv) {
  const opts = { ids: [], requireAll: false, force: false, stepTimeoutMs: 20 * 60_000 };
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i];
    if (word === '--require-all') opts.requireAll = true;
    else if (word === '--force') opts.force = true;
    else if (word === '--step-timeout') {
      const value = Number(argv[++i]);
      if (!Number.isFinite(value) || value <= 0)
        throw new UsageError(
          `--step-timeout expects a number of seconds > 0, got ${JSON.stringify(argv[i])}`,
        );
      opts.stepTimeoutMs = value * 1000;
    } else if (word === '--help' || word === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else if (word.startsWith('-')) throw new UsageError(`unknown option ${word}; ${USAGE}`);
    else opts.ids.push(word);
  }
  return opts;
}

/** Sets up one SDK; returns { status: 'ready' | 'cached' | 'skipped' | 'missing' | 'failed', line }. */
async function setUp(m, opts) {
  const checks = m.toolchains.map((argv) => ({ argv, ...checkToolchain(argv) }));
  const missing = checks.find((c) => !c.ok);
  if (missing) {
    const line = `toolchain missing: \`${missing.argv.join(' ')}\`: ${missing.output}`;
    return { status: opts.strict ? 'missing' : 'skipped', line };
  }
  const hash = setupHash(
    m,
    checks.map((c) => c.output),
  );
  const stamp = readStamp(m);
  if (!opts.force && stamp?.hash === hash) return { status: 'cached', line: 'up to date (stamp matches)' };

  process.stdout.write(`${m.id}: setting up ${m.package} ${m.version}…\n`);
  mkdirSync(m.cache, { recursive: true });
  rmSync(stampPath(m), { force: true });
  const logFile = join(m.cache, 'setup.log');
  const log = createWriteStream(logFile);
  const places = { dir: m.dir, cache: m.cache };
  try {
    for (const step of m.setup) {
      const argv = step.map((w) => expand(w, places));
      log.write(`$ ${argv.join(' ')}\n`);
      const r = await run(argv, { cwd: m.dir, timeoutMs: opts.stepTimeoutMs, log });
      if (r.code !== 0) {
        const why = r.error
          ? r.error
          : r.timedOut
            ? `timed out after ${seconds(opts.stepTimeoutMs)}`
            : `exited with ${r.code ?? r.signal}`;
        await new Promise((ok) => log.end(ok));
        const last = tail(logFile, 5).map((l) => `      ${l}`);
        return {
          status: 'failed',
          line: `setup step \`${step.join(' ')}\` ${why} (log: ${relative(ROOT, logFile)})\n${last.join('\n')}`,
        };
      }
    }
  } finally {
    log.end();
  }
  writeStamp(m, {
    hash,
    version: m.version,
    toolchains: checks.map((c) => c.output),
    at: new Date().toISOString(),
  });
  return { status: 'ready', line: 'set up' };
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  opts.strict = opts.requireAll || inCi();
  const manifests = loadManifests(opts.ids);
  if (manifests.length === 0) throw new UsageError('no SDK fixtures found under fixtures/interop/');
  const started = performance.now();
  let bad = 0;
  const width = Math.max(...manifests.map((m) => m.id.length));
  for (const m of manifests) {
    const t0 = performance.now();
    const r = await setUp(m, opts);
    const label = { ready: 'OK', cached: 'OK', skipped: 'SKIP', missing: 'FAIL', failed: 'FAIL' }[r.status];
    if (label === 'FAIL') bad++;
    const note = r.status === 'skipped' ? ' (a CI run, or --require-all, fails here instead)' : '';
    console.log(
      `${m.id.padEnd(width)}  ${label.padEnd(4)}  ${seconds(performance.now() - t0).padStart(7)}  ${r.line}${note}`,
    );
  }
  console.log(
    `setup: ${manifests.length} SDK(s), ${bad} failed, total ${seconds(performance.now() - started)}`,
  );
  process.exitCode = bad > 0 ? 1 : 0;
}

main().catch((error) => {
  if (error instanceof UsageError) {
    console.error(`interop:setup: ${error.message}`);
    process.exit(2);
  }
  console.error(`interop:setup: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
