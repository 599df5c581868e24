// The API a rule file sees: its metadata (read like the spec) and one async function that drives a
// session through RuleContext and returns an Outcome. Rules never touch processes, pipes or clocks;
// the verdict's level comes from the keyword, never from the rule's own choice.

import type { PendingRequest } from './jsonrpc/peer.js';
import type { Discovery, RuleResult } from './model/report.js';
import type { CancelObservation, SlowCall } from './session/slow.js';
import type { ServerHello } from './session/handshake.js';
import type { Budgets } from './timing.js';
import type { TranscriptEvent } from './model/transcript.js';
import type { TranscriptView } from './transcript.js';
import type { Outgoing } from './transport/channel.js';
import type { HttpOutcome } from './transport/http.js';
import type { Json, JsonObject, Keyword, RequestId, Revision, Transport } from './model/protocol.js';
import type { RuleInfo } from './model/rule-info.js';
import type { ProcessSide } from './session/process-side.js';

export { specUrl } from './model/rule-info.js';
export type { RuleInfo, SpecPage } from './model/rule-info.js';

/**
 * What a rule needs from the target; unmet needs make it `untestable` with the flag that supplies them.
 * The task needs (2025-11-25 tasks utility) also say where a rule does not apply: on a server that
 * declares no task support (`tasks`: capabilities.tasks; `taskTool`: capabilities.tasks.requests.tools.call;
 * `taskCancel`: capabilities.tasks.cancel) the rule is `not-applicable`; `noTaskCapability` is the
 * reverse, for the rule about servers that declare none for tools/call. The tasks extension
 * (2026-07-28) has its own: `taskExtension` (server/discover declares `io.modelcontextprotocol/tasks`;
 * else not-applicable) and `taskExtensionTool` (a tool to call as a task; else untestable).
 */
export type Need =
  | 'slowTool'
  | 'progress'
  | 'shortRun'
  | 'requestTool'
  | 'tasks'
  | 'taskTool'
  | 'taskCancel'
  | 'taskShortRun'
  | 'noTaskCapability'
  | 'taskExtension'
  | 'taskExtensionTool';

/** A rule: what it checks, as the spec says it (RuleInfo), and how (`needs`, `session`, `run`). */
export interface RuleSpec extends RuleInfo {
  needs: readonly Need[];
  /** "initialized": the runner does the handshake first; "fresh": the rule starts from a bare target. */
  session: 'initialized' | 'fresh';
  /** What a conformant target does, in one sentence. */
  expected: string;
  /** "long": several silence windows or fresh targets in a row; the runner starts such rules first,
   *  so that a run's wall time is not their tail. */
  cost?: 'long';
  /** "exploration": no scripted check; the runner never calls run(), and exploration gives the rule a
   *  result of its own (pass when no program broke it). "measurement": no session of its own either;
   *  once every other rule has its result, the runner calls `measure` with the results at each revision. */
  judgedBy?: 'exploration' | 'measurement';
  run(ctx: RuleContext): Promise<Outcome>;
  /** A measurement rule's figures over the other rules' results at one revision (judgedBy "measurement"). */
  measure?(results: readonly RuleResult[], discovery: Discovery): Outcome;
}

export type Outcome =
  | { kind: 'pass'; summary: string; metrics?: Record<string, number>; evidence?: TranscriptEvent[] }
  | {
      kind: 'violation';
      summary: string;
      expected: string;
      actual: string;
      /** Defaults to the rule's keyword; another keyword only where RULES.md §10 decides so. */
      keyword?: Keyword;
      /** The sentence that sets that other keyword, when it is not the rule's own quote. */
      requirement?: string;
      metrics?: Record<string, number>;
      evidence?: TranscriptEvent[];
    }
  | {
      kind: 'untestable' | 'inconclusive';
      summary: string;
      metrics?: Record<string, number>;
      evidence?: TranscriptEvent[];
    }
  /** The figures of an INFORMATIVE rule (the suite's own measurement: no sentence kept or broken). */
  | { kind: 'info'; summary: string; metrics?: Record<string, number>; evidence?: TranscriptEvent[] };

/** Options for calling the slow tool. */
export interface SlowOptions {
  id?: RequestId;
  progress?: boolean;
  /** "long" (the default) runs far longer than any window; "short" finishes quickly. */
  run?: 'long' | 'short';
}

export interface RuleContext {
  readonly revision: Revision;
  readonly transport: Transport;
  readonly budgets: Budgets;
  /** Silence window for this target, ms (sized from its RTT and pace). */
  readonly silenceMs: number;
  /**
   * Window for a reply that comes promptly if it comes at all (an answer to a notification the server
   * has provably read): sized from the RTT only, never from the slow tool's pace.
   */
  readonly replyWindowMs: number;
  readonly rttMs: number | null;
  readonly discovery: Discovery;
  /** Seeded random numbers in [0, 1). */
  readonly random: () => number;
  /** The server's answer to initialize, when the runner did the handshake. */
  readonly hello: ServerHello | null;
  /** Everything this rule saw and did, across every target it started (read-only). */
  readonly transcript: TranscriptView;

