// The transcript: every event of one target session, both directions, with high-resolution times.
// It is the evidence behind every verdict, so it records everything and interprets nothing.

import type { Json } from './types.js';

export type EventDirection = 'client' | 'server' | 'harness';

export type EventKind =
  | 'message' // a parsed JSON value, sent or received as one line
  | 'non-json' // a stdout line that did not parse as JSON
  | 'oversized' // a stdout line longer than the framing limit (only its start is kept)
  | 'stderr' // a line the target wrote to stderr
  | 'raw' // bytes the client wrote that are not one JSON message (a partial line, say)
  | 'note' // what the harness did or decided ("silence window of 1000 ms starts")
  | 'exit'; // the target process ended

export interface TranscriptEvent {
  /** Position in the transcript, from 0. */
  seq: number;
  /** Milliseconds since the session started (fractional, monotonic clock). */
  t: number;
  dir: EventDirection;
  kind: EventKind;
  /** The parsed message (kind "message"). */
  message?: Json;
  /** Text for every other kind: the raw line, the note, the exit description. */
  text?: string;
  /** Events written in one write() share a batch number (race cases put several messages in one write). */
  batch?: number;
}

/** Largest number of events one transcript keeps; a flooding target cannot exhaust memory. */
export const TRANSCRIPT_LIMIT = 5000;

/** Records events in order; `now()` is the session clock every wait and metric uses. */
export class Transcript {
  readonly events: TranscriptEvent[] = [];
  readonly startedAt = new Date();
  private readonly origin = performance.now();
  private dropped = 0;

  now(): number {
    return performance.now() - this.origin;
  }

  add(event: Omit<TranscriptEvent, 'seq' | 't'> & { t?: number }): TranscriptEvent {
    const full: TranscriptEvent = {
      ...event,
      seq: this.events.length + this.dropped,
      t: event.t ?? this.now(),
    };
    if (this.events.length < TRANSCRIPT_LIMIT) this.events.push(full);
    else this.dropped++;
    return full;
  }

  note(text: string): TranscriptEvent {
    return this.add({ dir: 'harness', kind: 'note', text });
  }

  /** How many events were not kept because the limit was reached. */
  get droppedCount(): number {
    return this.dropped;
  }
}
