// The GitHub Action end to end: the "run" step of action.yml, executed as GitHub would (its env
// filled from the inputs, GITHUB_ACTION_PATH, GITHUB_STEP_SUMMARY and GITHUB_OUTPUT pointed at
// temporary files), against the reference server and a broken fixture. The setup-node and install
// steps are what `npm ci && npm run build` already did for this test run.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { RunReport } from '../model/report.js';
import { annotations, splitWords } from './action.js';

const ROOT = resolve(import.meta.dirname, '../..');
const work = mkdtempSync(join(tmpdir(), 'mcc-action-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface ActionStep {
  id?: string;
  uses?: string;
  run?: string;
  env?: Record<string, string>;
}
interface Action {
  inputs: Record<string, { default?: string }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: ActionStep[] };
}
const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as Action;

/** Runs the action's "run" step with these inputs, as the GitHub runner would. */
function runStep(inputs: Record<string, string>, name: string) {
  const step = action.runs.steps.find((s) => s.id === 'run');
  if (!step?.run) throw new Error('action.yml has no step with id "run"');
  const value = (name: string) => inputs[name] ?? action.inputs[name]?.default ?? '';
  const env = Object.fromEntries(
    Object.entries(step.env ?? {}).map(([k, v]) => [
      k,
      v.replace(/\$\{\{\s*inputs\.([\w-]+)\s*\}\}/g, (_, n: string) => value(n)),
    ]),
  );
  const summary = join(work, `${name}-summary.md`);
  const output = join(work, `${name}-output.txt`);
  writeFileSync(summary, '');
  writeFileSync(output, '');
  const run = spawnSync('bash', ['-c', step.run], {
    cwd: join(work),
    encoding: 'utf8',
    timeout: 120_000,
    env: {
      ...process.env,
      ...env,
      NO_COLOR: '1',
      GITHUB_ACTION_PATH: ROOT,
      GITHUB_STEP_SUMMARY: summary,
      GITHUB_OUTPUT: output,
    },
  });
  const outputs = Object.fromEntries(
    readFileSync(output, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
  return { run, summary: readFileSync(summary, 'utf8'), outputs };
}

describe('action.yml', () => {
  it('is a composite action whose outputs are the ones its step writes', () => {
    expect(action.runs.using).toBe('composite');
    const written = ['outcome', 'conformant', 'exit-code', 'json', 'html', 'junit', 'markdown'];
    for (const [name, o] of Object.entries(action.outputs)) {
      expect(o.value).toBe(`\${{ steps.run.outputs.${name} }}`);
      expect(written).toContain(name);
    }
  });

  it(
    'on a conformant server: exit 0, summary written, no annotation, outcome CONFORMANT',
    { timeout: 150_000 },
    () => {
      const { run, summary, outputs } = runStep(
        {
          target: join(ROOT, 'dist/fixtures/conformant/reference-server.js'),
          args: '--rule PING-RESPOND-PROMPTLY --rule RPC-NOTIF-NO-RESPONSE --runs 0',
          'reports-dir': join(work, 'ok'),
        },
        'ok',
      );
      expect(run.status, run.stderr).toBe(0);
      expect(run.stdout).not.toMatch(/^::(error|warning)/m);
      expect(summary).toMatch(/CONFORMANT/);
      expect(outputs).toMatchObject({ outcome: 'CONFORMANT', conformant: 'true', 'exit-code': '0' });
      // Two rules at both revisions the reference server speaks.
      expect(JSON.parse(readFileSync(outputs.json ?? '', 'utf8')).results).toHaveLength(4);
    },
  );

  it(
    'on a broken server: exit 1, one annotation per failing rule, outcome NOT CONFORMANT',
    { timeout: 150_000 },
    () => {
      const { run, summary, outputs } = runStep(
        {
          target: join(ROOT, 'dist/fixtures/broken/replies-to-notifications.js'),
          args: "--rule 'RPC-NOTIF-NO-RESPONSE' --rule PING-RESPOND-PROMPTLY --runs 0",
          'reports-dir': join(work, 'broken'),
        },
        'broken',
      );
      expect(run.status, run.stderr).toBe(1);
      const lines = run.stdout.split('\n').filter((l) => l.startsWith('::'));
      expect(lines).toEqual([
        expect.stringMatching(
          /^::error title=RPC-NOTIF-NO-RESPONSE 2025-11-25 \(MUST NOT\)::answered a notification/,
        ),
      ]);
      expect(summary).toMatch(/NOT CONFORMANT/);
      expect(summary).toMatch(/RPC-NOTIF-NO-RESPONSE/);
      expect(outputs).toMatchObject({ outcome: 'NOT CONFORMANT', conformant: 'false', 'exit-code': '1' });
    },
  );

  it(
    'with expected-failures listing the broken rule: exit 0, a notice instead of an error',
    { timeout: 150_000 },
    () => {
      const baseline = join(work, 'baseline.yml');
      writeFileSync(baseline, 'server:\n  - RPC-NOTIF-NO-RESPONSE\n');
      const { run, outputs } = runStep(
        {
          target: join(ROOT, 'dist/fixtures/broken/replies-to-notifications.js'),
          args: '--rule RPC-NOTIF-NO-RESPONSE --runs 0',
          'expected-failures': baseline,
          'reports-dir': join(work, 'expected'),
        },
        'expected',
      );
      expect(run.status, run.stderr).toBe(0);
      const lines = run.stdout.split('\n').filter((l) => l.startsWith('::'));
      expect(lines).toEqual([
        expect.stringMatching(/^::notice title=RPC-NOTIF-NO-RESPONSE 2025-11-25 \(MUST NOT\)%2C expected::/),
      ]);
      expect(outputs).toMatchObject({
        outcome: 'CONFORMANT EXCEPT EXPECTED FAILURES',
        conformant: 'true',
        'exit-code': '0',
      });
    },
  );

  it('a target that cannot start: exit 3, the outcome says so', { timeout: 60_000 }, () => {
    const { run, outputs } = runStep(
      { target: join(ROOT, 'dist/fixtures/startup/exits-at-once.js'), 'reports-dir': join(work, 'dead') },
      'dead',
    );
    expect(run.status).toBe(3);
    expect(outputs).toMatchObject({ outcome: 'TARGET DID NOT START', 'exit-code': '3' });
  });
});

describe('splitWords', () => {
  it('splits like a shell for plain quoting', () => {
    expect(splitWords(`--rule 'CANCEL-*'  --slow-args "{\\"n\\": 1}" a\\ b`)).toEqual([
      '--rule',
      'CANCEL-*',
      '--slow-args',
      '{"n": 1}',
      'a b',
    ]);
    expect(splitWords('   ')).toEqual([]);
    expect(splitWords(`''`)).toEqual(['']);
    expect(() => splitWords(`'open`)).toThrow(/unbalanced/);
  });
});

describe('annotations', () => {
  it('escapes what GitHub would read as syntax', () => {
    const report = {
      results: [
        {
          rule: 'R-1',
          revision: '2025-11-25',
          level: 'SHOULD',
          verdict: 'warn',
          summary: '50% done\nthen, more: x',
          specUrl: 'u',
        },
        { rule: 'R-2', revision: '2025-11-25', level: 'MUST', verdict: 'pass', summary: 'ok', specUrl: 'u' },
      ],
    } as unknown as RunReport;
    expect(annotations(report)).toEqual([
      '::warning title=R-1 2025-11-25 (SHOULD)::50%25 done%0Athen, more: x (u)',
    ]);
  });
});
