// The terminal summary is a pure function of the report: checked on a fixed report.

import { describe, expect, it } from 'vitest';
import { validateReport } from '../harness/model/report.js';
import { renderJson } from './json.js';
import { sampleReport, sampleResult } from './sample.testlib.js';
import { eventLine, renderTerminal } from './terminal.js';

const warned = sampleResult('CANCEL-NO-RESPONSE', 'warn', {
  level: 'SHOULD',
  quote: 'Receivers **SHOULD** …',
  expected: 'no response',
  actual: 'error 0 after 1 ms',
  requirement: 'Receivers **SHOULD** …',
  evidence: [1],
  transcript: [
    {
      seq: 0,
      t: 1,
      dir: 'client',
      kind: 'message',
      message: { jsonrpc: '2.0', method: 'notifications/cancelled' },
    },
    {
      seq: 1,
      t: 2.5,
      dir: 'server',
      kind: 'message',
      message: { jsonrpc: '2.0', id: 2, error: { code: 0, message: 'x' } },
    },
  ],
});

describe('renderTerminal', () => {
  it('sums up not-applicable results in one line per run instead of listing each', () => {
    const text = renderTerminal(
      sampleReport([
        sampleResult('CANCEL-NO-RESPONSE', 'pass', { summary: 'ok' }),
        sampleResult('CANCEL26-NO-FURTHER-MESSAGES', 'not-applicable', {
          summary: 'exists only in 2026-07-28',
        }),
        sampleResult('HTTP-NOTIF-202', 'not-applicable', { summary: 'applies only over http' }),
      ]),
      { color: false, written: [] },
    );
    expect(text).not.toContain('exists only in 2026-07-28');
    expect(text).toMatch(
      /not applicable \(another revision, transport or declared capability\): \S+: CANCEL26-NO-FURTHER-MESSAGES, HTTP-NOTIF-202/,
    );
    expect(text).toContain('3 results: 1 pass, 2 not-applicable');
  });

  it('lists every result with its verdict and shows Requirement / Expected / Actual and evidence for a warning', () => {
    const text = renderTerminal(
      sampleReport([
        sampleResult('PING-RESPOND-PROMPTLY', 'pass', { summary: 'PING-RESPOND-PROMPTLY summary' }),
        warned,
      ]),
      {
        color: false,
        written: ['/tmp/r.json'],
      },
    );
    expect(text).toMatch(/PASS\s+PING-RESPOND-PROMPTLY\s+2025-11-25\s+PING-RESPOND-PROMPTLY summary/);
    expect(text).toMatch(/WARN\s+CANCEL-NO-RESPONSE/);
    expect(text).toContain('Requirement: Receivers **SHOULD** …');
    expect(text).toContain('Expected:    no response');
    expect(text).toContain('Actual:      error 0 after 1 ms');
    expect(text).toContain('← {"jsonrpc":"2.0","id":2,"error":{"code":0,"message":"x"}}');
    expect(text).not.toContain('notifications/cancelled'); // only the evidence events are shown
    expect(text).toContain('2 results: 1 pass, 1 warn · 1.2 s · seed 42');
    expect(text).toContain(
      'CONFORMANT WITH WARNINGS: 1 SHOULD violation (SHOULD violations fail the run with --strict)',
    );
    expect(text).toContain('report: /tmp/r.json');
    expect(text).not.toContain('\u001b[');
  });

  it('says NOT CONFORMANT for a failure, and for a warning under --strict', () => {
    expect(
      renderTerminal(sampleReport([sampleResult('X-Y', 'fail')]), { color: false, written: [] }),
    ).toContain('NOT CONFORMANT');
    expect(renderTerminal(sampleReport([warned], { strict: true }), { color: false, written: [] })).toContain(
      'NOT CONFORMANT',
    );
  });

  it('colours only when asked', () => {
    expect(renderTerminal(sampleReport([warned]), { color: true, written: [] })).toContain('\u001b[33m');
  });
});

describe('eventLine', () => {
  it('shows time, direction and a bounded body', () => {
    const line = eventLine({ seq: 0, t: 12.345, dir: 'server', kind: 'non-json', text: 'x'.repeat(500) });
    expect(line).toMatch(/^\s+12\.3 ms ← \[non-json\] x+\.\.\.$/);
    expect(line.length).toBeLessThan(200);
  });
});

describe('renderJson', () => {
  it('writes a report that validates against the report schema and parses back equal', () => {
    const r = sampleReport([warned]);
    const text = renderJson(r);
    expect(JSON.parse(text)).toEqual(r);
    expect(validateReport(JSON.parse(text)).errors).toEqual([]);
  });

  it('writes the top levels one member a line and each result on a line of its own', () => {
    const r = sampleReport([warned, sampleResult('PROG-MONOTONIC', 'pass')]);
    const text = renderJson(r);
    expect(text.endsWith('}\n')).toBe(true);
    const lines = text.split('\n');
    expect(lines[0]).toBe('{');
    expect(lines).toContain('  "schemaVersion": 1,');
    expect(lines).toContain('  "results": [');
    // Each result is one line, compact, the same value as in the report.
    const results = lines.filter((l) => l.startsWith('    {"rule":'));
    expect(results).toHaveLength(2);
    expect(JSON.parse(results[0]!.replace(/,$/, ''))).toEqual(r.results[0]);
    expect(results[0]).not.toMatch(/": |, /);
    expect(text.length).toBeLessThan(JSON.stringify(r, null, 2).length);
  });
});
