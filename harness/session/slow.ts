// Calling the slow tool and cancelling it, with evidence instead of sleeps:
// - "in flight" is proved by a progress notification for the call's token, or (for a tool that
//   sends no progress) by the answer to a ping written after the call: stdio is ordered, so the
//   server has read the call by then;
// - the race window after a cancel closes when the server answers a ping written right after the
//   cancel (it has read the cancel by then), plus a short grace for messages already on their way.
// In the modern era (2026-07-28), which has no ping, `server/discover` plays the ping's part.

import type { PendingRequest } from '../jsonrpc/peer.js';
import { Peer } from '../jsonrpc/peer.js';
import { idOf, isResponse, progressOf } from '../jsonrpc/message.js';
import type { TranscriptEvent } from '../model/transcript.js';
import { delay, within } from '../timing.js';
import { sameId, type Json, type JsonObject, type RequestId } from '../model/protocol.js';

export interface SlowCall {
  req: PendingRequest;
  token: RequestId | null;
  /** The event proving the call is in flight (a progress, or the answer to the ordering ping); null if none came. */
  inFlight: TranscriptEvent | null;
  /** True when that proof is a progress notification. */
  provedByProgress: boolean;
  /** Transcript position right after the call was written. */
  fromSeq: number;
}

export interface CallOptions {
  tool: string;
  args: JsonObject;
  /** Send a progress token (the default), or not. */
  progress?: boolean;
  /** Request id to use (edge shapes like 0 or ""); a fresh integer otherwise. */
  id?: RequestId;
  /** Progress token to use; defaults to a string derived from the id. */
  token?: RequestId;
}

/** Is this event a progress notification for `token`? */
export function isProgressFor(e: TranscriptEvent, token: RequestId | null): boolean {
  if (e.dir !== 'server' || token === null) return false;
  const p = progressOf(e.message);
  return p !== undefined && sameId(p.token, token);
}

/** Is this event a response (result or error) for `id`? */
export function isResponseFor(e: TranscriptEvent, id: Json): boolean {
  return e.dir === 'server' && isResponse(e.message) && sameId(idOf(e.message), id);
}

/** The tools/call params with an optional progress token. */
export function callParams(o: CallOptions, token: RequestId | null): JsonObject {
  const params: JsonObject = { name: o.tool, arguments: o.args };
  if (token !== null) params._meta = { progressToken: token };
  return params;
}

/**
 * Starts a tools/call and waits (bounded) until it is provably in flight. `patienceMs`: when neither
 * proof came in time and the target sent nothing for the call at all, how much longer to wait for
 * one. A target that is silent on every count may be stalled (a loaded machine starving it), not
 * idle; its late progress or late ping answer proves the call in flight as well as a prompt one.
 */
export async function startCall(
  peer: Peer,
  o: CallOptions,
  wait: { progressMs: number; pingMs: number; patienceMs?: number },
): Promise<SlowCall> {
  const id = o.id ?? peer.nextId();
  const token = o.progress === false ? null : (o.token ?? `mcc-progress-${typeof id}-${String(id)}`);
  const req = await peer.request('tools/call', callParams(o, token), id);
  const fromSeq = peer.transcript.position;
  const progress =
    token === null || wait.progressMs <= 0
      ? Promise.resolve(null)
      : peer.waitFor((e) => isProgressFor(e, token), wait.progressMs, fromSeq);
  const ordering = await peer.request(peer.livenessMethod);
  let pong = await within(ordering.response, wait.pingMs, () => null);
  let first = await progress;
  const patienceMs = wait.patienceMs ?? 0;
  if (!first && !pong && patienceMs > 0 && !peer.exited) {
    const late = await peer.waitFor(
      (e) => isProgressFor(e, token) || isResponseFor(e, ordering.id) || isResponseFor(e, req.id),
      patienceMs,
      fromSeq,
    );
    if (late && isProgressFor(late, token)) first = late;
    else if (late && isResponseFor(late, ordering.id)) {
      pong = late;
      // Back from its stall, the target answers the ping first; its progress follows on its own pace.
      if (token !== null && wait.progressMs > 0)
        first = await peer.waitFor((e) => isProgressFor(e, token), wait.progressMs, fromSeq);
    }
  }
  return { req, token, inFlight: first ?? pong, provedByProgress: first !== null, fromSeq };
}

export interface CancelObservation {
  cancelAt: number;
  /** When the server provably had read the cancel (its answer to the ordering ping), or null. */
  cancelReadAt: number | null;
  /** End of the race window: messages before it may have crossed the cancel on the wire. */
  raceEnd: number;
  /** Window end: the silence window after the cancel. */
  windowEnd: number;
  responses: TranscriptEvent[];
  progressAfterCancel: TranscriptEvent[];
  /** Progress after the race window: sent after the server had read the cancel. */
  progressAfterRace: TranscriptEvent[];
  /** ms from the cancel to the last message the target sent for the request (0 when none followed it). */
  stopLatencyMs: number;
}

