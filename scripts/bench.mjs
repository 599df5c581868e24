// npm run bench: where the time of a default run goes, against the bundled reference server and every
// tool shape of fixtures/shapes (a slow tool named, paced and started unlike ours). For each target it
// runs one era (2025-11-25) and the default two eras, and prints per phase: revision negotiation +
// probe, rules and exploration (which run side by side; exploration with its budget), total; for the reference server also the per-rule
// split into target start-ups, mandated silence windows and the rest, the harness's own CPU time and
// peak memory. Asserts nothing. BENCH_RUNS repeats each run (default 1); BENCH_ONLY=<substring>
// picks targets; BENCH_CONCURRENCY sets how many rules run at once (default auto, as the CLI).
// Last, what the process observer costs (CPU per sample of a tree of five processes; goal < 5 % of a core).

import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { OBSERVE_INTERVAL_MS, observerCost, observerUnavailable } from '../dist/harness/target/observer.js';
import { runSuite } from '../dist/harness/runner.js';
import { DEFAULT_RUNS } from '../dist/harness/explore/index.js';
import { scaledBudgets } from '../dist/harness/timing.js';
import { CATALOG, INVARIANTS, RULES } from '../dist/suites/index.js';
import { EXPECTED } from '../dist/fixtures/expected.js';

const root = resolve(import.meta.dirname, '..');
const runs = Number(process.env.BENCH_RUNS ?? 1);
const only = process.env.BENCH_ONLY ?? '';
const concurrency = process.env.BENCH_CONCURRENCY ? Number(process.env.BENCH_CONCURRENCY) : 'auto';

/** The targets: the reference server, then every shape as the fixture matrix runs it. */
const targets = [
  { name: 'reference-server', args: ['dist/fixtures/conformant/reference-server.js'], slowTool: null },
  ...Object.entries(EXPECTED)
    .filter(([name]) => name.startsWith('shape-'))
    .map(([name, e]) => ({
      name,
      args: [e.source.replace(/^/, 'dist/').replace(/\.ts$/, '.js'), ...(e.args ?? [])],
      slowTool: e.slowTool ? { name: e.slowTool.name, args: e.slowTool.args } : null,
    })),
].filter((t) => t.name.includes(only));

/** Start-up, silence and other time of one result, read from its transcript. */
function split(result) {
  let startup = 0;
  let restartAt = 0;
  const windows = [];
  for (const e of result.transcript) {
    if (e.kind === 'note' && e.text?.startsWith('the suite starts a fresh target')) restartAt = e.t;
    if (e.kind === 'window') windows.push([e.from, e.to]);
    const msg = e.message;
    if (e.dir === 'server' && msg && typeof msg === 'object' && msg.result && msg.result.protocolVersion) {
      startup += e.t - restartAt;
    }
  }
  // Concurrent windows of one rule (several cancels watched at once) count once.
  windows.sort((a, b) => a[0] - b[0]);
  let silence = 0;
  let end = -Infinity;
  for (const [from, to] of windows) {
    silence += Math.max(0, to - Math.max(from, end));
    end = Math.max(end, to);
  }
  return { startup, silence, other: Math.max(0, result.durationMs - startup - silence) };
}

const fmt = (ms) => `${(ms / 1000).toFixed(1)} s`;
const budget = scaledBudgets(1).explore;
const rows = [];

