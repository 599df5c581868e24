// Work the wire does not show: the CPU time of the target's process tree, and the processes a call
// starts (suites/lib/child-work.ts). A call that sends no progress may still be seen working, when
// its tree's CPU rate while it runs stands clearly apart from the same server idle; after the cancel
// (once the server has provably read it, past the race window) the rate then either falls back to
// idle or stays at the working rate. Anything in between, or no clear working rate at all (a tool
// that sleeps or waits; a runtime whose idle loop or collector is as busy as the call), concludes
// nothing from the CPU time alone.

import type { Outcome, RuleContext, SampleEvent, SlowCall } from '../../harness/api.js';
import { judgeChildren, type ChildFinding } from './child-work.js';
import { ms, notInFlight } from './common.js';
import { KEPT_SHARE, STOPPED_SHARE, WORK_FLOOR_MS_PER_S, WORK_OVER_IDLE } from './work-rates.js';

/** CPU ms per second of the tree between the first and the last sample; null with fewer than two. */
export function cpuRate(samples: readonly SampleEvent[]): number | null {
  const first = samples[0];
  const last = samples[samples.length - 1];
  if (!first || !last || last.t - first.t <= 0) return null;
  return ((last.sample.cpuMs - first.sample.cpuMs) * 1000) / (last.t - first.t);
}

/** The rates of the first and the second half of a span (they share the middle sample): a rate that
 *  holds in both is steady, unlike a burst (a compiler, a collector). */
export function halfRates(samples: readonly SampleEvent[]): [number, number] | null {
  const mid = samples.length >> 1;
  const a = cpuRate(samples.slice(0, mid + 1));
  const b = cpuRate(samples.slice(mid));
  return a === null || b === null ? null : [a, b];
}

/** When the rate fell to the midpoint of idle and working for good: the start of the first interval
 *  after which every interval stays under it; null when it never did. */
export function cpuStopAt(samples: readonly SampleEvent[], threshold: number): number | null {
  let stop: number | null = null;
  for (let i = 1; i < samples.length; i++) {
    const rate = cpuRate([samples[i - 1] as SampleEvent, samples[i] as SampleEvent]) ?? 0;
    if (rate > threshold) stop = null;
    else stop ??= (samples[i - 1] as SampleEvent).t;
  }
  return stop;
}

/** Records the tree for `spanMs` while something is going on, and returns the samples. */
async function span(ctx: RuleContext, spanMs: number, why: string): Promise<SampleEvent[]> {
  const rec = ctx.process.record(why);
  await ctx.watch(spanMs, why);
  return rec.stop();
}

/** How often the completed call is sampled: a short run may last a tenth of a second, and its own
 *  process must be seen (a sample costs about 0.3 ms of the suite's CPU, so 3 % of a core meanwhile). */
export const CONTROL_SAMPLE_MS = 10;

/** A completed short call, recorded: what a call's own processes do when the call ends. */
async function completedCall(
  ctx: RuleContext,
): Promise<{ control: { before: SampleEvent; during: SampleEvent[] } | null; noControl?: string }> {
  if (!ctx.discovery.slowTool?.shortArgs)
    return { control: null, noControl: 'no short run of the slow tool completes to compare with' };
  const before = ctx.process.sample('before a completed call: what the server keeps without it');
  const rec = ctx.process.record('a completed call running: the processes it starts', CONTROL_SAMPLE_MS);
  const done = await ctx.awaitShort(await ctx.startSlow({ run: 'short', progress: false }));
  const during = rec.stop();
  if (!before || !done.answer)
    return { control: null, noControl: `a short run did not complete within ${done.waitedMs} ms` };
  return { control: { before, during } };
}

/** The tree's CPU time before, during and after a cancelled call, and what it shows. */
interface CpuSpans {
  idle: SampleEvent[];
  running: SampleEvent[];
  after: SampleEvent[];
  cancelAt: number;
  raceEnd: number;
  windowEnd: number;
  intervalMs: number;
  noProgress: string;
}