export interface ObserveOptions {
  /** The silence window W. */
  windowMs: number;
  settleMs: number;
  promptMs: number;
  rttMs: number | null;
  /** The slow tool's typical gap between progress notifications (null: unknown or no progress). */
  progressIntervalMs: number | null;
  /** Sent instead of the plain cancel (a variant); the call is still the one watched. */
  message?: Json;
}

/**
 * End of the race window of a cancel written at `cancelAt` whose ordering ping was answered at
 * `cancelReadAt` (null: never): see cancelAndObserve. Exploration uses the same window.
 */
export function raceWindowEnd(
  cancelAt: number,
  cancelReadAt: number | null,
  o: Pick<ObserveOptions, 'settleMs' | 'promptMs' | 'rttMs' | 'progressIntervalMs'>,
): number {
  const grace = Math.max(o.settleMs, 5 * (o.rttMs ?? 0)) + 1.5 * (o.progressIntervalMs ?? 0);
  return (cancelReadAt ?? cancelAt + o.promptMs) + grace;
}

/**
 * How long cancelAndObserve watches after a cancel with silence window `windowMs`, for a server that
 * reads the cancel within a round trip: what a slow tool must outlast after its first progress.
 */
export function expectedWatchMs(
  windowMs: number,
  o: Pick<ObserveOptions, 'settleMs' | 'promptMs' | 'rttMs' | 'progressIntervalMs'>,
): number {
  const readBy = 2 * (o.rttMs ?? 0);
  return Math.max(windowMs, raceWindowEnd(0, readBy, o) + windowMs / 2);
}

/**
 * Cancels a call, proves when the server read the cancel, then watches.
 * Race window: until the ping written right after the cancel is answered (the server has read the
 * cancel), plus a grace for messages already on their way, plus one and a half progress intervals:
 * a cooperative server may finish the step it is in, report it, and only then check for the cancel
 * (RULES.md's test for CANCEL-RECV-STOP-PROCESSING: "stop within R + p"). The watch lasts the
 * silence window after the cancel, and at least half a window after the race window.
 */
export async function cancelAndObserve(
  peer: Peer,
  call: SlowCall,
  o: ObserveOptions,
): Promise<CancelObservation> {
  const cancelSeq = peer.transcript.position;
  const cancelAt = await peer.sendBatch([{ json: o.message ?? Peer.cancelMessage(call.req.id) }]);
  const ping = await peer.ping(o.promptMs);
  let cancelReadAt = ping.event ? ping.event.t : null;
  let raceEnd = raceWindowEnd(cancelAt, cancelReadAt, o);
  let windowEnd = Math.max(cancelAt + o.windowMs, raceEnd + o.windowMs / 2);
  await delay(Math.max(0, windowEnd - peer.now()));
  if (cancelReadAt === null && !peer.exited) {
    // The ordering ping went unanswered in time: a stalled target (a loaded machine starving it)
    // reads the cancel only when it wakes, and whatever it sent before then crossed the cancel. Its
    // late answer, if it comes, still marks when the cancel was read; the watch then follows it.
    const late = await peer.waitFor((e) => isResponseFor(e, ping.id), o.promptMs, cancelSeq);
    if (late) {
      cancelReadAt = late.t;
      raceEnd = raceWindowEnd(cancelAt, cancelReadAt, o);
      windowEnd = Math.max(windowEnd, raceEnd + o.windowMs / 2);
      await delay(Math.max(0, windowEnd - peer.now()));
    }
  }
  peer.transcript.window(
    cancelAt,
    windowEnd,
    `watched ${Math.round(windowEnd - cancelAt)} ms after the cancel of id ${JSON.stringify(call.req.id)}`,
  );
  const after = peer.transcript.since(cancelSeq);
  const responses = peer.transcript.since(call.fromSeq).filter((e) => isResponseFor(e, call.req.id));
  const progressAfterCancel = after.filter((e) => isProgressFor(e, call.token));
  const mine = [...responses.filter((e) => e.t >= cancelAt), ...progressAfterCancel];
  const last = mine.reduce((m, e) => Math.max(m, e.t), cancelAt);
  return {
    cancelAt,
    cancelReadAt,
    raceEnd,
    windowEnd,
    responses,
    progressAfterCancel,
    progressAfterRace: progressAfterCancel.filter((e) => e.t > raceEnd),
    stopLatencyMs: Math.round((last - cancelAt) * 100) / 100,
  };
}

/** Collects progress notifications for a token until `count` arrived or `timeoutMs` passed. */
export async function collectProgress(
  peer: Peer,
  token: RequestId,
  count: number,
  timeoutMs: number,
  fromSeq = 0,
): Promise<TranscriptEvent[]> {
  let seen = 0;
  await peer.waitFor((e) => isProgressFor(e, token) && ++seen >= count, timeoutMs, fromSeq);
  return peer.transcript.since(fromSeq).filter((e) => isProgressFor(e, token));
}
