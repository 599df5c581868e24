// The runner: negotiates revisions, runs the probe, then runs every (rule, revision) on a fresh
// target, a few at a time, each bounded in time, and assembles the RunReport. A target crash or
// hang becomes evidence in a result; only a bug of the suite becomes an `error` verdict.

import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { SessionContext } from './context.js';
import { exploreForRun } from './explore/index.js';
import type { InvariantSpec } from './explore/invariant.js';
import { judge, needNotApplicable, notApplicable, unmetNeed, type Observation } from './judge.js';
import { TargetError } from './errors.js';
import { Peer } from './jsonrpc/peer.js';
import { methodOf, paramsOf } from './jsonrpc/message.js';
import { hashString, seededRandom } from './random.js';
import type { Discovery, RunReport, RuleResult } from './model/report.js';
import type { Outcome, RuleSpec } from './rule.js';
import { probeDiscover, whyNotModern } from './session/era.js';
import { handshake, type ServerHello } from './session/handshake.js';
import { probeTarget, type ToolRequest } from './session/probe.js';
import { ProcessObserver } from './target/observer.js';
import type { TargetCommand } from './target/resolve.js';
import { describeTarget, transportOf, type TargetSpec } from './target/spec.js';
import { httpOf, type HttpOutcome } from './transport/http.js';
import { scaledBudgets, within, type Budgets } from './timing.js';
import { Transcript } from './transcript.js';
import {
  isModern,
  LEGACY_REVISIONS,
  MODERN_REVISIONS,
  NEWEST_LEGACY,
  REVISIONS,
  VERDICTS,
  type ModernRevision,
  type Revision,
  type JsonObject,
  type Verdict,
} from './model/protocol.js';
import { TOOL_VERSION } from './version.js';

export interface RunConfig {
  /** A stdio command (shorthand for `target: { kind: 'stdio', command }`). */
  command?: TargetCommand;
  /** What to test: a stdio command, an HTTP server at a URL, or an HTTP server command. */
  target?: TargetSpec;
  /** "default": the newest legacy revision and the modern one, each where the target speaks it;
   *  "all": every revision it speaks; or a list. */
  revisions: 'default' | 'all' | Revision[];
  rules: RuleSpec[];
  slowTool: ToolRequest | null;
  /** A short, completing run of the slow tool (--short-args); checked in the probe. */
  shortArgs?: JsonObject | null;
  requestTool: ToolRequest | null;
  /** The tool to call as a task (--task-tool, --task-args); default: discovered from tools/list. */
  taskTool?: ToolRequest | null;
  seed: number;
  timeScale: number;
  strict: boolean;
  /** Rules run at once; 'auto': sized from the CPU the target's start-up took (autoConcurrency). */
  concurrency: number | 'auto';
  /** Property-based exploration alongside the rules (harness/explore/); absent or runs 0: none. */
  exploration?: {
    runs: number;
    /** True: run `runs` programs whatever they take (the user asked for a count), not the `explore` budget. */
    unbudgeted?: boolean;
    catalog: readonly RuleSpec[];
    /** What every program must keep (suites/invariants/). */
    invariants: readonly InvariantSpec[];
    selected: readonly string[];
  };
  onEvent?: (e: RunEvent) => void;
  /**
   * True (the default): rules start once the slow tool's pace is known, while the probe proves its
   * running time; false: the probe proves everything first (the rerun after a proof failed).
   */
  probeConfirmLater?: boolean;
}

export type RunEvent =
  | { type: 'revisions'; revisions: Revision[]; unsupported: string[] }
  | { type: 'probe'; discovery: Discovery; serverInfo: ServerHello['serverInfo'] }
  | { type: 'result'; result: RuleResult; done: number; total: number }
  | { type: 'exploring'; runs: number; seed: number; revision: Revision }
  /** The results so far are dropped: an assumption they rest on failed; the run starts again. */
  | { type: 'reprobe'; why: string };

