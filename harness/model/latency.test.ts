// Tests of the stop latency over a run's results: the median and the worst over the results that
// measured one, how many the wire showed and how many the CPU time showed, and nothing when none did.

import { describe, expect, it } from 'vitest';
import { describeStopLatencies, stopLatencies } from './latency.js';
import type { Discovery, RuleResult } from './report.js';

/** A result carrying only what stopLatencies reads: its metrics. */
function result(metrics: Record<string, number> = {}): RuleResult {
  return {
    rule: 'CANCEL-NO-RESPONSE',
    level: 'SHOULD',
    revision: '2025-11-25',
    transport: 'stdio',
    verdict: 'pass',
    summary: 'ok',
    title: 'No response for a cancelled request',
    metrics,
    evidence: [],
    transcript: [],
    stderrTail: [],
    durationMs: 1,
  };
}

describe('stopLatencies', () => {
  it('gives the median and the worst, and what showed each stop', () => {
    const s = stopLatencies(
      [
        result({ stopLatencyMs: 10 }),
        result({ stopLatencyMs: 900 }),
        result({ stopLatencyMs: 30, cpuStopLatencyMs: 30 }),
        result({ stopLatencyMs: 20 }),
        result(),
      ],
      null,
    );
    expect(s).toEqual({
      cancels: 4,
      medianMs: 25,
      worstMs: 900,
      byWire: 3,
      byCpu: 1,
      byChild: 0,
      stillWorking: 0,
    });
    expect(
      describeStopLatencies(
        s ?? { cancels: 0, medianMs: 0, worstMs: 0, byWire: 0, byCpu: 0, byChild: 0, stillWorking: 0 },
      ),
    ).toBe(
      "stop latency over 4 cancels (3 shown on the wire, 1 by the CPU time of the target's processes): median 25 ms, worst 900 ms",
    );
  });

  it('counts only the CPU time where the slow tool sends no progress, and says who was still working', () => {
    // Only the slow tool's progress flag matters here.
    const discovery = { slowTool: { progress: false } } as unknown as Discovery;
    const s = stopLatencies(
      [
        result({ stopLatencyMs: 0 }),
        result({ stopLatencyMs: 2000, cpuStopLatencyMs: 2000, stillWorking: 1 }),
      ],
      discovery,
    );
    expect(s).toMatchObject({ cancels: 1, worstMs: 2000, byWire: 0, byCpu: 1, stillWorking: 1 });
    expect(describeStopLatencies(s as NonNullable<typeof s>)).toContain(
      '(1 still working at the end of the window: at least that)',
    );
  });

  it('counts a stop shown by the end of a process the call started, also for a tool without progress', () => {
    const discovery = { slowTool: { progress: false } } as unknown as Discovery;
    const s = stopLatencies(
      [
        result({ stopLatencyMs: 0 }),
        result({ stopLatencyMs: 35, childStopLatencyMs: 35 }),
        result({ stopLatencyMs: 1200, childStopLatencyMs: 1200, stillWorking: 1 }),
      ],
      discovery,
    );
    expect(s).toEqual({
      cancels: 2,
      medianMs: 618,
      worstMs: 1200,
      byWire: 0,
      byCpu: 0,
      byChild: 2,
      stillWorking: 1,
    });
    expect(describeStopLatencies(s as NonNullable<typeof s>)).toContain(
      '2 by the end of a process the call started',
    );
  });

  it('is null when no result measured a stop', () => {
    expect(stopLatencies([result()], null)).toBeNull();
    expect(stopLatencies([result({ stopLatencyMs: Number.NaN })], null)).toBeNull();
  });
});
