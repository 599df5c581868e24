// Pieces the Streamable HTTP rules share: the revisions that have the transport, the HTTP facts of
// one exchange, and the "drop the stream, resume it" step that lets the wire show whether work
// went on after a disconnect.

import {
  isProgressFor,
  progressOf,
  type HttpSide,
  type Outcome,
  type Revision,
  type RuleContext,
  type SlowCall,
  type TranscriptEvent,
} from '../../harness/api.js';

/** Streamable HTTP with sessions and `notifications/cancelled`: 2025-03-26 … 2025-11-25. */
export const HTTP_LEGACY_REVISIONS: readonly Revision[] = ['2025-03-26', '2025-06-18', '2025-11-25'];

/** The HTTP facts recorded for one exchange ("POST#4"), in order. */
export function factsOf(ctx: RuleContext, label: string, fromSeq?: number): TranscriptEvent[] {
  return ctx.transcript.since(fromSeq ?? 0).filter((e) => e.kind === 'http' && e.stream === label);
}

/** The HTTP side of the session; rules with `transports: ['http']` only run where there is one. */
export function http(ctx: RuleContext): HttpSide {
  const channel = ctx.http;
  if (!channel) throw new Error('an HTTP rule ran on a target that is not Streamable HTTP');
  return channel;
}

/** The highest progress value seen for a call so far (0 when none). */
export function progressReached(ctx: RuleContext, call: SlowCall, fromSeq = call.fromSeq): number {
  let max = 0;
  for (const e of ctx.serverMessages(fromSeq)) {
    const p = isProgressFor(e, call.token) ? progressOf(e.message)?.progress : undefined;
    if (typeof p === 'number' && p > max) max = p;
  }
  return max;
}

export interface Resumed {
  /** Label of the dropped POST stream and of the GET that resumed it. */
  dropped: string;
  /** Transcript position right after the resumption answered. */
  fromSeq: number;
  /** Highest progress value seen before the drop. */
  before: number;
  /** The client-side events that prove the drop and the resumption. */
  evidence: TranscriptEvent[];
}

/**
 * Closes the SSE stream of a slow call from the client side, then resumes it with GET and
 * Last-Event-ID. Returns an `untestable` outcome when the server made that impossible (no event
 * ids, or a refused resumption): without it nothing of the call can reach the client again.
 */
export async function dropAndResume(ctx: RuleContext, call: SlowCall): Promise<Resumed | Outcome> {
  const channel = http(ctx);
  const before = progressReached(ctx, call);
  const from = ctx.position();
  const dropped = channel.drop(call.req.id);
  if (!dropped) return { kind: 'inconclusive', summary: 'the suite found no stream for its own call' };
  const fix =
    'resumable streams (SSE event ids and GET with Last-Event-ID, for example an event store in the TypeScript SDK) would make it testable';
  if (dropped.lastEventId === null) {
    return {
      kind: 'untestable',
      summary: `the server's SSE events on ${dropped.label} carry no event ids, so a dropped stream cannot be resumed and the wire cannot show what happened to the request; ${fix}`,
    };
  }
  let resumed = await channel.resume(dropped.label, dropped.lastEventId);
  // 409: the server has not yet noticed the old connection is gone; a few short retries.
  for (let i = 0; i < 3 && resumed?.status === 409; i++) {
    await ctx.pause(ctx.budgets.settle);
    resumed = await channel.resume(dropped.label, dropped.lastEventId);
  }
  const evidence = ctx.transcript.since(from).filter((e) => e.kind === 'http');
  if (!resumed || resumed.status !== 200 || !resumed.contentType.includes('text/event-stream')) {
    const got = resumed
      ? `HTTP ${resumed.status ?? 'no status'} ${resumed.contentType}`
      : `no answer within ${ctx.budgets.prompt} ms`;
    return {
      kind: 'untestable',
      summary: `the server gave event ids but answered the resumption GET (Last-Event-ID ${dropped.lastEventId}) with ${got}, so the wire cannot show what happened to the request; ${fix}`,
      evidence,
    };
  }
  return { dropped: dropped.label, fromSeq: ctx.position(), before, evidence };
}

/** Whether a step ended the check early with an outcome. */
export function isOutcome<T extends object>(x: T | Outcome): x is Outcome {
  return 'kind' in x;
}

/** What a slow call looked like across the session's streams. */
export interface StreamsSeen {
  call: SlowCall;
  /** Label of the POST that carried the call. */
  home: string;
  /** Every server message of the session with the stream it arrived on. */
  messages: TranscriptEvent[];
}

/**
 * Runs the slow call until it has reported a few steps, cancels it, and returns every server
 * message with its stream. The standalone GET stream was opened after the handshake (when the
 * server offers one), so a message sent there or broadcast shows up with its own label.
 */
export async function callAcrossStreams(ctx: RuleContext): Promise<StreamsSeen | Outcome> {
  const call = await ctx.startSlow();
  const home = http(ctx).streamOfRequest(call.req.id);
  if (!home) return { kind: 'inconclusive', summary: 'the suite found no stream for its own call' };
  // A server slowed down (by load, or a slow start) gets up to `long` for its first progress.
  if (!call.provedByProgress)
    await ctx.waitFor((e) => isProgressFor(e, call.token), ctx.budgets.long, call.fromSeq);
  let seen = 0;
  await ctx.waitFor((e) => isProgressFor(e, call.token) && ++seen >= 3, ctx.budgets.prompt, call.fromSeq);
  await ctx.cancelAndObserve(call, { windowMs: ctx.budgets.settle });
  return { call, home, messages: ctx.serverMessages().filter((e) => e.stream !== undefined) };
}
