// The model of property-based exploration: a program is a list of steps against one target session,
// plain JSON so a case file and a report can hold it. Request ids are concrete values chosen by the
// generators (harness/explore/generators.ts) and never name a second request within one program.

import * as z from 'zod';
import { RequestId } from './protocol.js';

// Fast first: fast-check shrinks a choice towards its first value, and a fast call decides soonest.
export const CALL_KINDS = ['fast', 'slow', 'slow-short'] as const;
/** What a request step asks for: the slow tool (long or short run) or a fast request (ping). */
export const CallKind = z.enum(CALL_KINDS);
export type CallKind = z.infer<typeof CallKind>;

/** Starts a request; `progress` adds a progress token (slow calls only). */
export const RequestStep = z.strictObject({
  kind: z.literal('request'),
  id: RequestId,
  call: CallKind,
  progress: z.boolean(),
});
/** Cancels `id` (in flight, completed, never used, or used later); `copies: 2` writes it twice in one write. */
export const CancelStep = z.strictObject({
  kind: z.literal('cancel'),
  id: RequestId,
  copies: z.literal([1, 2]),
});
/** A request and a cancel naming it in ONE write; `cancelFirst` puts the cancel before the request. */
export const RequestCancelStep = z.strictObject({
  kind: z.literal('request+cancel'),
  id: RequestId,
  call: CallKind,
  progress: z.boolean(),
  cancelFirst: z.boolean(),
});
/** A pause between two writes, in ms (before --time-scale). */
export const WaitStep = z.strictObject({ kind: z.literal('wait'), ms: z.int().min(0) });
/** A ping the target must answer promptly (its id belongs to the harness). */
export const AliveStep = z.strictObject({ kind: z.literal('alive') });

/** One step of a program, told apart by `kind`. */
export const Step = z.discriminatedUnion('kind', [
  RequestStep,
  CancelStep,
  RequestCancelStep,
  WaitStep,
  AliveStep,
]);
export type Step = z.infer<typeof Step>;

export const Program = z.array(Step);
export type Program = z.infer<typeof Program>;

/** The ids the harness uses itself in an exploration session: the programs never use these. */
export const HARNESS_ID_PREFIX = 'mcc-x-';

/** Ids a program must not use: the handshake's (1) and every string the harness's own pings use. */
export function isReservedId(id: RequestId): boolean {
  return id === 1 || (typeof id === 'string' && id.startsWith(HARNESS_ID_PREFIX));
}

/** The ids a program sends requests with, in order. */
export function requestIds(p: Program): RequestId[] {
  return p.flatMap((s) => (s.kind === 'request' || s.kind === 'request+cancel' ? [s.id] : []));
}

/** One step as a short line ("request -3 slow+progress", "cancel ×2 \"\"") for terminals and reports. */
export function describeStep(s: Step): string {
  const id = (x: RequestId) => JSON.stringify(x);
  const call = (c: CallKind, progress: boolean) => `${c}${progress ? '+progress' : ''}`;
  switch (s.kind) {
    case 'request':
      return `request ${id(s.id)} ${call(s.call, s.progress)}`;
    case 'cancel':
      return `cancel ${id(s.id)}${s.copies === 2 ? ' twice in one write' : ''}`;
    case 'request+cancel':
      return s.cancelFirst
        ? `one write: cancel ${id(s.id)}, then request ${id(s.id)} ${call(s.call, s.progress)}`
        : `one write: request ${id(s.id)} ${call(s.call, s.progress)}, then its cancel`;
    case 'wait':
      return `wait ${s.ms} ms`;
    case 'alive':
      return 'ping (liveness)';
  }
}

/** The program as numbered lines, and what the harness does after the last step. */
export function describeProgram(p: Program): string[] {
  const lines = p.length === 0 ? ['(no steps)'] : p.map((s, i) => `${i + 1}. ${describeStep(s)}`);
  return [...lines, 'then: cancel every long slow call still running, wait for the answers due, ping'];
}
