// Small pieces several rules share: the preconditions of a mid-flight cancel, and crash outcomes.

import {
  describeMessage,
  isModern,
  telling,
  type TranscriptEvent,
  isResponseFor,
  type Keyword,
  type CancelObservation,
  type Outcome,
  type RuleContext,
  type SlowCall,
} from '../../harness/api.js';

/** An inconclusive outcome when the slow call is not provably in flight, or already answered; else null. */
export function notInFlight(ctx: RuleContext, call: SlowCall): Outcome | null {
  const answered = ctx.serverMessages(call.fromSeq).find((e) => isResponseFor(e, call.req.id));
  if (answered) {
    return {
      kind: 'inconclusive',
      summary: `the slow tool answered before it could be cancelled (${describeMessage(answered.message)})`,
      evidence: [answered],
    };
  }
  if (!call.inFlight) {
    return {
      kind: 'inconclusive',
      summary: ctx.crashed()
        ? ctx.describeCrash()
        : 'no proof that the slow call was in flight: no progress and no answer to a ping',
    };
  }
  return null;
}

/** A violation for a target that ended by itself while the rule exercised it. */
export function crashed(
  ctx: RuleContext,
  expected: string,
  during: string,
  keyword?: Keyword,
  requirement?: string,
): Outcome {
  return {
    kind: 'violation',
    ...(keyword ? { keyword } : {}),
    ...(requirement ? { requirement } : {}),
    summary: `${ctx.describeCrash()} ${during}`,
    expected,
    actual: `${ctx.describeCrash()} ${during}`,
    // The proof of a crash: the stderr line that tells what happened, and the exit itself.
    evidence: crashEvidence(ctx),
  };
}

/** The telling stderr line of a crash and the exit event, from the transcript. */
export function crashEvidence(ctx: RuleContext): TranscriptEvent[] {
  const events = ctx.transcript.since(0);
  const said = telling(events.flatMap((e) => (e.kind === 'stderr' ? [e.text ?? ''] : [])));
  const line = [...events]
    .reverse()
    .find((e) => e.kind === 'stderr' && said !== '' && (e.text ?? '').trim().startsWith(said));
  return [...(line ? [line] : []), ...events.filter((e) => e.kind === 'exit').slice(-1)];
}

/** Rounds a millisecond figure for summaries and metrics. */
export function ms(x: number): number {
  return Math.round(x);
}

/**
 * Over Streamable HTTP two streams have no common order: a message that arrives on another stream
 * than the response, within the race grace after it, may have been sent before it. Only messages on
 * the same stream (or over stdio, one ordered pipe) prove "after". RULES.md §10 A4.
 */
export function provablyAfter(ctx: RuleContext, e: TranscriptEvent, response: TranscriptEvent): boolean {
  if (e.seq <= response.seq) return false;
  if (e.stream === undefined || response.stream === undefined || e.stream === response.stream) return true;
  return e.t - response.t > Math.max(ctx.budgets.settle, 5 * (ctx.rttMs ?? 0));
}

/**
 * Over Streamable HTTP in 2026-07-28 the cancel of a request is closing its SSE stream: nothing the
 * server does for that request afterwards can reach the client. A rule that judges what follows a
 * cancel is then `untestable` (never a pass), and says so; null everywhere else.
 */
export function cancelHidesRequest(ctx: RuleContext, what: string): Outcome | null {
  if (ctx.transport !== 'http' || !isModern(ctx.revision)) return null;
  return {
    kind: 'untestable',
    summary: `over Streamable HTTP in ${ctx.revision} a cancel is the close of the request's SSE stream, after which nothing the server does for that request reaches the client, so the wire cannot show whether ${what} (see CANCEL26-HTTP-DISCONNECT-IS-CANCEL)`,
  };
}

/**
 * True for a response to a cancelled call that crossed the cancel on the wire: it came within the race
 * window, and late enough that the tool could have finished by itself (its proven running time).
 * Such a response was not sent for a cancelled request: the spec's race, never a violation.
 */
export function crossedCancel(
  ctx: RuleContext,
  call: SlowCall,
  obs: CancelObservation,
  response: TranscriptEvent,
): boolean {
  const natural = ctx.discovery.slowToolObservedMs ?? Infinity;
  return response.t - call.req.sentAt >= natural && response.t <= obs.raceEnd;
}
