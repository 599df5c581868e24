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

/** Whether any process of the group is still alive. */
export function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
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
