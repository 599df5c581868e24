// Tests of the CPU-rate arithmetic behind CANCEL-RECV-STOP-PROCESSING without progress: rates over a
// span, the two halves that tell steady work from a burst, and when the rate fell for good.

import { describe, expect, it } from 'vitest';
import type { SampleEvent } from '../../harness/api.js';
import { cpuRate, cpuStopAt, halfRates } from './cpu-work.js';

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
