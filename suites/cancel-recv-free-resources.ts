// CANCEL-RECV-FREE-RESOURCES: after a cancel, the receiver should free what the request held. The
// wire cannot show it; the operating system can, for a target the suite started: N cancelled calls
// against a control of N completed ones on a fresh target, and the descriptors, threads, processes
// and memory the target keeps per cancelled call beyond what it keeps per completed one.

import { defineRule, REVISIONS, type Outcome } from '../harness/api.js';
import {
  cancelledSoak,
  completedSoak,
  growth,
  kept,
  LEAK_PER_CALL,
  RESOURCES,
  soakCalls,
  soakWithProgress,
  type Series,
} from './lib/soak.js';

const UNIT = { fds: 'descriptors', threads: 'threads', processes: 'processes', rssKb: 'KiB resident' };
const round = (x: number): number => Math.round(x * 100) / 100;

export default defineRule({
  id: 'CANCEL-RECV-FREE-RESOURCES',
  title: 'Resources are freed after a cancel',
  keyword: 'SHOULD',
  quote: 'Receivers of cancellation notifications **SHOULD**: … - Free associated resources',
  quoteFor: {
    '2026-07-28': 'Servers receiving cancellation notifications **SHOULD**: … - Free associated resources',
  },
  page: 'cancellation',
  anchor: 'behavior-requirements',
  revisions: REVISIONS,
  transports: ['stdio', 'http'],
  needs: ['slowTool', 'shortRun'],
  session: 'initialized',
  cost: 'long',
  expected:
    'descriptors, threads, processes and memory do not grow per cancelled call beyond what completed calls leave',
  async run(ctx): Promise<Outcome> {
    const why = ctx.process.unavailable;
    if (why) return { kind: 'untestable', summary: why };
    const progress = soakWithProgress(ctx);
    const n = soakCalls(ctx, progress);
    const cancelled = await cancelledSoak(ctx, n, progress);
    if ('kind' in cancelled) return { ...cancelled, metrics: { plannedCalls: n } };
    const calls = cancelled.points.length;
    const completed = await completedSoak(ctx, calls);
    if ('kind' in completed) return { ...completed, metrics: { plannedCalls: n, calls } };
    const metrics: Record<string, number> = { calls };
    const held: string[] = [];
    for (const r of RESOURCES) {
      const c = growth(cancelled, r);
      const k = growth(completed, r);
      Object.assign(metrics, {
        [`${r}PerCancelledCall`]: round(c.perCall),
        [`${r}PerCompletedCall`]: round(k.perCall),
        [`${r}GrowthCancelled`]: round(c.total),
        [`${r}GrowthCompleted`]: round(k.total),
      });
      const beyond = kept(cancelled, completed, r, calls);
      metrics[`${r}AboveCompleted`] = round(beyond.level);
      if (beyond.leaked)
        held.push(
          `${round(c.perCall)} ${UNIT[r]} per cancelled call (${round(k.perCall)} per completed call), ${round(c.total)} in all, ${round(beyond.level)} more than after the completed calls`,
        );
    }
    const evidence = (s: Series) => [s.base, ...s.points.slice(0, 2), s.final];
    if (held.length === 0)
      return {
        kind: 'pass',
        summary: `after ${calls} cancelled calls the target kept no more per call than after ${completed.points.length} completed ones`,
        metrics,
        evidence: [cancelled.base, cancelled.final],
      };
    return {
      kind: 'violation',
      summary: `kept resources of cancelled calls: ${held.join('; ')}`,
      expected: `at most ${LEAK_PER_CALL.fds} descriptor, thread or process and ${LEAK_PER_CALL.rssKb} KiB per cancelled call beyond the completed calls' slope (Theil–Sen), also after a reply window, and the target ending at most that much per call above the completed calls' one`,
      actual: held.join('; '),
      metrics,
      evidence: [...evidence(cancelled), ...evidence(completed)],
    };
  },
});
