// The probe session that runs before the rules: lists the tools, measures the round-trip time,
// picks the slow tool and proves it runs long enough for a silence window to mean something, and
// picks the request-making tool. Its findings size every window of the rules that follow.

import type { Discovery, TaskDiscovery, TaskExtensionDiscovery } from '../model/report.js';
import { UsageError } from '../errors.js';
import type { Peer } from '../jsonrpc/peer.js';
import { classify, describeMessage } from '../jsonrpc/message.js';
import { silenceWindow, within, type Budgets } from '../timing.js';
import { isJsonObject, type Json, type JsonObject, type RequestId } from '../model/protocol.js';
import {
  chooseRequestTool,
  chooseSlowTool,
  chooseExtensionTaskTool,
  chooseTaskTool,
  declaredTasks,
  declaresTaskExtension,
  readTools,
  shortCandidates,
  userSlowPick,
  type RequestPick,
  type SlowPick,
  type ToolInfo,
} from './discovery.js';
import { judgeShortRun, writeShortCandidates, type ShortRun } from './short-run.js';
import type { TranscriptEvent } from '../model/transcript.js';
import { expectedWatchMs, isProgressFor, isResponseFor, startCall, type SlowCall } from './slow.js';

export interface ToolRequest {
  name: string;
  args: JsonObject | null;
}

export interface ProbeOptions {
  budgets: Budgets;
  /** How long the first handshake took (measured by the runner). */
  initializeMs: number | null;
  slowTool: ToolRequest | null;
  /** The user's short run of the slow tool (--short-args), checked by the probe. */
  shortArgs?: JsonObject | null;
  requestTool: ToolRequest | null;
  /** The tool to call as a task (--task-tool, --task-args); default: from tools/list. */
  taskTool?: ToolRequest | null;
  /** The capabilities of the server's server/discover result at 2026-07-28, when it speaks that
   *  revision (the tasks extension is declared there); null or absent: it does not. */
  modernCapabilities?: JsonObject | null;
  /**
   * Return once the slow tool's pace is known and prove its running time while the rules run
   * (ProbeResult.confirmed); false: wait for that proof before returning.
   */
  confirmLater?: boolean;
}

/** Everything the rules need to know about the target, found by the probe. */
export interface ProbeResult {
  tools: ToolInfo[];
  discovery: Discovery;
  slow: SlowPick | null;
  request: RequestPick | null;
  /**
   * Resolves once the probe session is done with: to null when every assumption the discovery states
   * held, or to why one did not (the slow tool ended before the running time the rules relied on).
   */
  confirmed: Promise<string | null>;
}

async function listTools(peer: Peer, b: Budgets): Promise<ToolInfo[]> {
  const tools: ToolInfo[] = [];
  let cursor: Json | undefined;
  for (let page = 0; page < 20; page++) {
    const req = await peer.request('tools/list', cursor === undefined ? undefined : { cursor });
    const ev = await within(req.response, b.long, () => null);
    const m = ev?.message;
    if (!isJsonObject(m) || classify(m) !== 'response') break;
    tools.push(...readTools(m.result));
    cursor = isJsonObject(m.result) ? m.result.nextCursor : undefined;
    if (typeof cursor !== 'string') break;
  }
  return tools;
}

async function measureRtt(peer: Peer, b: Budgets): Promise<number | null> {
  const samples: number[] = [];
  for (let i = 0; i < 5; i++) {
    const { latencyMs } = await peer.ping(b.prompt);
    if (latencyMs !== null) samples.push(latencyMs);
  }
  if (samples.length === 0) return null;
  samples.sort((a, c) => a - c);
  return Math.round((samples[Math.floor(samples.length / 2)] ?? 0) * 1000) / 1000;
}

function median(xs: number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, c) => a - c);
  return s[Math.floor(s.length / 2)] ?? null;
}

/** What proveSlow found of a slow tool that runs long enough. */
interface Proved {
  pick: SlowPick;
  progress: boolean;
  intervalMs: number | null;
  maxGapMs: number | null;
  /** How long the tool is known to run (promised, when `confirm` is still proving it). */
  observedMs: number;
  silenceMs: number;
  /** Resolves to null once the tool has run `observedMs`, or to why it did not; null: proved already. */
  confirm: Promise<string | null> | null;
}

