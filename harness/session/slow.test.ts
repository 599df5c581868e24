// The timing model on numbers alone: the race window after a cancel, how long a rule watches after
// it (what the probe makes the slow tool outlast), and the silence window sized from a target's pace.

import { describe, expect, it } from 'vitest';
import { BASE_BUDGETS, silenceWindow } from '../timing.js';
import { expectedWatchMs, raceWindowEnd } from './slow.js';

const o = { settleMs: 50, promptMs: 2000, rttMs: 1, progressIntervalMs: null };

describe('raceWindowEnd', () => {
  it('ends a grace after the ping written behind the cancel was answered', () => {
    // Grace: max(settle, 5 RTT) = 50 ms.
    expect(raceWindowEnd(100, 130, o)).toBe(180);
  });

  it('gives a cooperative server one and a half progress steps to finish the step it is in', () => {
    expect(raceWindowEnd(100, 130, { ...o, progressIntervalMs: 200 })).toBe(130 + 50 + 300);
  });

  it('waits a prompt budget when the ping was never answered (the server may not have read the cancel)', () => {
    expect(raceWindowEnd(100, null, o)).toBe(100 + 2000 + 50);
  });

  it('scales the grace with a slow round trip', () => {
    expect(raceWindowEnd(0, 40, { ...o, rttMs: 30 })).toBe(40 + 150);
  });
});

describe('expectedWatchMs', () => {
  it('is the silence window when the race window is short', () => {
    expect(expectedWatchMs(1000, o)).toBe(1000);
  });

  it('is the race window and half a window when progress steps are long (progress every 2 s)', () => {
    const sparse = { ...o, progressIntervalMs: 2000 };
    // Read by 2 RTT, grace 50 + 3000, then half of a 4000 ms window.
    expect(expectedWatchMs(4000, sparse)).toBe(2 + 50 + 3000 + 2000);
  });
});

describe('silenceWindow', () => {
  it('has a floor, and grows with the round trip, the typical interval and the longest gap', () => {
    expect(silenceWindow(BASE_BUDGETS, 1, null)).toBe(1000);
    expect(silenceWindow(BASE_BUDGETS, 100, null)).toBe(2000);
    expect(silenceWindow(BASE_BUDGETS, 1, 2000)).toBe(4000);
    expect(silenceWindow(BASE_BUDGETS, 1, 600, 2000)).toBe(3000);
    expect(silenceWindow(BASE_BUDGETS, null, null)).toBe(1000);
  });
});
