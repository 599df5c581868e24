// The transcript: every event of one target session, both directions, with high-resolution times.
// It is the evidence behind every verdict, so it records everything and interprets nothing.

import type { Json } from './model/protocol.js';

export type EventDirection = 'client' | 'server' | 'harness';

export type EventKind =
  | 'message' // a parsed JSON value, sent or received as one line
  | 'non-json' // a stdout line that did not parse as JSON
  | 'oversized' // a stdout line longer than the framing limit (only its start is kept)
  | 'stderr' // a line the target wrote to stderr
  | 'raw' // bytes the client wrote that are not one JSON message (a partial line, say)
  | 'note' // what the harness did or decided ("the suite starts a fresh target")
  | 'window' // a span the harness watched for messages that must not come (`from`, `to`, why in `text`)
  | 'http' // an HTTP fact: a POST or GET and its status, content type, session id, stream open/close
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
  /** Streamable HTTP: the HTTP exchange a message went out on or arrived on ("POST#3", "GET#1"). */
  stream?: string;
  /** Streamable HTTP: the SSE event id a server message carried. */
  eventId?: string;
  /** A window (kind "window"): when it starts and ends, on the transcript's clock. */
  from?: number;
  to?: number;
}

/**
 * Largest number of protocol events one transcript keeps; a flooding target cannot exhaust memory.
 * Waits never depend on it (the peer hears every message live), but a verdict that needs the whole
 * story becomes `inconclusive` when messages were left out (see the runner).
 */
export const TRANSCRIPT_LIMIT = 10_000;
/** stderr lines kept in the transcript: stderr is free-form logging (MAY), so it gets its own cap. */
export const STDERR_LIMIT = 500;

/** Records events in order; `now()` is the session clock every wait and metric uses. */
export class Transcript {
  readonly events: TranscriptEvent[] = [];
  readonly startedAt = new Date();
  private readonly origin = performance.now();
  private nextSeq = 0;
  private stderrKept = 0;
  /** Events not kept, by kind. */
  readonly dropped = { messages: 0, stderr: 0 };

  now(): number {
    return performance.now() - this.origin;
  }

  /** Records an event and returns it; past the limits it is returned (with its seq) but not kept. */
  add(event: Omit<TranscriptEvent, 'seq' | 't'> & { t?: number }): TranscriptEvent {
    const full: TranscriptEvent = { ...event, seq: this.nextSeq++, t: event.t ?? this.now() };
    if (full.kind === 'stderr') {
      if (this.stderrKept >= STDERR_LIMIT) {
        this.dropped.stderr++;
        return full;
      }
      this.stderrKept++;
    } else if (this.events.length - this.stderrKept >= TRANSCRIPT_LIMIT) {
      this.dropped.messages++;
      return full;
    }
    this.events.push(full);
    return full;
  }

  note(text: string): TranscriptEvent {
    return this.add({ dir: 'harness', kind: 'note', text });
  }

  /** Records a window the harness watches (or watched) from `from` to `to`; `text` says why, for people. */
  window(from: number, to: number, text: string): TranscriptEvent {
    return this.add({ dir: 'harness', kind: 'window', text, from, to });
  }

  /** Position the next event will get: pass it as `fromSeq` to look only at what comes after now. */
  get position(): number {
    return this.nextSeq;
  }

  /** Stored events with seq >= `fromSeq` (seq numbers are not indexes once events were left out). */
  since(fromSeq: number): TranscriptEvent[] {
    let lo = 0;
    let hi = this.events.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.events[mid]?.seq ?? 0) < fromSeq) lo = mid + 1;
      else hi = mid;
    }
    return this.events.slice(lo);
  }

  /** How many events were not kept because a limit was reached. */
  get droppedCount(): number {
    return this.dropped.messages + this.dropped.stderr;
  }
}
