// npm run stability [-- --rounds N] [--only <substring>]... [--rule <glob>]... [--no-load] [--parallel N] [--json <file>]
// Runs the fixture matrix (every entry of fixtures/expected.ts, exactly as fixtures/matrix.test.ts runs
// it) and every tool shape of fixtures/shapes/presets.ts N times (default 5) while a load generator
// (scripts/lib/load.mjs) keeps every core busy, then prints, per fixture and rule@revision, whether the
// verdict was the same in every round and whether it was the expected one. A verdict that changes is a
// bug to fix (or an inconclusive with its reason), not a fact to record: exit 1 when any verdict changed
// or differed from the expected one, 2 on a wrong option, 129/130/143 when interrupted.
// --only (repeatable) runs the fixtures whose name or source contains any of the substrings given.
// --rule (repeatable; an id or a glob like CANCEL-RECV-*, as the CLI's --rule) runs and compares only
// those rules: a heavy rule's stability can be measured without the time of all the others.
// Java fixtures (fixtures/java/*.java) run where java 11 or later is found, else are skipped and named.

import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { runSuite } from '../dist/harness/runner.js';
import { killAll } from '../dist/harness/target/registry.js';
import { DEFAULT_HTTP_URL } from '../dist/harness/target/spec.js';
import { RULES } from '../dist/suites/index.js';
import { compiledPath, EXPECTED, expectedVerdict, fixtureRevisions } from '../dist/fixtures/expected.js';
import { havePython, pythonWithRequirements } from '../dist/fixtures/python-env.js';
import { javaCommand, javaUnavailable } from '../dist/fixtures/java-env.js';
import { globMatch } from '../dist/harness/cli/args.js';
import { SHAPES } from '../dist/fixtures/shapes/presets.js';
import { startLoad } from './lib/load.mjs';

const ROOT = resolve(import.meta.dirname, '..');
// The seed of the fixture matrix (fixtures/matrix.test.ts).
const SEED = 20261120;
// The server of the shape presets (run compiled: node dist/fixtures/shapes/shaped-server.js <preset>).
const SHAPED_SERVER = 'fixtures/shapes/shaped-server.ts';
// What a shape preset the table does not list may get for a rule that exists at the revision.
const SHAPE_VERDICTS = ['pass', 'not-applicable', 'untestable'];

/** The command line, read strictly: a wrong option is a one-line error, exit 2. */
function options(argv) {
  const o = { rounds: 5, only: [], rules: [], load: true, parallel: 2, json: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) usage(`${a} expects a value`);
      return v;
    };
    if (a === '--rounds') o.rounds = Number(value());
    else if (a === '--only') o.only.push(value());
    else if (a === '--rule') o.rules.push(value());
    else if (a === '--no-load') o.load = false;
    else if (a === '--parallel') o.parallel = Number(value());
    else if (a === '--json') o.json = resolve(value());
    else
      usage(
        `unknown option ${a}; expected --rounds N, --only <substring>, --rule <glob>, --no-load, --parallel N, --json <file>`,
      );
  }
  if (!Number.isInteger(o.rounds) || o.rounds < 1) usage(`--rounds expects an integer >= 1, got ${o.rounds}`);
  for (const glob of o.rules)
    if (!RULES.some((r) => globMatch(glob, r.id)))
      usage(
        `--rule expects a rule id or glob that names a rule (see --list-rules), got ${JSON.stringify(glob)}`,
      );
  if (!Number.isInteger(o.parallel) || o.parallel < 1)
    usage(`--parallel expects an integer >= 1, got ${o.parallel}`);
  return o;
}

/** Prints a one-line error and exits 2 (a usage error, not a finding). */
function usage(message) {
  console.error(`stability: ${message}`);
  process.exit(2);
}

/** Every fixture: each entry of the table, then each shape preset that no table entry runs yet. */
function allFixtures() {
  const list = Object.entries(EXPECTED).map(([name, e]) => ({ name, e, table: true }));
  const tabled = new Set(list.filter((f) => f.e.source === SHAPED_SERVER).map((f) => f.e.args?.[0]));
  for (const preset of Object.keys(SHAPES)) {
    if (tabled.has(preset)) continue;
    const e = { source: SHAPED_SERVER, args: [preset], why: `shape preset ${preset}`, verdicts: {} };
    list.push({ name: `shape-${preset}`, e, table: false });
  }
  return list;
}

