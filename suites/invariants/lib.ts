// Pieces the invariants share: a request's responses and its cancel, read from an execution.

import {
  idOf,
  isResponse,
  sameId,
  type CancelRecord,
  type Execution,
  type RequestRecord,
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
