// Verdicts and levels as the page shows them: their order, words, colours, badges and the filter attributes.

import type { Keyword, Verdict } from '../../harness/model/protocol.js';
import { VERDICT_LABEL } from '../outcome.js';
import { esc } from './escape.js';

/** Worst first: the order of the header counts and the matrix legend. */
export const VERDICT_ORDER: readonly Verdict[] = [
  'fail',
  'error',
  'warn',
  'inconclusive',
  'untestable',
  'info',
  'pass',
  'not-applicable',
];
/** The verdict words every reporter shares (reports/outcome.ts). */
export const LABEL: Readonly<Record<Verdict, string>> = VERDICT_LABEL;
/** What each verdict means, for tooltips and the legend. */
export const MEANING: Record<Verdict, string> = {
  pass: 'the rule was exercised and the server behaved as the spec says',
  fail: 'a MUST / MUST NOT sentence was broken',
  warn: 'a SHOULD / SHOULD NOT sentence was broken',
  info: "a MAY sentence, or the suite's own measurement: reported, never a failure",
  untestable: 'the rule applies but could not be exercised; never a pass',
  'not-applicable': 'the rule does not exist for this revision or transport',
  inconclusive: 'the observation was ambiguous',
  error: 'the suite itself failed',
};

/** A level filter group: MUST, SHOULD or MAY. */
export type Level = 'MUST' | 'SHOULD' | 'MAY';
const LEVELS: readonly Level[] = ['MUST', 'SHOULD', 'MAY'];

// Why: the level filter groups MUST NOT with MUST, SHOULD NOT with SHOULD, and the INFORMATIVE
// measurement with MAY (both only ever inform).
function levelGroup(k: Keyword): Level {
  return k.startsWith('MUST') ? 'MUST' : k.startsWith('SHOULD') ? 'SHOULD' : 'MAY';
}

// Why: "only problems" hides what needs no attention: passes and rules that do not apply.
export function isProblem(v: Verdict): boolean {
  return v !== 'pass' && v !== 'not-applicable';
}

// Why: a verdict becomes a class name only when it is one the page knows (a hand-edited report cannot add markup).
export function vc(v: string): string {
  return Object.hasOwn(LABEL, v) ? v : 'error';
}

// Why: stable, target-independent ids for anchors.
export function resultId(index: number): string {
  return `r${index}`;
}

// Why: rule ids are long; a break opportunity after each hyphen keeps them on narrow screens.
export function ruleName(id: string): string {
  return esc(id).replace(/-/g, '-<wbr>');
}

// Why: the verdict as text on its colour (never colour alone).
export function badge(v: Verdict, extra = ''): string {
  return `<span class="badge v-${vc(v)}" title="${esc(MEANING[v] ?? v)}">${extra}${esc(LABEL[v] ?? v)}</span>`;
}

// Why: the badge without its tooltip, for the many passing cards (the matrix legend says what each means).
export function plainBadge(v: Verdict): string {
  return `<span class="badge v-${vc(v)}">${esc(LABEL[v] ?? v)}</span>`;
}

// Why: data attributes the filter script reads; they hold only fixed words.
export function filterAttrs(verdicts: readonly Verdict[], levels: readonly Keyword[]): string {
  const mine = new Set(levels.map(levelGroup));
  const groups = LEVELS.filter((l) => mine.has(l)).join(' ');
  return `data-f data-problem="${verdicts.some(isProblem) ? 1 : 0}" data-levels="${groups}"`;
}
