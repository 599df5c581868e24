// Tests of the soak's statistic: the Theil–Sen slope keeps a resource's per-call growth, and an
// outlier or two (a runtime's collector, a pool that grew once) does not move it.

import { describe, expect, it } from 'vitest';
import type { ProcessSample, SampleEvent } from '../../harness/api.js';
import { growth, kept, theilSen, type Series } from './soak.js';

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

/** A series of resident memory in MB, as a JVM showed it: base, one sample per call, final. */
function rssSeries(mb: number[]): Series {
  const at = (i: number, v: number): SampleEvent => {
    const e = event(i, 0);
    return { ...e, sample: { ...e.sample, rssKb: v * 1024 } };
  };
  return {
    base: at(0, mb[0] ?? 0),
    points: mb.slice(1, -1).map((v, i) => at(i + 1, v)),
    final: at(mb.length, mb.at(-1) ?? 0),
  };
}

describe('kept', () => {
  it('does not count a collected heap that settles at the same size in steps at other moments', () => {
    // Measured (jvm-server-busy, both cores loaded): the slopes differ by 8.8 MB per call, the levels not.
    const cancelled = rssSeries([
      145, 190, 198, 237, 254, 261, 267, 267, 267, 267, 267, 267, 267, 267, 267, 268, 428, 428, 428, 428, 428,
      428,
    ]);
    const completed = rssSeries([
      220, 267, 267, 333, 434, 435, 435, 435, 435, 435, 435, 435, 435, 435, 435, 436, 436, 436, 436, 436, 436,
      436,
    ]);
    const k = kept(cancelled, completed, 'rssKb', 21);
    expect(k.perCall).toBeGreaterThan(8 * 1024);
    expect(k.level).toBeLessThan(0);
    expect(k.leaked).toBe(false);
  });

  it('counts a leak of 2 MB per cancelled call on top of the same heap', () => {
    const heap = [
      145, 190, 198, 237, 254, 261, 267, 267, 267, 267, 267, 267, 267, 267, 267, 268, 428, 428, 428, 428, 428,
      428,
    ];
    const completed = rssSeries([
      220, 267, 267, 333, 434, 435, 435, 435, 435, 435, 435, 435, 435, 435, 435, 436, 436, 436, 436, 436, 436,
      436,
    ]);
    const leaking = rssSeries(heap.map((v, i) => v + 2 * Math.min(i, 20)));
    expect(kept(leaking, completed, 'rssKb', 21).leaked).toBe(true);
  });

  it('counts a descriptor per cancelled call against none per completed call', () => {
    const series = (per: number): Series => ({
      base: event(0, 20),
      points: [1, 2, 3, 4, 5, 6].map((i) => event(i, 20 + per * i)),
      final: event(9, 20 + per * 6),
    });
    expect(kept(series(1), series(0), 'fds', 6)).toEqual({ perCall: 1, total: 6, level: 6, leaked: true });
    expect(kept(series(0), series(0), 'fds', 6).leaked).toBe(false);
  });
});
