// How many rules a run starts at once when the user did not say: many for a target that starts fast,
// few for one whose start-up is heavy (each rule starts a target of its own).

import { describe, expect, it } from 'vitest';
import { autoConcurrency } from './runner.js';

describe('autoConcurrency', () => {
  it('runs 12 at once for a fast target, fewer the heavier its start-up, never fewer than 2', () => {
    expect(autoConcurrency(100, 2)).toBe(12);
    expect(autoConcurrency(500, 2)).toBe(6);
    expect(autoConcurrency(1250, 2)).toBe(2);
    expect(autoConcurrency(20_000, 2)).toBe(2);
  });

  it('scales with the cores', () => {
    expect(autoConcurrency(500, 4)).toBe(12);
    expect(autoConcurrency(1000, 4)).toBe(6);
  });
});
