// npm run bench: where the time of a default run goes, against the bundled reference server.
// Prints figures (wall time, probe, exploration programs per second and the time it adds, per-rule split into target start-ups, mandated silence windows
// and the rest, the harness's own CPU time and peak memory); asserts nothing.

import { resolve } from 'node:path';
import { runSuite } from '../dist/harness/runner.js';
import { DEFAULT_RUNS } from '../dist/harness/explore/index.js';
import { EXPLORATION_RULES } from '../dist/harness/explore/rules.js';
import { RULES } from '../dist/suites/index.js';

const root = resolve(import.meta.dirname, '..');
const target = process.argv[2] ?? 'dist/fixtures/conformant/reference-server.js';
const runs = Number(process.env.BENCH_RUNS ?? 3);

/** Start-up, silence and other time of one result, read from its transcript. */
function split(result) {
  let startup = 0;
  let restartAt = 0;
  const windows = [];
  for (const e of result.transcript) {
    if (e.kind === 'note' && e.text?.startsWith('the suite starts a fresh target')) restartAt = e.t;
    // "watched N ms …" is noted when a window ends, "watching N ms …" when one starts.
    const m = e.kind === 'note' ? /^(watched|watching) (\d+) ms/.exec(e.text ?? '') : null;
    if (m) windows.push(m[1] === 'watched' ? [e.t - Number(m[2]), e.t] : [e.t, e.t + Number(m[2])]);
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

const fmt = (ms) => `${(ms / 1000).toFixed(2)} s`;
const walls = [];
const explorations = [];
for (let i = 0; i < runs; i++) {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let probeDone = 0;
  const report = await runSuite({
    command: { file: process.execPath, args: [resolve(root, target)], cwd: root, env: {}, display: [target] },
    revisions: 'default',
    rules: [...RULES],
    slowTool: null,
    requestTool: null,
    seed: 1 + i,
    timeScale: 1,
    strict: false,
    concurrency: 3,
    exploration: {
      runs: DEFAULT_RUNS,
      catalog: RULES,
      selected: [...RULES, ...EXPLORATION_RULES].map((r) => r.id),
    },
    onEvent: (e) => {
      if (e.type === 'probe') probeDone = performance.now() - t0;
    },
  });
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  walls.push(wall - (report.exploration?.durationMs ?? 0));
  const sum = { startup: 0, silence: 0, other: 0 };
  // Results only exploration judges carry the exploration's time, reported on its own line below.
  const explorationOnly = new Set(EXPLORATION_RULES.map((r) => r.id));
  for (const r of report.results.filter((x) => !explorationOnly.has(x.rule))) {
    const s = split(r);
    sum.startup += s.startup;
    sum.silence += s.silence;
    sum.other += s.other;
  }
  const ruleTotal = sum.startup + sum.silence + sum.other;
  const x = report.exploration;
  const pct = (x) => `${Math.round((100 * x) / ruleTotal)}%`;
  const harnessCpu = (cpu.user + cpu.system) / 1000;
  console.log(
    `run ${i + 1}/${runs} against ${target}: ${fmt(wall)} wall, ${report.results.length} results (${Object.entries(
      report.counts,
    )
      .filter(([, n]) => n > 0)
      .map(([v, n]) => `${n} ${v}`)
      .join(', ')})`,
  );
  console.log(
    `  revision negotiation + probe (start-up, handshake, RTT, slow-tool proof): ${fmt(probeDone)}`,
  );
  console.log(
    `  rules, 3 at a time: ${fmt(wall - probeDone - (x?.durationMs ?? 0))} wall; summed over rules ${fmt(ruleTotal)} =`,
  );
  console.log(`    target start-ups and handshakes  ${fmt(sum.startup).padStart(8)}  ${pct(sum.startup)}`);
  console.log(`    mandated silence windows         ${fmt(sum.silence).padStart(8)}  ${pct(sum.silence)}`);
  console.log(`    the rest (waits on causes, I/O)  ${fmt(sum.other).padStart(8)}  ${pct(sum.other)}`);
  console.log(
    `  harness CPU (this process): ${fmt(harnessCpu)} = ${Math.round((100 * harnessCpu) / wall)}% of wall`,
  );
  console.log(`  peak RSS of the harness: ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`);
  if (x) {
    explorations.push(x);
    console.log(
      `  exploration (--runs ${x.runs}, one fresh target per program): ${x.programs} programs in ${fmt(x.durationMs)} = ${(x.programs / (x.durationMs / 1000)).toFixed(2)} programs/s, ${x.findings} findings`,
    );
  }
}
walls.sort((a, b) => a - b);
if (explorations.length > 0) {
  const added = explorations.map((x) => x.durationMs).sort((a, b) => a - b);
  const rate = explorations.map((x) => x.programs / (x.durationMs / 1000)).sort((a, b) => a - b);
  console.log(
    `exploration: median ${rate[Math.floor(rate.length / 2)].toFixed(2)} programs/s; it adds a median ${fmt(added[Math.floor(added.length / 2)])} to a default run (goal: about 20 s at most)`,
  );
}
console.log(
  `median wall time of ${runs} default runs without the exploration: ${fmt(walls[Math.floor(walls.length / 2)])} (goal: under 15 s)`,
);
