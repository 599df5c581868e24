// npm run stability [-- --rounds N] [--only <substring>] [--no-load] [--parallel N] [--json <file>]:
// runs the fixture matrix (fixtures/expected.ts, every entry, shapes included) N times (default 5)
// with every core kept busy by a load generator, and prints per fixture and rule whether the verdict
// was the same every time, and whether it was the expected one. A verdict that changes is a bug to
// fix (or an inconclusive with its reason), not a fact to record: exit 1 when any changed or differed.

import { writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { runSuite } from '../dist/harness/runner.js';
import { DEFAULT_HTTP_URL } from '../dist/harness/target/spec.js';
import { RULES } from '../dist/suites/index.js';
import { compiledPath, EXPECTED, expectedVerdict, fixtureRevisions } from '../dist/fixtures/expected.js';
import { havePython, pythonWithRequirements } from '../dist/fixtures/python-env.js';

const ROOT = resolve(import.meta.dirname, '..');
const SEED = 20261120;

/** The command line, read strictly: a wrong option is a one-line error, exit 2. */
function options(argv) {
  const o = { rounds: 5, only: '', load: true, parallel: 2, json: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) fail(`${a} expects a value`);
      return v;
    };
    if (a === '--rounds') o.rounds = Number(value());
    else if (a === '--only') o.only = value();
    else if (a === '--no-load') o.load = false;
    else if (a === '--parallel') o.parallel = Number(value());
    else if (a === '--json') o.json = value();
    else
      fail(
        `unknown option ${a}; expected --rounds N, --only <substring>, --no-load, --parallel N, --json <file>`,
      );
  }
  if (!Number.isInteger(o.rounds) || o.rounds < 1) fail(`--rounds expects an integer >= 1, got ${o.rounds}`);
  if (!Number.isInteger(o.parallel) || o.parallel < 1)
    fail(`--parallel expects an integer >= 1, got ${o.parallel}`);
  return o;
}

function fail(message) {
  console.error(`stability: ${message}`);
  process.exit(2);
}

/** Keeps every core busy with a hashing loop in a worker thread; returns the function that stops them. */
function startLoad() {
  const code = `
    const { createHash } = require('node:crypto');
    const { parentPort } = require('node:worker_threads');
    let stop = false;
    parentPort.on('message', () => { stop = true; });
    const spin = () => {
      const until = Date.now() + 50;
      while (Date.now() < until) createHash('sha256').update(String(Math.random())).digest();
      if (!stop) setImmediate(spin);
    };
    spin();`;
  const workers = Array.from({ length: availableParallelism() }, () => new Worker(code, { eval: true }));
  return () => Promise.all(workers.map((w) => (w.postMessage('stop'), w.terminate())));
}

/** One run of one fixture, as the matrix test runs it; returns rule@revision → verdict and summaries. */
async function runFixture(name, e) {
  const python = e.source.endsWith('.py');
  const script = resolve(ROOT, python ? e.source : compiledPath(e.source));
  const runtime = python ? pythonWithRequirements(e.requirements) : process.execPath;
  const args = [script, ...(e.args ?? [])];
  const command = { file: runtime, args, cwd: ROOT, env: {}, display: [e.source, ...(e.args ?? [])] };
  const transport = e.transport ?? 'stdio';
  const report = await runSuite({
    target:
      transport === 'http'
        ? { kind: 'http-command', command, url: DEFAULT_HTTP_URL, portEnv: 'PORT' }
        : { kind: 'stdio', command },
    revisions: 'default',
    rules: [...RULES],
    slowTool: e.slowTool ? { name: e.slowTool.name, args: e.slowTool.args } : null,
    shortArgs: e.slowTool?.shortArgs ?? null,
    requestTool: null,
    seed: SEED,
    timeScale: 1,
    strict: false,
    concurrency: 3,
  });
  const got = {};
  for (const r of report.results) got[`${r.rule}@${r.revision}`] = { verdict: r.verdict, summary: r.summary };
  const want = {};
  for (const rev of fixtureRevisions(e))
    for (const r of RULES)
      want[`${r.id}@${rev}`] = expectedVerdict(
        e,
        r.id,
        rev,
        r.revisions.includes(rev) && r.transports.includes(transport),
      );
  return { name, got, want };
}

/** Runs `tasks` with at most `limit` at once. */
async function pool(tasks, limit, fn) {
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) await fn(tasks[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
}

const o = options(process.argv.slice(2));
const fixtures = Object.entries(EXPECTED).filter(
  ([name, e]) =>
    (name.includes(o.only) || e.source.includes(o.only)) && (!e.source.endsWith('.py') || havePython()),
);
if (fixtures.length === 0) fail(`no fixture matches --only ${JSON.stringify(o.only)}`);
const stopLoad = o.load ? startLoad() : async () => {};
const stopAndExit = async (code) => {
  await stopLoad();
  process.exit(code);
};
process.on('SIGINT', () => void stopAndExit(130));
process.on('SIGTERM', () => void stopAndExit(143));

const t0 = performance.now();
/** name → rule@revision → [{verdict, summary} per round] */
const seen = new Map(fixtures.map(([name]) => [name, {}]));
const unexpected = [];
try {
  for (let round = 1; round <= o.rounds; round++) {
    await pool(fixtures, o.parallel, async ([name, e]) => {
      const started = performance.now();
      let outcome;
      try {
        outcome = await runFixture(name, e);
      } catch (error) {
        unexpected.push(`${name} round ${round}: the run failed: ${error.message.split('\n')[0]}`);
        console.log(`round ${round}/${o.rounds} ${name}: the run failed: ${error.message.split('\n')[0]}`);
        return;
      }
      const { got, want } = outcome;
      const rules = seen.get(name);
      let off = 0;
      for (const [key, v] of Object.entries(got)) {
        (rules[key] ??= []).push(v);
        if (want[key] !== v.verdict) {
          off++;
          unexpected.push(
            `${name} round ${round}: ${key} ${v.verdict}, expected ${want[key]} (${v.summary})`,
          );
        }
      }
      console.log(
        `round ${round}/${o.rounds} ${name}: ${off === 0 ? 'as expected' : `${off} unexpected`} (${((performance.now() - started) / 1000).toFixed(1)} s)`,
      );
    });
  }
} finally {
  await stopLoad();
}

let changed = 0;
for (const [name, rules] of seen) {
  const moving = Object.entries(rules).filter(([, vs]) => new Set(vs.map((v) => v.verdict)).size > 1);
  const same = Object.keys(rules).length - moving.length;
  console.log(
    `${name}: ${same} of ${Object.keys(rules).length} verdicts identical in ${o.rounds} of ${o.rounds} rounds`,
  );
  for (const [key, vs] of moving) {
    changed++;
    console.log(`  CHANGED ${key}: ${vs.map((v) => v.verdict).join(' → ')}`);
    for (const v of vs) console.log(`    ${v.verdict}: ${v.summary}`);
  }
}
for (const line of unexpected) console.log(`UNEXPECTED ${line}`);
if (o.json)
  writeFileSync(
    o.json,
    JSON.stringify(
      { rounds: o.rounds, load: o.load, fixtures: Object.fromEntries(seen), unexpected },
      null,
      2,
    ),
  );
console.log(
  `stability: ${fixtures.length} fixtures × ${o.rounds} rounds${o.load ? ` with ${availableParallelism()} cores kept busy` : ''}: ${changed} changed verdicts, ${unexpected.length} unexpected, ${((performance.now() - t0) / 60_000).toFixed(1)} min`,
);
process.exit(changed > 0 || unexpected.length > 0 ? 1 : 0);
