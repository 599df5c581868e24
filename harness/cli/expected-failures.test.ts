// --expected-failures and --write-baseline on the built command line, both ways: a listed result that
// still fails does not fail the run (and every report says it is expected); a listed result that now
// passes fails the run as stale; an entry naming no rule is a usage error before anything runs.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const CLI = join(ROOT, 'dist/harness/cli/main.js');
const BROKEN = join(ROOT, 'dist/fixtures/broken/replies-to-notifications.js');
const REFERENCE = join(ROOT, 'dist/fixtures/conformant/reference-server.js');
const RULES = [
  '--rule',
  'RPC-NOTIF-NO-RESPONSE',
  '--rule',
  'PING-RESPOND-PROMPTLY',
  '--runs',
  '0',
  '--revision',
  '2025-11-25',
];
const work = mkdtempSync(join(tmpdir(), 'mcc-expected-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const cli = (args: string[]) =>
  spawnSync(process.execPath, [CLI, ...args], {
    cwd: work,
    encoding: 'utf8',
    timeout: 90_000,
    env: { ...process.env, NO_COLOR: '1' },
  });
const file = (name: string, text: string) => {
  const path = join(work, name);
  writeFileSync(path, text);
  return path;
};

describe('--expected-failures', () => {
  it(
    'a listed failure that still fails: exit 0, shown as expected in every report',
    { timeout: 60_000 },
    () => {
      const baseline = file('b1.yml', 'server:\n  - RPC-NOTIF-NO-RESPONSE@2025-11-25\n');
      const run = cli([
        '--expected-failures',
        baseline,
        '--json',
        'r1.json',
        '--junit',
        'j1.xml',
        '--markdown',
        'm1.md',
        ...RULES,
        BROKEN,
      ]);
      expect(run.status, run.stdout + run.stderr).toBe(0);
      expect(run.stdout).toMatch(/FAIL \(expected\)\s+RPC-NOTIF-NO-RESPONSE/);
      expect(run.stdout).toMatch(/CONFORMANT EXCEPT EXPECTED FAILURES: 1 expected failure \(baseline\)/);
      const report = JSON.parse(readFileSync(join(work, 'r1.json'), 'utf8'));
      expect(report.baseline).toEqual({
        file: baseline,
        entries: ['RPC-NOTIF-NO-RESPONSE@2025-11-25'],
        stale: [],
      });
      const notif = report.results.find((r: { rule: string }) => r.rule === 'RPC-NOTIF-NO-RESPONSE');
      expect([notif.verdict, notif.expectedFailure]).toEqual(['fail', true]);
      expect(readFileSync(join(work, 'j1.xml'), 'utf8')).toMatch(
        /<skipped message="expected failure \(baseline\): FAIL \(expected\) \(MUST NOT\)/,
      );
      expect(readFileSync(join(work, 'm1.md'), 'utf8')).toContain('FAIL (expected) (MUST NOT)');
    },
  );

  it('without the baseline the same run fails (the entry is what makes it pass)', { timeout: 60_000 }, () => {
    expect(cli([...RULES, BROKEN]).status).toBe(1);
  });

  it(
    'a listed result that passes now: exit 1, the stale entry named in the terminal and the JUnit',
    { timeout: 60_000 },
    () => {
      const baseline = file('b2.yml', '# fixed since\nserver:\n  - RPC-NOTIF-NO-RESPONSE\n');
      const run = cli(['--expected-failures', baseline, '--junit', 'j2.xml', ...RULES, REFERENCE]);
      expect(run.status).toBe(1);
      expect(run.stdout).toMatch(
        /stale baseline entry RPC-NOTIF-NO-RESPONSE: its results pass now; remove it from the baseline/,
      );
      expect(run.stdout).toMatch(/NOT CONFORMANT: 1 stale baseline entry/);
      expect(readFileSync(join(work, 'j2.xml'), 'utf8')).toMatch(
        /<testcase[^>]*name="stale entry RPC-NOTIF-NO-RESPONSE"[\s\S]*?<failure[^>]*type="stale baseline"/,
      );
    },
  );

  it('an entry naming no rule: exit 2 and one line, before any target starts', { timeout: 30_000 }, () => {
    const baseline = file('b3.yml', 'server:\n  - CANCEL-NO-SUCH-RULE\n');
    const run = cli(['--expected-failures', baseline, ...RULES, BROKEN]);
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/'CANCEL-NO-SUCH-RULE' names no rule of this suite/),
    ]);
    expect(run.stdout).toBe('');
  });

  it('--write-baseline writes what fails now; the next run with it passes', { timeout: 90_000 }, () => {
    const first = cli(['--write-baseline', 'written.yml', ...RULES, BROKEN]);
    expect(first.status).toBe(1);
    expect(readFileSync(join(work, 'written.yml'), 'utf8')).toMatch(
      /server:\n\s+- RPC-NOTIF-NO-RESPONSE@2025-11-25\/stdio\n/,
    );
    expect(cli(['--expected-failures', 'written.yml', ...RULES, BROKEN]).status).toBe(0);
  });
});
