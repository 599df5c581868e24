// The index page on fixed reports: one row per run, one column per rule, links as given, escaping.

import { DOMParser } from '@xmldom/xmldom';
import { describe, expect, it } from 'vitest';
import type { RuleResult, RunReport } from '../harness/model/report.js';
import type { Revision, Verdict } from '../harness/model/protocol.js';
import { renderIndex } from './index-page.js';
import { sampleReport, sampleResult } from './sample.testlib.js';

type Doc = ReturnType<DOMParser['parseFromString']>;
type El = ReturnType<Doc['getElementsByTagName']>[number];

function result(rule: string, verdict: Verdict, revision: Revision = '2025-11-25'): RuleResult {
  return sampleResult(rule, verdict, { revision });
}

/** A run of server `name` 2.0.0, started as `node <name>.js`. */
function report(name: string, results: RuleResult[], revisions: Revision[] = ['2025-11-25']): RunReport {
  return sampleReport(results, {
    target: { command: ['node', `${name}.js`], serverInfo: { name, version: '2.0.0' }, revisions },
  });
}

const alpha = report('alpha', [
  result('PING-RESPOND-PROMPTLY', 'pass'),
  result('CANCEL-NO-RESPONSE', 'warn'),
]);
const beta = report(
  'beta',
  [
    result('CANCEL-RACE-GRACEFUL', 'fail', '2025-06-18'),
    result('CANCEL-RACE-GRACEFUL', 'pass'),
    result('CANCEL-NO-RESPONSE', 'pass', '2025-06-18'),
    result('CANCEL-NO-RESPONSE', 'untestable'),
  ],
  ['2025-06-18', '2025-11-25'],
);

function parse(html: string): Doc {
  return new DOMParser({
    onError: (level, msg) => {
      if (level !== 'warning') throw new Error(msg);
    },
  }).parseFromString(html, 'text/html');
}

function all(node: Doc | El, tag: string): El[] {
  return Array.from(node.getElementsByTagName(tag));
}

