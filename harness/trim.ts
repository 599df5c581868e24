// Bounded transcripts, so reports stay small enough to keep in a repository (the published SDK
// matrix) and to open at once. Every trimmed result says so (`transcriptTrimmed`: kept of total).
// - 'full' (--full-transcripts): everything.
// - 'passing' (the default): a passing result keeps its evidence, the suite's windows, the target's
//   exit and the last protocol messages of its session; stderr lives on in `stderrTail`,
//   cut to its last lines. Every other result keeps its whole transcript: it is the proof of what went
//   wrong or could not be decided.
// - 'compact' (--compact-transcripts, what the published SDK matrix uses): a passing result keeps what
//   shows it passed: its evidence, the first and last cancel the client sent and the first and last of
//   the suite's windows, its notes, its last message and its last event, and the last 2 lines of
//   stderr; every other result keeps the story
//   around its evidence (the events just before and after each evidence event), the start and end of
//   its session, its windows and exit, and the last 10 lines of stderr.
// Event times (and a window's bounds, a sample's time) are rounded to 10 µs in every mode but 'full': the
// clock's last digits are noise.

import type { TranscriptEvent } from './model/transcript.js';
import type { RuleResult } from './model/report.js';

export type TranscriptPolicy = 'full' | 'passing' | 'compact';

/** Protocol messages kept from the end of a passing result's session (its handshake is every result's). */
export const PASS_EDGE = 6;
/** Protocol messages kept from the end of a passing result's session in 'compact'. */
export const COMPACT_PASS_EDGE = 1;
/** Client cancels a passing result keeps in 'compact': the first and last half of these (a race rule sends hundreds). */
export const COMPACT_PASS_CANCELS = 2;
/** stderr lines a passing result keeps in `stderrTail` ('passing'; 'compact'). */
export const PASS_STDERR = 5;
export const COMPACT_PASS_STDERR = 2;
/** Events kept from each end of a non-passing result's session, and around each evidence event, in 'compact'. */
export const STORY_EDGE = 6;
export const STORY_CONTEXT = 4;
/** stderr lines a non-passing result keeps in 'compact' (a crash's last lines; `--full-transcripts` keeps 40). */
export const COMPACT_STORY_STDERR = 10;
/** Windows a passing result keeps in 'compact': the first and last half of these. */
export const COMPACT_PASS_WINDOWS = 2;

const to10us = (ms: number): number => Math.round(ms * 100) / 100;
const rounded = (e: TranscriptEvent): TranscriptEvent => ({
  ...e,
  t: to10us(e.t),
  ...(e.from !== undefined ? { from: to10us(e.from) } : {}),
  ...(e.to !== undefined ? { to: to10us(e.to) } : {}),
  ...(e.sample !== undefined ? { sample: { ...e.sample, t: to10us(e.sample.t) } } : {}),
});

/** A notifications/cancelled the client sent: what a cancellation rule is about. */
const isClientCancel = (e: TranscriptEvent): boolean =>
  e.dir === 'client' &&
  e.kind === 'message' &&
  typeof e.message === 'object' &&
  e.message !== null &&
  !Array.isArray(e.message) &&
  e.message.method === 'notifications/cancelled';

/** Always kept: what proves the verdict and what the suite itself marked. */
const essential = (e: TranscriptEvent, evidence: Set<number>) =>
  evidence.has(e.seq) || e.kind === 'window' || e.kind === 'exit' || e.kind === 'note';

/** Positions of the events that match: all of them, or the first and last `most / 2` when there are more. */
function firstAndLast(
  all: TranscriptEvent[],
  match: (e: TranscriptEvent) => boolean,
  most: number,
): Set<number> {
  const at = all.flatMap((e, i) => (match(e) ? [i] : []));
  return new Set(at.length <= most ? at : [...at.slice(0, most / 2), ...at.slice(-most / 2)]);
}

/** The result as a report keeps it under `policy`. */
export function trimTranscript(r: RuleResult, policy: TranscriptPolicy): RuleResult {
  if (policy === 'full') return r;
  const evidence = new Set(r.evidence);
  const all = r.transcript;
  let keep: (e: TranscriptEvent, i: number) => boolean;
  if (r.verdict === 'pass' && policy === 'compact') {
    const messages = all.flatMap((e, i) => (e.kind === 'message' ? [i] : []));
    const edges = new Set(messages.slice(-COMPACT_PASS_EDGE));
    const someCancels = firstAndLast(all, isClientCancel, COMPACT_PASS_CANCELS);
    const someWindows = firstAndLast(all, (e) => e.kind === 'window', COMPACT_PASS_WINDOWS);
    keep = (e, i) =>
      evidence.has(e.seq) ||
      someWindows.has(i) ||
      e.kind === 'note' ||
      someCancels.has(i) ||
      edges.has(i) ||
      i === all.length - 1;
  } else if (r.verdict === 'pass') {
    const messages = all.flatMap((e, i) => (e.kind === 'message' ? [i] : []));
    const edges = new Set(messages.slice(-PASS_EDGE));
    keep = (e, i) => essential(e, evidence) || edges.has(i);
  } else if (policy === 'compact') {
    const near = new Set<number>();
    all.forEach((e, i) => {
      if (!evidence.has(e.seq)) return;
      for (let j = i - STORY_CONTEXT; j <= i + STORY_CONTEXT; j++) near.add(j);
    });
    keep = (e, i) => essential(e, evidence) || i < STORY_EDGE || i >= all.length - STORY_EDGE || near.has(i);
  } else keep = () => true;
  const kept = all.filter(keep).map(rounded);
  const stderrLines = policy === 'compact' ? COMPACT_PASS_STDERR : PASS_STDERR;
  const stderrTail =
    r.verdict === 'pass'
      ? r.stderrTail.slice(-stderrLines)
      : policy === 'compact'
        ? r.stderrTail.slice(-COMPACT_STORY_STDERR)
        : r.stderrTail;
  if (kept.length === all.length) return { ...r, transcript: kept, stderrTail };
  return { ...r, transcript: kept, stderrTail, transcriptTrimmed: { kept: kept.length, total: all.length } };
}
