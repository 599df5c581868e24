// Tests of the process observer against real processes: a child that starts a grandchild in a process
// group of its own, and a child that opens descriptors and burns CPU. Asymmetric: growth is checked
// against "nothing", never against a tight figure, so a loaded machine cannot make them flake.

import { spawn, type ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { ProcessObserver, observerCost, observerUnavailable } from './observer.js';

const started: ChildProcess[] = [];
/** Grandchildren in groups of their own: ended by pid, also when a test fails before it ends them. */
const strays: number[] = [];
afterEach(() => {
  const kill = (pid: number) => {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  };
  for (const c of started.splice(0)) kill(-(c.pid ?? 0));
  for (const pid of strays.splice(0)) kill(pid);
});

/** A node child in a group of its own running `code`; resolves once it wrote its first line. */
async function child(code: string): Promise<{ proc: ChildProcess; line: string }> {
  const proc = spawn(process.execPath, ['-e', code], {
    detached: true,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  started.push(proc);
  const line = await new Promise<string>((resolve) =>
    proc.stdout?.once('data', (b: Buffer) => resolve(b.toString().trim())),
  );
  return { proc, line };
}

const until = async (ok: () => boolean, ms: number): Promise<void> => {
  for (let waited = 0; waited < ms && !ok(); waited += 50) await new Promise((r) => setTimeout(r, 50));
};

describe.skipIf(observerUnavailable() !== null)('ProcessObserver', () => {
  it('sees a grandchild that left the process group, and stops seeing it once it ends', async () => {
    const { proc, line } = await child(`
      const { spawn } = require('node:child_process');
      const g = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { detached: true, stdio: 'ignore' });
      console.log(String(g.pid));
      setInterval(() => {}, 1000);`);
    const grandchild = Number(line);
    strays.push(grandchild);
    const observer = new ProcessObserver(proc.pid ?? 0);
    const s = observer.sample();
    expect(s?.processes).toBe(2);
    expect(s?.descendants.map((d) => d.pid)).toEqual([grandchild]);
    // Its start time tells it from a later process with the same pid; its CPU time is its own.
    expect(s?.descendants[0]?.start).toBeGreaterThan(0);
    expect(s?.descendants[0]?.cpuMs).toBeGreaterThanOrEqual(0);
    expect(s?.threads).toBeGreaterThanOrEqual(2);
    expect(s?.rssKb).toBeGreaterThan(0);
    process.kill(grandchild, 'SIGKILL');
    await until(() => observer.sample()?.processes === 1, 5000);
    expect(observer.sample()?.processes).toBe(1);
  });

  it('follows a descendant whose parent ended (reparented), while it lives', async () => {
    const { proc, line } = await child(`
      const { spawn } = require('node:child_process');
      const mid = spawn(process.execPath, ['-e', "const g = require('node:child_process').spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { detached: true, stdio: 'ignore' }); console.log(g.pid); setTimeout(() => process.exit(0), 300)"], { stdio: ['ignore', 'pipe', 'inherit'] });
      mid.stdout.once('data', (b) => console.log(String(b).trim()));
      setInterval(() => {}, 1000);`);
    const grandchild = Number(line);
    strays.push(grandchild);
    const observer = new ProcessObserver(proc.pid ?? 0);
    expect(observer.sample()?.descendants.map((d) => d.pid)).toContain(grandchild);
    // The middle process exits: the grandchild goes to init (or a subreaper), out of the parent chain.
    await until(() => observer.sample()?.processes === 2, 5000);
    expect(observer.sample()?.descendants.map((d) => d.pid)).toContain(grandchild);
    process.kill(grandchild, 'SIGKILL');
  });

  it('sees descriptors grow and CPU time advance; null once the root is gone', async () => {
    const { proc } = await child(`
      const fs = require('node:fs');
      console.log('ready');
      process.stdin.resume();
      const open = () => { for (let i = 0; i < 20; i++) fs.openSync('/dev/null', 'r'); };
      setTimeout(() => { open(); const end = Date.now() + 300; while (Date.now() < end); console.log('done'); }, 200);
      setInterval(() => {}, 1000);`);
    const observer = new ProcessObserver(proc.pid ?? 0);
    const before = observer.sample();
    await until(() => (observer.sample()?.fds ?? 0) >= (before?.fds ?? 0) + 20, 5000);
    const after = observer.sample();
    expect(after?.fds).toBeGreaterThanOrEqual((before?.fds ?? 0) + 20);
    await until(() => (observer.sample()?.cpuMs ?? 0) > (before?.cpuMs ?? 0), 5000);
    expect(observer.sample()?.cpuMs).toBeGreaterThan(before?.cpuMs ?? 0);
    process.kill(proc.pid ?? 0, 'SIGKILL');
    await until(() => observer.sample() === null, 5000);
    expect(observer.sample()).toBeNull();
  });

  it('watch samples on its interval until stopped, and counts its own cost', async () => {
    const { proc } = await child(`console.log('ready'); setInterval(() => {}, 1000);`);
    const observer = new ProcessObserver(proc.pid ?? 0);
    const got: number[] = [];
    observer.watch((s) => got.push(s.t), 20);
    await until(() => got.length >= 3, 5000);
    observer.stop();
    const n = got.length;
    await new Promise((r) => setTimeout(r, 100));
    expect(n).toBeGreaterThanOrEqual(3);
    expect(got.length).toBe(n);
    expect(observer.count).toBeGreaterThanOrEqual(3);
    expect(observer.costMs).toBeGreaterThanOrEqual(0);
  });

  it('observerCost reports the cost per sample and the tree it measured', async () => {
    const { proc } = await child(`console.log('ready'); setInterval(() => {}, 1000);`);
    const cost = observerCost(proc.pid ?? 0, 20);
    expect(cost.processes).toBe(1);
    expect(cost.threads).toBeGreaterThanOrEqual(1);
    expect(cost.perSampleMs).toBeGreaterThan(0);
    expect(cost.coreShare).toBeLessThan(1);
  });
});
