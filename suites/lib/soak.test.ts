// Tests of the soak's statistic: the Theil–Sen slope keeps a resource's per-call growth, and an
// outlier or two (a runtime's collector, a pool that grew once) does not move it.

import { describe, expect, it } from 'vitest';
import type { ProcessSample, SampleEvent } from '../../harness/api.js';
import { growth, theilSen } from './soak.js';

const event = (t: number, fds: number): SampleEvent => {
  const sample: ProcessSample = { t, cpuMs: 0, rssKb: 0, fds, threads: 1, processes: 1, descendants: [] };
  return { seq: t, t, dir: 'harness', kind: 'sample', text: '', sample };
};

describe('theilSen', () => {
  it('is the slope of a straight line, 0 for a flat one or too few points', () => {
    expect(theilSen([3, 4, 5, 6, 7])).toBe(1);
    expect(theilSen([9, 9, 9, 9])).toBe(0);
    expect(theilSen([4])).toBe(0);
  });

  it('is not moved by outliers: a jump at one call is no growth per call', () => {
    expect(theilSen([10, 10, 10, 40, 10, 10, 10, 10])).toBe(0);
    expect(theilSen([10, 11, 12, 13, 2, 15, 16, 17])).toBe(1);
  });
});

describe('growth', () => {
  it('gives the slope over the base and the calls, and the total from base to final', () => {
    const series = {
      base: event(0, 20),
      points: [1, 2, 3, 4].map((i) => event(i, 20 + i)),
      final: event(9, 24),
    };
    expect(growth(series, 'fds')).toEqual({ perCall: 1, total: 4 });
    expect(growth(series, 'threads')).toEqual({ perCall: 0, total: 0 });
  });
});
