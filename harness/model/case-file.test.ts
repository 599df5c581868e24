// Tests of the case-file model: a saved case passes, a damaged one does not, the JSON Schema is closed.

import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CASE_SCHEMA, CaseFile } from './case-file.js';

const saved: CaseFile = {
  caseVersion: 1,
  tool: 'mcp-cancel-conformance',
  rule: 'RPC-RESP-SAME-ID',
  invariant: 'no-stray-response',
  revision: '2025-11-25',
  seed: 7,
  slowTool: { name: 'slow', args: { seconds: 30 } },
  program: [
    { kind: 'request+cancel', id: '007', call: 'slow', progress: true, cancelFirst: true },
    { kind: 'wait', ms: 60_000 },
  ],
};

describe('CaseFile', () => {
  it('accepts a saved case, with or without a slow tool', () => {
    expect(CaseFile.safeParse(saved).success).toBe(true);
    expect(CaseFile.safeParse({ ...saved, slowTool: null, program: [] }).success).toBe(true);
  });

  it.each([
    ['an unknown member', { ...saved, extra: true }],
    ['a second case version', { ...saved, caseVersion: 2 }],
    [
      'a request with the handshake id',
      { ...saved, program: [{ kind: 'request', id: 1, call: 'fast', progress: false }] },
    ],
    [
      'a request with a harness ping id',
      { ...saved, program: [{ kind: 'request', id: 'mcc-x-1', call: 'fast', progress: false }] },
    ],
    ['a wait past a minute', { ...saved, program: [{ kind: 'wait', ms: 60_001 }] }],
    ['a slow tool without args', { ...saved, slowTool: { name: 'slow' } }],
  ])('refuses %s', (_what, value) => {
    expect(CaseFile.safeParse(value).success).toBe(false);
  });

  it('accepts every case file published in docs/interop', () => {
    const dir = resolve(import.meta.dirname, '../../docs/interop');
    const files = readdirSync(dir).filter((f) => f.includes('.case-') && f.endsWith('.json'));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      const result = CaseFile.safeParse(JSON.parse(readFileSync(resolve(dir, f), 'utf8')));
      expect(result.success, `${f}: ${JSON.stringify(result.error?.issues)}`).toBe(true);
    }
  });

  it('has a closed JSON Schema: every object names its members and refuses others', () => {
    expect(CASE_SCHEMA.additionalProperties).toBe(false);
    const text = JSON.stringify(CASE_SCHEMA);
    const named = text.match(/"properties":/g)?.length ?? 0;
    // Every object with named members (case, slow tool, each step kind) is closed.
    expect(named).toBeGreaterThanOrEqual(7);
    expect(text.match(/"additionalProperties":false/g)?.length).toBe(named);
  });
});
