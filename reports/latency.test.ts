// Tests of the run's stop latency: the median and the worst over the results that measured one,
// how many the wire showed and how many the CPU time showed, and nothing when none did.

import { describe, expect, it } from 'vitest';
import type { Discovery } from '../harness/model/report.js';
import { describeStopLatencies, stopLatencies } from './latency.js';
import { sampleReport, sampleResult } from './sample.testlib.js';

describe('stopLatencies', () => {
  it('gives the median and the worst, and what showed each stop', () => {
    const report = sampleReport([
      sampleResult('A', 'pass', { metrics: { stopLatencyMs: 10 } }),
      sampleResult('B', 'warn', { metrics: { stopLatencyMs: 900 } }),
      sampleResult('C', 'pass', { metrics: { stopLatencyMs: 30, cpuStopLatencyMs: 30 } }),
      sampleResult('D', 'pass', { metrics: { stopLatencyMs: 20 } }),
      sampleResult('E', 'untestable'),
    ]);
    const s = stopLatencies(report);
    expect(s).toEqual({ cancels: 4, medianMs: 25, worstMs: 900, byWire: 3, byCpu: 1, stillWorking: 0 });
    expect(
      describeStopLatencies(
        s ?? { cancels: 0, medianMs: 0, worstMs: 0, byWire: 0, byCpu: 0, stillWorking: 0 },
      ),
    ).toBe(
      "stop latency over 4 cancels (3 shown on the wire, 1 by the CPU time of the target's processes): median 25 ms, worst 900 ms (information, not a verdict: the spec sets no time)",
    );
  });

  it('counts only the CPU time where the slow tool sends no progress, and says who was still working', () => {
    // Only the slow tool's progress flag matters here.
    const discovery = { slowTool: { progress: false } } as unknown as Discovery;
    const report = sampleReport(
      [
        sampleResult('A', 'pass', { metrics: { stopLatencyMs: 0 } }),
        sampleResult('B', 'warn', {
          metrics: { stopLatencyMs: 2000, cpuStopLatencyMs: 2000, stillWorking: 1 },
        }),
      ],
      { discovery },
    );
    const s = stopLatencies(report);
    expect(s).toMatchObject({ cancels: 1, worstMs: 2000, byWire: 0, byCpu: 1, stillWorking: 1 });
  });

  it('is null when no result measured a stop', () => {
    expect(stopLatencies(sampleReport([sampleResult('A', 'pass')]))).toBeNull();
  });
});