/** Gaps between the progress notifications of one token, in order. */
function gapsOf(progress: TranscriptEvent[], token: RequestId | null): number[] {
  const times = progress.filter((e) => isProgressFor(e, token)).map((e) => e.t);
  return times.slice(1).map((t, i) => t - (times[i] ?? t));
}

/**
 * Collects progress until two gaps are known: three notifications of `call`, or two each of `call`
 * and `pair` (when there is one and it reports), or `timeoutMs` passed.
 */
async function collectPace(
  peer: Peer,
  call: SlowCall,
  pair: SlowCall | null,
  timeoutMs: number,
): Promise<TranscriptEvent[]> {
  const from = Math.min(call.fromSeq, pair?.fromSeq ?? call.fromSeq);
  const seen = new Map<RequestId | null, number>();
  await peer.waitFor(
    (e) => {
      const token = isProgressFor(e, call.token)
        ? call.token
        : pair && isProgressFor(e, pair.token)
          ? pair.token
          : undefined;
      if (token === undefined) return false;
      seen.set(token, (seen.get(token) ?? 0) + 1);
      const mine = seen.get(call.token) ?? 0;
      return mine >= 3 || (pair !== null && mine >= 2 && (seen.get(pair.token) ?? 0) >= 2);
    },
    timeoutMs,
    from,
  );
  return peer.transcript
    .since(from)
    .filter((e) => isProgressFor(e, call.token) || (pair !== null && isProgressFor(e, pair.token)));
}

/** Runs the slow tool once and decides whether it is slow enough; scales its arguments when it is not. */
async function proveSlow(
  peer: Peer,
  pick: SlowPick,
  rttMs: number | null,
  b: Budgets,
  notes: string[],
  leftRunning: RequestId[],
  /** How long to wait for the first progress (shorter after a short run that completed without any). */
  progressWaitMs: number,
  /** The first attempt's call when it was already written (beside the short candidates). */
  running: SlowCall | null,
  /** Whether the short run reported progress (a long run without any is then tried again alone). */
  shortHadProgress: boolean,
  /** A second long run written beside the first: its gaps count for the pace too (see below). */
  twin: SlowCall | null,
  /** Return once the pace is known and prove the running time in the background (see Proved.confirm). */
  confirmLater: boolean,
): Promise<Proved | { why: string }> {
  let args = pick.args;
  for (let attempt = 0; attempt < 3; attempt++) {
    const start = () => startCall(peer, { tool: pick.name, args }, { progressMs: 0, pingMs: b.prompt });
    const firstProgress = (c: SlowCall) =>
      c.token === null
        ? Promise.resolve(null)
        : peer.waitFor((e) => isProgressFor(e, c.token), progressWaitMs, c.fromSeq);
    // The first attempt may already be running (written right after the short candidates).
    let call = attempt === 0 && running ? running : await start();
    let first = await firstProgress(call);
    if (first === null && call === running && shortHadProgress) {
      // The short runs reported progress: this run may have lost its own beside them (a server that
      // routes progress by the request before it, say). Tried once more, alone.
      notes.push(
        `the long run of ${pick.name} written beside the short runs sent no progress within ${progressWaitMs} ms; trying it again alone`,
      );
      leftRunning.push(call.req.id);
      call = await start();
      first = await firstProgress(call);
    }
    // The pace from two gaps: three progress notifications of one run, or two of each of the two runs
    // written together (a slow pace is then known one step sooner). None looked for when the first
    // never came; a twin that reports nothing (a server serving one call at a time) adds nothing.
    const pair = attempt === 0 && call === running && twin?.token != null ? twin : null;
    const progress =
      first === null || call.token === null ? [] : await collectPace(peer, call, pair, progressWaitMs);
    const intervals = [call, ...(pair ? [pair] : [])].flatMap((c) => gapsOf(progress, c.token));
    const intervalMs = median(intervals);
    const maxGapMs = intervals.length > 0 ? Math.max(...intervals) : null;
    const silenceMs = silenceWindow(b, rttMs, intervalMs, maxGapMs);
    const startedAt = first?.t ?? call.inFlight?.t ?? call.req.sentAt;
    // A rule cancels right after its call's first progress and then watches: the tool must outlast that.
    const watchMs = expectedWatchMs(silenceMs, {
      settleMs: b.settle,
      promptMs: b.prompt,
      rttMs,
      progressIntervalMs: progress.length > 0 ? intervalMs : null,
    });
    const mustRunUntil = startedAt + watchMs + 10 * (rttMs ?? 0) + b.settle;
    const proved = (observedMs: number, confirm: Promise<string | null> | null): Proved => {
      // Cancelled at the end of the probe, after the short run was looked for.
      leftRunning.push(call.req.id);
      return {
        pick: { ...pick, args },
        progress: progress.length > 0,
        intervalMs,
        maxGapMs,
        observedMs,
        silenceMs,
        confirm,
      };
    };
    const ended = (e: TranscriptEvent) => isResponseFor(e, call.req.id);
    if (confirmLater && peer.now() < mustRunUntil && !peer.transcript.since(call.fromSeq).some(ended)) {
      // The rules may start now: the running time they rely on is proved while they run, and the
      // runner keeps their results only if it was (else it probes again, waiting, and runs them anew).
      const promisedMs = Math.round(mustRunUntil - call.req.sentAt);
      const confirm = peer
        .waitFor(ended, mustRunUntil - peer.now(), call.fromSeq)
        .then((e) =>
          e === null
            ? null
            : `the slow tool ${pick.name} answered ${Math.round(e.t - call.req.sentAt)} ms after its call with ${JSON.stringify(args)}, before the ${promisedMs} ms the rules rely on`,
        );
      return proved(promisedMs, confirm);
    }
    const done = await peer.waitFor(ended, mustRunUntil - peer.now(), call.fromSeq);
    if (!done) return proved(Math.round(peer.now() - call.req.sentAt), null);
    const tookMs = Math.round(done.t - call.req.sentAt);
    if (
      classify(done.message) === 'error' ||
      (isJsonObject(done.message) &&
        isJsonObject(done.message.result) &&
        done.message.result.isError === true)
    ) {
      return {
        why: `the slow tool ${pick.name} answered ${describeMessage(done.message)} when called with ${JSON.stringify(args)}; pass working arguments with --slow-args`,
      };
    }
    const key = pick.scaleKey;
    const current = key ? args[key] : undefined;
    if (!key || typeof current !== 'number') {
      return {
        why: `the slow tool ${pick.name} finished in ${tookMs} ms with ${JSON.stringify(args)}; the suite needs it to run longer than ${Math.round(mustRunUntil - call.req.sentAt)} ms; pass arguments that make it slower with --slow-args`,
      };
    }
    notes.push(
      `the slow tool ${pick.name} finished in ${tookMs} ms with ${key}=${current}; trying ${current * 10}`,
    );
    args = { ...args, [key]: current * 10 };
  }
  return {
    why: `the slow tool ${pick.name} stayed too fast even with ${JSON.stringify(args)}; pass arguments with --slow-args`,
  };
}

