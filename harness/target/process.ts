// Starting and stopping a target process. The target runs in its own process group so that the
// whole tree (an `uv run` wrapper and its python, a shell and its node) is stopped together:
// close stdin, then SIGTERM, then SIGKILL. Every started group is registered, so that errors,
// timeouts and Ctrl-C of the suite itself still end it (see registry.ts).

import { execa, type ResultPromise } from 'execa';
import type { Readable, Writable } from 'node:stream';
import { TargetError } from '../errors.js';
import { delay, within } from '../timing.js';
import type { TargetCommand } from './resolve.js';
import { register, unregister, killGroup, groupAlive } from './registry.js';

export interface ExitInfo {
  code: number | null;
  signal: string | null;
  /** True when the suite asked it to stop (stdin closed or a signal sent). */
  requested: boolean;
}

/** How long one write may wait for a target that does not read its stdin. */
export const WRITE_LIMIT_MS = 10_000;

/** Lines kept from the target's stderr for error messages and reports. */
export const STDERR_TAIL = 40;

/** One running target: its pipes, its stderr tail, and a stop that always ends the whole group. */
export class TargetProcess {
  exit: ExitInfo | null = null;
  readonly exited: Promise<ExitInfo>;
  private readonly tail: string[] = [];
  private stopRequested = false;
  private stopping: Promise<void> | null = null;
  private stderrRest = '';

  private constructor(
    private readonly child: ResultPromise,
    readonly pid: number,
    readonly stdin: Writable,
    readonly stdout: Readable,
    stderr: Readable,
    private readonly exitGrace: number,
    onStderrLine: (line: string) => void,
    private readonly stopBy: 'stdin' | 'signal',
  ) {
    stderr.setEncoding('utf8');
    stderr.on('data', (chunk: string) => {
      const lines = (this.stderrRest + chunk).split('\n');
      this.stderrRest = lines.pop() ?? '';
      for (const raw of lines) this.pushStderr(raw, onStderrLine);
      if (this.stderrRest.length > 64 * 1024) {
        this.pushStderr(this.stderrRest, onStderrLine);
        this.stderrRest = '';
      }
    });
    stderr.on('end', () => {
      if (this.stderrRest) this.pushStderr(this.stderrRest, onStderrLine);
      this.stderrRest = '';
    });
    // A target that exits early makes writes fail with EPIPE: that is evidence, not a crash of ours.
    stdin.on('error', () => undefined);
    this.exited = new Promise((resolve) => {
      child.on('exit', (code, signal) => {
        this.exit = { code, signal, requested: this.stopRequested };
        resolve(this.exit);
      });
    });
  }

  /** Starts the command in a new process group; rejects with TargetError when it cannot be spawned. */
  static async start(
    cmd: TargetCommand,
    opts: {
      exitGrace: number;
      onStderrLine?: (line: string) => void;
      /** "signal": skip the closed-stdin step (an HTTP server does not read stdin). Default "stdin". */
      stopBy?: 'stdin' | 'signal';
    },
  ): Promise<TargetProcess> {
    const child = execa(cmd.file, cmd.args, {
      cwd: cmd.cwd,
      env: cmd.env,
      extendEnv: true,
      stdin: 'pipe',
      stdout: 'pipe',
      stderr: 'pipe',
      detached: true,
      cleanup: false,
      reject: false,
      buffer: false,
      stripFinalNewline: false,
    });
    // Registered at once (the pid is known synchronously), so Ctrl-C during start-up kills it too.
    if (child.pid !== undefined) register(child.pid);
    // execa reports spawn failures (ENOENT, EACCES) through its promise; wait for spawn or that.
    const spawned = await new Promise<{ ok: true } | { ok: false; why: string }>((resolve) => {
      child.once('spawn', () => resolve({ ok: true }));
      child.once('error', (error: NodeJS.ErrnoException) =>
        resolve({ ok: false, why: error.code ?? error.message }),
      );
    });
    if (!spawned.ok || child.pid === undefined || !child.stdin || !child.stdout || !child.stderr) {
      if (child.pid !== undefined) unregister(child.pid);
      void child.catch(() => undefined);
      const why = spawned.ok ? 'no pid' : spawned.why;
      throw new TargetError(`could not start target '${cmd.display.join(' ')}': ${why}`);
    }
    void child.catch(() => undefined);
    return new TargetProcess(
      child,
      child.pid,
      child.stdin,
      child.stdout,
      child.stderr,
      opts.exitGrace,
      opts.onStderrLine ?? (() => undefined),
      opts.stopBy ?? 'stdin',
    );
  }

  private pushStderr(raw: string, onLine: (line: string) => void): void {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    this.tail.push(line);
    if (this.tail.length > STDERR_TAIL) this.tail.shift();
    onLine(line);
  }

  /** The last lines of stderr, oldest first. */
  stderrTail(): string[] {
    return [...this.tail];
  }

  /**
   * Writes to stdin; false when the pipe is closed, or when the target has not read for
   * WRITE_LIMIT_MS (a full pipe): a target that stops reading cannot hang the suite.
   */
  write(data: string): Promise<boolean> {
    if (this.exit || this.stdin.destroyed || this.stdin.writableEnded) return Promise.resolve(false);
    const written = new Promise<boolean>((resolve) => {
      this.stdin.write(data, (error) => resolve(!error));
    });
    return within(written, WRITE_LIMIT_MS, () => false);
  }

  /** Closes stdin only (the spec's graceful-shutdown signal on stdio); the target may still write and
   *  exit by itself, and that exit counts as asked for, not as a crash. */
  endInput(): void {
    this.stopRequested = true;
    this.stdin.end();
  }

  /** Ends the target and every process of its group; safe to call more than once. */
  stop(): Promise<void> {
    this.stopping ??= this.doStop();
    return this.stopping;
  }

  private async waitExit(ms: number): Promise<boolean> {
    if (this.exit) return true;
    return within(
      this.exited.then(() => true),
      ms,
      () => false,
    );
  }

  /** Polls until no process of the group runs, for at most `ms`. */
  private async waitGroupGone(ms: number): Promise<void> {
    for (let waited = 0; waited < ms && groupAlive(this.pid); waited += 10) await delay(10);
  }

  private async doStop(): Promise<void> {
    this.stopRequested = true;
    this.stdin.end();
    if (!(await this.waitExit(this.stopBy === 'stdin' ? this.exitGrace : 0))) {
      killGroup(this.pid, 'SIGTERM');
      if (!(await this.waitExit(this.exitGrace * 2))) {
        killGroup(this.pid, 'SIGKILL');
        await this.waitExit(this.exitGrace * 2);
      }
    }
    // The leader is gone; grandchildren in its group may not be. Resolve only once none runs.
    if (groupAlive(this.pid)) {
      killGroup(this.pid, 'SIGTERM');
      await this.waitGroupGone(Math.min(this.exitGrace, 200));
      if (groupAlive(this.pid)) {
        killGroup(this.pid, 'SIGKILL');
        await this.waitGroupGone(1000);
      }
    }
    this.stdout.destroy();
    unregister(this.pid);
    void this.child.catch(() => undefined);
  }
}
