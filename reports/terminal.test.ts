// The terminal summary is a pure function of the report: checked on a fixed report.

import { describe, expect, it } from 'vitest';
import type { RuleResult, RunReport } from '../harness/report/model.js';
import { validateReport } from '../harness/report/schema.js';
import { renderJson } from './json.js';
import { eventLine, renderTerminal } from './terminal.js';

function result(rule: string, verdict: RuleResult['verdict'], extra: Partial<RuleResult> = {}): RuleResult {
  return {
    rule,
    level: 'SHOULD',
    revision: '2025-11-25',
    transport: 'stdio',
    verdict,
    summary: `${rule} summary`,
    title: 'A title',
    quote: 'Receivers **SHOULD** …',
    specUrl: 'https://modelcontextprotocol.io/specification/2025-11-25/basic/utilities/cancellation',
    metrics: {},
    evidence: [],
    transcript: [],
    stderrTail: [],
    durationMs: 10,
    ...extra,
  };
}

function report(results: RuleResult[], strict = false): RunReport {
  const counts = {
    pass: 0,
    fail: 0,
    warn: 0,
    info: 0,
    untestable: 0,
    'not-applicable': 0,
    inconclusive: 0,
    error: 0,
  };
  for (const r of results) counts[r.verdict]++;
  return {
    schemaVersion: 1,
    tool: { name: 'mcp-cancel-conformance', version: '0.1.0' },
    target: {
      transport: 'stdio',
      command: ['node', 'server.js'],
      url: null,
      serverInfo: { name: 'srv', version: '2' },
      revisions: ['2025-11-25'],
    },
    discovery: null,
    seed: 42,
    strict,
    timeScale: 1,
    startedAt: '2026-11-20T00:00:00.000Z',
    durationMs: 1234,
    results,
    counts,
  };
}

const warned = result('CANCEL-NO-RESPONSE', 'warn', {
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
  it('lists every result with its verdict and shows Requirement / Expected / Actual and evidence for a warning', () => {
    const text = renderTerminal(report([result('PING-RESPOND-PROMPTLY', 'pass'), warned]), {
      color: false,
      written: ['/tmp/r.json'],
    });
    expect(text).toMatch(/PASS\s+PING-RESPOND-PROMPTLY\s+2025-11-25\s+PING-RESPOND-PROMPTLY summary/);
    expect(text).toMatch(/WARN\s+CANCEL-NO-RESPONSE/);
    expect(text).toContain('Requirement: Receivers **SHOULD** …');
    expect(text).toContain('Expected:    no response');
    expect(text).toContain('Actual:      error 0 after 1 ms');
    expect(text).toContain('← {"jsonrpc":"2.0","id":2,"error":{"code":0,"message":"x"}}');
    expect(text).not.toContain('notifications/cancelled'); // only the evidence events are shown
    expect(text).toContain('2 results: 1 pass, 1 warn · 1.2 s · seed 42');
    expect(text).toContain('no MUST violations (1 SHOULD violation(s): fail the run with --strict)');
    expect(text).toContain('report: /tmp/r.json');
    expect(text).not.toContain('\u001b[');
  });

  it('says NOT CONFORMANT for a failure, and for a warning under --strict', () => {
    expect(renderTerminal(report([result('X-Y', 'fail')]), { color: false, written: [] })).toContain(
      'NOT CONFORMANT',
    );
    expect(renderTerminal(report([warned], true), { color: false, written: [] })).toContain('NOT CONFORMANT');
  });

  it('colours only when asked', () => {
    expect(renderTerminal(report([warned]), { color: true, written: [] })).toContain('\u001b[33m');
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
    const r = report([warned]);
    const text = renderJson(r);
    expect(JSON.parse(text)).toEqual(r);
    expect(validateReport(JSON.parse(text)).errors).toEqual([]);
  });
});
