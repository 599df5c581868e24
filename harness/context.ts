// The RuleContext a rule runs with: one target session (restartable), the probe's findings, the
// scaled budgets and the helpers that turn "call, cancel, watch" into evidence.

import { classify } from './jsonrpc/message.js';
import { Peer, type PendingRequest } from './jsonrpc/peer.js';
import type { Discovery } from './model/report.js';
import type { HttpSide, RuleContext, SlowOptions } from './rule.js';
import { openSessionAt, useModernEra } from './session/era.js';
import { ObservedProcesses } from './session/process-side.js';
import type { ServerHello } from './session/handshake.js';
import {
  cancelAndObserve,
  isResponseFor,
  startCall,
  type CancelObservation,
  type SlowCall,
} from './session/slow.js';
import { openChannel, transportOf, type TargetSpec } from './target/spec.js';
import type { Budgets } from './timing.js';
import { delay, silenceWindow, within } from './timing.js';
import type { Transcript } from './transcript.js';
import type { TranscriptEvent } from './model/transcript.js';
import type { Outgoing } from './transport/channel.js';
import { httpOf } from './transport/http.js';
import {
  isModern,
  type Json,
  type JsonObject,
  type RequestId,
  type Revision,
  type Transport,
} from './model/protocol.js';

export class SessionContext implements RuleContext {
  peer: Peer;
  hello: ServerHello | null = null;
  /** Transcript position where the current target's session began (ids restart with a new target). */
  private sessionFrom = 0;
  private abandoned = false;
  /** The current target's process tree (follows restarts). */
  readonly process: ObservedProcesses;

  constructor(
    private readonly target: TargetSpec,
    readonly transcript: Transcript,
    first: Peer,
    readonly revision: Revision,
    readonly budgets: Budgets,
    readonly discovery: Discovery,
    readonly random: () => number,
  ) {
    this.peer = first;
    this.process = new ObservedProcesses(transcript, () => this.peer.channel.pid);
  }

  /**
   * Starts a target (or, for an HTTP server already running, opens a new connection that the
   * handshake turns into a fresh session) and wraps it in a peer; the transcript is shared across
   * restarts. A modern revision switches the peer to per-request `_meta` from its first request on.
   */
  static async open(
    target: TargetSpec,
    transcript: Transcript,
    budgets: Budgets,
    revision?: Revision,
  ): Promise<Peer> {
    const peer = new Peer(await openChannel(target, transcript, budgets));
    if (revision && isModern(revision)) useModernEra(peer, revision);
    return peer;
  }

  get livenessMethod(): 'ping' | 'server/discover' {
    return this.peer.livenessMethod;
  }

  get requests(): readonly PendingRequest[] {
    return this.peer.requests;
  }

  request(method: string, params?: JsonObject, id?: RequestId): Promise<PendingRequest> {
    return this.peer.request(method, params, id);
  }

  prepare(method: string, params?: JsonObject, id?: RequestId) {
    return this.peer.prepare(method, params, id);
  }

  cancel(requestId: Json, reason?: string): Promise<number> {
    return this.peer.cancel(requestId, reason);
  }

  sendBatch(items: Outgoing[]): Promise<number> {
    return this.peer.sendBatch(items);
  }

  respond(id: Json, result: JsonObject): Promise<number> {
    return this.peer.respond(id, result);
  }

  ping(timeoutMs: number) {
    return this.peer.ping(timeoutMs);
  }

  methodFor(id: Json | undefined): string | undefined {
    return this.peer.methodFor(id);
  }

  answerServerRequests(): void {
    this.peer.serverRequestPolicy = 'auto';
  }

  get http(): HttpSide | null {
    return httpOf(this);
  }

  get transport(): Transport {
    return transportOf(this.target);
  }

  get silenceMs(): number {
    return this.discovery.silenceMs;
  }

  get replyWindowMs(): number {
    return silenceWindow(this.budgets, this.rttMs, null);
  }

  get rttMs(): number | null {
    return this.discovery.rttMs;
  }

  /** Called by the runner when the rule ran out of time: no new target may start after this. */
  abandon(): void {
    this.abandoned = true;
  }

