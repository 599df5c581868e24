// Tests of the CPU-rate arithmetic behind CANCEL-RECV-STOP-PROCESSING without progress: rates over a
// span, the two halves that tell steady work from a burst, and when the rate fell for good.

import { describe, expect, it } from 'vitest';
import type { SampleEvent } from '../../harness/api.js';
import { cpuRate, cpuStopAt, halfRates, judgeCpu } from './cpu-work.js';

/** Samples every 100 ms whose CPU time grows by the given ms per interval. */
function samples(perInterval: number[]): SampleEvent[] {
  let cpuMs = 0;
  return [0, ...perInterval].map((d, i) => {
    cpuMs += d;
    const t = i * 100;
    return {
      seq: i,
      t,
      dir: 'harness',
      kind: 'sample',
      text: '',
      sample: { t, cpuMs, rssKb: 0, fds: 0, threads: 1, processes: 1, descendants: [] },
    };
  });
}

describe('CPU rates', () => {
  it('cpuRate is CPU ms per second over the span; null with one sample', () => {
    expect(cpuRate(samples([50, 50, 50, 50]))).toBe(500);
    expect(cpuRate(samples([]))).toBeNull();
  });

  it('halfRates tells a steady rate from a burst', () => {
    expect(halfRates(samples([30, 30, 30, 30]))).toEqual([300, 300]);
    expect(halfRates(samples([120, 0, 0, 0]))).toEqual([600, 0]);
  });

  it('cpuStopAt is the start of the first interval after which the rate stays low', () => {
    expect(cpuStopAt(samples([50, 50, 0, 0, 0]), 250)).toBe(200);
    expect(cpuStopAt(samples([50, 0, 50, 0, 0]), 250)).toBe(300);
    expect(cpuStopAt(samples([50, 50, 50]), 250)).toBeNull();
  });
});

/** Samples every 100 ms from `t0`, CPU time growing by `perInterval` ms each interval. */
function from(t0: number, perInterval: number[]): SampleEvent[] {
  return samples(perInterval).map((e) => ({ ...e, t: e.t + t0, sample: { ...e.sample, t: e.t + t0 } }));
}

/** judgeCpu over an idle, a running and an after-the-cancel span of 10 intervals each (the cancel at 2000). */
function judge(idle: number, working: number, after: number[]) {
  const spans = {
    idle: from(0, Array<number>(10).fill(idle)),
    running: from(1000, Array<number>(10).fill(working)),
    after: from(2000, after),
    cancelAt: 2000,
    raceEnd: 2000,
    windowEnd: 2000 + 100 * after.length,
    intervalMs: 100,
    noProgress: 'no progress',
  };
  return judgeCpu(spans).kind;
}

describe('judgeCpu', () => {
  it('passes a rate back at idle, warns one that stays at the working rate', () => {
    expect(judge(0, 30, Array<number>(20).fill(0))).toBe('pass');
    expect(judge(0, 30, Array<number>(20).fill(30))).toBe('violation');
  });

  it('warns a rate clearly apart from idle in both halves, though under half the working rate in one', () => {
    // A loaded machine: 300 ms per second while the call ran, then 120 and 250 after the cancel.
    expect(judge(0, 30, [...Array<number>(10).fill(12), ...Array<number>(10).fill(25)])).toBe('violation');
  });

  it('is inconclusive on a rate after the cancel that is neither idle nor clearly work', () => {
    // Idle 20 ms per second, working 300: 110 after the cancel is more than a quarter of the working
    // rate above idle, and less than a tenth of a core above idle.
    expect(judge(2, 30, Array<number>(20).fill(11))).toBe('inconclusive');
  });

  it('is untestable when the call does not stand apart from idle', () => {
    expect(judge(5, 12, Array<number>(20).fill(0))).toBe('untestable');
  });
});
