// Pieces the invariants share: a request's responses and its cancel, read from an execution.

import {
  describeMessage,
  idOf,
  isResponse,
  sameId,
  type Break,
  type CancelRecord,
  type Execution,
  type RequestRecord,
  type RuleSpec,
  type TranscriptEvent,
} from '../../harness/api.js';

/** The responses that carry request `r`'s id, written after it. */
export function responsesTo(x: Execution, r: RequestRecord): TranscriptEvent[] {
  return x.transcript.events.filter(
    (e) =>
      e.dir === 'server' &&
      e.kind === 'message' &&
      isResponse(e.message) &&
      e.seq > r.seq &&
      sameId(idOf(e.message), r.id),
  );
}

/** The first cancel of request `r` written after it, if any. */
export function cancelOf(x: Execution, r: RequestRecord): CancelRecord | undefined {
  return x.cancels.find((c) => c.seq > r.seq && sameId(c.id, r.id));
}

/** A request answered more than once: a race handled badly, judged under `rule`. */
export function answeredTwice(rule: RuleSpec, r: RequestRecord, mine: TranscriptEvent[]): Break {
  return {
    rule,
    summary: `request ${JSON.stringify(r.id)} was answered ${mine.length} times`,
    expected: 'at most one response per request id',
    actual: mine.map((e) => `#${e.seq} ${describeMessage(e.message)}`).join('; '),
    evidence: mine.map((e) => e.seq),
  };
}
