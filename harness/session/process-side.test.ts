// Tests of the rule's view of the target's processes: samples land in the transcript as valid events,
// a recording ends with its stop (or with the target), and a target the suite did not start says why.

import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { TranscriptEvent } from '../model/transcript.js';
import { observerUnavailable } from '../target/observer.js';
import { Transcript } from '../transcript.js';
import { ObservedProcesses } from './process-side.js';

describe('ObservedProcesses', () => {
  it('is unavailable, saying why, for a target the suite did not start', () => {
    const side = new ObservedProcesses(new Transcript(), () => undefined);
    expect(side.unavailable).toMatch(/did not start this target/);
    expect(side.sample()).toBeNull();
    expect(side.record().stop()).toEqual([]);
  });

  it.skipIf(observerUnavailable() !== null)(
    'records samples as transcript events until stopped, and stops by itself once the target ends',
    async () => {
      const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
      const transcript = new Transcript();
      const side = new ObservedProcesses(transcript, () => child.pid);
      try {
        expect(side.unavailable).toBeNull();
        const one = side.sample('before the call');
        expect(one?.text).toMatch(/^process tree: 1 process, \d+ threads, .*: before the call$/);
        const rec = side.record('while it runs');
        for (let i = 0; i < 100 && transcript.events.length < 4; i++)
          await new Promise((r) => setTimeout(r, 50));
        const got = rec.stop();
        expect(got.length).toBeGreaterThanOrEqual(2);
        expect(rec.stop()).toBe(got);
        for (const e of transcript.events) expect(TranscriptEvent.safeParse(e).success).toBe(true);
        expect(side.cost.samples).toBeGreaterThanOrEqual(3);
        const after = side.record();
        child.kill('SIGKILL');
        await new Promise((r) => child.once('exit', r));
        for (let i = 0; i < 40 && side.sample() !== null; i++) await new Promise((r) => setTimeout(r, 50));
        const n = after.stop().length;
        await new Promise((r) => setTimeout(r, 3 * side.intervalMs));
        expect(after.stop().length).toBe(n);
      } finally {
        child.kill('SIGKILL');
      }
    },
  );
});
