// The transcript: every event of one target session, both directions, with high-resolution times
// (the events are shapes of the model, harness/model/transcript.ts). It is the evidence behind every
// verdict, so it records everything and interprets nothing.

import type { TranscriptEvent } from './model/transcript.js';

/** An event as a transport records it: the transcript numbers it and (unless given) times it. */
export type NewEvent = TranscriptEvent extends infer E
  ? E extends TranscriptEvent
    ? Omit<E, 'seq' | 't'> & { t?: number }
    : never
  : never;

/**
 * Largest number of protocol events one transcript keeps; a flooding target cannot exhaust memory.
 * Waits never depend on it (the peer hears every message live), but a verdict that needs the whole
 * story becomes `inconclusive` when messages were left out (see the runner).
 */
export const TRANSCRIPT_LIMIT = 10_000;
/** stderr lines kept in the transcript: stderr is free-form logging (MAY), so it gets its own cap. */
export const STDERR_LIMIT = 500;

/** What a rule may read of the transcript: the events in order, never the pen that writes them. */
export interface TranscriptView {
  readonly events: readonly TranscriptEvent[];
  /** The seq the next event will get. */
  readonly position: number;
  /** Events from seq `fromSeq` on. */
  since(fromSeq: number): TranscriptEvent[];
}

/** Records events in order; `now()` is the session clock every wait and metric uses. */
export class Transcript implements TranscriptView {
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
  add(event: NewEvent): TranscriptEvent {
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
