// Every reporter shows an exploration finding the same way: the shrunk program, how often it
// reproduced, the seed, and how to replay it; and the report with it stays valid against its schema.

import { describe, expect, it } from 'vitest';
import { validateReport, type RunReport } from '../harness/model/report.js';
import { renderHtml } from './html.js';
import { renderJunit } from './junit.js';
import { renderMarkdown } from './markdown.js';
import { sampleReport, sampleResult } from './sample.testlib.js';
import { renderTerminal } from './terminal.js';

const steps = [
  '1. one write: cancel 0, then request 0 fast',
  'then: cancel every long slow call still running, wait for the answers due, ping',
];

function report(): RunReport {
  const finding = sampleResult('CANCEL-IGNORE-INVALID', 'warn', {
    level: 'SHOULD',
    expected: 'a cancel naming an id no request has yet is ignored',
    actual: 'no response for 0 (fast)',
    exploration: {
      seed: 7,
      runs: 20,
      invariant: 'answered-once',
      program: [{ kind: 'request+cancel', id: 0, call: 'fast', progress: false, cancelFirst: true }],
      steps,
      reproduced: 3,
      attempts: 3,
      shrinks: 21,
      caseFile: '/tmp/out/mcp-cancel-conformance-case-CANCEL-IGNORE-INVALID-7.json',
    },
  });
  return sampleReport([sampleResult('CANCEL-NO-RESPONSE', 'pass'), finding], {
    seed: 7,
    exploration: {
      seed: 7,
      runs: 20,
      revision: '2025-11-25',
      programs: 32,
      durationMs: 76_100,
      findings: 1,
      notes: [],
    },
  });
}

describe('an exploration finding in every report', () => {
  it('validates against the report schema, and a stray member does not', () => {
    const r = report();
    expect(validateReport(JSON.parse(JSON.stringify(r)))).toEqual({ valid: true, errors: [] });
    const bad = JSON.parse(JSON.stringify(r)) as { results: { exploration: { [k: string]: unknown } }[] };
    (bad.results[1] as { exploration: { [k: string]: unknown } }).exploration.extra = 1;
    expect(validateReport(bad).errors).toEqual(['/results/1/exploration: unexpected member extra']);
    const step = JSON.parse(JSON.stringify(r)) as { results: { exploration: { program: unknown[] } }[] };
    (step.results[1] as { exploration: { program: unknown[] } }).exploration.program = [{ kind: 'dance' }];
    expect(validateReport(step).valid).toBe(false);
  });

  it('terminal: the program, the reproductions and the replay command', () => {
    const text = renderTerminal(report(), { color: false, written: [] });
    expect(text).toContain('seed 7, shrunk 21 times, reproduced 3 of 3 re-runs');
    expect(text).toContain(steps[0]);
    expect(text).toContain(
      'mcp-cancel-conformance replay /tmp/out/mcp-cancel-conformance-case-CANCEL-IGNORE-INVALID-7.json',
    );
    expect(text).toContain('exploration: 32 programs at 2025-11-25 in 76.1 s, seed 7: 1 finding');
  });

  it('Markdown, JUnit and HTML show the program too', () => {
    const r = report();
    expect(renderMarkdown(r)).toContain(steps[0]);
    expect(renderMarkdown(r)).toContain('**Exploration:** 32 programs');
    expect(renderJunit(r)).toContain(steps[0]);
    expect(renderJunit(r)).toContain('Replay: mcp-cancel-conformance replay');
    const html = renderHtml(r);
    expect(html).toContain('Found by exploration');
    expect(html).toContain(steps[0]);
  });
});