/** The target of a run (`target`, or the stdio `command`). */
export function targetOf(cfg: RunConfig): TargetSpec {
  if (cfg.target) return cfg.target;
  if (!cfg.command) throw new Error('runSuite needs a target or a command');
  return { kind: 'stdio', command: cfg.command };
}

/** Revisions a transport exists in: Streamable HTTP begins with 2025-03-26 (2024-11-05 had HTTP+SSE). */
export function legacyRevisionsFor(cfg: RunConfig): Revision[] {
  return transportOf(targetOf(cfg)) === 'http'
    ? LEGACY_REVISIONS.filter((r) => r >= '2025-03-26')
    : [...LEGACY_REVISIONS];
}

/** Opens a session at a legacy `revision` and returns the peer with the server's hello (throws TargetError). */
async function openSession(
  cfg: RunConfig,
  b: Budgets,
  revision: Revision,
): Promise<{ peer: Peer; hello: ServerHello }> {
  const peer = await SessionContext.open(targetOf(cfg), new Transcript(), b);
  try {
    return { peer, hello: await handshake(peer, revision, b.startup) };
  } catch (error) {
    await peer.channel.close();
    throw error;
  }
}

interface Probed {
  rev: Revision;
  s: { peer: Peer; hello: ServerHello } | null;
  /** Why the revision cannot be tested, or null when it can. */
  why: string | null;
}

/** Probes the legacy revisions with initialize: the target must answer with the revision asked for
 *  ("newest": ask for the newest and take the legacy revision it answers with). */
async function probeLegacy(cfg: RunConfig, b: Budgets, wanted: 'newest' | Revision[]): Promise<Probed[]> {
  if (wanted === 'newest') {
    try {
      const s = await openSession(cfg, b, NEWEST_LEGACY);
      const answered = s.hello.protocolVersion;
      if ((LEGACY_REVISIONS as readonly string[]).includes(answered))
        return [{ rev: answered as Revision, s, why: null }];
      await s.peer.channel.close();
      return [{ rev: NEWEST_LEGACY, s: null, why: `answered initialize with protocolVersion '${answered}'` }];
    } catch (error) {
      return [{ rev: NEWEST_LEGACY, s: null, why: (error as Error).message }];
    }
  }
  return Promise.all(
    wanted.map(async (rev): Promise<Probed> => {
      try {
        const s = await openSession(cfg, b, rev);
        return {
          rev,
          s,
          why: s.hello.protocolVersion === rev ? null : `answered ${s.hello.protocolVersion}`,
        };
      } catch (error) {
        return { rev, s: null, why: (error as Error).message };
      }
    }),
  );
}

/** Probes a modern revision with server/discover on a fresh target (the spec's stdio era probe).
 *  A legacy server may never answer it: the wait ends `startup` after the start, or soon after the
 *  legacy probes were answered (a few of their round trips), whichever comes first. */
async function probeModern(
  cfg: RunConfig,
  b: Budgets,
  rev: ModernRevision,
  legacyAnswered: Promise<number | null>,
): Promise<Probed> {
  let peer: Peer;
  try {
    peer = await SessionContext.open(targetOf(cfg), new Transcript(), b);
  } catch (error) {
    return { rev, s: null, why: (error as Error).message };
  }
  const timers: NodeJS.Timeout[] = [];
  const after = (ms: number) => new Promise<void>((r) => timers.push(setTimeout(r, ms)));
  // Streamable HTTP: an error status without a modern JSON-RPC error is a legacy server's answer.
  let refused: HttpOutcome | null = null;
  const refusal = httpOf({ peer })
    ?.refusedRequest()
    .then((o) => void (refused = o));
  const timeout = Promise.race([
    after(b.startup),
    legacyAnswered.then((ms) => (ms === null ? after(b.startup) : after(Math.max(b.prompt, 3 * ms)))),
    ...(refusal ? [refusal] : []),
  ]);
  try {
    const outcome = await probeDiscover(peer, rev, timeout);
    if (outcome.kind === 'modern' && (outcome.supported.length === 0 || outcome.supported.includes(rev))) {
      return { rev, s: { peer, hello: outcome.hello }, why: null };
    }
    await peer.channel.close();
    const http = refused as HttpOutcome | null;
    if (outcome.kind === 'legacy' && http)
      return {
        rev,
        s: null,
        why: `server/discover was refused with HTTP ${http.status} and no modern JSON-RPC error, so it is a legacy-era server`,
      };
    return { rev, s: null, why: whyNotModern(outcome, rev) };
  } catch (error) {
    await peer.channel.close();
    return { rev, s: null, why: (error as Error).message };
  } finally {
    for (const t of timers) clearTimeout(t);
  }
}