  /** The runner's restart: the rule's one returns nothing (it never holds the peer). */
  async restart(): Promise<void> {
    await this.restartPeer();
  }

  async restartPeer(): Promise<Peer> {
    await this.peer.channel.close();
    if (this.abandoned) throw new Error('the rule ran out of time; no new target is started');
    this.sessionFrom = this.transcript.position;
    this.transcript.note('the suite starts a fresh target');
    this.peer = await SessionContext.open(this.target, this.transcript, this.budgets, this.revision);
    this.hello = null;
    return this.peer;
  }

  /** The handshake in the legacy era; in the modern era, which has none, `server/discover` (its
   *  answer is the proof the target is up and speaks the revision). */
  async initialize(): Promise<ServerHello> {
    this.hello = await openSessionAt(this.peer, this.revision, this.budgets.startup);
    return this.hello;
  }

  async startSlow(o: SlowOptions = {}): Promise<SlowCall> {
    const slow = this.discovery.slowTool;
    if (!slow) throw new Error('startSlow called without a slow tool (declare the need "slowTool")');
    const args = o.run === 'short' ? slow.shortArgs : slow.args;
    if (!args) throw new Error('startSlow({ run: "short" }) needs "shortRun"');
    const progress = o.progress ?? true;
    const interval = this.discovery.progressIntervalMs ?? 0;
    const progressMs = progress && slow.progress ? Math.max(this.budgets.prompt, 3 * interval) : 0;
    return startCall(
      this.peer,
      { tool: slow.name, args, progress, id: o.id },
      // A call without a progress token is PING-RESPOND-PROMPTLY's, which needs no proof of it.
      { progressMs, pingMs: this.budgets.prompt, patienceMs: progress ? this.budgets.long : 0 },
    );
  }

  async awaitShort(call: SlowCall): Promise<{ answer: TranscriptEvent | null; waitedMs: number }> {
    const waitedMs = shortRunLimit(this.budgets, this.discovery);
    const answer = await this.peer.waitFor((e) => isResponseFor(e, call.req.id), waitedMs, call.fromSeq);
    return { answer, waitedMs };
  }

  async startRequestTool(): Promise<PendingRequest> {
    const tool = this.discovery.requestTool;
    if (!tool)
      throw new Error('startRequestTool called without a request tool (declare the need "requestTool")');
    this.peer.serverRequestPolicy = 'hold';
    return this.peer.request('tools/call', { name: tool.name, arguments: tool.args });
  }

  cancelAndObserve(
    call: SlowCall,
    o: { message?: Json; windowMs?: number } = {},
  ): Promise<CancelObservation> {
    return cancelAndObserve(this.peer, call, {
      windowMs: o.windowMs ?? this.silenceMs,
      settleMs: this.budgets.settle,
      promptMs: this.budgets.prompt,
      rttMs: this.rttMs,
      progressIntervalMs: this.discovery.slowTool?.progress ? this.discovery.progressIntervalMs : null,
      message: o.message,
    });
  }

  /**
   * Asks something cheap and reports whether the answer came. A server still answering a backlog of
   * earlier requests is busy, not dead, and a quiet one may be stalled: the wait goes on up to `long`.
   * (How promptly ping is answered is PING-RESPOND-PROMPTLY's question, not this one's.)
   */
  async alive(): Promise<{ ok: boolean; latencyMs: number | null; event: TranscriptEvent | null }> {
    const limit = Math.max(this.budgets.prompt, 10 * (this.rttMs ?? 0));
    // A server that never answered ping in the probe is asked something else it did answer.
    const method = this.discovery.rttMs === null ? 'tools/list' : this.peer.livenessMethod;
    const from = this.position();
    const req = await this.peer.request(method);
    let event = await within(req.response, limit, () => null);
    while (!event && !this.peer.exited && this.peer.now() - req.sentAt < this.budgets.long) {
      const now = this.peer.now();
      const busy = this.serverMessages(from).some((e) => e.t > now - limit);
      if (!busy) break;
      this.note(`${method} not answered yet, but the target is still answering earlier requests: waiting on`);
      event = await within(req.response, limit, () => null);
    }
    // A target that went quiet may be stalled (a loaded machine starving it), not dead: the same
    // request gets up to `long` in all before the session counts as no longer answering.
    const left = this.budgets.long - (this.peer.now() - req.sentAt);
    if (!event && !this.peer.exited && left > 0) {
      this.note(
        `${method} not answered within ${Math.round(limit)} ms: waiting up to ${Math.round(left)} ms more, a stalled target is not a dead one`,
      );
      event = await within(req.response, left, () => null);
    }
    // Alive means usable: the request succeeded. An error answer (say -32601 for server/discover from
    // a session that fell back to another era) is an answer, but not a usable session (RULES.md §10 A4).
    const ok = event !== null && classify(event.message) === 'response';
    return { ok, latencyMs: event ? event.t - req.sentAt : null, event };
  }