/** Whether a fixture runs under Python. */
function isPython(f) {
  return f.e.source.endsWith('.py');
}

/** Whether a fixture runs on the JVM. */
function isJava(f) {
  return f.e.source.endsWith('.java');
}

/** The first line of an error's message. */
function firstLine(error) {
  return String(error?.message ?? error).split('\n')[0];
}

/**
 * The interpreter for each requirements file of the chosen Python fixtures (or the error that stopped
 * its set-up), made ready before any run: creating a venv blocks the event loop, which would stall the
 * timers of the runs in progress.
 */
function pythonRuntimes(list) {
  const runtimes = new Map();
  for (const f of list.filter(isPython)) {
    const requirements = f.e.requirements ?? 'requirements.txt';
    if (runtimes.has(requirements)) continue;
    try {
      runtimes.set(requirements, pythonWithRequirements(requirements));
    } catch (error) {
      runtimes.set(requirements, error);
      console.log(
        `stability: no Python environment for ${requirements} (${firstLine(error)}); its runs fail`,
      );
    }
  }
  return runtimes;
}

/** One run of one fixture, as the matrix test runs it; returns its revisions and rule@revision verdicts. */
async function runFixture(f, python) {
  const { e } = f;
  const runtime = isJava(f)
    ? javaCommand(e.source)
    : {
        file: isPython(f) ? python.get(e.requirements ?? 'requirements.txt') : process.execPath,
        args: [resolve(ROOT, isPython(f) ? e.source : compiledPath(e.source))],
      };
  if (runtime.file instanceof Error) throw runtime.file;
  const args = [...runtime.args, ...(e.args ?? [])];
  const command = { file: runtime.file, args, cwd: ROOT, env: {}, display: [e.source, ...(e.args ?? [])] };
  const report = await runSuite({
    target:
      (e.transport ?? 'stdio') === 'http'
        ? { kind: 'http-command', command, url: DEFAULT_HTTP_URL, portEnv: 'PORT' }
        : { kind: 'stdio', command },
    revisions: 'default',
    rules: chosenRules,
    slowTool: e.slowTool ? { name: e.slowTool.name, args: e.slowTool.args } : null,
    shortArgs: e.slowTool?.shortArgs ?? null,
    requestTool: null,
    seed: SEED,
    timeScale: 1,
    strict: false,
    concurrency: 3,
  });
  const verdicts = {};
  for (const r of report.results)
    verdicts[`${r.rule}@${r.revision}`] = { verdict: r.verdict, summary: r.summary };
  return { revisions: report.target.revisions, verdicts };
}

/** The verdicts a fixture may get for a rule at a revision: the table's one, or for an untabled shape any of SHAPE_VERDICTS. */
function accepted(f, rule, revision) {
  const exists = rule.revisions.includes(revision) && rule.transports.includes(f.e.transport ?? 'stdio');
  if (f.table) return [expectedVerdict(f.e, rule.id, revision, exists)];
  return exists ? SHAPE_VERDICTS : ['not-applicable'];
}

/** Where one finished run differs from what the fixture must get: its revisions, then each rule@revision. */
function mismatches(f, run) {
  const out = [];
  const revisions = f.table ? fixtureRevisions(f.e) : run.revisions;
  if (run.revisions.join() !== revisions.join())
    out.push({
      key: 'revisions',
      verdict: run.revisions.join(' + ') || 'none',
      expected: revisions.join(' + '),
      summary: 'the run tested other revisions than the table says',
    });
  for (const revision of revisions.filter((rev) => run.revisions.includes(rev)))
    for (const rule of chosenRules) {
      const key = `${rule.id}@${revision}`;
      const want = accepted(f, rule, revision);
      const got = run.verdicts[key] ?? { verdict: 'absent', summary: 'no result in the report' };
      if (!want.includes(got.verdict)) out.push({ key, ...got, expected: want.join(' or ') });
    }
  return out;
}