/** CANCEL-RECV-STOP-PROCESSING from the tree's CPU time alone. */
export function judgeCpu(c: CpuSpans): Outcome {
  const { idle, running, after, noProgress } = c;
  const post = after.filter((e) => e.t >= c.raceEnd);
  const idleHalves = halfRates(idle);
  const workHalves = halfRates(running);
  const postHalves = halfRates(post);
  if (!idleHalves || !workHalves || !postHalves)
    return { kind: 'inconclusive', summary: "too few samples of the target's processes to compare" };
  // Idle at its busiest, work at its steadiest: a separation that holds for both is clear.
  const idleRate = Math.max(...idleHalves);
  const workRate = Math.min(...workHalves);
  const postRate = cpuRate(post) ?? 0;
  const metrics = {
    idleCpuMsPerS: ms(idleRate),
    workingCpuMsPerS: ms(workRate),
    afterCancelCpuMsPerS: ms(postRate),
    windowMs: ms(c.windowEnd - c.cancelAt),
  };
  const rates = `${metrics.workingCpuMsPerS} ms of CPU per second while the call ran, ${metrics.idleCpuMsPerS} idle`;
  // Work is a rate clearly apart from idle: the same test for the call running and after the cancel.
  const isWork = (rate: number): boolean =>
    rate >= idleRate + WORK_FLOOR_MS_PER_S && rate >= WORK_OVER_IDLE * idleRate;
  if (!isWork(workRate))
    return {
      kind: 'untestable',
      summary: `${noProgress}, and its CPU time does not show its work either (${rates})`,
      metrics,
    };
  const shareOf = (rate: number): number => (rate - idleRate) / (workRate - idleRate);
  // Kept working: in both halves after the race window, at half the working rate or clearly apart
  // from idle (a loaded machine gives a working process a share of a core that varies from one
  // second to the next, so a rate measured before the cancel is no exact yardstick after it);
  // stopped: in the later half at least.
  const share = shareOf(Math.min(...postHalves));
  const kept = share >= KEPT_SHARE || isWork(Math.min(...postHalves));
  const evidence = [idle[0], running[0], post[0], post.at(-1)].filter(
    (e): e is SampleEvent => e !== undefined,
  );
  if (kept)
    return {
      kind: 'violation',
      // Still working at the end of the window: the stop latency is at least that long.
      metrics: {
        ...metrics,
        stopLatencyMs: metrics.windowMs,
        cpuStopLatencyMs: metrics.windowMs,
        stillWorking: 1,
      },
      summary: `kept working: ${metrics.afterCancelCpuMsPerS} ms of CPU per second after the server had read the cancel (${rates})`,
      expected: "the target's CPU rate falls back to idle once the cancel has been read",
      actual: `from ${ms(c.raceEnd - c.cancelAt)} to ${metrics.windowMs} ms after the cancel its process tree used ${metrics.afterCancelCpuMsPerS} ms of CPU per second: ${Math.round(share * 100)} % of the working rate above idle`,
      evidence,
    };
  if (shareOf(postHalves[1]) > STOPPED_SHARE)
    return {
      kind: 'inconclusive',
      summary: `after the cancel the CPU rate (${metrics.afterCancelCpuMsPerS} ms per second) is neither idle nor working (${rates})`,
      metrics,
      evidence,
    };
  const stopAt = cpuStopAt(after, idleRate + (workRate - idleRate) / 2);
  const cpuStopLatencyMs = ms(Math.max(0, (stopAt ?? c.raceEnd) - c.cancelAt));
  return {
    kind: 'pass',
    summary: `work stopped: the CPU rate was back at idle ${cpuStopLatencyMs} ms after the cancel, to a sample of ${c.intervalMs} ms (${rates}, ${metrics.afterCancelCpuMsPerS} after the cancel)`,
    metrics: { ...metrics, stopLatencyMs: cpuStopLatencyMs, cpuStopLatencyMs },
    evidence,
  };
}

