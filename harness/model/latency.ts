// The stop latency of a run, as information: over every cancel whose stop a rule measured (by its
// progress or response, by the CPU time of the target's processes, or by the end of a process the call
// started), the median and the worst.
// The spec gives no number; the figure is for people who expect a cancel to be quick. The rule
// CANCEL-STOP-LATENCY (suites/cancel-stop-latency.ts) reports it per revision; reports read its results.

import type { Discovery, RuleResult } from './report.js';

/** The id of the rule that reports these figures; reports find its results by it. */
export const STOP_LATENCY_RULE = 'CANCEL-STOP-LATENCY';

export interface StopLatencies {
  cancels: number;
  medianMs: number;
  worstMs: number;
  /** How many of them the wire showed (progress, response), the CPU time showed, and the end of a
   *  process the call started showed. */
  byWire: number;
  byCpu: number;
  byChild: number;
  /** How many were still working at the end of their window (their latency is at least that long). */
  stillWorking: number;
}

/** Stop latencies of the results that measured one; null when none did. */
export function stopLatencies(
  results: readonly RuleResult[],
  discovery: Discovery | null,
): StopLatencies | null {
  // Without progress, the wire shows no stop (silence after a cancel is not one): only the CPU time and
  // the call's own processes do.
  const wireShows = discovery?.slowTool?.progress !== false;
  const measured = results.flatMap((r) => {
    const v = r.metrics.stopLatencyMs;
    const cpu = typeof r.metrics.cpuStopLatencyMs === 'number';
    const child = !cpu && typeof r.metrics.childStopLatencyMs === 'number';
    if (typeof v !== 'number' || !Number.isFinite(v) || (!cpu && !child && !wireShows)) return [];
    return [{ v: Math.max(0, v), cpu, child, still: r.metrics.stillWorking === 1 }];
  });
  if (measured.length === 0) return null;
  const sorted = measured.map((m) => m.v).sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
  const byCpu = measured.filter((m) => m.cpu).length;
  const byChild = measured.filter((m) => m.child).length;
  return {
    cancels: measured.length,
    medianMs: Math.round(median),
    worstMs: Math.round(sorted[sorted.length - 1] ?? 0),
    byWire: measured.length - byCpu - byChild,
    byCpu,
    byChild,
    stillWorking: measured.filter((m) => m.still).length,
  };
}

/** The figures in one line (the summary of a CANCEL-STOP-LATENCY result). */
export function describeStopLatencies(s: StopLatencies): string {
  const how = [
    s.byWire > 0 ? `${s.byWire} shown on the wire` : '',
    s.byCpu > 0 ? `${s.byCpu} by the CPU time of the target's processes` : '',
    s.byChild > 0 ? `${s.byChild} by the end of a process the call started` : '',
  ].filter((x) => x !== '');
  const still =
    s.stillWorking > 0 ? ` (${s.stillWorking} still working at the end of the window: at least that)` : '';
  return `stop latency over ${s.cancels} cancel${s.cancels === 1 ? '' : 's'} (${how.join(', ')}): median ${s.medianMs} ms, worst ${s.worstMs} ms${still}`;
}
