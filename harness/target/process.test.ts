// TargetProcess and the registry: a target is started in its own process group and stop() always
// ends the whole group, also a leader and a grandchild that ignore SIGTERM. Tests are asymmetric: a
// process that exits at once against one that never exits; no timing is asserted.

import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { TargetError } from '../errors.js';
import { delay, within } from '../timing.js';
import { STDERR_TAIL, TargetProcess } from './process.js';
import { groupAlive, killAll, killGroup, liveGroups } from './registry.js';
import type { TargetCommand } from './resolve.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..');
const tsxLoader = createRequire(import.meta.url).resolve('tsx');

/** Short grace, for targets that never exit by themselves: every stage of the stop sequence comes quickly. */
const GRACE = 100;
/** Generous grace, for targets that exit at once when stdin closes: they never need it, even under load. */
const POLITE_GRACE = 10_000;
/** Upper bound on anything a test waits for; never reached when the code works. */
const BOUND = 15_000;

function nodeScript(script: string, display = 'inline-script'): TargetCommand {
  return { file: process.execPath, args: ['-e', script], cwd: root, env: {}, display: [display] };
}

/** Leader: stays alive when stdin closes, ignores SIGTERM, and starts a grandchild that ignores it too. */
const STUBBORN = `
const { spawn } = require('node:child_process');
const g = spawn(process.execPath, ['-e', "process.on('SIGTERM', () => {}); setInterval(() => {}, 1000);"], { stdio: 'ignore' });
process.on('SIGTERM', () => process.stderr.write('ignoring SIGTERM\\n'));
process.stdin.resume();
process.stdin.on('end', () => process.stderr.write('stdin closed, staying\\n'));
process.stderr.write('grandchild pid ' + g.pid + '\\n');
setInterval(() => {}, 1000);
`;

/** Exits as soon as stdin ends, like a well-behaved stdio server. */
const POLITE = `
process.stderr.write('ready\\n');
process.stdin.resume();
process.stdin.on('end', () => process.exit(0));
`;

/** Resolves with the first stderr line that matches, bounded. */
function lineWaiter(): { onLine: (line: string) => void; next: (re: RegExp) => Promise<string> } {
  const seen: string[] = [];
  const waiters: { re: RegExp; resolve: (line: string) => void }[] = [];
  return {
    onLine(line) {
      seen.push(line);
      for (const w of [...waiters]) {
        if (w.re.test(line)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(line);
        }
      }
    },
    next(re) {
      const found = seen.find((l) => re.test(l));
      if (found !== undefined) return Promise.resolve(found);
      const wait = new Promise<string>((res) => waiters.push({ re, resolve: res }));
      return within(wait, BOUND, () => {
        throw new Error(`no stderr line matching ${re} within ${BOUND} ms; saw ${JSON.stringify(seen)}`);
      });
    },
  };
}

/** Members of a process group that are still running (not zombies), from /proc; null without /proc. */
function runningMembers(pgid: number): number[] | null {
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((n) => /^\d+$/.test(n));
  } catch {
    return null;
  }
  const out: number[] = [];
  for (const pid of pids) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      continue;
    }
    // pid (comm) state ppid pgrp ...; comm may contain spaces and parentheses.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(fields[2]) === pgid && fields[0] !== 'Z' && fields[0] !== 'X') out.push(Number(pid));
  }
  return out;
}

/**
 * Waits until no member of the group runs any more. A SIGKILLed process may still be scheduled for a
 * moment after kill() returned; a survivor runs forever, so the bound decides without flaking.
 */
async function nothingRuns(pgid: number): Promise<number[]> {
  const deadline = Date.now() + BOUND;
  for (;;) {
    const members = runningMembers(pgid) ?? [];
    if (members.length === 0 || Date.now() > deadline) return members;
    await delay(20);
  }
}

function errnoOf(fn: () => unknown): string | null {
  try {
    fn();
    return null;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code ?? 'unknown';
  }
}

/**
 * Waits until signalling the group fails with ESRCH. Killed orphans are reaped by init, which may
 * take a moment in containers; until then they are zombies (checked separately: nothing runs).
 */
