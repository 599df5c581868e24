// CANCEL-STOP-LATENCY over hand-built results: information with the figures where a stop was measured,
// untestable with what was missing where none was, and never a verdict of its own on the server.

import { describe, expect, it } from 'vitest';
import type { Discovery } from '../harness/api.js';
import rule from './cancel-stop-latency.js';

type Results = Parameters<NonNullable<typeof rule.measure>>[0];
type Result = Results[number];

/** A result with only what the measurement reads: its metrics and verdict. */
const result = (metrics: Record<string, number>, verdict: Result['verdict'] = 'pass'): Result => ({
  rule: 'CANCEL-NO-RESPONSE',
  level: 'SHOULD',
  revision: '2025-11-25',
  transport: 'stdio',
  verdict,
  summary: 'x',
  title: 'x',
  metrics,
  evidence: [],
  transcript: [],
  stderrTail: [],
  durationMs: 1,
});

/** Only the slow tool (its name and progress flag) and why there is none matter here. */
const discovery = (slowTool: { name: string; progress: boolean } | null, why?: string): Discovery =>
  ({ slowTool, slowToolWhy: why }) as unknown as Discovery;

const measure = (results: Results, d: Discovery) => {
  if (!rule.measure) throw new Error('CANCEL-STOP-LATENCY has no measure function');
  return rule.measure(results, d);
};

describe('CANCEL-STOP-LATENCY', () => {
  it('is the suite’s own measurement: level INFORMATIVE, marked not normative, judged over the others', () => {
    expect(rule.keyword).toBe('INFORMATIVE');
    expect(rule.judgedBy).toBe('measurement');
    expect(rule.quote).toMatch(
      /^Not normative: the spec sets no time\. A tutorial .* says "Cancellation should be \*\*fast\*\* \(< 1 second\)"\.$/,
    );
  });

  it('informs with the median, the worst and what showed each stop, a warning or failure included', () => {
    const o = measure(
      [
        result({ stopLatencyMs: 12 }),
        result({ stopLatencyMs: 1500 }, 'warn'),
        result({ stopLatencyMs: 40, cpuStopLatencyMs: 40 }),
      ],
      discovery({ name: 'slow', progress: true }),
    );
    expect(o.kind).toBe('info');
    expect(o.metrics).toEqual({
      cancels: 3,
      medianMs: 40,
      worstMs: 1500,
      byWire: 2,
      byCpu: 1,
      byChild: 0,
      stillWorking: 0,
    });
    expect(o.summary).toContain('median 40 ms, worst 1500 ms');
  });

  it('is untestable, saying what was missing, when no cancel measured a stop', () => {
    const none = measure([], discovery(null, 'no tool looks slow; name one with --slow-tool'));
    expect(none).toMatchObject({ kind: 'untestable', metrics: { cancels: 0 } });
    expect(none.summary).toContain('no slow tool to cancel: no tool looks slow; name one with --slow-tool');
    // A tool without progress: the wire's silence is no stop, and the CPU time showed none.
    const quiet = measure([result({ stopLatencyMs: 0 })], discovery({ name: 'crunch', progress: false }));
    expect(quiet.kind).toBe('untestable');
    expect(quiet.summary).toContain('the slow tool crunch sends no progress');
  });
});