/** The rule@revision keys whose verdict was not the same in every round that finished, with each round's verdict. */
function changes(runs) {
  const finished = runs.filter((r) => r.ok);
  const keys = [...new Set(finished.flatMap((r) => Object.keys(r.verdicts)))];
  const changed = [];
  for (const key of keys) {
    const seq = runs.map((r) =>
      r.ok ? (r.verdicts[key] ?? { verdict: 'absent', summary: 'not in this round' }) : null,
    );
    if (new Set(seq.filter(Boolean).map((v) => v.verdict)).size > 1) changed.push({ key, seq });
  }
  return { keys: keys.length, changed };
}

/** Lines "round 1, 3: text" grouping equal texts of [{ round, text }]. */
function byText(entries) {
  const groups = new Map();
  for (const { round, text } of entries) groups.set(text, [...(groups.get(text) ?? []), round]);
  return [...groups].map(
    ([text, rounds]) => `round${rounds.length > 1 ? 's' : ''} ${rounds.join(', ')}: ${text}`,
  );
}

/** One progress line's outcome of a run. */
function outcome(run) {
  if (!run.ok) return `the run failed: ${run.error}`;
  if (run.mismatches.length === 0) return 'as expected';
  const shown = run.mismatches.slice(0, 3).map((m) => `${m.key} ${m.verdict}, expected ${m.expected}`);
  return `${run.mismatches.length} unexpected (${shown.join('; ')}${run.mismatches.length > 3 ? '; …' : ''})`;
}

/** Runs `fn` over `items` in their order, at most `limit` at once. */
async function pool(items, limit, fn) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** Ctrl-C, SIGTERM and SIGHUP: stop every target group and the load, then exit with the conventional code. */
function exitOnSignals(load) {
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ])
    process.on(signal, () => {
      killAll();
      void load?.stop();
      console.error(`\nstability: interrupted by ${signal}; every target process and the load were stopped`);
      process.exit(code);
    });
}

/** Prints, per fixture, how stable and how expected its verdicts were; returns the totals. */
function printReport(results, rounds) {
  let changedTotal = 0;
  let unexpectedTotal = 0;
  for (const { fixture, runs } of results.values()) {
    const { keys, changed } = changes(runs);
    const failed = runs.filter((r) => !r.ok).length;
    const off = runs.map((r, i) => [i + 1, r]).filter(([, r]) => !r.ok || r.mismatches.length > 0);
    const same =
      failed === rounds
        ? 'no round finished'
        : `${keys - changed.length} of ${keys} verdicts identical in all ${rounds - failed} finished rounds`;
    const expected =
      off.length === 0
        ? `as expected in all ${rounds} rounds`
        : `NOT as expected in round${off.length > 1 ? 's' : ''} ${off.map(([i]) => i).join(', ')}`;
    console.log(`${fixture.name}: ${same}; ${expected}`);
    for (const { key, seq } of changed) {
      console.log(`  CHANGED ${key}: ${seq.map((v) => v?.verdict ?? '(run failed)').join(' → ')}`);
      const entries = seq.flatMap((v, i) =>
        v ? [{ round: i + 1, text: `${v.verdict}: ${v.summary}` }] : [],
      );
      for (const line of byText(entries)) console.log(`    ${line}`);
    }
    changedTotal += changed.length;
    const unexpected = new Map();
    for (const [round, run] of off) {
      unexpectedTotal += run.ok ? run.mismatches.length : 1;
      const items = run.ok
        ? run.mismatches
        : [{ key: 'run', verdict: 'failed', expected: 'a report', summary: run.error }];
      for (const m of items) {
        const head = `${m.key} (expected ${m.expected})`;
        unexpected.set(head, [
          ...(unexpected.get(head) ?? []),
          { round, text: `${m.verdict}: ${m.summary}` },
        ]);
      }
    }
    for (const [head, entries] of unexpected) {
      console.log(`  UNEXPECTED ${head}`);
      for (const line of byText(entries)) console.log(`    ${line}`);
    }
  }
  return { changed: changedTotal, unexpected: unexpectedTotal };
}

/** Everything a run starts is ended by runSuite and load.stop(), so the process ends by itself; should a handle still hold it, name it and exit anyway. */
function exitWhenIdle(code) {
  process.exitCode = code;
  setTimeout(() => {
    console.error(`stability: still held by ${process.getActiveResourcesInfo().join(', ')}; exiting anyway`);
    process.exit(code);
  }, 5000).unref();
}

