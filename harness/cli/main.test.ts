// End-to-end bad-input tests of the BUILT command line (dist/harness/cli/main.js): every mistake
// ends with the documented exit code and ONE line on stderr (no stack trace), within bounded time,
// and no process of the target survives the run.

import { spawn, execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATALOG } from '../../suites/index.js';
import { delay } from '../timing.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CLI = join(root, 'dist', 'harness', 'cli', 'main.js');
const EXITS_AT_ONCE = 'dist/fixtures/startup/exits-at-once.js';
const NEVER_ANSWERS = 'dist/fixtures/startup/never-answers.js';
const IGNORES_SIGTERM = 'dist/fixtures/startup/ignores-sigterm.js';
/** Safety net for one CLI run; a correct CLI is done long before. */
const RUN_BOUND = 30_000;

interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Runs the built CLI; `mark` goes into the target's environment so survivors can be found. */
function runCli(args: string[], mark?: string): Promise<CliRun> {
  const argv = mark ? ['--env', `MCC_E2E_MARK=${mark}`, ...args] : args;
  const t0 = Date.now();
  return new Promise((res, rej) => {
    const child = spawn(process.execPath, [CLI, ...argv], {
      cwd: root,
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), RUN_BOUND);
    child.on('error', rej);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      res({ code, signal, stdout, stderr, ms: Date.now() - t0 });
    });
  });
}

/** The one stderr line of a failed run (asserts there is exactly one, and no stack trace). */
function oneLine(run: CliRun): string {
  expect(run.stderr).not.toContain('    at ');
  expect(run.stderr.endsWith('\n')).toBe(true);
  const lines = run.stderr.trimEnd().split('\n');
  expect(lines, `stderr: ${run.stderr}`).toHaveLength(1);
  const line = lines[0] ?? '';
  expect(line.startsWith('mcp-cancel-conformance: ')).toBe(true);
  return line;
}

/** Live (non-zombie) processes whose command line contains `needle` (ps -eo pid,args). */
function psMatches(needle: string): string[] {
  const out = execFileSync('ps', ['-eo', 'pid,stat,args'], { encoding: 'utf8' });
  return out
    .split('\n')
    .filter((l) => l.includes(needle) && !/^\s*\d+\s+Z/.test(l))
    .filter((l) => !/\bps -eo\b/.test(l));
}

/** Live processes that carry `mark` in their environment (children and grandchildren of a target). */
function marked(mark: string): number[] {
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((n) => /^\d+$/.test(n));
  } catch {
    return [];
  }
  return pids.flatMap((pid) => {
    try {
      return readFileSync(`/proc/${pid}/environ`, 'latin1').split('\0').includes(`MCC_E2E_MARK=${mark}`)
        ? [Number(pid)]
        : [];
    } catch {
      return [];
    }
  });
}

/**
 * Asserts that nothing of the target survives: a killed process is gone within moments, a survivor
 * stays forever, so a short poll decides without flaking. Survivors are found by the run's
 * environment mark, which only this run's targets carry (other tests run the same fixture files at
 * the same time, so a match on the command line alone would see their processes); `needle` is
 * checked too when it is unique to this run.
 */
async function expectNoSurvivors(mark: string, uniqueNeedle?: string): Promise<void> {
  const deadline = Date.now() + 5_000;
  let left: string[] = [];
  for (;;) {
    left = [
      ...(uniqueNeedle ? psMatches(uniqueNeedle) : []),
      ...marked(mark).map((pid) => `pid ${pid} with the run's environment mark`),
    ];
    if (left.length === 0 || Date.now() > deadline) break;
    await delay(100);
  }
  expect(left).toEqual([]);
}

let tmp: string;

beforeAll(() => {
  if (!existsSync(CLI)) execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'ignore' });
  tmp = mkdtempSync(join(tmpdir(), 'mcc-cli-'));
});

afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

describe('survivor detection (self-test of this file)', () => {
  it('sees a live process by its command line and by its environment mark, and not once it is gone', async () => {
    const mark = randomUUID();
    const needle = `mcc-survivor-probe-${mark}`;
    const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)', needle], {
      env: { ...process.env, MCC_E2E_MARK: mark },
      stdio: 'ignore',
    });
    try {
      const deadline = Date.now() + 5_000;
      while (marked(mark).length === 0 && Date.now() < deadline) await delay(20);
      expect(psMatches(needle)).toHaveLength(1);
      expect(marked(mark)).toEqual([child.pid]);
    } finally {
      child.kill('SIGKILL');
    }
    await new Promise((res) => child.once('close', res));
    await expectNoSurvivors(mark, needle);
  });
});

