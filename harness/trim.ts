// Bounded transcripts for passing results: a report people keep in a repository (the published SDK
// matrix) does not need every message of every passing rule. A passing result keeps the start and the
// end of its session, its evidence and the suite's windows, and says how many events it kept of how
// many (`transcriptTrimmed`); every other result keeps its whole transcript, since that is the proof
// of what went wrong or what could not be decided. --full-transcripts keeps everything.

import type { RuleResult } from './model/report.js';

/** Events kept from each end of a passing result's transcript. */
export const TRIM_EDGE = 25;

/** The result with its transcript trimmed when it passed and is longer than the slice; else as is. */
export function trimTranscript(r: RuleResult, edge = TRIM_EDGE): RuleResult {
  if (r.verdict !== 'pass' || r.transcript.length <= 2 * edge) return r;
  const evidence = new Set(r.evidence);
  const last = r.transcript.length - edge;
  const kept = r.transcript.filter(
    (e, i) => i < edge || i >= last || evidence.has(e.seq) || e.kind === 'window',
  );
  if (kept.length === r.transcript.length) return r;
  return { ...r, transcript: kept, transcriptTrimmed: { kept: kept.length, total: r.transcript.length } };
}
