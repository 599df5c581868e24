// Named timing budgets. Every wait in the suite is one of these times one --time-scale factor;
// suites/ never writes a millisecond literal. Each budget says what it bounds.

export interface Budgets {
  /** Grace after a cause was seen, for messages the target had already written (race grace). */
  settle: number;
  /** Floor of the silence window used to conclude that something did NOT happen. */
  silence: number;
  /** Upper bound on waiting for something that should happen promptly (a ping answer, a first progress). */
  prompt: number;
  /** Upper bound on waiting for something slower but expected (a probe, a tools/list). */
  long: number;
  /** Upper bound on a short run of the slow tool while the probe looks for one (calibration). */
  short: number;
  /** Upper bound for the handshake of a freshly started target (interpreters, `uv run` may be slow). */
  startup: number;
  /** Upper bound for one rule on one revision: a safety net, never reached when waits are bounded. */
  huge: number;
  /** The whole exploration phase of a run: generating, running, shrinking and re-running programs. */
  explore: number;
  /** How long a target gets to exit after stdin closes, and again after SIGTERM, before SIGKILL. */
  exitGrace: number;
  /** The calls of one resource soak (CANCEL-RECV-FREE-RESOURCES: cancelled calls and their control),
   *  from which the number of calls is sized by the tool's pace. */
  soak: number;
}

/** The unscaled budgets in ms. Why these numbers: see CONTRIBUTING.md "Timing model". */
export const BASE_BUDGETS: Readonly<Budgets> = {
  settle: 50,
  silence: 1000,
  prompt: 2000,
  long: 10_000,
  short: 4000,
  startup: 15_000,
  huge: 90_000,
  explore: 6000,
  exitGrace: 500,
  soak: 6000,
};

/** Budgets multiplied by the --time-scale factor. */
export function scaledBudgets(scale: number): Budgets {
  const out = { ...BASE_BUDGETS };
  for (const key of Object.keys(out) as (keyof Budgets)[]) out[key] = Math.round(out[key] * scale);
  return out;
}

/**
 * Silence window: long enough against the target's own pace (RULES.md §10 A3, sized per target):
 * 20 round trips, 2 typical progress intervals, and 1.5 times the longest progress gap seen (a
 * tool still working shows a progress within one gap; the rest is margin for an uneven pace).
 */
export function silenceWindow(
  b: Budgets,
  rttMs: number | null,
  progressIntervalMs: number | null,
  progressMaxGapMs: number | null = null,
): number {
  const fromRtt = rttMs === null ? 0 : 20 * rttMs;
  const fromPace = progressIntervalMs === null ? 0 : 2 * progressIntervalMs;
  const fromGaps = progressMaxGapMs === null ? 0 : 1.5 * progressMaxGapMs;
  return Math.ceil(Math.max(b.silence, fromRtt, fromPace, fromGaps));
}

/**
 * Resolves after `ms` of listening (patient: see patientTimer); the one sleep of the harness, used
 * only for windows that are themselves the test.
 */
export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => void patientTimer(ms, resolve));
}

/** A timer this late (ms) shows the suite's own process was stalled; waits then extend (see patientTimer). */
export const LATE_TIMER_MS = 100;

/**
 * Calls `fire` once `ms` have passed while this process was listening; returns a function that
 * cancels it. A timer that fires late means this process was busy (a stall of the suite, not of the
 * target): messages that arrived meanwhile may still sit unread, and timers run before I/O. So the
 * poll phase gets a turn first (setImmediate runs after it), and a late timer waits as long again
 * (twice at most): a wait never concludes "nothing came" from time the suite did not listen.
 */
export function patientTimer(ms: number, fire: () => void): () => void {
  const startedAt = performance.now();
  let deadline = Math.max(0, ms);
  let extensions = 0;
  let done = false;
  let timer: NodeJS.Timeout | undefined;
  let immediate: NodeJS.Immediate | undefined;
  const expire = () => {
    immediate = setImmediate(() => {
      if (done) return;
      const late = performance.now() - startedAt - deadline;
      if (late > LATE_TIMER_MS && extensions < 2) {
        extensions++;
        deadline += late;
        timer = setTimeout(expire, late);
        return;
      }
      done = true;
      fire();
    });
  };
  timer = setTimeout(expire, deadline);
  return () => {
    done = true;
    clearTimeout(timer);
    if (immediate) clearImmediate(immediate);
  };
}

/**
 * Races `work` against a deadline (a patient one: see patientTimer); the deadline's timer is cleared
 * as soon as `work` settles, so a long bound never keeps the process alive after the work is done.
 */
export async function within<T, F>(work: Promise<T>, ms: number, onTimeout: () => F): Promise<T | F> {
  let cancel: (() => void) | undefined;
  const deadline = new Promise<F>((resolve) => {
    cancel = patientTimer(ms, () => resolve(onTimeout()));
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    cancel?.();
  }
}