/**
 * Which revisions the target speaks. Legacy revisions are probed with initialize, the modern one
 * with server/discover, each on its own fresh target and all at once; a dual-era server passes both.
 */
async function negotiate(
  cfg: RunConfig,
  b: Budgets,
): Promise<{
  revisions: Revision[];
  unsupported: string[];
  first: { peer: Peer; hello: ServerHello };
  era: string;
  /** The capabilities of the modern revision's server/discover result, when the target speaks it. */
  modernCapabilities: JsonObject | null;
}> {
  const asked = cfg.revisions;
  const legacyWanted: 'newest' | Revision[] =
    asked === 'default'
      ? 'newest'
      : asked === 'all'
        ? legacyRevisionsFor(cfg)
        : asked.filter((r) => !isModern(r));
  const modernWanted: ModernRevision[] =
    asked === 'default' || asked === 'all' ? [...MODERN_REVISIONS] : asked.filter(isModern);
  const legacyTask =
    legacyWanted === 'newest' || legacyWanted.length > 0
      ? probeLegacy(cfg, b, legacyWanted)
      : Promise.resolve<Probed[]>([]);
  const legacyAnswered = legacyTask.then((ps) => {
    const ok = ps.filter((p) => p.s).map((p) => p.s?.hello.latencyMs ?? 0);
    return ok.length > 0 ? Math.max(...ok) : null;
  });
  const [legacy, modern] = await Promise.all([
    legacyTask,
    Promise.all(modernWanted.map((rev) => probeModern(cfg, b, rev, legacyAnswered))),
  ]);
  const all = [...legacy, ...modern].sort((x, y) => REVISIONS.indexOf(x.rev) - REVISIONS.indexOf(y.rev));
  const ok = all.filter((x) => x.s && x.why === null);
  const unsupported = all.filter((x) => x.why !== null).map((x) => `${x.rev} (${x.why})`);
  // The probe runs on the newest legacy session when there is one (the request-making tools only
  // exist there), else on the modern one.
  const legacyOk = ok.filter((x) => !isModern(x.rev));
  const keep = (legacyOk[legacyOk.length - 1] ?? ok[ok.length - 1])?.s ?? null;
  await Promise.all(all.map((x) => (x.s && x.s !== keep ? x.s.peer.channel.close() : undefined)));
  if (!keep) {
    // One cause for every revision (an unreachable URL, say) is said once.
    const whys = new Set(all.map((x) => x.why));
    const only = whys.size === 1 ? [...whys][0] : null;
    if (only) throw new TargetError(only);
    throw new TargetError(`the target speaks none of the requested revisions: ${unsupported.join('; ')}`);
  }
  const modernOk = ok.filter((x) => isModern(x.rev)).map((x) => x.rev);
  const legacyRevs = legacyOk.map((x) => x.rev);
  const era =
    legacyRevs.length > 0 && modernOk.length > 0
      ? `dual-era: legacy ${legacyRevs.join(', ')} (initialize) and modern ${modernOk.join(', ')} (server/discover)`
      : modernOk.length > 0
        ? `modern era only: ${modernOk.join(', ')} (server/discover)`
        : `legacy era only: ${legacyRevs.join(', ')} (initialize)`;
  const modernCapabilities = ok.find((x) => isModern(x.rev))?.s?.hello.capabilities ?? null;
  return { revisions: ok.map((x) => x.rev), unsupported, first: keep, era, modernCapabilities };
}