describe('CLI: bad usage ends with exit 2 and one line', () => {
  it('a nonexistent path names the path', async () => {
    const run = await runCli(['./no/such/server.js']);
    expect(run.code).toBe(2);
    const line = oneLine(run);
    expect(line).toContain('./no/such/server.js');
    expect(line).toMatch(/does not exist/);
    expect(run.stdout).toBe('');
  });

  it('invalid --slow-args JSON names the option and the text', async () => {
    const run = await runCli(['--slow-tool', 'slow_count', '--slow-args', '{steps:3}', EXITS_AT_ONCE]);
    expect(run.code).toBe(2);
    const line = oneLine(run);
    expect(line).toContain('--slow-args');
    expect(line).toContain('a JSON object');
    expect(line).toContain('{steps:3}');
  });

  it('an unknown --revision lists the known ones', async () => {
    const run = await runCli(['--revision', '1999-01-01', EXITS_AT_ONCE]);
    expect(run.code).toBe(2);
    const line = oneLine(run);
    expect(line).toContain('--revision');
    expect(line).toContain('1999-01-01');
    expect(line).toContain('2025-11-25');
  });

  it("--rule 'NOPE*' matches no rule", async () => {
    const run = await runCli(['--rule', 'NOPE*', EXITS_AT_ONCE]);
    expect(run.code).toBe(2);
    const line = oneLine(run);
    expect(line).toContain('NOPE*');
    expect(line).toContain('matches no rule');
  });

  it('an unknown option names it', async () => {
    const run = await runCli(['--frobnicate', EXITS_AT_ONCE]);
    expect(run.code).toBe(2);
    expect(oneLine(run)).toContain('--frobnicate');
  });

  it('no target at all', async () => {
    const run = await runCli([]);
    expect(run.code).toBe(2);
    expect(oneLine(run)).toMatch(/missing target/);
  });
});

describe('CLI: a target that cannot be started ends with exit 3 and one line', () => {
  it('a non-executable file', async () => {
    const file = join(tmp, 'server-without-x-bit');
    writeFileSync(file, '#!/bin/sh\nexit 0\n');
    chmodSync(file, 0o644);
    const run = await runCli([file]);
    expect(run.code).toBe(3);
    const line = oneLine(run);
    expect(line).toContain(file);
    expect(line).toMatch(/not executable/);
  });

  it('an unknown command', async () => {
    const run = await runCli(['mcc-no-such-command-4711']);
    expect(run.code).toBe(3);
    expect(oneLine(run)).toContain('mcc-no-such-command-4711');
  });

  it('a target that exits at once: its exit code and its stderr line are in the message', async () => {
    const mark = randomUUID();
    const run = await runCli([EXITS_AT_ONCE], mark);
    expect(run.code).toBe(3);
    const line = oneLine(run);
    expect(line).toContain('fatal: configuration missing');
    expect(line).toMatch(/exit code 1/);
    await expectNoSurvivors(mark);
  });

  it('a target that never answers: exit 3 within bounded time with --time-scale 0.1, and it is stopped', async () => {
    const mark = randomUUID();
    const run = await runCli(['--time-scale', '0.1', NEVER_ANSWERS], mark);
    expect(run.signal).toBeNull(); // not killed by the safety net
    expect(run.code).toBe(3);
    const line = oneLine(run);
    expect(line).toMatch(/initialize/);
    await expectNoSurvivors(mark);
  });
});

describe('CLI: cleanup after a successful run', () => {
  it('a target that ignores SIGTERM and leaves a grandchild is cleaned up completely', async () => {
    const mark = randomUUID();
    const run = await runCli(['--rule', 'PING-RESPOND-PROMPTLY', IGNORES_SIGTERM], mark);
    expect(run.signal).toBeNull();
    // The verdict is not the point here (it passes; a starved machine might warn): the cleanup is.
    expect([0, 1]).toContain(run.code);
    expect(run.stdout).toContain('PING-RESPOND-PROMPTLY');
    expect(run.stderr).not.toContain('    at ');
    await expectNoSurvivors(mark);
  });
});

