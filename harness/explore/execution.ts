// What one program's run recorded (execute.ts writes it, the invariants read it): what was written
// when, which cancels were read when, and the transcript. Types only.

import type { PendingRequest } from '../jsonrpc/peer.js';
import type { Transcript } from '../transcript.js';
import type { TranscriptEvent } from '../model/transcript.js';
import type { RequestId } from '../model/protocol.js';
import type { CallKind, Program } from '../model/program.js';

export interface CancelRecord {
  id: RequestId;
  /** Index of the program step (-1: the drain's clean-up cancel of a long call). */
  step: number;
  at: number;
  seq: number;
  readAt: number | null;
  raceEnd: number;
}

export interface RequestRecord {
  id: RequestId;
  step: number;
  call: CallKind;
  token: string | null;
  /** Seq of the request's own transcript event. */
  seq: number;
  sentAt: number;
  pending: PendingRequest;
}

export interface LivenessCheck {
  step: number;
  ok: boolean;
  seq: number;
  event: TranscriptEvent | null;
}

export interface Execution {
  program: Program;
  transcript: Transcript;
  requests: RequestRecord[];
  cancels: CancelRecord[];
  liveness: LivenessCheck[];
  /** Every id the suite sent a request with (program and harness), with the seq it was written at. */
  sentIds: { id: RequestId; seq: number; method: string }[];
  exit: { code: number | null; signal: string | null } | null;
  stderrTail: string[];
  durationMs: number;
}