/**
 * One verdict from the CPU time and the call's own processes: work seen going on in either is a
 * violation; then an ambiguous CPU rate stays inconclusive; then work seen stopping in either passes;
 * then unclear processes are inconclusive; else the CPU judgement stands (untestable: nothing shows).
 */
export function combine(cpu: Outcome, child: ChildFinding, cancelAt: number): Outcome {
  const metrics = { ...cpu.metrics };
  if (child.kind === 'kept') {
    if (cpu.kind === 'violation')
      return {
        ...cpu,
        actual: `${cpu.actual}; ${child.actual}`,
        evidence: [...(cpu.evidence ?? []), ...child.evidence],
      };
    const windowMs = metrics.windowMs ?? 0;
    return {
      kind: 'violation',
      summary: `kept working: ${child.summary}, after the server had read the cancel`,
      expected:
        'the processes a call started end (or stop working) once its cancel has been read, as a completed call’s do',
      actual: child.actual,
      metrics: {
        ...metrics,
        stopLatencyMs: windowMs,
        childStopLatencyMs: windowMs,
        processesAfterCancel: child.processes,
        stillWorking: 1,
      },
      evidence: child.evidence,
    };
  }
  if (cpu.kind === 'violation' || cpu.kind === 'inconclusive') return cpu;
  if (cpu.kind === 'pass')
    return child.kind === 'stopped' ? { ...cpu, summary: `${cpu.summary}; ${child.summary}` } : cpu;
  if (child.kind === 'stopped') {
    const latency = child.stopAt === null ? null : ms(Math.max(0, child.stopAt - cancelAt));
    return {
      kind: 'pass',
      summary: `work stopped: ${child.summary}${latency === null ? '' : ` ${latency} ms after the cancel`}`,
      metrics:
        latency === null ? metrics : { ...metrics, stopLatencyMs: latency, childStopLatencyMs: latency },
      evidence: child.evidence,
    };
  }
  if (child.kind === 'unclear')
    return {
      kind: 'inconclusive',
      summary: `${cpu.summary}; ${child.why}`,
      metrics,
      evidence: child.evidence,
    };
  return cpu;
}

/** CANCEL-RECV-STOP-PROCESSING for a call that shows no progress: the tree's CPU time and processes. */
export async function stopShownByCpu(ctx: RuleContext, noProgress: string): Promise<Outcome> {
  const unavailable = ctx.process.unavailable;
  if (unavailable) return { kind: 'untestable', summary: `${noProgress}; ${unavailable}` };
  const spanMs = ctx.silenceMs;
  const completed = await completedCall(ctx);
  const idle = await span(ctx, spanMs, 'the server idle: its CPU rate and processes without work');
  const call: SlowCall = await ctx.startSlow();
  const unfit = notInFlight(ctx, call);
  if (unfit) return unfit;
  const running = await span(ctx, spanMs, 'the call running: its CPU rate and processes at work');
  const rec = ctx.process.record('after the cancel');
  // A window twice the usual one: enough samples past the race window for two halves.
  const obs = await ctx.cancelAndObserve(call, { windowMs: 2 * spanMs });
  const after = rec.stop();
  const answered = notInFlight(ctx, call);
  if (answered && obs.responses.some((e) => e.t < obs.cancelAt)) return answered;
  const cpu = judgeCpu({
    idle,
    running,
    after,
    cancelAt: obs.cancelAt,
    raceEnd: obs.raceEnd,
    windowEnd: obs.windowEnd,
    intervalMs: ctx.process.intervalMs,
    noProgress,
  });
  const child = judgeChildren({ ...completed, idle, running, after, raceEnd: obs.raceEnd });
  return combine(cpu, child, obs.cancelAt);
}