describe('CLI: information', () => {
  it('--list-rules prints every rule id and exits 0', async () => {
    const run = await runCli(['--list-rules']);
    expect(run.code).toBe(0);
    expect(CATALOG.length).toBeGreaterThan(0);
    for (const rule of CATALOG) expect(run.stdout).toContain(rule.id);
    expect(run.stdout).toContain('RPC-RESP-SAME-ID');
    expect(run.stderr).toBe('');
  });

  it('--help prints the usage and exits 0', async () => {
    const run = await runCli(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Usage:/);
    expect(run.stdout).toContain('--slow-tool');
    expect(run.stdout).toContain('Exit codes');
    expect(run.stderr).toBe('');
  });

  it('--help wins over a bad target', async () => {
    const run = await runCli(['--help', './no/such/server.js']);
    expect(run.code).toBe(0);
  });
});

describe('CLI: replay', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mcc-replay-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, value: unknown): string => {
    const file = join(dir, name);
    writeFileSync(file, JSON.stringify(value));
    return file;
  };
  const signedCase = {
    caseVersion: 1,
    tool: 'mcp-cancel-conformance',
    rule: 'RPC-RESP-SAME-ID',
    invariant: 'no-stray-response',
    revision: '2025-11-25',
    seed: 7,
    slowTool: null,
    program: [{ kind: 'cancel', id: '007', copies: 1 }],
  };

  it('breaks the rule again on the fixture that has the bug: exit 1', async () => {
    const file = write('signed.json', signedCase);
    const run = await runCli(['replay', file, 'dist/fixtures/broken/answers-signed-string-cancels.js']);
    expect(run.stdout).toContain('1. cancel "007"');
    expect(run.stdout).toContain('broke RPC-RESP-SAME-ID again');
    expect(run.code).toBe(1);
  });

  it('holds on the reference server: exit 0', async () => {
    const file = write('signed-ok.json', signedCase);
    const run = await runCli(['replay', file, '--runs', '1', 'dist/fixtures/conformant/reference-server.js']);
    expect(run.stdout).toContain('RPC-RESP-SAME-ID broke in 0 of 1 attempts');
    expect(run.code).toBe(0);
  });

  it('a bad case file is one line and exit 2', async () => {
    const file = write('bad.json', { ...signedCase, extra: true });
    const run = await runCli(['replay', file, 'dist/fixtures/conformant/reference-server.js']);
    expect(run.code).toBe(2);
    expect(oneLine(run)).toContain("unknown member 'extra'");
    const missing = await runCli(['replay', join(dir, 'none.json'), 'x.js']);
    expect(missing.code).toBe(2);
    expect(oneLine(missing)).toContain('ENOENT');
    const step = write('step.json', { ...signedCase, program: [{ kind: 'cancel', id: null, copies: 1 }] });
    const badStep = await runCli(['replay', step, 'x.js']);
    expect(badStep.code).toBe(2);
    expect(oneLine(badStep)).toContain(
      'case.program[0].id expects a string or an integer id, got null (null)',
    );
  });

  it('a target that cannot start exits 3', async () => {
    const file = write('start.json', signedCase);
    const run = await runCli(['replay', file, EXITS_AT_ONCE]);
    expect(run.code).toBe(3);
  });
});

describe('CLI: Ctrl-C', () => {
  it('SIGINT mid-run stops every target, says so in one line, and exits 130', async () => {
    const mark = randomUUID();
    const fixture = 'dist/fixtures/conformant/reference-server.js';
    const child = spawn(process.execPath, [CLI, '--env', `MCC_E2E_MARK=${mark}`, fixture], {
      cwd: root,
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const closed = new Promise<number | null>((res) => child.on('close', (code) => res(code)));
    // Interrupt once rules are running (targets alive), a cause rather than a delay.
    const deadline = Date.now() + RUN_BOUND;
    while (!/\[ ?1\/\d+\]/.test(stderr) && Date.now() < deadline) await delay(20);
    expect(marked(mark).length).toBeGreaterThan(0);
    child.kill('SIGINT');
    const code = await closed;
    expect(code).toBe(130);
    expect(stderr).toMatch(/interrupted by SIGINT; every target process was stopped/);
    await expectNoSurvivors(mark);
  });
});
