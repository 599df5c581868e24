// The library entry: runConformance returns the same report the command line writes, refuses bad
// options with the command line's one-line errors, and leaves no target running.
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exitCodeOf, runConformance, TargetError, UsageError } from './library.js';
import { liveGroups } from './target/registry.js';

const ROOT = resolve(import.meta.dirname, '..');
const fixture = (path: string) => resolve(ROOT, 'dist/fixtures', path);

describe('runConformance', () => {
  it(
    'runs the selected rules and returns the report; the exit code follows the verdicts',
    { timeout: 60_000 },
    async () => {
      const events: string[] = [];
      const report = await runConformance({
        target: [fixture('broken/replies-to-notifications.js')],
        rules: ['RPC-NOTIF-NO-RESPONSE', 'PING-RESPOND-PROMPTLY'],
        runs: 0,
        seed: 7,
        onEvent: (e) => events.push(e.type),
      });
      expect(report.seed).toBe(7);
      expect(report.results.map((r) => [r.rule, r.verdict])).toEqual([
        ['RPC-NOTIF-NO-RESPONSE', 'fail'],
        ['PING-RESPOND-PROMPTLY', 'pass'],
      ]);
      expect(exitCodeOf(report)).toBe(1);
      expect(events).toContain('probe');
      expect(events.filter((t) => t === 'result')).toHaveLength(2);
      expect(liveGroups()).toBe(0);
    },
  );

  it(
    'keeps no result that rests on a running time the slow tool then did not have: it probes again and reruns',
    { timeout: 60_000 },
    async () => {
      const events: string[] = [];
      // 8 steps of 100 ms: the pace is known long before the call ends, and it ends before the
      // ~1.2 s a rule's watch after its cancel needs.
      const report = await runConformance({
        target: [fixture('shapes/shaped-server.js'), 'product-of-two'],
        slowTool: 'work',
        slowArgs: { steps: 8, stepMs: 100 },
        rules: ['CANCEL-NO-RESPONSE'],
        revisions: ['2025-11-25'],
        runs: 0,
        seed: 7,
        onEvent: (e) => events.push(e.type),
      });
      expect(report.discovery?.slowTool).toBeNull();
      expect(report.discovery?.slowToolWhy).toMatch(/finished in \d+ ms .* --slow-args/);
      expect(report.results.map((r) => r.verdict)).toEqual(['untestable']);
      // The probe either saw the end itself, or the confirmation failed and the run started again.
      expect(events.filter((t) => t === 'result')).toHaveLength(events.includes('reprobe') ? 2 : 1);
      expect(liveGroups()).toBe(0);
    },
  );

  it('a warn counts only when strict; an expected failure never; a stale baseline entry always', () => {
    const report = (results: object[], stale: string[] = []) =>
      ({ results, baseline: { file: 'b.yml', entries: [], stale } }) as never;
    expect(exitCodeOf(report([{ verdict: 'pass' }, { verdict: 'warn' }]))).toBe(0);
    expect(exitCodeOf(report([{ verdict: 'pass' }, { verdict: 'warn' }]), true)).toBe(1);
    expect(exitCodeOf(report([{ verdict: 'fail' }]))).toBe(1);
    expect(exitCodeOf(report([{ verdict: 'fail', expectedFailure: true }]))).toBe(0);
    expect(exitCodeOf(report([{ verdict: 'warn', expectedFailure: true }]), true)).toBe(0);
    expect(exitCodeOf(report([{ verdict: 'pass' }], ['CANCEL-NO-RESPONSE']))).toBe(1);
  });

  it('refuses bad options with the command line’s one-line errors', async () => {
    const refused = async (o: Parameters<typeof runConformance>[0]) =>
      runConformance(o).then(
        () => null,
        (e: Error) => e,
      );
    const bad = [
      await refused({ target: [fixture('conformant/reference-server.js')], rules: ['NOPE*'] }),
      await refused({ target: [fixture('conformant/reference-server.js')], timeScale: 0 }),
      await refused({}),
      await refused({ target: 'server.js' as never }),
    ];
    for (const e of bad) {
      expect(e).toBeInstanceOf(UsageError);
      expect(e?.message).not.toContain('\n');
    }
    expect(bad.map((e) => e?.message)).toEqual([
      expect.stringContaining("'NOPE*' matches no rule"),
      expect.stringContaining('--time-scale expects a number greater than 0'),
      expect.stringContaining('missing target'),
      expect.stringContaining('target expects an array of strings'),
    ]);
  });

  it(
    'a target that cannot start is a TargetError, and nothing is left running',
    { timeout: 60_000 },
    async () => {
      const e = await runConformance({ target: [fixture('startup/exits-at-once.js')], runs: 0 }).catch(
        (x: Error) => x,
      );
      expect(e).toBeInstanceOf(TargetError);
      expect(liveGroups()).toBe(0);
    },
  );
});
