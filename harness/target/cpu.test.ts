// groupCpuMs counts the CPU time of one process group only: a child that works is seen, and work
// elsewhere on the machine (the test process itself) is not.

import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { groupCpuMs } from './cpu.js';

// Works until it has used 400 ms of CPU (however long a loaded machine makes that), then says so.
const BURN = `while (process.cpuUsage().user < 400_000);
process.stdout.write('burnt\\n');
setInterval(() => {}, 1000);`;

function startGroup(script: string) {
  const child = spawn(process.execPath, ['-e', script], {
    detached: true,
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  return { child, stop: () => process.kill(-(child.pid as number), 'SIGKILL') };
}

function said(child: ReturnType<typeof spawn>, text: string) {
  return new Promise<void>((resolve) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes(text)) resolve();
    });
  });
}

describe.skipIf(process.platform !== 'linux')('groupCpuMs', () => {
  it('sees a group that worked and not one that slept, whatever this process does meanwhile', async () => {
    const busy = startGroup(BURN);
    const idle = startGroup('setInterval(() => {}, 1000);');
    try {
      await said(busy.child, 'burnt');
      // This process works too; it is not in either group.
      const end = Date.now() + 200;
      while (Date.now() < end);
      const busyMs = groupCpuMs(busy.child.pid as number) ?? 0;
      const idleMs = groupCpuMs(idle.child.pid as number) ?? Infinity;
      expect(busyMs).toBeGreaterThanOrEqual(300);
      expect(idleMs).toBeLessThan(busyMs / 2);
    } finally {
      busy.stop();
      idle.stop();
    }
  });

  it('is null for a group with no process left', () => {
    expect(groupCpuMs(2 ** 22 + 12345)).toBeNull();
  });

  it('reads command names with spaces and parentheses, and adds waited-for children', () => {
    const root = mkdtempSync(join(tmpdir(), 'mcc-proc-'));
    const stat = (pid: number, comm: string, pgrp: number, times: number[]) => {
      mkdirSync(join(root, String(pid)));
      const before = ['S', '1', String(pgrp), ...Array(8).fill('0')];
      writeFileSync(
        join(root, String(pid), 'stat'),
        `${pid} (${comm}) ${[...before, ...times].join(' ')} 20 0\n`,
      );
    };
    stat(500, 'uv run (x) y', 500, [10, 5, 30, 1]);
    stat(501, 'python', 500, [7, 2, 0, 0]);
    stat(600, 'other', 600, [1000, 1000, 0, 0]);
    writeFileSync(join(root, 'stat'), 'cpu 1 2 3\n');
    expect(groupCpuMs(500, root)).toBe((10 + 5 + 30 + 1 + 7 + 2) * 10);
  });
});