/** What the probe saw of a slow tool that sent no progress, and what would help. */
function noProgressWhy(pick: SlowPick, short: ShortRun | null, waitedMs: number): string {
  const long = `the slow tool ${pick.name} sent no progress within ${waitedMs} ms of its run with ${JSON.stringify(pick.args)} (given a progress token)`;
  // Its short run did report progress: the tool can, the long run's first step is longer than the wait.
  if (short && short.progress > 0)
    return `${long}, although its short run ${JSON.stringify(short.args)} did: the long run's steps may be longer than that; pass --slow-args with shorter steps`;
  return long;
}

/** Runs the probe on an initialized session. */
export async function probeTarget(
  peer: Peer,
  capabilities: JsonObject,
  opts: ProbeOptions,
): Promise<ProbeResult> {
  const b = opts.budgets;
  const notes: string[] = [];
  const tools =
    'tools' in capabilities || opts.slowTool || opts.requestTool || opts.taskTool
      ? await listTools(peer, b)
      : [];
  if (!('tools' in capabilities)) notes.push('the server declares no tools capability');
  const rttMs = await measureRtt(peer, b);
  if (rttMs === null) notes.push('the server answered none of 5 pings; windows use the default budgets');

  const byName = new Map(tools.map((t) => [t.name, t]));
  for (const [flag, want] of [
    ['--slow-tool', opts.slowTool],
    ['--request-tool', opts.requestTool],
    ['--task-tool', opts.taskTool ?? null],
  ] as const) {
    if (want && !byName.has(want.name)) {
      const names = tools.map((t) => t.name).join(', ') || 'none';
      throw new UsageError(`${flag} '${want.name}' is not a tool of the target; expected one of: ${names}`);
    }
  }

  let slowPick: SlowPick | null = null;
  /** Why there is no slow tool, when there is none. */
  let slowToolWhy = 'no slow tool';
  let requestToolWhy = 'none found';
  if (opts.slowTool)
    slowPick = userSlowPick(
      byName.get(opts.slowTool.name),
      opts.slowTool.name,
      opts.slowTool.args,
      opts.shortArgs ?? null,
    );
  else {
    const chosen = chooseSlowTool(tools);
    if ('none' in chosen) {
      notes.push(chosen.none);
      slowToolWhy = chosen.none;
    } else slowPick = chosen;
  }
  // The short run is looked for first: whether it reported progress tells how long the long run's
  // first progress is worth waiting for. Nothing is cancelled before the end of the probe (a server
  // that misbehaves after a cancel is met as the rules meet it, on a fresh target each).
  const leftRunning: RequestId[] = [];
  let short: ShortRun | null = null;
  let shortRunWhy: string | null = null;
  let running: SlowCall | null = null;
  let twin: SlowCall | null = null;
  if (slowPick) {
    const p = slowPick;
    const fromUser = p.userShortArgs !== null;
    const candidates = p.userShortArgs ? [p.userShortArgs] : shortCandidates(byName.get(p.name), p.args);
    // The long run is written right after the candidates, so both run at once (a server that serves
    // one call at a time still answers the candidates first).
    const written = await writeShortCandidates(peer, p.name, candidates);
    running = await startCall(peer, { tool: p.name, args: p.args }, { progressMs: 0, pingMs: b.prompt });
    twin = await startCall(peer, { tool: p.name, args: p.args }, { progressMs: 0, pingMs: b.prompt });
    leftRunning.push(twin.req.id);
    const found = await judgeShortRun(peer, written, {
      budgets: b,
      wantProgress: true,
      fromUser,
      leftRunning,
    });
    if ('why' in found) {
      shortRunWhy = found.why;
      notes.push(found.why);
    } else {
      short = found;
      notes.push(
        `short run of ${p.name}: ${JSON.stringify(found.args)} completed in ${found.ms} ms with ${found.progress} progress notification(s) (${fromUser ? 'given with --short-args' : 'derived by the suite'}, checked in the probe)`,
      );
    }
  }
  const progressWaitMs = short && short.progress === 0 ? Math.max(2 * b.prompt, 3 * short.ms) : b.long;
  const tried = slowPick
    ? await proveSlow(
        peer,
        slowPick,
        rttMs,
        b,
        notes,
        leftRunning,
        progressWaitMs,
        running,
        (short?.progress ?? 0) > 0,
        twin,
        opts.confirmLater === true,
      )
    : null;
  const proved = tried && 'why' in tried ? null : tried;
  if (tried && 'why' in tried) {
    notes.push(tried.why);
    slowToolWhy = tried.why;
  }
  if (!proved) short = null;
  // The long runs are cancelled once the running time the discovery states is proved.
  const confirmed = (proved?.confirm ?? Promise.resolve(null)).then(async (why) => {
    for (const id of leftRunning) await peer.cancel(id, 'mcp-cancel-conformance probe finished');
    return why;
  });
  if (!proved?.confirm) await confirmed;

  let request: RequestPick | null = null;
  if (opts.requestTool) {
    request = {
      name: opts.requestTool.name,
      args: opts.requestTool.args ?? {},
      reason: 'named with --request-tool',
    };
  } else {
    const chosen = chooseRequestTool(tools);
    if ('none' in chosen) {
      notes.push(chosen.none);
      requestToolWhy = chosen.none;
    } else request = chosen;
  }

  const tasks = taskDiscovery(capabilities, tools, opts.taskTool ?? null, proved, short, notes);
  const tasksExtension = taskExtensionDiscovery(
    opts.modernCapabilities ?? null,
    tools,
    opts.taskTool ?? null,
    proved,
    short,
    notes,
  );
  const silenceMs = proved?.silenceMs ?? silenceWindow(b, rttMs, null);
  const discovery: Discovery = {
    slowTool: proved
      ? {
          name: proved.pick.name,
          args: proved.pick.args,
          shortArgs: short?.args ?? null,
          shortRunMs: short?.ms ?? null,
          progress: proved.progress,
          source: opts.slowTool ? 'user' : 'discovered',
          reason: proved.pick.reason,
        }
      : null,
    requestTool: request ? { ...request, source: opts.requestTool ? 'user' : 'discovered' } : null,
    toolsCalled: [...new Set([...(slowPick ? [slowPick.name] : []), ...(request ? [request.name] : [])])],
    rttMs,
    silenceMs,
    progressIntervalMs: proved?.intervalMs ?? null,
    progressMaxGapMs: proved?.maxGapMs ?? null,
    slowToolObservedMs: proved?.observedMs ?? null,
    initializeMs: opts.initializeMs,
    ...(proved ? {} : { slowToolWhy }),
    ...(request ? {} : { requestToolWhy }),
    ...(shortRunWhy ? { shortRunWhy } : {}),
    ...(proved && !proved.progress ? { progressWhy: noProgressWhy(proved.pick, short, progressWaitMs) } : {}),
    ...(tasks ? { tasks } : {}),
    ...(tasksExtension ? { tasksExtension } : {}),
    notes,
  };
  return { tools, discovery, slow: proved?.pick ?? null, request, confirmed };
}

