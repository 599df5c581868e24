// JUnit XML on fixed reports: parsed back with a real XML parser, counted, and fed hostile strings.

import { DOMParser } from '@xmldom/xmldom';
import { describe, expect, it } from 'vitest';
import type { RuleResult, RunReport } from '../harness/model/report.js';
import type { Verdict } from '../harness/model/protocol.js';
import { JUNIT_MAPPING, renderJunit } from './junit.js';
import { type ReportOverrides, sampleReport, sampleResult } from './sample.testlib.js';

type Doc = ReturnType<DOMParser['parseFromString']>;
type El = ReturnType<Doc['getElementsByTagName']>[number];

/** Results as this file reads them: the summary says the verdict, and each took 1.5 s. */
function result(rule: string, verdict: Verdict, extra: Partial<RuleResult> = {}): RuleResult {
  return sampleResult(rule, verdict, { summary: `${rule} was ${verdict}`, durationMs: 1500, ...extra });
}

/** A report over two revisions that took 9.876 s. */
function report(results: RuleResult[], extra: ReportOverrides = {}): RunReport {
  return sampleReport(results, {
    target: { revisions: ['2025-06-18', '2025-11-25'] },
    durationMs: 9876,
    ...extra,
  });
}

const failed = result('CANCEL-RACE-GRACEFUL', 'fail', {
  specUrl: 'https://modelcontextprotocol.io/specification/2025-11-25/basic/utilities/cancellation#x',
  requirement: 'Both parties **MUST** handle these race conditions gracefully',
  expected: 'at most one response per id',
  actual: 'two responses for id 7',
  evidence: [1, 2],
  transcript: [
    { seq: 0, t: 1, dir: 'client', kind: 'message', message: { jsonrpc: '2.0', id: 7, method: 'ping' } },
    { seq: 1, t: 2.25, dir: 'server', kind: 'message', message: { jsonrpc: '2.0', id: 7, result: {} } },
    {
      seq: 2,
      t: 3.5,
      dir: 'server',
      kind: 'message',
      message: { jsonrpc: '2.0', id: 7, result: { again: true } },
    },
  ],
  stderrTail: ['boom', 'at line 3'],
});
const warned = result('CANCEL-NO-RESPONSE', 'warn', {
  level: 'SHOULD',
  expected: 'no response',
  actual: 'an error response',
});

function fullReport(strict = false): RunReport {
  return report(
    [
      result('CANCEL-NO-RESPONSE', 'pass', { revision: '2025-06-18' }),
      result('PROG-MONOTONIC', 'untestable', {
        revision: '2025-06-18',
        summary: 'no slow tool: pass --slow-tool',
      }),
      failed,
      warned,
      result('PING-RESPOND-PROMPTLY', 'pass'),
      result('CANCEL-SENDER-IGNORE-LATE-RESPONSE', 'not-applicable'),
      result('STDIO-STDOUT-ONLY-MCP', 'inconclusive'),
      result('MSG-SCHEMA-VALID', 'info', { level: 'MAY' }),
      result('PROG-STOP-AFTER-COMPLETION', 'error', { summary: 'the suite crashed: TypeError' }),
    ],
    { strict },
  );
}

/**
 * Parses XML and returns every problem: the parser's, plus what @xmldom/xmldom tolerates but XML 1.0
 * forbids (control characters, a bare `&`, `]]>` in text), so "no problems" means well-formed.
 */
function parse(xml: string): { doc: Doc; problems: string[] } {
  const problems: string[] = [];
  let doc: Doc | undefined;
  try {
    doc = new DOMParser({
      onError: (level, msg) => {
        if (level !== 'warning') problems.push(msg);
      },
    }).parseFromString(xml, 'text/xml');
  } catch (error) {
    problems.push(String(error));
  }
  // eslint-disable-next-line no-control-regex -- looking for control characters is the point
  const bad = xml.match(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/);
  if (bad) problems.push(`forbidden character U+${bad[0].charCodeAt(0).toString(16)}`);
  if (/&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);)/i.test(xml)) problems.push('bare &');
  if (xml.includes(']]>')) problems.push(']]> outside CDATA');
  if (!doc) throw new Error(problems.join('; '));
  return { doc, problems };
}

function all(node: Doc | El, tag: string): El[] {
  return Array.from(node.getElementsByTagName(tag));
}

