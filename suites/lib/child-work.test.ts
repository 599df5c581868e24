// Tests of the judgement of a cancelled call's own processes (CANCEL-RECV-STOP-PROCESSING without
// progress): which processes are the call's, against the idle server and a completed call, and when
// one that lives on counts as work going on.

import { describe, expect, it } from 'vitest';
import type { SampleEvent } from '../../harness/api.js';
import { judgeChildren, type ChildSpans } from './child-work.js';

/** A process in a sample: pid, start tick, CPU ms so far. */
type Proc = [pid: number, cpuMs?: number];

let seq = 0;
/** A sample at `t` listing `procs` (the root is not listed). */
function at(t: number, procs: Proc[], processes = procs.length + 1): SampleEvent {
  const descendants = procs.map(([pid, cpuMs = 0]) => ({
    pid,
    ppid: 1,
    name: `p${pid}`,
    start: pid * 10,
    cpuMs,
  }));
  return {
    seq: seq++,
    t,
    dir: 'harness',
    kind: 'sample',
    text: '',
    sample: { t, cpuMs: 0, rssKb: 0, fds: 0, threads: 1, processes, descendants },
  };
}

/** Samples every 100 ms from `t0`, each listing `procs(i)`. */
function series(t0: number, n: number, procs: (i: number) => Proc[]): SampleEvent[] {
  return Array.from({ length: n }, (_, i) => at(t0 + 100 * i, procs(i)));
}

/** A server with helper 5 (always there) whose calls each start a child: 7 for the completed call,
 *  9 for the cancelled one, which after the cancel is as `after(i)` says. */
function spans(after: (i: number) => Proc[], o: Partial<ChildSpans> = {}): ChildSpans {
  return {
    control: { before: at(0, [[5]]), during: series(100, 3, () => [[5], [7]]) },
    idle: series(1000, 5, () => [[5]]),
    running: series(2000, 5, (i) => [[5], [9, 50 * i]]),
    after: series(3000, 10, after),
    raceEnd: 3200,
    ...o,
  };
}

describe('judgeChildren', () => {
  it('a child that never worked and lives on is kept work; one that worked and now idles stopped', () => {
    const f = judgeChildren(spans(() => [[5], [9, 200]]));
    // The running span's child used CPU (50 ms per 100 ms), and after the cancel none: it stopped working.
    expect(f.kind).toBe('stopped');
    const idleChild = judgeChildren({
      ...spans(() => [[5], [9]]),
      running: series(2000, 5, () => [[5], [9]]),
    });
    expect(idleChild.kind).toBe('kept');
    if (idleChild.kind === 'kept') expect(idleChild.actual).toMatch(/p9 9.*still lived.*p7 7.*ended with it/);
  });

  it('a child still working at its rate is kept work; one that ended is stopped, with when', () => {
    expect(judgeChildren(spans((i) => [[5], [9, 250 + 50 * i]])).kind).toBe('kept');
    const ended = judgeChildren(spans((i) => (i < 4 ? [[5], [9, 200]] : [[5]])));
    expect(ended).toMatchObject({ kind: 'stopped', stopAt: 3400 });
  });

  it('a child working at half its rate is unclear', () => {
    expect(judgeChildren(spans((i) => [[5], [9, 250 + 20 * i]])).kind).toBe('unclear');
  });

  it('a process the server keeps while idle is not the call’s', () => {
    const f = judgeChildren({
      ...spans(() => [[5], [9]]),
      idle: series(1000, 5, () => [[5], [9]]),
    });
    expect(f.kind).toBe('none');
  });

  it('without a completed call that ends its own process, a lingering child is unclear', () => {
    const pool = judgeChildren(spans(() => [[5], [9]], { idle: series(1000, 5, () => [[5], [7]]) }));
    // The completed call's 7 outlived it (a pool worker): the server may keep 9 the same way.
    expect(pool.kind).toBe('unclear');
    if (pool.kind === 'unclear') expect(pool.why).toMatch(/pool worker/);
    const noChild = judgeChildren(
      spans(() => [[5], [9]], { control: { before: at(0, [[5]]), during: series(100, 3, () => [[5]]) } }),
    );
    expect(noChild.kind).toBe('unclear');
    const noControl = judgeChildren(spans(() => [[5], [9]], { control: null, noControl: 'no short run' }));
    expect(noControl).toMatchObject({ kind: 'unclear' });
  });

  it('a tree with more processes than a sample lists is unclear', () => {
    const f = judgeChildren({ ...spans(() => [[5], [9]]), idle: [at(1000, [[5]], 12)] });
    expect(f.kind).toBe('unclear');
  });
});