/** Runs one rule on one revision on a fresh target. */
async function runOne(
  cfg: RunConfig,
  b: Budgets,
  rule: RuleSpec,
  revision: Revision,
  d: Discovery,
): Promise<RuleResult> {
  const started = performance.now();
  const transcript = new Transcript();
  const where = { revision, transport: transportOf(targetOf(cfg)) };
  const finish = (outcome: Observation['outcome'], stderrTail: string[]): RuleResult =>
    judge(rule, where, {
      outcome,
      transcript: transcript.events,
      transcriptDropped: transcript.droppedCount,
      stderrTail,
      durationMs: Math.round(performance.now() - started),
    });
  const outside = notApplicable(rule, where);
  if (outside) return finish({ kind: 'not-applicable', summary: outside }, []);
  const absent = needNotApplicable(rule.needs, d);
  if (absent) return finish({ kind: 'not-applicable', summary: absent }, []);
  const missing = unmetNeed(rule.needs, d);
  if (missing) return finish({ kind: 'untestable', summary: missing }, []);

  let ctx: SessionContext | null = null;
  try {
    const peer = await SessionContext.open(targetOf(cfg), transcript, b, revision);
    const random = seededRandom(cfg.seed ^ hashString(`${rule.id}@${revision}`));
    ctx = new SessionContext(targetOf(cfg), transcript, peer, revision, b, d, random);
    if (rule.session === 'initialized') {
      try {
        await ctx.initialize();
      } catch (error) {
        return finish(
          {
            kind: 'inconclusive',
            summary: `the target did not complete the handshake for this check: ${(error as Error).message}`,
          },
          peer.channel.stderrTail(),
        );
      }
    }
    const running = ctx;
    let outcome: Outcome = await within(rule.run(ctx), b.huge, () => {
      running.abandon();
      return { kind: 'inconclusive' as const, summary: `the check did not finish within ${b.huge} ms` };
    });
    // Messages left out of a full transcript may hold the counter-evidence: a pass then proves nothing.
    if (outcome.kind === 'pass' && transcript.dropped.messages > 0) {
      outcome = {
        kind: 'inconclusive',
        summary: `the target sent more messages than the transcript keeps (${transcript.dropped.messages} left out), so a pass cannot be proved`,
      };
    }
    // A check that passed although the target died did not see the whole flow: it proves nothing.
    // Rules for which a crash is the evidence judge it themselves.
    if (outcome.kind === 'pass' && ctx.crashed()) {
      outcome = {
        kind: 'inconclusive',
        summary: `${ctx.describeCrash()} during the check, so it could not run to the end`,
      };
    }
    const tail = ctx.peer.channel.stderrTail();
    await ctx.peer.channel.close();
    return finish(outcome, tail);
  } catch (error) {
    const tail = ctx?.peer.channel.stderrTail() ?? [];
    const message =
      error instanceof TargetError
        ? error.message
        : `the suite failed: ${(error as Error).stack ?? String(error)}`;
    return finish(
      {
        kind: error instanceof TargetError ? 'inconclusive' : 'error',
        summary: message.split('\n')[0] ?? message,
      },
      tail,
    );
  } finally {
    await ctx?.peer.channel.close();
  }
}

/** CPU time the whole machine has spent since boot, in ms (Linux /proc/stat); null elsewhere. */
function machineCpuMs(): number | null {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]?.trim().split(/\s+/) ?? [];
    if (fields[0] !== 'cpu') return null;
    // user nice system idle iowait irq softirq steal: all but idle and iowait are work, in 1/100 s.
    const ticks = fields.slice(1, 9).map(Number);
    const busy = ticks.reduce((sum, v, i) => (i === 3 || i === 4 ? sum : sum + (v || 0)), 0);
    return busy * 10;
  } catch {
    return null;
  }
}