function testcase(doc: Doc, rule: string, revision = '2025-11-25'): El {
  const found = all(doc, 'testcase').find(
    (t) =>
      (t.getAttribute('name') ?? '').startsWith(`${rule}:`) &&
      t.getAttribute('classname') === `mcp-cancel-conformance.${revision}`,
  );
  if (!found) throw new Error(`no testcase for ${rule}`);
  return found;
}

describe('renderJunit', () => {
  it('is well-formed, with one suite per revision whose counts match its test cases', () => {
    const { doc, problems } = parse(renderJunit(fullReport()));
    expect(problems).toEqual([]);
    const root = doc.documentElement;
    expect(root?.tagName).toBe('testsuites');
    expect(root?.getAttribute('tests')).toBe('9');
    expect(root?.getAttribute('time')).toBe('9.876');
    const suites = all(doc, 'testsuite');
    expect(suites.map((s) => s.getAttribute('name'))).toEqual([
      'mcp-cancel-conformance 2025-06-18 stdio',
      'mcp-cancel-conformance 2025-11-25 stdio',
    ]);
    for (const s of suites) {
      const cases = all(s, 'testcase');
      expect(s.getAttribute('tests')).toBe(String(cases.length));
      expect(s.getAttribute('failures')).toBe(String(all(s, 'failure').length));
      expect(s.getAttribute('errors')).toBe(String(all(s, 'error').length));
      expect(s.getAttribute('skipped')).toBe(String(all(s, 'skipped').length));
      expect(s.getAttribute('timestamp')).toBe('2026-11-20T10:11:12Z');
      expect(s.getAttribute('time')).toBe((cases.length * 1.5).toFixed(3));
    }
    expect(suites.map((s) => s.getAttribute('skipped'))).toEqual(['1', '2']);
    expect(suites[1]?.getAttribute('failures')).toBe('1');
    expect(suites[1]?.getAttribute('errors')).toBe('1');
  });

  it('names test cases by revision, rule id and title, with the time in seconds', () => {
    const { doc } = parse(renderJunit(fullReport()));
    const t = testcase(doc, 'CANCEL-RACE-GRACEFUL');
    expect(t.getAttribute('classname')).toBe('mcp-cancel-conformance.2025-11-25');
    expect(t.getAttribute('name')).toBe('CANCEL-RACE-GRACEFUL: Title of CANCEL-RACE-GRACEFUL');
    expect(t.getAttribute('time')).toBe('1.500');
  });

  it('gives a fail a <failure> with Requirement, Expected, Actual, Spec and the evidence events', () => {
    const { doc } = parse(renderJunit(fullReport()));
    const failure = all(testcase(doc, 'CANCEL-RACE-GRACEFUL'), 'failure')[0];
    expect(failure?.getAttribute('message')).toBe('CANCEL-RACE-GRACEFUL was fail');
    expect(failure?.getAttribute('type')).toBe('MUST');
    const body = failure?.textContent ?? '';
    expect(body).toContain('Requirement: Both parties **MUST** handle these race conditions gracefully');
    expect(body).toContain('Expected: at most one response per id');
    expect(body).toContain('Actual: two responses for id 7');
    expect(body).toContain(
      'Spec: https://modelcontextprotocol.io/specification/2025-11-25/basic/utilities/cancellation#x',
    );
    expect(body).toContain('2.3 ms ← {"jsonrpc":"2.0","id":7,"result":{}}');
    expect(body).toContain('{"again":true}');
    expect(body).not.toContain('"method":"ping"'); // not evidence
    expect(all(testcase(doc, 'CANCEL-RACE-GRACEFUL'), 'system-err')[0]?.textContent).toBe('boom\nat line 3');
  });

  it('keeps a warn passing but visible without --strict, and fails it under --strict', () => {
    const loose = parse(renderJunit(fullReport(false))).doc;
    const w = testcase(loose, 'CANCEL-NO-RESPONSE');
    expect(all(w, 'failure')).toHaveLength(0);
    const out = all(w, 'system-out')[0]?.textContent ?? '';
    expect(out.startsWith('WARN (SHOULD): CANCEL-NO-RESPONSE was warn')).toBe(true);
    expect(out).toContain('Actual: an error response');

    const strict = parse(renderJunit(fullReport(true))).doc;
    const failure = all(testcase(strict, 'CANCEL-NO-RESPONSE'), 'failure')[0];
    expect(failure?.getAttribute('type')).toBe('SHOULD');
    expect(failure?.textContent).toContain('Expected: no response');
    expect(all(strict, 'testsuite')[1]?.getAttribute('failures')).toBe('2');
    expect(strict.documentElement?.getAttribute('failures')).toBe('2');
  });

  it('skips what proved nothing, reports suite errors as <error>, and passes info with its output', () => {
    const { doc } = parse(renderJunit(fullReport()));
    expect(all(testcase(doc, 'PROG-MONOTONIC', '2025-06-18'), 'skipped')[0]?.getAttribute('message')).toBe(
      'untestable: no slow tool: pass --slow-tool',
    );
    expect(all(testcase(doc, 'CANCEL-SENDER-IGNORE-LATE-RESPONSE'), 'skipped')).toHaveLength(1);
    expect(all(testcase(doc, 'STDIO-STDOUT-ONLY-MCP'), 'skipped')[0]?.getAttribute('message')).toMatch(
      /^inconclusive: /,
    );
    const error = all(testcase(doc, 'PROG-STOP-AFTER-COMPLETION'), 'error')[0];
    expect(error?.getAttribute('message')).toBe('the suite crashed: TypeError');
    const info = testcase(doc, 'MSG-SCHEMA-VALID');
    expect(all(info, 'failure').length + all(info, 'skipped').length).toBe(0);
    expect(all(info, 'system-out')[0]?.textContent).toBe('INFO (MAY): MSG-SCHEMA-VALID was info');
  });

  it('stays well-formed with hostile strings and keeps them readable', () => {
    const hostile =
      'x ]]> <script>alert("&amp;")</script> & \u0007bell \u0000 \u001b[31m \ud800 \'q\'\nline2';
    const r = report([
      result('CANCEL-NO-RESPONSE', 'fail', {
        summary: hostile,
        title: hostile,
        actual: hostile,
        stderrTail: [hostile, '<![CDATA[ ]]>'],
        evidence: [0],
        transcript: [{ seq: 0, t: 1, dir: 'server', kind: 'non-json', text: hostile }],
      }),
    ]);
    r.target.serverInfo = { name: hostile, version: hostile };
    r.target.command = [hostile];
    const xml = renderJunit(r);
    const { doc, problems } = parse(xml);
    expect(problems).toEqual([]);
    const failure = all(doc, 'failure')[0];
    const shown =
      'x ]]> <script>alert("&amp;")</script> & \\u0007bell \\u0000 \\u001b[31m \\ud800 \'q\'\nline2';
    expect(failure?.getAttribute('message')).toBe(shown);
    expect(failure?.textContent).toContain(`Actual: ${shown}`);
    expect(all(doc, 'system-err')[0]?.textContent).toBe(`${shown}\n<![CDATA[ ]]>`);
    expect(all(doc, 'script')).toHaveLength(0);
    const server = all(doc, 'property').find((p) => p.getAttribute('name') === 'target.server');
    expect(server?.getAttribute('value')).toBe(`${shown} ${shown}`);
  });

  it('writes a suite per target revision for a report without results', () => {
    const { doc, problems } = parse(renderJunit(report([])));
    expect(problems).toEqual([]);
    expect(all(doc, 'testsuite').map((s) => s.getAttribute('tests'))).toEqual(['0', '0']);
  });
});

describe('JUNIT_MAPPING', () => {
  it('has one row per verdict, and only warn depends on --strict', () => {
    const verdicts: Verdict[] = [
      'pass',
      'fail',
      'warn',
      'info',
      'untestable',
      'not-applicable',
      'inconclusive',
      'error',
    ];
    expect(JUNIT_MAPPING.map((m) => m.verdict).sort()).toEqual([...verdicts].sort());
    expect(JUNIT_MAPPING.filter((m) => m.junit !== m.strict).map((m) => m.verdict)).toEqual(['warn']);
    expect(JUNIT_MAPPING.find((m) => m.verdict === 'fail')?.junit).toBe('<failure>');
    expect(JUNIT_MAPPING.find((m) => m.verdict === 'untestable')?.junit).toBe('<skipped>');
  });
});