  waitFor(
    match: (e: TranscriptEvent) => boolean,
    timeoutMs: number,
    fromSeq?: number,
  ): Promise<TranscriptEvent | null> {
    return this.peer.waitFor(match, timeoutMs, fromSeq ?? this.sessionFrom);
  }

  position(): number {
    return this.transcript.position;
  }

  async watch(ms: number, why: string): Promise<void> {
    const from = this.transcript.now();
    this.transcript.window(from, from + ms, `watching ${Math.round(ms)} ms: ${why}`);
    await delay(ms);
  }

  pause(ms: number): Promise<void> {
    return delay(ms);
  }

  note(text: string): void {
    this.transcript.note(text);
  }

  serverMessages(fromSeq?: number): TranscriptEvent[] {
    return this.transcript
      .since(fromSeq ?? this.sessionFrom)
      .filter((e) => e.dir === 'server' && e.kind === 'message');
  }

  async endInput(waitMs: number): Promise<{ supported: boolean; exited: boolean; at: number }> {
    const channel = this.peer.channel;
    const at = this.peer.now();
    if (!channel.endInput) return { supported: false, exited: false, at };
    this.transcript.note('the suite closes the target’s input (stdin): the shutdown signal');
    const exit = new Promise<boolean>((resolve) => {
      if (channel.exit) return resolve(true);
      channel.onExit(() => resolve(true));
    });
    channel.endInput();
    return { supported: true, exited: await within(exit, waitMs, () => false), at };
  }

  crashed(): { code: number | null; signal: string | null } | null {
    const exit = this.peer.channel.exit;
    return exit && !exit.requested ? { code: exit.code, signal: exit.signal } : null;
  }

  describeCrash(): string {
    const c = this.crashed();
    if (!c) return 'the target is still running';
    const how = c.signal ? `signal ${c.signal}` : `exit code ${c.code}`;
    const said = telling(this.peer.channel.stderrTail());
    return `the target exited (${how})${said ? `; stderr: ${said}` : ''}`;
  }
}

/** How long a short run may take before the suite stops waiting: five times what the probe measured
 *  (ten round trips more), and at least the prompt budget. Exploration uses the same bound. */
export function shortRunLimit(b: Budgets, d: Discovery): number {
  const measured = d.slowTool?.shortRunMs ?? null;
  if (measured === null) return b.long;
  return Math.round(Math.max(b.prompt, 5 * measured + 10 * (d.rttMs ?? 0)));
}

/** The most telling stderr line of a crash: the last error-like line, else the last non-trivial one. */
export function telling(lines: string[]): string {
  const useful = lines
    .map((l) => l.trim())
    .filter(
      (l) =>
        l !== '' &&
        !/^Node\.js v\d/.test(l) &&
        !/^at\s/.test(l) &&
        !/^\^+$/.test(l) &&
        // Backtrace frames (Rust "0: anyhow::…", "Stack backtrace:") name functions, not what went wrong.
        !/^\d+: /.test(l) &&
        !/^stack backtrace:?$/i.test(l),
    );
  const errorLike = [...useful].reverse().find((l) => /(error|exception|panic|traceback|fatal)/i.test(l));
  return (errorLike ?? useful[useful.length - 1] ?? '').slice(0, 200);
}
