// A resource soak (CANCEL-RECV-FREE-RESOURCES): N cancelled calls of the slow tool, each followed by
// a sample of the target's process tree once the server has provably read the cancel, and the same
// number of completed short calls on a fresh target as the control. What a server keeps per call
// shows as the slope of a resource over the calls; the control's slope is what it keeps per call
// anyway (pools filling, caches), and only the difference is held against cancellation.

import type { Outcome, ProcessSample, RuleContext, SampleEvent } from '../../harness/api.js';
import { notInFlight } from './common.js';

/** Calls of each kind, at least and at most (the pace of the tool picks between them; 4 keep a tool
 *  whose short run takes a second within the run's budget, and a leak still shows in every call). */
export const SOAK_CALLS = { min: 4, max: 24 } as const;
/** Calls of each kind made first and left out of the series (lazy start-up of the server's parts). */
export const WARM_UP_CALLS = 2;
/** What counts as kept per cancelled call beyond the control: half a descriptor, thread or process
 *  per call (at least every other cancelled call left one behind), and a mebibyte of memory (a
 *  garbage-collected runtime moves by less than that per call on its own, the control shows how much). */
export const LEAK_PER_CALL = { fds: 0.5, threads: 0.5, processes: 0.5, rssKb: 1024 } as const;
export type Resource = keyof typeof LEAK_PER_CALL;
export const RESOURCES = Object.keys(LEAK_PER_CALL) as Resource[];

/** One soak: the sample before the calls, one after each call, one after the reply window. */
export interface Series {
  base: SampleEvent;
  points: SampleEvent[];
  final: SampleEvent;
}

/** Theil–Sen slope of `ys` over their index: the median of the pairwise slopes (robust to outliers). */
export function theilSen(ys: readonly number[]): number {
  const slopes: number[] = [];
  for (let i = 0; i < ys.length; i++)
    for (let j = i + 1; j < ys.length; j++) slopes.push(((ys[j] ?? 0) - (ys[i] ?? 0)) / (j - i));
  slopes.sort((a, b) => a - b);
  const mid = slopes.length >> 1;
  if (slopes.length === 0) return 0;
  return slopes.length % 2 ? (slopes[mid] ?? 0) : ((slopes[mid - 1] ?? 0) + (slopes[mid] ?? 0)) / 2;
}

/** Per-call slope and total growth of one resource over a series. */
export function growth(s: Series, r: Resource): { perCall: number; total: number } {
  const at = (e: SampleEvent): number => (e.sample as ProcessSample)[r];
  return { perCall: theilSen([s.base, ...s.points].map(at)), total: at(s.final) - at(s.base) };
}

/** What the cancelled calls kept of one resource beyond the completed ones: the difference of the
 *  per-call slopes, of the growth over each series, and of the levels the two targets ended at. */
export interface Kept {
  perCall: number;
  total: number;
  level: number;
  /** All three reach the limit for `calls` calls. */
  leaked: boolean;
}

/**
 * Whether the cancelled calls kept `r`: their slope beyond the completed calls' slope is at least the
 * limit per call, and so are the growth and the level reached after the reply window, each beyond the
 * completed calls' by the limit times the calls. The level matters for a garbage-collected runtime:
 * its heap grows with what the calls allocate until the collector settles on a size, in steps at
 * moments of its own (a JVM's settled at the same ~430 MB after 21 cancelled calls as after 21
 * completed ones, but in steps spread over the cancelled calls and within the first completed ones,
 * so the slopes alone differed by 8.8 MB per call). A leak raises the level by what it keeps per call.
 */
export function kept(cancelled: Series, completed: Series, r: Resource, calls: number): Kept {
  const c = growth(cancelled, r);
  const k = growth(completed, r);
  const level = (cancelled.final.sample as ProcessSample)[r] - (completed.final.sample as ProcessSample)[r];
  const limit = LEAK_PER_CALL[r];
  const perCall = c.perCall - k.perCall;
  const total = c.total - k.total;
  return {
    perCall,
    total,
    level,
    leaked: perCall >= limit && total >= limit * calls && level >= limit * calls,
  };
}

