// The overall outcome of a run, shared by every reporter (JUnit, Markdown, badge, index) so that they
// never disagree with each other or with the exit code.
//
// Decision:
// - NOT CONFORMANT (`conformant: false`, exit code 1) when any result is `fail` (a MUST broken) or
//   `error` (the suite failed, so nothing proves the server right), or any `warn` under `--strict`.
// - Otherwise `conformant: true`, mirroring exit code 0, but the label stays honest about what was not
//   proved: SHOULD violations ("CONFORMANT WITH WARNINGS"), rules that applied but could not be
//   exercised or decided (untestable / inconclusive: "NO VIOLATIONS FOUND, INCOMPLETE"), and a run
//   that exercised nothing at all ("NOTHING TESTED"). Only a run where every rule that applied was
//   exercised and none was broken is plainly "CONFORMANT".
// - `info` (a MAY observation) and `not-applicable` never affect the outcome.
// - With --expected-failures, a result the baseline lists keeps its verdict but does not fail the run
//   ("CONFORMANT EXCEPT EXPECTED FAILURES" when nothing else is wrong); a stale entry (its results pass
//   now) fails the run until it is removed from the baseline.

import type { RunReport } from '../harness/model/report.js';
import type { Verdict } from '../harness/model/protocol.js';

/** Severity of the outcome, worst first; reporters pick colours and icons from it. */
export type OutcomeStatus = 'fail' | 'warn' | 'incomplete' | 'empty' | 'pass';

/** The outcome every reporter shows, decided once so that no two of them can disagree. */
export interface Outcome {
  /** No violation that fails the run: the same decision as the exit code (0 when true). */
  conformant: boolean;
  status: OutcomeStatus;
  /** Upper-case headline: CONFORMANT, CONFORMANT WITH WARNINGS, NOT CONFORMANT, … */
  label: string;
  /** Why the label is what it is, one short phrase each ("3 MUST violations", "1 untestable"). */
  reasons: string[];
  /** Results that were judged (every verdict except `info` and `not-applicable`). */
  judged: number;
  /** Of those, how many passed. */
  passed: number;
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Counts verdicts from the results themselves, so a report with stale `counts` cannot mislead. */
export function countVerdicts(report: RunReport): Record<Verdict, number> {
  const c: Record<Verdict, number> = {
    pass: 0,
    fail: 0,
    warn: 0,
    info: 0,
    untestable: 0,
    'not-applicable': 0,
    inconclusive: 0,
    error: 0,
  };
  for (const r of report.results) c[r.verdict]++;
  return c;
}

/**
 * Whether one result fails the run (exit code 1): a fail or an error, or a warn under --strict,
 * unless the --expected-failures baseline expects it. The CLI, the library, the vitest entry and every
 * reporter ask this one question.
 */
export function failsTheRun(r: { verdict: Verdict; expectedFailure?: true }, strict: boolean): boolean {
  return (
    !r.expectedFailure && (r.verdict === 'fail' || r.verdict === 'error' || (strict && r.verdict === 'warn'))
  );
}

/** Decides the run's outcome once, for every reporter (see the decision at the top of this file). */
export function overallOutcome(report: RunReport): Outcome {
  const c = countVerdicts(report);
  // Results the --expected-failures baseline lists keep their verdict but do not fail the run; an
  // entry of it that passes now (stale) does, until it is removed.
  const expected = report.results.filter((r) => r.expectedFailure === true);
  const live = (v: Verdict) => c[v] - expected.filter((r) => r.verdict === v).length;
  const stale = report.baseline?.stale.length ?? 0;
  const conformant = !report.results.some((r) => failsTheRun(r, report.strict)) && stale === 0;
  const reasons: string[] = [];
  if (live('fail') > 0) reasons.push(plural(live('fail'), 'MUST violation', 'MUST violations'));
  if (live('warn') > 0)
    reasons.push(
      plural(live('warn'), 'SHOULD violation', 'SHOULD violations') + (report.strict ? ' (--strict)' : ''),
    );
  if (expected.length > 0)
    reasons.push(plural(expected.length, 'expected failure', 'expected failures') + ' (baseline)');
  if (stale > 0) reasons.push(plural(stale, 'stale baseline entry', 'stale baseline entries'));
  if (c.error > 0) reasons.push(plural(c.error, 'suite error', 'suite errors'));
  if (c.untestable > 0) reasons.push(`${c.untestable} untestable`);
  if (c.inconclusive > 0) reasons.push(`${c.inconclusive} inconclusive`);
  const judged = c.pass + c.fail + c.warn + c.error + c.untestable + c.inconclusive;
  let status: OutcomeStatus;
  let label: string;
  if (!conformant) [status, label] = ['fail', 'NOT CONFORMANT'];
  else if (live('warn') > 0) [status, label] = ['warn', 'CONFORMANT WITH WARNINGS'];
  else if (expected.length > 0) [status, label] = ['warn', 'CONFORMANT EXCEPT EXPECTED FAILURES'];
  else if (c.pass === 0) [status, label] = ['empty', 'NOTHING TESTED'];
  else if (c.untestable + c.inconclusive > 0)
    [status, label] = ['incomplete', 'NO VIOLATIONS FOUND, INCOMPLETE'];
  else [status, label] = ['pass', 'CONFORMANT'];
  return { conformant, status, label, reasons, judged, passed: c.pass };
}

/** A result's verdict as every reporter words it: "FAIL", or "FAIL (expected)" when the baseline lists it. */
export function resultLabel(r: { verdict: Verdict; expectedFailure?: true }): string {
  return `${VERDICT_LABEL[r.verdict]}${r.expectedFailure ? ' (expected)' : ''}`;
}

/** What a report's baseline says, one line each: its file and counts, then every stale entry. */
export function baselineLines(report: RunReport): string[] {
  const b = report.baseline;
  if (!b) return [];
  const expected = report.results.filter((r) => r.expectedFailure).length;
  return [
    `baseline: ${b.file}: ${b.entries.length} ${b.entries.length === 1 ? 'entry' : 'entries'}, ${expected} expected ${expected === 1 ? 'failure' : 'failures'} still failing`,
    ...b.stale.map((e) => `stale baseline entry ${e}: its results pass now; remove it from the baseline`),
  ];
}

/** Upper-case verdict names, the same words the terminal prints, for every reporter. */
export const VERDICT_LABEL: Readonly<Record<Verdict, string>> = {
  pass: 'PASS',
  fail: 'FAIL',
  warn: 'WARN',
  info: 'INFO',
  untestable: 'UNTESTABLE',
  'not-applicable': 'N/A',
  inconclusive: 'INCONCLUSIVE',
  error: 'ERROR',
};

// Characters XML 1.0 forbids (C0 controls other than tab/LF/CR, U+FFFE/U+FFFF, lone surrogates), the
// C1 controls it discourages, and the invisible bidi controls that reorder the text around them (a server
// name with U+202E could make a report line read backwards). Target output can contain any of them.
const UNSAFE =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** The pattern of those characters, for the HTML report's script, which shows target text it draws the same way. */
export const UNSAFE_SOURCE = UNSAFE.source;

/** Makes any string safe to show in XML, HTML or Markdown: each character above becomes visible `\uXXXX`. */
export function visibleText(text: string): string {
  return text.replace(UNSAFE, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Escapes text content for XML and HTML (`>` too, so `]]>` can never appear). */
export function escapeText(text: string): string {
  return visibleText(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Escapes an attribute value (either quote style); line breaks and tabs survive attribute normalisation. */
export function escapeAttr(text: string): string {
  return escapeText(text)
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
}
