// Transcript events: every event of one target session, both directions, with high-resolution times.
// They are the evidence behind every verdict and travel in every report, so each is one zod schema.

import * as z from 'zod';
import { Json } from './protocol.js';

/** Who an event comes from: the client (the suite on the wire), the server, or the harness itself. */
export const EventDirection = z.enum(['client', 'server', 'harness']);
export type EventDirection = z.infer<typeof EventDirection>;

export const EVENT_KINDS = [
  'message', // a parsed JSON value, sent or received as one line
  'non-json', // a stdout line that did not parse as JSON
  'oversized', // a stdout line longer than the framing limit (only its start is kept)
  'stderr', // a line the target wrote to stderr
  'raw', // bytes the client wrote that are not one JSON message (a partial line, say)
  'note', // what the harness did or decided ("the suite starts a fresh target")
  'window', // a span the harness watched for messages that must not come (`from`, `to`, why in `text`)
  'http', // an HTTP fact: a POST or GET and its status, content type, session id, stream open/close
  'exit', // the target process ended
  'sample', // what the operating system showed of the target's process tree (`sample`; a line in `text`)
] as const;
export const EventKind = z.enum(EVENT_KINDS);
export type EventKind = z.infer<typeof EventKind>;

/** Kinds whose content is a line of text (everything but a message, a window and a sample). */
const TEXT_KINDS = EVENT_KINDS.filter(
  (k): k is Exclude<EventKind, 'message' | 'window' | 'sample'> =>
    k !== 'message' && k !== 'window' && k !== 'sample',
);

const milliseconds = z.number().min(0);

/**
 * The target's process tree at one moment, summed over the root and every descendant (harness/target/
 * observer.ts): CPU time spent so far (its own and its reaped children's), resident memory, open file
 * descriptors, threads, and processes, with the first few descendants by pid and name.
 */
export const ProcessSample = z.strictObject({
  /** When it was taken, on the transcript's clock. */
  t: milliseconds,
  cpuMs: z.number().min(0),
  rssKb: z.number().min(0),
  fds: z.int().min(0),
  threads: z.int().min(0),
  /** Processes in the tree, the root included. */
  processes: z.int().min(1),
  descendants: z.array(
    z.strictObject({
      pid: z.int(),
      ppid: z.int(),
      name: z.string(),
      /** Start time in clock ticks since boot: with the pid, which process this is (pids are reused). */
      start: z.int().min(0).optional(),
      /** CPU time of this process (with its reaped children), ms. */
      cpuMs: z.number().min(0).optional(),
    }),
  ),
});
export type ProcessSample = z.infer<typeof ProcessSample>;

// Every member an event may carry. Each kind below requires its own content; the rest stay optional
// on every kind, so reading `event.message` or `event.text` needs no narrowing.
const members = {
  /** Position in the transcript, from 0. */
  seq: z.int().min(0),
  /** Milliseconds since the session started (fractional, monotonic clock). */
  t: milliseconds,
  dir: EventDirection,
  kind: EventKind,
  /** The parsed message (kind "message"). */
  message: Json.optional(),
  /** Text for every other kind: the raw line, the note, the exit description. */
  text: z.string().optional(),
  /** Events written in one write() share a batch number (race cases put several messages in one write). */
  batch: z.int().min(0).optional(),
  /** Streamable HTTP: the HTTP exchange a message went out on or arrived on ("POST#3", "GET#1"). */
  stream: z.string().optional(),
  /** Streamable HTTP: the SSE event id a server message carried. */
  eventId: z.string().optional(),
  /** A window (kind "window"): when it starts and ends, on the transcript's clock. */
  from: milliseconds.optional(),
  to: milliseconds.optional(),
  /** A sample of the target's process tree (kind "sample"). */
  sample: ProcessSample.optional(),
};

/** A JSON value sent or received as one message. */
export const MessageEvent = z.strictObject({ ...members, kind: z.literal('message'), message: Json });
export type MessageEvent = z.infer<typeof MessageEvent>;

/** A span the harness watched, and why (Transcript.window writes these). */
export const WindowEvent = z.strictObject({
  ...members,
  kind: z.literal('window'),
  text: z.string(),
  from: milliseconds,
  to: milliseconds,
});
export type WindowEvent = z.infer<typeof WindowEvent>;

/** A sample of the process tree; `text` says it in one line, so reports that print text show it. */
export const SampleEvent = z.strictObject({
  ...members,
  kind: z.literal('sample'),
  text: z.string(),
  sample: ProcessSample,
});
export type SampleEvent = z.infer<typeof SampleEvent>;

/** A line: a non-JSON or oversized line, stderr, raw bytes, a note, an HTTP fact, the exit. */
export const TextEvent = z.strictObject({ ...members, kind: z.enum(TEXT_KINDS), text: z.string() });
export type TextEvent = z.infer<typeof TextEvent>;

/** One event of a transcript, told apart by `kind`. */
export const TranscriptEvent = z.discriminatedUnion('kind', [
  MessageEvent,
  WindowEvent,
  SampleEvent,
  TextEvent,
]);
export type TranscriptEvent = z.infer<typeof TranscriptEvent>;
