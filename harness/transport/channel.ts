// What a transport offers the JSON-RPC peer: send messages (several in one write when a race case
// wants it), hear every message, learn when the target ended. stdio implements it now; Streamable
// HTTP implements the same interface so rules run unchanged over both.

import type { ExitInfo } from '../target/process.js';
import type { Transcript } from '../transcript.js';
import type { TranscriptEvent } from '../model/transcript.js';
import type { Json, Transport } from '../model/protocol.js';

/**
 * One item of a write: a JSON message (framed by the transport), raw text sent as it is, or a message
 * that travels as the close of the stream carrying request `closes` where the transport has such a
 * stream open (Streamable HTTP; the session decides when a cancel travels so, see session/era.ts),
 * and is written as `json` otherwise.
 */
export type Outgoing = { json: Json } | { raw: string } | { json: Json; closes: Json };

export interface Channel {
  readonly transport: Transport;
  readonly transcript: Transcript;
  /** Writes every item in ONE write; records each as a client event; resolves with the write time. */
  send(items: Outgoing[]): Promise<number>;
  /** Called for every message the target sends, after it is in the transcript. */
  onMessage(listener: (message: Json, event: TranscriptEvent) => void): void;
  /** Called once when the target ends (or the connection is lost). */
  onExit(listener: (info: ExitInfo) => void): void;
  readonly exit: ExitInfo | null;
  stderrTail(): string[];
  /** The root process of the target when the suite started it (its process tree can be observed);
   *  absent for a server the suite only connects to. */
  readonly pid?: number;
  /** Closes the client-to-server direction only (stdin on stdio: the shutdown signal), so the
   *  target's last messages are still heard; transports without such a half-close leave it out. */
  endInput?(): void;
  /** Ends the target or connection; always safe to call. */
  close(): Promise<void>;
}