/**
 * How many rules run at once when the user did not say: a rule mostly waits, so a target that starts
 * cheaply gets many at once (12), but each rule starts a target of its own, and a target whose
 * start-up is heavy (an interpreter loading a framework, a JVM) would starve the others of CPU until
 * their waits run out: about one and a half seconds of one target's start-up CPU per core at a
 * time (rules start their targets in waves, and the probe's own targets still run), at least 2.
 */
export function autoConcurrency(startupCpuMs: number, cores = availableParallelism()): number {
  return Math.max(2, Math.min(12, Math.floor((cores * 1500) / Math.max(startupCpuMs, 125))));
}

/** 0 for a rule marked long (started first), 1 for the others. */
function longFirst(rule: RuleSpec | undefined): number {
  return rule?.cost === 'long' ? 0 : 1;
}

/** Runs tasks with at most `limit` at once, preserving order of results. */
async function pool<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return out;
}

/** Every tool name the suite called across the results, so the report shows exactly what ran. */
function toolsCalled(results: RuleResult[], probe: Discovery): string[] {
  const names = new Set<string>(probe.slowTool ? [probe.slowTool.name] : []);
  for (const r of results) {
    for (const e of r.transcript) {
      if (e.dir === 'client' && methodOf(e.message) === 'tools/call') {
        const name = paramsOf(e.message)?.name;
        if (typeof name === 'string') names.add(name);
      }
    }
  }
  return [...names];
}

/** The results of the selected measurement rules (judgedBy "measurement"), one per revision, each over
 *  the other rules' results at that revision. */
function measured(
  cfg: RunConfig,
  revisions: readonly Revision[],
  results: readonly RuleResult[],
  d: Discovery,
): RuleResult[] {
  const transport = transportOf(targetOf(cfg));
  return cfg.rules
    .filter((rule) => rule.judgedBy === 'measurement')
    .flatMap((rule) =>
      revisions.map((revision) => {
        const started = performance.now();
        const where = { revision, transport };
        const mine = results.filter((r) => r.revision === revision);
        const outcome: Observation['outcome'] = rule.measure
          ? rule.measure(mine, d)
          : { kind: 'error', summary: `${rule.id} is a measurement without a measure function` };
        return judge(rule, where, {
          outcome,
          transcript: [],
          stderrTail: [],
          durationMs: Math.round(performance.now() - started),
        });
      }),
    );
}