async function groupGone(pgid: number): Promise<string | null> {
  const deadline = Date.now() + BOUND;
  for (;;) {
    const code = errnoOf(() => process.kill(-pgid, 0));
    if (code !== null || Date.now() > deadline) return code;
    await delay(50);
  }
}

const started: TargetProcess[] = [];
async function start(
  cmd: TargetCommand,
  onStderrLine?: (line: string) => void,
  exitGrace = GRACE,
): Promise<TargetProcess> {
  const p = await TargetProcess.start(cmd, { exitGrace, onStderrLine });
  started.push(p);
  return p;
}

afterEach(async () => {
  // Whatever a failed test left behind is ended here, so that no process outlives the suite.
  await Promise.all(started.splice(0).map((p) => p.stop()));
});

describe('TargetProcess', () => {
  it('starts a command in its own group, captures stderr and stops it when stdin closes', async () => {
    const before = liveGroups();
    const lines = lineWaiter();
    const p = await start(nodeScript(POLITE), lines.onLine, POLITE_GRACE);
    expect(p.pid).toBeGreaterThan(0);
    expect(liveGroups()).toBe(before + 1);
    expect(groupAlive(p.pid)).toBe(true);
    await lines.next(/^ready$/);
    expect(p.stderrTail()).toEqual(['ready']);
    expect(await p.write('{"jsonrpc":"2.0","method":"ping","id":1}\n')).toBe(true);

    await p.stop();
    expect(p.exit).toEqual({ code: 0, signal: null, requested: true });
    expect(errnoOf(() => process.kill(-p.pid, 0))).toBe('ESRCH');
    expect(liveGroups()).toBe(before);
    expect(await p.write('late\n')).toBe(false);
  });

  it('reports a target that exits at once, with its code and stderr; stop() afterwards is harmless', async () => {
    const p = await start(
      nodeScript("process.stderr.write('fatal: configuration missing\\n'); process.exit(3);"),
    );
    const info = await within(p.exited, BOUND, () => null);
    expect(info).toEqual({ code: 3, signal: null, requested: false });
    await p.stop();
    expect(p.stderrTail()).toContain('fatal: configuration missing');
    expect(await p.write('x\n')).toBe(false);
    expect(errnoOf(() => process.kill(-p.pid, 0))).toBe('ESRCH');
  });

  it(`keeps the last ${STDERR_TAIL} stderr lines, strips CR, and flushes a final unterminated line`, async () => {
    const script =
      "for (let i = 1; i <= 100; i++) process.stderr.write('line ' + i + '\\r\\n');" +
      "process.stderr.write('no newline at the end'); process.exit(0);";
    const p = await start(nodeScript(script));
    await within(p.exited, BOUND, () => null);
    await p.stop();
    // stderr may still be draining when 'exit' fires; it ends shortly after.
    const deadline = Date.now() + BOUND;
    while (!p.stderrTail().includes('no newline at the end') && Date.now() < deadline) await delay(20);
    const tail = p.stderrTail();
    expect(tail).toHaveLength(STDERR_TAIL);
    expect(tail.at(-1)).toBe('no newline at the end');
    expect(tail.at(-2)).toBe('line 100');
    expect(tail[0]).toBe(`line ${100 - STDERR_TAIL + 2}`);
    expect(tail.some((l) => l.includes('\r'))).toBe(false);
  });

  it('stop() ends a leader that ignores stdin close and SIGTERM, and its grandchild that ignores SIGTERM', async () => {
    const before = liveGroups();
    const lines = lineWaiter();
    const p = await start(nodeScript(STUBBORN, 'stubborn'), lines.onLine);
    const grandchild = Number((await lines.next(/^grandchild pid \d+$/)).split(' ').at(-1));
    expect(grandchild).toBeGreaterThan(0);
    expect(errnoOf(() => process.kill(grandchild, 0))).toBeNull();
    expect(runningMembers(p.pid) ?? [p.pid, grandchild]).toEqual(expect.arrayContaining([p.pid, grandchild]));

    await within(p.stop(), BOUND, () => {
      throw new Error(`stop() did not finish within ${BOUND} ms`);
    });
    expect(p.exit).toEqual({ code: null, signal: 'SIGKILL', requested: true });
    // It had its chance: stdin closed, then SIGTERM, before SIGKILL.
    await lines.next(/^stdin closed, staying$/);
    await lines.next(/^ignoring SIGTERM$/);
    expect(await nothingRuns(p.pid)).toEqual([]);
    expect(liveGroups()).toBe(before);
    expect(await groupGone(p.pid)).toBe('ESRCH');
    expect(errnoOf(() => process.kill(grandchild, 0))).toBe('ESRCH');
  });

  it('stop() ends the ignores-sigterm fixture (run via the tsx loader) and its lingering grandchild', async () => {
    const before = liveGroups();
    const lines = lineWaiter();
    const fixture = join(root, 'fixtures', 'startup', 'ignores-sigterm.ts');
    const p = await start(
      {
        file: process.execPath,
        args: ['--import', tsxLoader, fixture],
        cwd: root,
        env: {},
        display: [fixture],
      },
      lines.onLine,
    );
    const grandchild = Number((await lines.next(/grandchild pid \d+/)).split(' ').at(-1));
    expect(grandchild).toBeGreaterThan(0);

    await within(p.stop(), BOUND, () => {
      throw new Error(`stop() did not finish within ${BOUND} ms`);
    });
    expect(p.exit?.requested).toBe(true);
    expect(await nothingRuns(p.pid)).toEqual([]);
    expect(liveGroups()).toBe(before);
    expect(await groupGone(p.pid)).toBe('ESRCH');
    expect(errnoOf(() => process.kill(grandchild, 0))).toBe('ESRCH');
  });

  it('stop() is safe to call more than once and concurrently', async () => {
    const p = await start(nodeScript(POLITE), undefined, POLITE_GRACE);
    const [a, b] = [p.stop(), p.stop()];
    expect(a).toBe(b);
    await a;
    await p.stop();
    expect(p.exit?.requested).toBe(true);
  });

  it('a command that does not exist is a TargetError naming it and the reason', async () => {
    const before = liveGroups();
    const cmd: TargetCommand = {
      file: 'mcc-no-such-command-4711',
      args: ['--x'],
      cwd: root,
      env: {},
      display: ['mcc-no-such-command-4711', '--x'],
    };
    const error = await TargetProcess.start(cmd, { exitGrace: GRACE }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TargetError);
    expect((error as TargetError).exitCode).toBe(3);
    expect((error as TargetError).message).toContain('mcc-no-such-command-4711 --x');
    expect((error as TargetError).message).toContain('ENOENT');
    expect(liveGroups()).toBe(before);
  });

  it('a file that is not executable is a TargetError (EACCES)', async () => {
    const cmd: TargetCommand = {
      file: join(root, 'package.json'),
      args: [],
      cwd: root,
      env: {},
      display: ['package.json'],
    };
    const error = await TargetProcess.start(cmd, { exitGrace: GRACE }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TargetError);
    expect((error as TargetError).message).toContain('EACCES');
  });

  it('passes cwd and env to the target', async () => {
    const lines = lineWaiter();
    const p = await start(
      {
        ...nodeScript(
          "process.stderr.write(process.cwd() + ' ' + process.env.MCC_TEST + '\\n'); process.stdin.resume();",
        ),
        cwd: here,
        env: { MCC_TEST: 'hello' },
      },
      lines.onLine,
    );
    expect(await lines.next(/hello$/)).toBe(`${here} hello`);
    await p.stop();
  });
});

describe('registry', () => {
  it('killAll() ends every registered group at once and forgets them', async () => {
    const p = await TargetProcess.start(nodeScript(STUBBORN, 'stubborn'), { exitGrace: GRACE });
    started.push(p);
    expect(liveGroups()).toBeGreaterThan(0);
    killAll();
    expect(liveGroups()).toBe(0);
    const info = await within(p.exited, BOUND, () => null);
    expect(info?.signal).toBe('SIGKILL');
    expect(await nothingRuns(p.pid)).toEqual([]);
  });

  it('killGroup() and groupAlive() are quiet about a group that is gone', async () => {
    const p = await start(nodeScript('process.exit(0)'));
    await within(p.exited, BOUND, () => null);
    await p.stop();
    expect(groupAlive(p.pid)).toBe(false);
    expect(() => killGroup(p.pid, 'SIGKILL')).not.toThrow();
  });
});
