// When CPU time shows work: the thresholds shared by the rate of a target's whole process tree
// (cpu-work.ts) and the rate of the processes a call started (child-work.ts).

/** A working rate counts as clear when it is at least this much CPU above idle (ms per second: a
 *  tenth of a core) and at least `WORK_OVER_IDLE` times the idle rate. */
export const WORK_FLOOR_MS_PER_S = 100;
export const WORK_OVER_IDLE = 3;
/** After the cancel, work went on when the rate keeps at least this share of the working rate above
 *  idle, and stopped when it keeps at most `STOPPED_SHARE`; in between is inconclusive. */
export const KEPT_SHARE = 0.5;
export const STOPPED_SHARE = 0.25;
