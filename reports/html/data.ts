// The page's one data block: what the script draws from (draw.ts) instead of the page carrying it as
// markup. Every result's transcript rows (transcript.ts); the body of a plain passing result (its quote,
// metrics and duration), since a report has many of those and they repeat the same sentences and links;
// and the stderr tails of passing results, each distinct tail once. A problem's card keeps everything in
// its own markup: it is the evidence, and it reads the same with or without the script.

import type { RuleResult } from '../../harness/model/report.js';
import { UNSAFE_SOURCE, visibleText } from '../outcome.js';
import { esc, specHref } from './escape.js';
import { metricValue, secs } from './numbers.js';
import { transcriptData, type TranscriptData } from './transcript.js';
import { isProblem, resultId } from './verdict.js';

/** The body of a passing card as the script draws it; strings index the page's `quotes` and `urls`. */
export interface CardData {
  /** The quoted sentence (`quotes`), captioned "Requirement" when `req` is 1, else "Spec". */
  q: number;
  req?: 1;
  /** The revision, shown before the link. */
  rev: string;
  /** The spec link (`urls`); a link only when `a` is 1 (the spec site), else plain text. */
  u: number;
  a?: 1;
  /** Metrics as [name, value as shown]. */
  m: [string, string][];
  /** How long the rule took, as shown. */
  took: string;
}

/** The page's data block. */
export interface PageData {
  tx: Record<string, TranscriptData>;
  cards: Record<string, CardData>;
  quotes: string[];
  urls: string[];
  err: string[][];
  /** Labels of notes, windows and exits, which rows name by index. */
  labels: string[];
}

/**
 * Whether the script shows a result's stderr tail (after its transcript) rather than the card itself: so
 * for a passing result, whose tail is often the same start-up banner as the next one's.
 */
export function stderrInData(r: RuleResult): boolean {
  return !isProblem(r.verdict) && r.transcript.length > 0 && r.stderrTail.length > 0;
}

/**
 * Whether the script draws a card's body: a passing result with a transcript and nothing but a quote,
 * metrics and a duration (no requirement of its own, expected, actual or exploration finding).
 */
export function bodyInData(r: RuleResult): boolean {
  return (
    r.verdict === 'pass' &&
    r.transcript.length > 0 &&
    (r.requirement === undefined || r.requirement === r.quote) &&
    r.expected === undefined &&
    r.actual === undefined &&
    r.exploration === undefined
  );
}

/** Hands out one index per distinct value. */
function table<T>(): { list: T[]; index: (value: T) => number } {
  const list: T[] = [];
  const seen = new Map<string, number>();
  return {
    list,
    index(value) {
      const key = JSON.stringify(value);
      let i = seen.get(key);
      if (i === undefined) seen.set(key, (i = list.push(value) - 1));
      return i;
    },
  };
}

/** The page's data; every string made visible (no control or bidi character), to be put in as text. */
export function pageData(results: readonly RuleResult[]): PageData {
  const tx: Record<string, TranscriptData> = {};
  const cards: Record<string, CardData> = {};
  const quotes = table<string>();
  const urls = table<string>();
  const err = table<string[]>();
  const labels = table<string>();
  results.forEach((r, i) => {
    const d = transcriptData(r, labels.index);
    if (!d) return;
    const rid = resultId(i);
    if (stderrInData(r)) d.err = err.index(r.stderrTail.map(visibleText));
    tx[rid] = d;
    if (!bodyInData(r)) return;
    const quote = r.quote ?? '';
    const href = specHref(r.specUrl ?? '');
    cards[rid] = {
      q: quotes.index(visibleText(quote)),
      ...(r.requirement === r.quote ? { req: 1 as const } : {}),
      rev: visibleText(r.revision),
      u: urls.index(visibleText(href ?? r.specUrl ?? '')),
      ...(href ? { a: 1 as const } : {}),
      m: Object.keys(r.metrics).map((n): [string, string] => [
        visibleText(n),
        metricValue(n, r.metrics[n] ?? NaN),
      ]),
      took: secs(r.durationMs),
    };
  });
  return { tx, cards, quotes: quotes.list, urls: urls.list, err: err.list, labels: labels.list };
}

/** Characters the data block writes as \u escapes: markup's, the line separators, and the unsafe ones. */
const IN_DATA = new RegExp(`[<>&\\u2028\\u2029]|${UNSAFE_SOURCE}`, 'g');

// Why: the data goes into the page inside a <script type="application/json"> that nothing executes; with
// < > & written as \u escapes no string in it can end that element or open another, with the control and
// bidi characters so escaped none of them is in the page's text at all, and JSON.parse reads it back
// unchanged (the script makes them visible where it shows them).
export function dataBlock(id: string, value: unknown): string {
  const json = JSON.stringify(value).replace(
    IN_DATA,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return `<script type="application/json" id="${esc(id)}">${json}</script>`;
}