function text(node: El | undefined): string {
  return (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

function bodyRows(doc: Doc): El[] {
  return all(all(doc, 'tbody')[0] as El, 'tr');
}

describe('renderIndex', () => {
  const html = renderIndex([
    { report: alpha, href: 'alpha.html' },
    { report: beta, href: 'reports/beta.html' },
  ]);
  const doc = parse(html);

  it('is one self-contained page: CSP, inline style only, no scripts or loads', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain(
      `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    );
    expect(all(doc, 'script')).toHaveLength(0);
    expect(all(doc, 'link')).toHaveLength(0);
    expect(html).not.toMatch(/\ssrc=|@import|url\(/);
  });

  it('has a column per rule across all reports, alphabetical, and a row per report', () => {
    const heads = all(doc, 'th').filter((th) => th.getAttribute('class') === 'rule');
    expect(heads.map(text)).toEqual(['CANCEL-NO-RESPONSE', 'CANCEL-RACE-GRACEFUL', 'PING-RESPOND-PROMPTLY']);
    const rows = bodyRows(doc);
    expect(rows).toHaveLength(2);
    for (const row of rows) expect(all(row, 'td')).toHaveLength(3 + 3 + 1); // outcome, totals, revisions; rules; target
  });

  it('links each server name to its href exactly as given, with version, outcome, totals and revisions', () => {
    const [a, b] = bodyRows(doc);
    const links = [a, b].map((row) => all(row as El, 'a')[0]);
    expect(links.map((l) => l?.getAttribute('href'))).toEqual(['alpha.html', 'reports/beta.html']);
    expect(links.map(text)).toEqual(['alpha', 'beta']);
    expect(text(all(a as El, 'th')[0])).toBe('alpha 2.0.0');
    const cells = (row: El | undefined) => all(row as El, 'td').map(text);
    expect(cells(a).slice(0, 3)).toEqual(['! CONFORMANT WITH WARNINGS', '1 pass1 warn', '2025-11-25']);
    expect(cells(b).slice(0, 3)).toEqual([
      '✗ NOT CONFORMANT',
      '2 pass1 fail1 untestable',
      '2025-06-182025-11-25',
    ]);
  });

  it('shows one labelled verdict per revision in each cell, and marks rules a report did not run', () => {
    const [a, b] = bodyRows(doc).map((row) => all(row, 'td').slice(3, 6));
    expect(a?.map(text)).toEqual(['! WARN', '—not run', '✓ PASS']);
    expect(
      b?.map((cell) =>
        all(cell, 'span')
          .filter((s) => s.getAttribute('class')?.startsWith('v '))
          .map(text),
      ),
    ).toEqual([
      ['✓ PASS 2025-06-18', '⊘ UNTESTABLE 2025-11-25'],
      ['✗ FAIL 2025-06-18', '✓ PASS 2025-11-25'],
      [],
    ]);
    expect(text(b?.[2])).toBe('—not run');
    const chips = all(b?.[1] as El, 'span');
    expect(chips.map((c) => c.getAttribute('class'))).toEqual(['v v-fail', 'v v-pass']);
    expect(chips[0]?.getAttribute('title')).toBe(
      'CANCEL-RACE-GRACEFUL 2025-06-18 (MUST): FAIL, CANCEL-RACE-GRACEFUL fail',
    );
    // A pass is its verdict alone: the page of its report says the rest.
    expect(chips[1]?.getAttribute('title')).toBe('CANCEL-RACE-GRACEFUL 2025-11-25 (MUST): PASS');
  });

  it('shows results that read the same on several revisions as one chip naming them, ranges shortened', () => {
    const revs: Revision[] = ['2024-11-05', '2025-03-26', '2025-06-18', '2025-11-25', '2026-07-28'];
    const warn = (revision: Revision) => ({
      ...result('CANCEL-NO-RESPONSE', 'warn', revision),
      summary: 'late answer',
    });
    const r = report(
      'gamma',
      [
        ...revs.map((v) => result('PING-RESPOND-PROMPTLY', 'pass', v)),
        warn('2024-11-05'),
        result('CANCEL-NO-RESPONSE', 'pass', '2025-03-26'),
        warn('2025-06-18'),
        { ...warn('2025-11-25'), summary: 'another answer' },
        warn('2026-07-28'),
      ],
      revs,
    );
    const d = parse(renderIndex([{ report: r, href: 'gamma.html' }]));
    const [noResponse, ping] = all(bodyRows(d)[0] as El, 'td').slice(3, 5);
    const chips = (cell: El | undefined) =>
      all(cell as El, 'span').filter((s) => s.getAttribute('class')?.startsWith('v '));
    expect(chips(ping).map(text)).toEqual(['✓ PASS 2024-11-05 – 2026-07-28']);
    expect(chips(noResponse).map(text)).toEqual([
      '! WARN 2024-11-05, 2025-06-18, 2026-07-28',
      '✓ PASS 2025-03-26',
      '! WARN 2025-11-25',
    ]);
    expect(chips(ping)[0]?.getAttribute('title')).toBe(
      'PING-RESPOND-PROMPTLY 2024-11-05 – 2026-07-28 (MUST): PASS',
    );
    expect(chips(noResponse)[0]?.getAttribute('title')).toBe(
      'CANCEL-NO-RESPONSE 2024-11-05, 2025-06-18, 2026-07-28 (MUST): WARN, late answer',
    );
  });

  it('says nothing but N/A on the chip of a rule that does not apply: the report has the reason', () => {
    const revs: Revision[] = ['2025-06-18', '2025-11-25', '2026-07-28'];
    const absent = (revision: Revision) => ({
      ...result('CANCEL26-NO-FURTHER-MESSAGES', 'not-applicable', revision),
      summary: 'CANCEL26-NO-FURTHER-MESSAGES exists only in revision 2026-07-28',
    });
    const r = report(
      'delta',
      [
        absent('2025-06-18'),
        absent('2025-11-25'),
        result('CANCEL26-NO-FURTHER-MESSAGES', 'pass', '2026-07-28'),
      ],
      revs,
    );
    const cell = all(bodyRows(parse(renderIndex([{ report: r, href: 'delta.html' }])))[0] as El, 'td')[3];
    const chips = all(cell as El, 'span').filter((s) => s.getAttribute('class')?.startsWith('v '));
    expect(chips.map(text)).toEqual(['– N/A 2025-06-18, 2025-11-25', '✓ PASS 2026-07-28']);
    expect(chips[0]?.getAttribute('title')).toBe(
      'CANCEL26-NO-FURTHER-MESSAGES 2025-06-18, 2025-11-25 (MUST): N/A',
    );
  });

  it('counts per rule the runs that passed it on every revision', () => {
    const foot = all(all(doc, 'tfoot')[0] as El, 'td')
      .map(text)
      .filter((t) => t.includes('/'));
    expect(foot).toEqual(['0/2', '0/1', '1/1']);
  });

  it('escapes hostile names everywhere and attribute-escapes hrefs', () => {
    const evil = '<script>alert(1)</script>"&\'\u0007\u202e';
    const r = report(evil, [{ ...result('CANCEL-NO-RESPONSE', 'fail'), summary: evil }]);
    r.target.command = [evil];
    r.target.serverInfo = { name: evil, version: evil };
    const page = renderIndex([{ report: r, href: 'a"b<c>&d.html' }]);
    expect(page).not.toContain('<script>');
    expect(page).toContain('href="a&quot;b&lt;c&gt;&amp;d.html"');
    const d = parse(page);
    expect(all(bodyRows(d)[0] as El, 'a')[0]?.getAttribute('href')).toBe('a"b<c>&d.html');
    expect(text(all(bodyRows(d)[0] as El, 'a')[0])).toBe('<script>alert(1)</script>"&\'\\u0007\\u202e');
  });

  it('links only relative hrefs; a scheme or an authority leaves the name unlinked', () => {
    for (const href of [
      'javascript:alert(1)',
      'https://evil.example/',
      '//evil.example/x',
      'data:text/html,x',
    ]) {
      const page = renderIndex([{ report: alpha, href }]);
      expect(page).not.toContain(href);
      expect(text(all(bodyRows(parse(page))[0] as El, 'th')[0])).toBe('alpha 2.0.0');
    }
  });

  it('renders an empty list as a page that says so', () => {
    const page = renderIndex([]);
    expect(page).toContain('0 runs × 0 rules');
    expect(bodyRows(parse(page))).toHaveLength(0);
  });
});