/** How many calls of each kind fit the soak budget at this tool's pace. */
export function soakCalls(ctx: RuleContext, useProgress: boolean): number {
  const d = ctx.discovery;
  const rtt = ctx.rttMs ?? ctx.budgets.settle;
  const cancelled = (useProgress ? (d.progressIntervalMs ?? 0) : 0) + 3 * rtt;
  const completed = (d.slowTool?.shortRunMs ?? ctx.budgets.prompt) + 2 * rtt;
  const n = Math.floor(ctx.budgets.soak / (cancelled + completed)) - WARM_UP_CALLS;
  return Math.max(SOAK_CALLS.min, Math.min(SOAK_CALLS.max, n));
}

/** Progress proves a call in flight only when its pace fits the soak; else the ordering ping does. */
export function soakWithProgress(ctx: RuleContext): boolean {
  const interval = ctx.discovery.progressIntervalMs;
  return (
    ctx.discovery.slowTool?.progress === true &&
    interval !== null &&
    interval * SOAK_CALLS.min * 2 <= ctx.budgets.soak
  );
}

type Step = (i: number) => Promise<Outcome | null>;

/**
 * Runs warm-up calls, then `n` calls each followed by a sample (with `cut`, fewer, but at least
 * SOAK_CALLS.min, when the calls take longer than `ctx.budgets.soak`: a server slow to answer), then
 * the reply window and a last sample.
 */
async function soak(
  ctx: RuleContext,
  n: number,
  what: string,
  step: Step,
  cut = true,
): Promise<Series | Outcome> {
  const alive = await ctx.alive();
  if (!alive.ok) return { kind: 'inconclusive', summary: `the target did not answer before the ${what}` };
  for (let i = 0; i < WARM_UP_CALLS; i++) {
    const bad = await step(-1);
    if (bad) return bad;
  }
  const base = ctx.process.sample(`before ${n} ${what}`);
  if (!base) return { kind: 'inconclusive', summary: `the target's processes ended before the ${what}` };
  const points: SampleEvent[] = [];
  const from = base.t;
  for (let i = 1; i <= n; i++) {
    if (cut && i > SOAK_CALLS.min && (points.at(-1)?.t ?? from) - from > ctx.budgets.soak) break;
    const bad = await step(i);
    if (bad) return bad;
    const s = ctx.process.sample(`after ${what.replace(/s$/, '')} ${i}`);
    if (!s) return { kind: 'inconclusive', summary: `the target's processes ended during the ${what}` };
    points.push(s);
  }
  await ctx.watch(ctx.replyWindowMs, `the server frees what the ${what} used`);
  const final = ctx.process.sample(`${points.length} ${what} and a reply window later`);
  if (!final) return { kind: 'inconclusive', summary: `the target's processes ended after the ${what}` };
  return { base, points, final };
}

/** N cancelled calls, each proved in flight before its cancel and proved read after it. */
export function cancelledSoak(ctx: RuleContext, n: number, progress: boolean): Promise<Series | Outcome> {
  return soak(ctx, n, 'cancelled calls', async () => {
    const call = await ctx.startSlow({ progress });
    const unfit = notInFlight(ctx, call);
    if (unfit) return unfit;
    await ctx.cancel(call.req.id);
    const read = await ctx.ping(ctx.budgets.long);
    if (!read.event)
      return { kind: 'inconclusive', summary: 'the target did not answer a ping written after a cancel' };
    // Over Streamable HTTP a cancelled call's stream stays open, as the spec has it (no response, and
    // no close before one): the client, which has no use for it, closes it, so that an open stream
    // is not counted against the server.
    ctx.http?.drop(call.req.id);
    return null;
  });
}

/** N completed short calls on a fresh target: the control (all N, whatever they take). */
export async function completedSoak(ctx: RuleContext, n: number): Promise<Series | Outcome> {
  await ctx.restart();
  await ctx.initialize();
  return soak(
    ctx,
    n,
    'completed calls',
    async () => {
      const call = await ctx.startSlow({ run: 'short', progress: false });
      const done = await ctx.awaitShort(call);
      if (done.answer) return null;
      return { kind: 'inconclusive', summary: `a short run did not complete within ${done.waitedMs} ms` };
    },
    false,
  );
}
