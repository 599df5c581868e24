// Work the wire does not show, in processes of its own: a child process that a call started. A call
// whose work runs in a child shows it to the operating system as a process that appears in the
// target's tree while the call runs; after a cancel (once the server has provably read it, past the
// race window) that process either ends or lives on. It counts only against a clear background:
// a process the server keeps anyway (present while it was idle, a pool worker that a completed call
// left behind) is not the call's, and a completed call must be seen to end its own process, so that
// the server is known to end a call's processes when the call ends. Anything else is unclear.

import type { SampleEvent } from '../../harness/api.js';
import { KEPT_SHARE, STOPPED_SHARE, WORK_FLOOR_MS_PER_S } from './work-rates.js';

/** The samples that tell whether a cancelled call's processes lived on. */
export interface ChildSpans {
  /** A completed call of the tool: the sample before it, and those while it ran; null without one. */
  control: { before: SampleEvent; during: SampleEvent[] } | null;
  /** Why there is no completed call to compare with (when `control` is null). */
  noControl?: string;
  /** The server idle (after the completed call): the processes it keeps without work. */
  idle: readonly SampleEvent[];
  /** The cancelled call running, before its cancel. */
  running: readonly SampleEvent[];
  /** From the cancel to the end of the window. */
  after: readonly SampleEvent[];
  /** End of the race window: from here on the server has provably read the cancel. */
  raceEnd: number;
}

/** What the call's own processes showed: none; ended (or went idle) after the cancel; kept; unclear. */
export type ChildFinding =
  | { kind: 'none'; why: string }
  | { kind: 'stopped'; summary: string; stopAt: number | null; evidence: SampleEvent[] }
  | { kind: 'kept'; summary: string; actual: string; evidence: SampleEvent[]; processes: number }
  | { kind: 'unclear'; why: string; evidence: SampleEvent[] };

type Kid = NonNullable<SampleEvent['sample']>['descendants'][number];
/** Which process a listed descendant is: its pid and start time (a reused pid is another process). */
const key = (d: Kid): string => `${d.pid}@${d.start ?? '?'}`;
const kids = (e: SampleEvent | undefined): Map<string, Kid> =>
  new Map((e?.sample.descendants ?? []).map((d) => [key(d), d]));
const unlisted = (e: SampleEvent): boolean => e.sample.processes - 1 > e.sample.descendants.length;
const names = (ks: Iterable<Kid>): string => [...ks].map((d) => `${d.name} ${d.pid}`).join(', ');

/** CPU ms per second of the processes `keys` between two samples (each must list them). */
function rateOf(keys: readonly string[], from: SampleEvent, to: SampleEvent): number | null {
  const a = kids(from);
  const b = kids(to);
  let ms = 0;
  for (const k of keys) {
    const x = a.get(k)?.cpuMs;
    const y = b.get(k)?.cpuMs;
    if (x === undefined || y === undefined) return null;
    ms += y - x;
  }
  return to.t > from.t ? (ms * 1000) / (to.t - from.t) : null;
}

/** Judges a cancelled call's own processes against the idle server and a completed call. */
export function judgeChildren(s: ChildSpans): ChildFinding {
  const lastRunning = s.running.at(-1);
  if (!lastRunning) return { kind: 'none', why: 'no sample while the call ran' };
  const standing = new Set(
    [...s.idle, ...(s.control ? [s.control.before] : [])].flatMap((e) => [...kids(e).keys()]),
  );
  const own = [...kids(lastRunning)].filter(([k]) => !standing.has(k));
  const crowded = [...s.idle, ...s.running, ...s.after].find(unlisted);
  if (own.length === 0 && !crowded)
    return { kind: 'none', why: 'no process of its own appeared in the tree while the call ran' };
  if (crowded)
    return {
      kind: 'unclear',
      why: `the tree had ${crowded.sample.processes} processes, more than a sample lists, so the call's own cannot be told apart`,
      evidence: [crowded],
    };
  const ownNames = names(own.map(([, d]) => d));
  if (!s.control)
    return {
      kind: 'unclear',
      why: `the call started ${ownNames}, but ${s.noControl ?? 'no completed call shows whether the server ends a call’s processes when the call ends'}`,
      evidence: [lastRunning],
    };
  const before = kids(s.control.before);
  const controlOwn = new Map(s.control.during.flatMap((e) => [...kids(e)].filter(([k]) => !before.has(k))));
  const idleEnd = kids(s.idle.at(-1));
  const ended = [...controlOwn].filter(([k]) => !idleEnd.has(k));
  if (ended.length === 0)
    return {
      kind: 'unclear',
      why:
        controlOwn.size === 0
          ? `the call started ${ownNames}, but a completed call showed no process of its own to compare with`
          : `the call started ${ownNames}, but the process a completed call started (${names(controlOwn.values())}) outlived it, as a pool worker would`,
      evidence: [lastRunning, ...s.control.during.slice(-1)],
    };
  const controlEvidence = [s.control.during.find((e) => kids(e).has(ended[0]?.[0] ?? '')), s.idle.at(-1)];
  const post = s.after.filter((e) => e.t >= s.raceEnd);
  const first = post[0];
  const last = post.at(-1);
  if (!first || !last || first === last)
    return { kind: 'unclear', why: 'too few samples after the race window', evidence: [lastRunning] };
  const ownKeys = own.map(([k]) => k);
  const alive = ownKeys.filter((k) => kids(last).has(k));
  const evidence = [...controlEvidence, lastRunning, first, last].filter(
    (e): e is SampleEvent => e !== undefined,
  );
  if (alive.length === 0) {
    // The first sample from which none of them is seen again.
    const gone = s.after.findIndex((e, i) =>
      s.after.slice(i).every((x) => ownKeys.every((k) => !kids(x).has(k))),
    );
    const stopAt = gone >= 0 ? (s.after[gone]?.t ?? null) : null;
    return {
      kind: 'stopped',
      summary: `the process it started (${ownNames}) ended`,
      stopAt,
      evidence,
    };
  }
  const aliveNames = names(alive.map((k) => kids(last).get(k) as Kid));
  const span = `${Math.round(last.t - first.t)} ms past the race window`;
  const working = s.running.length > 1 ? rateOf(alive, s.running[0] as SampleEvent, lastRunning) : null;
  const after = rateOf(alive, first, last);
  if (working !== null && after !== null && working >= WORK_FLOOR_MS_PER_S) {
    const rates = `${Math.round(after)} ms of CPU per second after the cancel, ${Math.round(working)} while the call ran`;
    if (after <= STOPPED_SHARE * working)
      return {
        kind: 'stopped',
        summary: `the process it started (${aliveNames}) stopped working after the cancel (${rates}), though it still lives`,
        stopAt: null,
        evidence,
      };
    if (after < KEPT_SHARE * working)
      return {
        kind: 'unclear',
        why: `the process the call started (${aliveNames}) still lives and works at a reduced rate (${rates})`,
        evidence,
      };
    return {
      kind: 'kept',
      summary: `the process the call started (${aliveNames}) kept working after the cancel (${rates})`,
      actual: `${aliveNames}, started by the call, still lived and worked ${span} (${rates}), while the process of a completed call (${names(ended.map(([, d]) => d))}) ended with it`,
      evidence,
      processes: alive.length,
    };
  }
  return {
    kind: 'kept',
    summary: `the process the call started (${aliveNames}) still lived ${span}`,
    actual: `${aliveNames}, started by the call and absent while the server was idle, still lived ${span}, while the process of a completed call (${names(ended.map(([, d]) => d))}) ended with it`,
    evidence,
    processes: alive.length,
  };
}
