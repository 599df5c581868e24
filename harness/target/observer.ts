// The process observer: what the operating system shows of a target the suite started. From the
// root pid it finds the whole tree by parent pid (so a descendant that left the process group is
// still found, and one that was reparented after its parent ended stays followed while it lives),
// and sums per sample the CPU time, resident memory, open descriptors and threads of every process
// in it. Linux only (/proc); elsewhere `observerUnavailable()` says why, and the rules that need it
// are `untestable`.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import type { ProcessSample } from '../model/transcript.js';

/** How often a watching observer samples the tree. 100 ms resolves a stop to a tenth of a second and
 *  costs well under 1 % of a core for a tree of a few processes (measured in observer.test.ts). */
export const OBSERVE_INTERVAL_MS = 100;
/** Clock ticks per second of /proc's CPU times (USER_HZ: 100 on every Linux port we know). */
export const CLOCK_TICKS_PER_S = 100;
/** Bytes per page of /proc's memory figures (x86-64 and arm64 default). */
export const PAGE_BYTES = 4096;
/** A sample lists at most this many descendants by pid, name, start time and CPU time (the counts
 *  are always complete). */
export const LISTED_DESCENDANTS = 8;

/** Why the observer cannot work here, or null when it can. */
export function observerUnavailable(): string | null {
  if (process.platform !== 'linux')
    return `the process observer reads Linux /proc; this is ${process.platform}`;
  if (!existsSync('/proc/self/stat')) return 'the process observer needs /proc, and it is not mounted';
  return null;
}

/** One process as /proc/<pid>/stat shows it. */
interface ProcStat {
  pid: number;
  ppid: number;
  comm: string;
  state: string;
  /** utime + stime + cutime + cstime, in ticks: the time of reaped children moves to their parent. */
  ticks: number;
  threads: number;
  startTime: number;
  rssPages: number;
}

function readStat(pid: number): ProcStat | null {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null; // ended while we looked
  }
  // The command name is in parentheses and may contain spaces or parentheses itself.
  const close = text.lastIndexOf(')');
  const comm = text.slice(text.indexOf('(') + 1, close);
  const f = text.slice(close + 2).split(' ');
  // f[0] is field 3 (state) of proc(5); field n is f[n - 3].
  const n = (field: number): number => Number(f[field - 3] ?? 0);
  return {
    pid,
    ppid: n(4),
    comm,
    state: f[0] ?? '?',
    ticks: n(14) + n(15) + n(16) + n(17),
    threads: n(20),
    startTime: n(22),
    rssPages: n(24),
  };
}

function countFds(pid: number): number {
  try {
    return readdirSync(`/proc/${pid}/fd`).length;
  } catch {
    return 0; // ended, or not ours to read
  }
}

/** The children of `pid`, from /proc/<pid>/task/<tid>/children (null where the kernel lacks them). */
function childrenOf(pid: number): number[] | null {
  let tasks: string[];
  try {
    tasks = readdirSync(`/proc/${pid}/task`);
  } catch {
    return [];
  }
  const out: number[] = [];
  for (const tid of tasks) {
    let text: string;
    try {
      text = readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT' && tid === String(pid)) return null;
      continue;
    }
    for (const word of text.split(' ')) if (word !== '') out.push(Number(word));
  }
  return out;
}

/** Every process's parent, from a scan of /proc (the fallback where children files are missing). */
function parentMap(): Map<number, number[]> {
  const kids = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const s = readStat(Number(entry));
    if (!s) continue;
    kids.set(s.ppid, [...(kids.get(s.ppid) ?? []), s.pid]);
  }
  return kids;
}

/** Samples the process tree of one root pid; `watch` samples it on an interval. */
export class ProcessObserver {
  /** Processes seen in the tree, by pid, with their start time (a reused pid is another process). */
  private readonly known = new Map<number, number>();
  private timer: NodeJS.Timeout | null = null;
  private useChildrenFiles = true;
  /** CPU time this process spent sampling, ms (the observer's own cost). */
  costMs = 0;
  /** Samples taken. */
  count = 0;

  constructor(
    readonly rootPid: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** The tree now: the root, its descendants, and every process once seen in it that still lives. */
  private tree(): ProcStat[] {
    const found = new Map<number, ProcStat>();
    const root = readStat(this.rootPid);
    if (!root) return [];
    const kids = this.useChildrenFiles ? null : parentMap();
    const queue = [root];
    for (let s = queue.shift(); s; s = queue.shift()) {
      if (found.has(s.pid)) continue;
      found.set(s.pid, s);
      const children = kids ? (kids.get(s.pid) ?? []) : childrenOf(s.pid);
      if (children === null) {
        this.useChildrenFiles = false;
        return this.tree();
      }
      for (const pid of children) {
        const c = readStat(pid);
        if (c) queue.push(c);
      }
    }
    // Reparented descendants (their parent ended): still ours while the same process lives.
    for (const [pid, start] of this.known) {
      if (found.has(pid)) continue;
      const s = readStat(pid);
      if (s && s.startTime === start && s.state !== 'Z') found.set(pid, s);
      else this.known.delete(pid);
    }
    for (const s of found.values()) this.known.set(s.pid, s.startTime);
    return [...found.values()];
  }

  /** One sample of the tree now; null when the root process is gone. */
  sample(): ProcessSample | null {
    const before = process.cpuUsage();
    const t = this.now();
    const procs = this.tree();
    let out: ProcessSample | null = null;
    if (procs.length > 0) {
      let ticks = 0;
      let rss = 0;
      let fds = 0;
      let threads = 0;
      for (const p of procs) {
        ticks += p.ticks;
        rss += p.rssPages;
        threads += p.threads;
        fds += countFds(p.pid);
      }
      const descendants = procs.filter((p) => p.pid !== this.rootPid);
      out = {
        t,
        cpuMs: (ticks * 1000) / CLOCK_TICKS_PER_S,
        rssKb: (rss * PAGE_BYTES) / 1024,
        fds,
        threads,
        processes: procs.length,
        descendants: descendants.slice(0, LISTED_DESCENDANTS).map((p) => ({
          pid: p.pid,
          ppid: p.ppid,
          name: p.comm,
          start: p.startTime,
          cpuMs: (p.ticks * 1000) / CLOCK_TICKS_PER_S,
        })),
      };
    }
    const used = process.cpuUsage(before);
    this.costMs += (used.user + used.system) / 1000;
    this.count++;
    return out;
  }

  /** Samples every `intervalMs` and hands each sample to `onSample` until `stop()` or the root ends. */
  watch(onSample: (s: ProcessSample) => void, intervalMs = OBSERVE_INTERVAL_MS): void {
    this.stop();
    const tick = (): void => {
      const s = this.sample();
      if (s) onSample(s);
      else this.stop(); // the root is gone: nothing more to see
    };
    tick();
    this.timer = setInterval(tick, intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}

/**
 * What observing costs: the suite's own CPU time per sample of `rootPid`'s tree, over `samples`
 * samples, and the share of one core that is at the watch interval (npm run bench prints it).
 */
export function observerCost(
  rootPid: number,
  samples = 200,
): { perSampleMs: number; coreShare: number; processes: number; threads: number } {
  const observer = new ProcessObserver(rootPid);
  let last: ProcessSample | null = null;
  for (let i = 0; i < samples; i++) last = observer.sample() ?? last;
  const perSampleMs = observer.costMs / Math.max(1, observer.count);
  return {
    perSampleMs,
    coreShare: perSampleMs / OBSERVE_INTERVAL_MS,
    processes: last?.processes ?? 0,
    threads: last?.threads ?? 0,
  };
}
