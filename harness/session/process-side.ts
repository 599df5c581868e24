// What a rule may learn of the target's processes: samples of its process tree, recorded in the
// transcript as events of kind "sample", so that reports draw them and verdicts cite them. Only for
// a target the suite started itself (stdio, or an HTTP server command), and only where the observer
// works (Linux /proc).

import type { SampleEvent, ProcessSample } from '../model/transcript.js';
import { OBSERVE_INTERVAL_MS, ProcessObserver, observerUnavailable } from '../target/observer.js';
import type { Transcript } from '../transcript.js';

/** The rule's view of the target's processes (RuleContext.process). */
export interface ProcessSide {
  /** Why the process tree cannot be observed (a server the suite did not start, no /proc), or null. */
  readonly unavailable: string | null;
  /** The interval `record` samples at, ms. */
  readonly intervalMs: number;
  /** Samples the tree now and records it; null when unavailable or the target's root process is gone. */
  sample(why?: string): SampleEvent | null;
  /** Samples on the interval (or every `everyMs`, for something too brief for the usual interval),
   *  recording each sample, until `stop()` (which returns them). Stops by itself once the target is gone. */
  record(why?: string, everyMs?: number): { stop(): SampleEvent[] };
}

/** One line for people: what the sample shows. */
export function describeSample(s: ProcessSample): string {
  const kids = s.descendants.map((d) => `${d.name} ${d.pid}`).join(', ');
  return (
    `process tree: ${s.processes} process${s.processes === 1 ? '' : 'es'}${kids ? ` (${kids})` : ''}, ` +
    `${s.threads} threads, ${s.fds} descriptors, ${(s.rssKb / 1024).toFixed(1)} MB resident, ${Math.round(s.cpuMs)} ms CPU`
  );
}

/** The ProcessSide of a session whose current root pid `pidOf` tells (it changes when the target restarts). */
export class ObservedProcesses implements ProcessSide {
  readonly intervalMs = OBSERVE_INTERVAL_MS;
  private observer: ProcessObserver | null = null;

  constructor(
    private readonly transcript: Transcript,
    private readonly pidOf: () => number | undefined,
  ) {}

  get unavailable(): string | null {
    if (this.pidOf() === undefined)
      return 'the suite did not start this target (a server at a URL), so it cannot see its processes; give the server command with --http instead of --url';
    return observerUnavailable();
  }

  private current(): ProcessObserver | null {
    const pid = this.pidOf();
    if (pid === undefined || observerUnavailable() !== null) return null;
    if (this.observer?.rootPid !== pid) this.observer = new ProcessObserver(pid, () => this.transcript.now());
    return this.observer;
  }

  /** Cost of the recordings that ended: the suite's CPU time spent observing, ms, and samples taken. */
  private readonly spent = { cpuMs: 0, samples: 0 };

  /** CPU time the suite spent observing, ms, and samples taken (the observer's cost). */
  get cost(): { cpuMs: number; samples: number } {
    return {
      cpuMs: this.spent.cpuMs + (this.observer?.costMs ?? 0),
      samples: this.spent.samples + (this.observer?.count ?? 0),
    };
  }

  sample(why?: string): SampleEvent | null {
    const s = this.current()?.sample();
    return s ? this.put(s, why) : null;
  }

  record(why?: string, everyMs = this.intervalMs): { stop(): SampleEvent[] } {
    const got: SampleEvent[] = [];
    const observer = this.current();
    if (!observer) return { stop: () => got };
    // Its own observer: another recording (or a sample) in the same rule must not stop this one.
    const own = new ProcessObserver(observer.rootPid, () => this.transcript.now());
    own.watch((s) => got.push(this.put(s, got.length === 0 ? why : undefined)), everyMs);
    let stopped = false;
    return {
      stop: () => {
        if (!stopped) {
          stopped = true;
          own.stop();
          this.spent.cpuMs += own.costMs;
          this.spent.samples += own.count;
        }
        return got;
      },
    };
  }

  private put(s: ProcessSample, why?: string): SampleEvent {
    const text = why ? `${describeSample(s)}: ${why}` : describeSample(s);
    return this.transcript.add({ t: s.t, dir: 'harness', kind: 'sample', text, sample: s }) as SampleEvent;
  }
}