const o = options(process.argv.slice(2));
// The rules each run runs and compares: all, or those --rule names.
const chosenRules =
  o.rules.length === 0 ? [...RULES] : RULES.filter((r) => o.rules.some((g) => globMatch(g, r.id)));
const chosen = allFixtures().filter(
  (f) => o.only.length === 0 || o.only.some((only) => f.name.includes(only) || f.e.source.includes(only)),
);
const noPython = havePython() ? [] : chosen.filter(isPython);
if (noPython.length > 0)
  console.log(`stability: python3 with venv not found; skipping ${noPython.map((f) => f.name).join(', ')}`);
const noJava = chosen.some(isJava) ? javaUnavailable() : null;
const skippedJava = noJava ? chosen.filter(isJava) : [];
if (skippedJava.length > 0)
  console.log(`stability: ${noJava}; skipping ${skippedJava.map((f) => f.name).join(', ')}`);
const skipped = [...noPython, ...skippedJava];
const list = chosen.filter((f) => !skipped.includes(f));
if (chosen.length === 0) usage(`no fixture matches --only ${JSON.stringify(o.only)}`);
const python = pythonRuntimes(list);
// Compiled before any run (javac blocks the event loop, which would stall the timers of runs in progress).
for (const f of list.filter(isJava)) javaCommand(f.e.source);

const load = o.load && list.length > 0 ? startLoad() : null;
exitOnSignals(load);
console.log(
  `stability: ${list.length} fixtures × ${o.rounds} rounds, ${o.parallel} at a time, ${load ? `${load.threads} load threads spinning` : 'no load'}${o.rules.length > 0 ? `, rules ${chosenRules.map((r) => r.id).join(' ')}` : ''}`,
);
const t0 = performance.now();
const results = new Map(list.map((f) => [f.name, { fixture: f, runs: [] }]));
const tasks = Array.from({ length: o.rounds }, (_, i) => list.map((f) => ({ f, round: i + 1 }))).flat();
let done = 0;
try {
  await pool(tasks, o.parallel, async ({ f, round }) => {
    const started = performance.now();
    let run;
    try {
      run = { ok: true, ...(await runFixture(f, python)) };
      run.mismatches = mismatches(f, run);
    } catch (error) {
      run = { ok: false, error: firstLine(error) };
    }
    run.ms = Math.round(performance.now() - started);
    results.get(f.name).runs[round - 1] = run;
    console.log(
      `[${++done}/${tasks.length}] round ${round}/${o.rounds} ${f.name}: ${outcome(run)} (${(run.ms / 1000).toFixed(1)} s)`,
    );
  });
} finally {
  await load?.stop();
}

const minutes = ((performance.now() - t0) / 60_000).toFixed(1);
const totals = printReport(results, o.rounds);
if (o.json) {
  const fixtures = Object.fromEntries(
    [...results].map(([name, { fixture, runs }]) => [
      name,
      {
        source: fixture.e.source,
        args: fixture.e.args ?? [],
        inTable: fixture.table,
        changed: changes(runs).changed,
        runs: runs.map((r, i) => ({ round: i + 1, ...r })),
      },
    ]),
  );
  const summary = { fixtures: list.length, rounds: o.rounds, ...totals, minutes: Number(minutes) };
  const meta = {
    seed: SEED,
    parallel: o.parallel,
    loadThreads: load?.threads ?? 0,
    only: o.only,
    rules: chosenRules.map((r) => r.id),
  };
  const json = { ...summary, ...meta, skipped: skipped.map((f) => f.name), results: fixtures };
  writeFileSync(o.json, `${JSON.stringify(json, null, 2)}\n`);
  console.log(`stability: results written to ${o.json}`);
}
console.log(
  `stability: ${list.length} fixtures × ${o.rounds} rounds: ${totals.changed} changed verdicts, ${totals.unexpected} unexpected (${load ? `${load.threads} load threads` : 'no load'}, ${minutes} min${skipped.length > 0 ? `, ${skipped.length} fixtures skipped` : ''})`,
);
exitWhenIdle(totals.changed > 0 || totals.unexpected > 0 ? 1 : 0);