/** Runs the whole suite against one target. */
export async function runSuite(cfg: RunConfig): Promise<RunReport> {
  const startedAt = new Date();
  const t0 = performance.now();
  const b = scaledBudgets(cfg.timeScale);
  const cpuBefore = machineCpuMs();
  const { revisions, unsupported, first, era, modernCapabilities } = await negotiate(cfg, b);
  const cpuAfter = machineCpuMs();
  // What starting the target cost: the CPU time of the first target's process tree, which has done
  // nothing but start and answer the handshake (a server that sleeps at start-up costs nothing; the
  // machine's other work does not count). For a target the suite did not start, the whole machine's
  // CPU time meanwhile; its wall time where neither can be read.
  const pid = first.peer.channel.pid;
  const ownCpu = pid === undefined ? null : (new ProcessObserver(pid).sample()?.cpuMs ?? null);
  const startupCost =
    ownCpu ?? (cpuBefore !== null && cpuAfter !== null ? cpuAfter - cpuBefore : first.hello.latencyMs);
  cfg.onEvent?.({ type: 'revisions', revisions, unsupported });
  // The probe returns once the slow tool's pace is known; the running time the rules rely on is
  // proved on the probe session while they run. Results are kept only if it was.
  const confirmLater = cfg.probeConfirmLater ?? true;
  let probe;
  try {
    probe = await probeTarget(first.peer, first.hello.capabilities, {
      budgets: b,
      initializeMs: first.hello.latencyMs,
      slowTool: cfg.slowTool,
      shortArgs: cfg.shortArgs ?? null,
      requestTool: cfg.requestTool,
      taskTool: cfg.taskTool ?? null,
      modernCapabilities,
      confirmLater,
    });
  } catch (e) {
    await first.peer.channel.close();
    throw e;
  }
  const confirmed = probe.confirmed.finally(() => first.peer.channel.close());
  probe.discovery.notes.push(`protocol eras: ${era}`);
  if (unsupported.length > 0)
    probe.discovery.notes.push(`revisions not spoken by the target: ${unsupported.join('; ')}`);
  if (targetOf(cfg).kind === 'http-url')
    probe.discovery.notes.push(
      'the server was already running at the URL: the suite neither started nor stopped it, and each rule ran on a fresh MCP session of it rather than on a fresh process',
    );
  cfg.onEvent?.({ type: 'probe', discovery: probe.discovery, serverInfo: first.hello.serverInfo });

  // Measurements need the other results: they are judged once those are in (measured() below).
  const scripted = cfg.rules.filter((rule) => rule.judgedBy !== 'measurement');
  const tasks = scripted.flatMap((rule) => revisions.map((revision) => ({ rule, revision })));
  // Long rules start first (results keep the catalog's order).
  const order = tasks.map((_, i) => i).sort((x, y) => longFirst(tasks[x]?.rule) - longFirst(tasks[y]?.rule));
  let done = 0;
  const concurrency = cfg.concurrency === 'auto' ? autoConcurrency(startupCost) : cfg.concurrency;
  if (cfg.concurrency === 'auto')
    probe.discovery.notes.push(
      `rules run ${concurrency} at a time: starting the target and its handshake took ${Math.round(startupCost)} ms of CPU (set it with --concurrency)`,
    );
  const ruling = pool(order, concurrency, async (i) => {
    const { rule, revision } = tasks[i] as (typeof tasks)[number];
    const result = await runOne(cfg, b, rule, revision, probe.discovery);
    cfg.onEvent?.({ type: 'result', result, done: ++done, total: tasks.length });
    return result;
  }).then((ran) => {
    const out: RuleResult[] = new Array(tasks.length);
    order.forEach((taskIndex, k) => (out[taskIndex] = ran[k] as RuleResult));
    return out;
  });
  // Exploration runs alongside the rules, each program on a target of its own; its findings are
  // folded into the rules' results once both are done.
  let results: RuleResult[];
  let exploration;
  if (cfg.exploration && cfg.exploration.runs > 0) {
    const revision = revisions[revisions.length - 1] as Revision;
    cfg.onEvent?.({ type: 'exploring', runs: cfg.exploration.runs, seed: cfg.seed, revision });
    const env = {
      target: targetOf(cfg),
      revision,
      budgets: b,
      discovery: probe.discovery,
      timeScale: cfg.timeScale,
      invariants: cfg.exploration.invariants,
    };
    ({ results, summary: exploration } = await exploreForRun({
      ...cfg.exploration,
      env,
      seed: cfg.seed,
      results: ruling,
    }));
  } else results = await ruling;
  const broken = await confirmed;
  if (broken !== null && confirmLater) {
    // An assumption the rules ran on did not hold: probe again, waiting for every proof, and rerun.
    cfg.onEvent?.({ type: 'reprobe', why: broken });
    return runSuite({ ...cfg, probeConfirmLater: false });
  }
  results = [...results, ...measured(cfg, revisions, results, probe.discovery)];
  probe.discovery.toolsCalled = toolsCalled(results, probe.discovery);
  const counts = Object.fromEntries(VERDICTS.map((v) => [v, 0])) as Record<Verdict, number>;
  for (const r of results) counts[r.verdict]++;
  return {
    schemaVersion: 1,
    tool: { name: 'mcp-cancel-conformance', version: TOOL_VERSION },
    target: {
      transport: transportOf(targetOf(cfg)),
      ...describeTarget(targetOf(cfg)),
      serverInfo: first.hello.serverInfo,
      revisions,
    },
    discovery: probe.discovery,
    seed: cfg.seed,
    strict: cfg.strict,
    timeScale: cfg.timeScale,
    startedAt: startedAt.toISOString(),
    durationMs: Math.round(performance.now() - t0),
    results,
    counts,
    ...(exploration ? { exploration } : {}),
  };
}
