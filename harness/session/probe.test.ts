// The probe against an in-memory server (no process): how it sizes a tool it has never seen, what
// it concludes about progress, and what it says when its guess does not hold on that server.

import { afterEach, describe, expect, it } from 'vitest';
import { Peer } from '../jsonrpc/peer.js';
import type { ExitInfo } from '../target/process.js';
import { scaledBudgets } from '../timing.js';
import { Transcript } from '../transcript.js';
import type { TranscriptEvent } from '../model/transcript.js';
import type { Channel, Outgoing } from '../transport/channel.js';
import { isJsonObject, type Json, type JsonObject } from '../model/protocol.js';
import { probeTarget } from './probe.js';

/** work(steps, stepMs): `steps` steps of `stepMs` each, a progress after each, stopped by a cancel. */
class WorkServer implements Channel {
  readonly transport = 'stdio' as const;
  readonly transcript = new Transcript();
  readonly exit: ExitInfo | null = null;
  private readonly listeners: ((m: Json, e: TranscriptEvent) => void)[] = [];
  private readonly running = new Map<string, NodeJS.Timeout>();

  /** `longestStepMs`: a step asked to be longer than this takes forever (its progress never comes). */
  constructor(private readonly o: { longestStepMs: number }) {}

  send(items: Outgoing[]): Promise<number> {
    const t = this.transcript.now();
    for (const item of items) {
      if (!('json' in item)) continue;
      this.transcript.add({ t, dir: 'client', kind: 'message', message: item.json });
      this.handle(item.json);
    }
    return Promise.resolve(t);
  }

  private reply(message: JsonObject, ms = 0): void {
    setTimeout(() => {
      const event = this.transcript.add({ dir: 'server', kind: 'message', message });
      for (const l of this.listeners) l(message, event);
    }, ms);
  }

  private handle(m: Json): void {
    if (!isJsonObject(m)) return;
    const params = isJsonObject(m.params) ? m.params : {};
    if (m.method === 'notifications/cancelled') {
      const key = JSON.stringify(params.requestId);
      clearTimeout(this.running.get(key));
      this.running.delete(key);
      return;
    }
    if (m.id === undefined) return;
    const answer = (result: JsonObject) => this.reply({ jsonrpc: '2.0', id: m.id ?? null, result });
    if (m.method === 'ping') return answer({});
    if (m.method === 'tools/list')
      return answer({
        tools: [
          {
            name: 'work',
            description:
              'Does `steps` units of work, each lasting `stepMs`; reports progress after every unit.',
            inputSchema: {
              type: 'object',
              properties: { steps: { type: 'integer' }, stepMs: { type: 'integer' } },
              required: ['steps', 'stepMs'],
            },
          },
        ],
      });
    if (m.method !== 'tools/call') return;
    const args = isJsonObject(params.arguments) ? params.arguments : {};
    const meta = isJsonObject(params._meta) ? params._meta : {};
    const steps = Number(args.steps);
    const stepMs = Number(args.stepMs);
    if (stepMs > this.o.longestStepMs) return;
    let done = 0;
    const key = JSON.stringify(m.id);
    const step = () => {
      done++;
      if (meta.progressToken !== undefined)
        this.reply({
          jsonrpc: '2.0',
          method: 'notifications/progress',
          params: { progressToken: meta.progressToken, progress: done, total: steps },
        });
      if (done >= steps) {
        this.running.delete(key);
        return answer({ content: [{ type: 'text', text: 'done' }] });
      }
      this.running.set(key, setTimeout(step, stepMs));
    };
    this.running.set(key, setTimeout(step, stepMs));
  }

  onMessage(listener: (message: Json, event: TranscriptEvent) => void): void {
    this.listeners.push(listener);
  }
  onExit(): void {}
  stderrTail(): string[] {
    return [];
  }
  close(): Promise<void> {
    for (const t of this.running.values()) clearTimeout(t);
    this.running.clear();
    return Promise.resolve();
  }
}

const servers: WorkServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

function probe(o: {
  longestStepMs: number;
  slowArgs?: JsonObject;
  timeScale?: number;
  confirmLater?: boolean;
}) {
  const server = new WorkServer({ longestStepMs: o.longestStepMs });
  servers.push(server);
  return probeTarget(
    new Peer(server),
    { tools: {} },
    {
      budgets: scaledBudgets(o.timeScale ?? 1),
      initializeMs: 1,
      slowTool: o.slowArgs ? { name: 'work', args: o.slowArgs } : null,
      requestTool: null,
      confirmLater: o.confirmLater ?? false,
    },
  );
}

describe('probeTarget on a work(steps, stepMs) server it has never seen', () => {
  it('reads stepMs as per step, proves the long run with progress, and keeps a short run it saw complete', async () => {
    const { discovery: d } = await probe({ longestStepMs: 1000 });
    expect(d.slowTool).toMatchObject({ name: 'work', args: { steps: 600, stepMs: 100 }, progress: true });
    expect(d.slowTool?.shortArgs).not.toBeNull();
    expect(d.progressIntervalMs).toBeGreaterThanOrEqual(90);
    expect(d.progressIntervalMs).toBeLessThan(400);
    expect(d.progressWhy).toBeUndefined();
  });

  it('does not call a tool progress-less when only its long run was silent: it says what it watched and which flag helps', async () => {
    // The user's long run has 60 s steps (no progress for a minute); its short runs have short ones.
    const { discovery: d } = await probe({
      longestStepMs: 1000,
      slowArgs: { steps: 300, stepMs: 60_000 },
      timeScale: 0.2,
    });
    expect(d.slowTool?.progress).toBe(false);
    expect(d.progressWhy).toMatch(
      /sent no progress within \d+ ms of its run with \{"steps":300,"stepMs":60000\}/,
    );
    expect(d.progressWhy).toMatch(/although its short run .* did: .* --slow-args with shorter steps/);
    // The long run was tried once more on its own before that was concluded.
    expect(d.notes.some((n) => /trying it again alone/.test(n))).toBe(true);
  });
});

describe('probeTarget returning before the running time is proved (confirmLater)', () => {
  it('states a running time that the confirmation then proves', async () => {
    const p = await probe({ longestStepMs: 1000, slowArgs: { steps: 600, stepMs: 300 }, confirmLater: true });
    const d = p.discovery;
    expect(d.slowTool?.progress).toBe(true);
    expect(d.progressIntervalMs).toBeGreaterThanOrEqual(290);
    expect(await p.confirmed).toBeNull();
  });

  it('a tool that ends before the stated running time fails the confirmation (or the probe, when it saw the end)', async () => {
    // 4 steps of 300 ms: the pace is known after 600 ms, the rules need the call to run about 1.4 s.
    const p = await probe({ longestStepMs: 1000, slowArgs: { steps: 4, stepMs: 300 }, confirmLater: true });
    const why = await p.confirmed;
    if (p.discovery.slowTool === null) expect(p.discovery.slowToolWhy).toMatch(/finished in \d+ ms/);
    else
      expect(why).toMatch(
        /answered \d+ ms after its call with \{"steps":4,"stepMs":300\}, before the \d+ ms the rules rely on/,
      );
  });

  it('without confirmLater the probe proves everything before it returns', async () => {
    const p = await probe({ longestStepMs: 1000, slowArgs: { steps: 4, stepMs: 300 } });
    expect(p.discovery.slowTool).toBeNull();
    expect(p.discovery.slowToolWhy).toMatch(/finished in \d+ ms .* --slow-args/);
    expect(await p.confirmed).toBeNull();
  });
});