/** One default run (with exploration) of a target at `revisions`; returns its phases. */
async function measure(t, revisions, detail) {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let probeDone = 0;
  let rulesDone = 0;
  const report = await runSuite({
    command: {
      file: process.execPath,
      args: t.args.map((a, i) => (i === 0 ? resolve(root, a) : a)),
      cwd: root,
      env: {},
      display: t.args,
    },
    revisions,
    rules: [...RULES],
    slowTool: t.slowTool,
    requestTool: null,
    seed: 1,
    timeScale: 1,
    strict: false,
    concurrency,
    exploration: {
      runs: DEFAULT_RUNS,
      catalog: CATALOG,
      invariants: INVARIANTS,
      selected: CATALOG.map((r) => r.id),
    },
    onEvent: (e) => {
      if (e.type === 'probe') probeDone = performance.now() - t0;
      if (e.type === 'result') rulesDone = performance.now() - t0;
    },
  });
  const wall = performance.now() - t0;
  const x = report.exploration;
  // Exploration runs alongside the rules: each phase is timed from the end of the probe.
  const rules = rulesDone - probeDone;
  const bad = report.results.filter((r) => ['warn', 'fail', 'error', 'inconclusive'].includes(r.verdict));
  rows.push({
    target: t.name,
    eras: report.target.revisions.length,
    probe: probeDone,
    rules,
    explore: x?.durationMs ?? 0,
    programs: x?.programs ?? 0,
    wall,
    bad: bad.map((r) => `${r.rule}@${r.revision}:${r.verdict}`),
  });
  console.log(
    `${t.name} (${report.target.revisions.join(' + ')}): ${fmt(wall)} total = probe ${fmt(probeDone)} + the longer of rules ${fmt(rules)} and exploration ${fmt(x?.durationMs ?? 0)} (${x?.programs ?? 0} programs, budget ${fmt(budget)}); ${bad.length === 0 ? 'no warn/fail/error/inconclusive' : `NOT CLEAN: ${bad.map((r) => `${r.rule}@${r.revision} ${r.verdict}`).join(', ')}`}`,
  );
  if (!detail) return;
  const sum = { startup: 0, silence: 0, other: 0 };
  const explorationOnly = new Set(CATALOG.filter((r) => r.judgedBy === 'exploration').map((r) => r.id));
  for (const r of report.results.filter((y) => !explorationOnly.has(y.rule))) {
    const s = split(r);
    sum.startup += s.startup;
    sum.silence += s.silence;
    sum.other += s.other;
  }
  const ruleTotal = sum.startup + sum.silence + sum.other;
  const pct = (v) => `${Math.round((100 * v) / ruleTotal)}%`;
  const harnessCpu = (() => {
    const c = process.cpuUsage(cpu0);
    return (c.user + c.system) / 1000;
  })();
  console.log(
    `  summed over rules ${fmt(ruleTotal)}: start-ups ${pct(sum.startup)}, silence windows ${pct(sum.silence)}, the rest ${pct(sum.other)}`,
  );
  console.log(
    `  harness CPU ${fmt(harnessCpu)} = ${Math.round((100 * harnessCpu) / wall)}% of wall; peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`,
  );
}

for (const t of targets) {
  for (let i = 0; i < runs; i++) {
    await measure(t, ['2025-11-25'], false);
    await measure(t, 'default', t.name === 'reference-server');
  }
}
const worst = (eras) => Math.max(...rows.filter((r) => r.eras === eras).map((r) => r.wall));
const over = rows
  .filter((r) => r.wall > (r.eras === 1 ? 15_000 : 25_000))
  .map((r) => `${r.target} (${r.eras} era${r.eras > 1 ? 's' : ''}, ${fmt(r.wall)})`);
const explorationOver = rows
  .filter((r) => r.explore > 1.1 * budget)
  .map((r) => `${r.target} ${fmt(r.explore)}`);
console.log(`worst total: one era ${fmt(worst(1))} (goal < 15 s), two eras ${fmt(worst(2))} (goal < 25 s)`);
console.log(`over the goal: ${over.length === 0 ? 'none' : over.join(', ')}`);
console.log(
  `exploration over its budget of ${fmt(budget)} + 10 %: ${explorationOver.length === 0 ? 'none' : explorationOver.join(', ')}`,
);

// The observer's cost: a reference server that starts four children of its own, sampled 500 times.
if (observerUnavailable()) console.log(`process observer: ${observerUnavailable()}`);
else {
  const tree = spawn(
    process.execPath,
    [
      '-e',
      `const { spawn } = require('node:child_process');
       for (let i = 0; i < 4; i++) spawn(process.execPath, [${JSON.stringify(resolve(root, 'dist/fixtures/conformant/reference-server.js'))}], { stdio: ['pipe', 'ignore', 'ignore'] });
       setInterval(() => {}, 1000);`,
    ],
    { detached: true, stdio: 'ignore' },
  );
  await new Promise((r) => setTimeout(r, 1000));
  const c = observerCost(tree.pid ?? 0, 500);
  process.kill(-(tree.pid ?? 0), 'SIGKILL');
  console.log(
    `process observer: ${c.perSampleMs.toFixed(3)} ms of CPU per sample of ${c.processes} processes and ${c.threads} threads = ${(100 * c.coreShare).toFixed(2)} % of a core at one sample every ${OBSERVE_INTERVAL_MS} ms (goal < 5 %)`,
  );
}
