// Reading a Server-Sent Events body with eventsource-parser: every event (id, data) in order, and
// how the stream ended. The parser does the framing (fields, multi-line data, retry); nothing here
// splits lines by hand.

import { createParser } from 'eventsource-parser';

export interface SseEvent {
  id?: string;
  event?: string;
  data: string;
}

/** How a stream ended: "ended" by the server, "closed" by the suite, or the error text. */
export type SseEnd = 'ended' | 'closed' | string;

/** Feeds `body` through the SSE parser, calling `onEvent` per event; resolves when the body ends. */
export async function readSse(
  body: AsyncIterable<Uint8Array | string>,
  onEvent: (e: SseEvent) => void,
  signal: AbortSignal,
): Promise<SseEnd> {
  const decoder = new TextDecoder();
  const parser = createParser({
    onEvent: (e) => onEvent({ id: e.id, event: e.event, data: e.data }),
  });
  try {
    for await (const chunk of body) {
      parser.feed(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
    }
    return 'ended';
  } catch (error) {
    if (signal.aborted) return 'closed';
    return (error as Error).message;
  }
}