/**
 * Task support from metadata alone (no call, no wait): capabilities.tasks and the tools'
 * execution.taskSupport. Undefined for a server that declares no tasks and was named no task tool,
 * so a default run of a server without tasks reports and waits exactly as before.
 */
function taskDiscovery(
  capabilities: JsonObject,
  tools: ToolInfo[],
  user: ToolRequest | null,
  proved: { pick: SlowPick } | null,
  short: ShortRun | null,
  notes: string[],
): TaskDiscovery | undefined {
  const declared = declaredTasks(capabilities);
  if (!declared.declared && !user) return undefined;
  if (!declared.toolsCall)
    return {
      ...declared,
      tool: null,
      missing: 'undeclared',
      why: 'the server declares no task-augmented tools/call (capabilities.tasks.requests.tools.call)',
    };
  const slow = proved
    ? { name: proved.pick.name, args: proved.pick.args, shortArgs: short?.args ?? null }
    : null;
  const chosen = chooseTaskTool(tools, user, slow);
  if ('none' in chosen) {
    notes.push(chosen.none);
    return { ...declared, tool: null, missing: 'no-tool', why: chosen.none };
  }
  notes.push(`task tool ${chosen.name} (${chosen.reason})`);
  return {
    ...declared,
    tool: chosenTaskTool(chosen, user),
  };
}

