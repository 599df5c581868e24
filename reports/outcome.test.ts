// The overall outcome decides every reporter's headline and must agree with the exit code.

import { describe, expect, it } from 'vitest';
import { escapeAttr, escapeText, failsTheRun, overallOutcome, visibleText } from './outcome.js';
import { sampleVerdictReport } from './sample.testlib.js';

describe('overallOutcome', () => {
  it.each([
    [['pass', 'pass'], false, true, 'pass', 'CONFORMANT'],
    [['pass', 'fail'], false, false, 'fail', 'NOT CONFORMANT'],
    [['pass', 'error'], false, false, 'fail', 'NOT CONFORMANT'],
    [['pass', 'warn'], false, true, 'warn', 'CONFORMANT WITH WARNINGS'],
    [['pass', 'warn'], true, false, 'fail', 'NOT CONFORMANT'],
    [['pass', 'untestable'], false, true, 'incomplete', 'NO VIOLATIONS FOUND, INCOMPLETE'],
    [
      ['pass', 'inconclusive', 'info', 'not-applicable'],
      false,
      true,
      'incomplete',
      'NO VIOLATIONS FOUND, INCOMPLETE',
    ],
    [['untestable', 'not-applicable'], false, true, 'empty', 'NOTHING TESTED'],
    [[], false, true, 'empty', 'NOTHING TESTED'],
    [['pass', 'info', 'not-applicable'], true, true, 'pass', 'CONFORMANT'],
  ] as const)('%j strict=%s → conformant %s, %s', (verdicts, strict, conformant, status, label) => {
    const o = overallOutcome(sampleVerdictReport([...verdicts], { strict }));
    expect(o).toMatchObject({ conformant, status, label });
  });

  it('says why, and counts passes against the judged results (info and n/a left out)', () => {
    const o = overallOutcome(
      sampleVerdictReport(['pass', 'pass', 'fail', 'warn', 'warn', 'untestable', 'info', 'not-applicable'], {
        strict: true,
      }),
    );
    expect(o.reasons).toEqual(['1 MUST violation', '2 SHOULD violations (--strict)', '1 untestable']);
    expect([o.passed, o.judged]).toEqual([2, 6]);
  });

  it('counts from the results, not from a stale counts field', () => {
    const r = sampleVerdictReport(['fail']);
    r.counts.fail = 0;
    expect(overallOutcome(r).conformant).toBe(false);
  });
});

describe('failsTheRun', () => {
  it('a fail or error fails the run, a warn only under --strict, and never one the baseline expects', () => {
    expect(failsTheRun({ verdict: 'fail' }, false)).toBe(true);
    expect(failsTheRun({ verdict: 'error' }, false)).toBe(true);
    expect(failsTheRun({ verdict: 'warn' }, false)).toBe(false);
    expect(failsTheRun({ verdict: 'warn' }, true)).toBe(true);
    expect(failsTheRun({ verdict: 'fail', expectedFailure: true }, false)).toBe(false);
    expect(failsTheRun({ verdict: 'warn', expectedFailure: true }, true)).toBe(false);
    expect(failsTheRun({ verdict: 'inconclusive' }, true)).toBe(false);
  });
});

describe('XML escaping', () => {
  it('turns characters XML 1.0 forbids into visible \\uXXXX text and keeps tab, LF, CR and astral characters', () => {
    expect(visibleText('a\u0007b\u0000c\u001bd\uFFFEe\uD800f\t\n\r😀')).toBe(
      'a\\u0007b\\u0000c\\u001bd\\ufffee\\ud800f\t\n\r😀',
    );
  });

  it('shows bidi controls instead of obeying them', () => {
    expect(visibleText('name\u202Eevil\u2066x')).toBe('name\\u202eevil\\u2066x');
  });

  it('escapes markup in text and quotes and line breaks in attributes', () => {
    expect(escapeText('<a>&]]>')).toBe('&lt;a&gt;&amp;]]&gt;');
    expect(escapeAttr(`"x'\ny`)).toBe('&quot;x&#39;&#10;y');
  });
});