  // The wire of the current session (after the handshake for "initialized" rules). A rule writes
  // through these and nothing else: it never holds the peer, the channel or the process.
  /** The request that proves the session alive: ping, or server/discover in the modern era. */
  readonly livenessMethod: 'ping' | 'server/discover';
  /** Every request written in the current session, in order. */
  readonly requests: readonly PendingRequest[];
  /** Writes one request (the modern era's `_meta` merged in). */
  request(method: string, params?: JsonObject, id?: RequestId): Promise<PendingRequest>;
  /** Builds a request without writing it, for a write of several messages (sendBatch). */
  prepare(
    method: string,
    params?: JsonObject,
    id?: RequestId,
  ): { message: JsonObject; pending: () => PendingRequest };
  /** Writes notifications/cancelled for `requestId`; resolves with the write time. */
  cancel(requestId: Json, reason?: string): Promise<number>;
  /** Writes several messages (or raw text) in one write; resolves with the write time. */
  sendBatch(items: Outgoing[]): Promise<number>;
  /** Answers a request the server sent. */
  respond(id: Json, result: JsonObject): Promise<number>;
  /** Writes the liveness request and waits up to `timeoutMs` for its answer (null latency: none came). */
  ping(
    timeoutMs: number,
  ): Promise<{ id: RequestId; latencyMs: number | null; event: TranscriptEvent | null }>;
  /** The method of a request the suite wrote in this session, by id. */
  methodFor(id: Json | undefined): string | undefined;
  /** Answers the server's requests again (startRequestTool holds them for the rule). */
  answerServerRequests(): void;
  /** The Streamable HTTP side of the session; null over stdio. */
  readonly http: HttpSide | null;
  /** The target's process tree as the operating system shows it (`unavailable` says why not). */
  readonly process: ProcessSide;

  /** Replaces the target with a freshly started one, no handshake (for "fresh" rules that need several). */
  restart(): Promise<void>;
  /** Performs the handshake on the current session. */
  initialize(): Promise<ServerHello>;
  /** Starts the slow tool and waits until it is provably in flight. */
  startSlow(o?: SlowOptions): Promise<SlowCall>;
  /**
   * Waits for the answer of a short run, as long as the probe's measurement of that run allows
   * (five times its time, at least the prompt budget); null with the wait's length when none came.
   */
  awaitShort(call: SlowCall): Promise<{ answer: TranscriptEvent | null; waitedMs: number }>;
  /** Starts the request-making tool with the server's requests held for the rule to answer. */
  startRequestTool(): Promise<PendingRequest>;
  /** Cancels a slow call (or sends `message` instead of the plain cancel) and watches the silence window. */
  cancelAndObserve(call: SlowCall, o?: { message?: Json; windowMs?: number }): Promise<CancelObservation>;
  /** Pings and reports whether the answer came promptly. */
  alive(): Promise<{ ok: boolean; latencyMs: number | null; event: TranscriptEvent | null }>;
  /** Waits, bounded, for an event matching `match` from transcript position `fromSeq` (default: this target's session). */
  waitFor(
    match: (e: TranscriptEvent) => boolean,
    timeoutMs: number,
    fromSeq?: number,
  ): Promise<TranscriptEvent | null>;
  /** The transcript position the next event will get: "from now on" for waitFor and serverMessages. */
  position(): number;
  /** Watches the target for `ms` (recorded as a silence window). */
  watch(ms: number, why: string): Promise<void>;
  /** A deliberate gap between two writes (race cases); not a way to wait for an outcome. */
  pause(ms: number): Promise<void>;
  /** Adds a note to the transcript. */
  note(text: string): void;
  /** Server messages from transcript position `fromSeq` on (default: this target's session). */
  serverMessages(fromSeq?: number): TranscriptEvent[];
  /**
   * Closes the target's input (stdin: the spec's shutdown signal) and waits up to `waitMs` for it to
   * exit by itself, still hearing what it writes. `exited` false: it was still running at the end
   * (the runner stops it afterwards); `supported` false: the transport has no such half-close.
   */
  endInput(waitMs: number): Promise<{ supported: boolean; exited: boolean; at: number }>;
  /** The exit of the target, if it ended by itself during the rule. */
  crashed(): { code: number | null; signal: string | null } | null;
  /** A description of a crash for summaries: exit code and stderr tail. */
  describeCrash(): string;
}

/** What a rule may learn of, and do to, the Streamable HTTP exchanges of its session. */
export interface HttpSide {
  /** The HTTP answer to the POST written at transcript position `seq` (null: none came in time). */
  outcomeOf(seq: number): Promise<HttpOutcome | null>;
  /** The label ("POST#4") of the stream that carries the request `id`. */
  streamOfRequest(id: Json): string | undefined;
  /** Closes the SSE stream of request `id` from the client side; its label and last event id. */
  drop(id: Json): { label: string; lastEventId: string | null } | null;
  /** Resumes a dropped stream with GET and Last-Event-ID. */
  resume(label: string, lastEventId: string): Promise<HttpOutcome | null>;
}

/** Declares a rule; the identity function gives rule files one typed shape. */
export function defineRule(spec: RuleSpec): RuleSpec {
  return spec;
}
