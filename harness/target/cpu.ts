// CPU time a target has used, read from Linux's /proc: every process of its process group (the suite
// starts each target as the leader of a group of its own, so a wrapper and the server it starts are
// counted together), with the time of children they have already waited for. Other processes of the
// machine do not count, so a busy machine does not make a target look expensive.

import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of /proc's times (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

/**
 * CPU milliseconds (user + system, waited-for children included) of every process whose process
 * group is `pgid`; null where /proc cannot be read (not Linux) or no such process is left.
 */
export function groupCpuMs(pgid: number, procRoot = '/proc'): number | null {
  let entries: string[];
  try {
    entries = readdirSync(procRoot);
  } catch {
    return null;
  }
  let ticks = 0;
  let found = false;
  for (const name of entries) {
    if (!/^\d+$/.test(name)) continue;
    const fields = statFields(procRoot, name);
    // After the command name: state(0) ppid(1) pgrp(2) … utime(11) stime(12) cutime(13) cstime(14).
    if (!fields || Number(fields[2]) !== pgid) continue;
    found = true;
    for (const i of [11, 12, 13, 14]) ticks += Number(fields[i]) || 0;
  }
  return found ? (ticks * 1000) / TICKS_PER_SECOND : null;
}

/** The fields of /proc/<pid>/stat after the command name (which may itself hold spaces and parentheses). */
function statFields(procRoot: string, pid: string): string[] | null {
  try {
    const stat = readFileSync(`${procRoot}/${pid}/stat`, 'utf8');
    return stat
      .slice(stat.lastIndexOf(')') + 2)
      .trim()
      .split(' ');
  } catch {
    return null; // the process ended while the directory was read
  }
}
