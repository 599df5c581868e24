import { readdirSync, readFileSync } from 'node:fs';

// Process groups the suite has started and not yet stopped. On Ctrl-C, SIGTERM or any exit of the
// suite itself, every one of them is killed, so that no target outlives a run.

const groups = new Set<number>();
let installed = false;

/** Sends a signal to a whole process group; quiet when it is already gone. */
export function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    /* group already gone */
  }
}

/**
 * Whether any process of the group is still running. On Linux /proc tells, and zombies (dead, not
 * yet reaped by init) do not count; elsewhere a signal-0 probe answers.
 */
export function groupAlive(pid: number): boolean {
  try {
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      let stat: string;
      try {
        stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      } catch {
        continue; // ended while we looked
      }
      // Fields after the command name (which may contain spaces): state, ppid, pgrp, ...
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) === pid && fields[0] !== 'Z') return true;
    }
    return false;
  } catch {
    try {
      process.kill(-pid, 0);
      return true;
    } catch (error) {
      return (error as NodeJS.ErrnoException).code === 'EPERM';
    }
  }
}

/** Remembers a started group (and makes sure the exit hook is in place). */
export function register(pid: number): void {
  groups.add(pid);
  if (!installed) {
    installed = true;
    process.on('exit', killAll);
  }
}

export function unregister(pid: number): void {
  groups.delete(pid);
}

/** Number of groups still registered; tests use it to prove cleanup. */
export function liveGroups(): number {
  return groups.size;
}

/** Kills every registered group at once (synchronous: usable from an exit handler). */
export function killAll(): void {
  for (const pid of groups) killGroup(pid, 'SIGKILL');
  groups.clear();
}

/**
 * For the command line only: Ctrl-C, SIGTERM and SIGHUP kill every target group, then end the
 * suite with the conventional code. (Libraries and test workers keep their own signal handling.)
 */
export function installSignalHandlers(): void {
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const) {
    process.on(signal, () => {
      killAll();
      process.stderr.write(
        `\nmcp-cancel-conformance: interrupted by ${signal}; every target process was stopped\n`,
      );
      process.exit(code);
    });
  }
}