/** The task tool the discovery reports for a choice: where it came from and why. */
function chosenTaskTool(
  chosen: Exclude<ReturnType<typeof chooseExtensionTaskTool>, { none: string }>,
  user: ToolRequest | null,
) {
  const { name, args, shortArgs, taskSupport, reason } = chosen;
  return {
    name,
    args,
    shortArgs,
    taskSupport,
    source: user ? ('user' as const) : ('discovered' as const),
    reason,
  };
}

/**
 * The tasks extension at 2026-07-28 from metadata alone (the server/discover result the revision
 * probe already has; no call, no wait). Undefined for a server that does not declare it, so a default
 * run of a server without tasks reports and waits exactly as before.
 */
function taskExtensionDiscovery(
  modernCapabilities: JsonObject | null,
  tools: ToolInfo[],
  user: ToolRequest | null,
  proved: { pick: SlowPick } | null,
  short: ShortRun | null,
  notes: string[],
): TaskExtensionDiscovery | undefined {
  if (!declaresTaskExtension(modernCapabilities)) return undefined;
  const slow = proved
    ? { name: proved.pick.name, args: proved.pick.args, shortArgs: short?.args ?? null }
    : null;
  const chosen = chooseExtensionTaskTool(tools, user, slow);
  if ('none' in chosen) {
    notes.push(`tasks extension: ${chosen.none}`);
    return { declared: true, tool: null, missing: 'no-tool', why: chosen.none };
  }
  notes.push(`tasks extension (2026-07-28): task tool ${chosen.name} (${chosen.reason})`);
  return {
    declared: true,
    tool: chosenTaskTool(chosen, user),
  };
}
