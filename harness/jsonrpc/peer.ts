// The client side of a JSON-RPC session: sends requests, notifications and responses (several in one
// write for race cases), matches responses to requests by exact id, answers the server's own
// requests when a rule wants it, and waits on causes with bounded waits. Everything goes through the
// channel, so the transcript holds the full story.

import type { Channel, Outgoing } from '../transport/channel.js';
import type { TranscriptEvent } from '../model/transcript.js';
import { isJsonObject, sameId, type Json, type JsonObject, type RequestId } from '../model/protocol.js';
import { patientTimer, within } from '../timing.js';
import { classify, idOf, isResponse, methodOf } from './message.js';

/** A request the suite sent: its id, when it went out, and its (first) response. */
export interface PendingRequest {
  id: RequestId;
  method: string;
  sentAt: number;
  /** Resolves with the first response event for this id, or null once the target has ended. */
  response: Promise<TranscriptEvent | null>;
}

/** A pending wait: offered every new message event, and null when the target ends or time is up. */
interface Waiter {
  offer(e: TranscriptEvent | null): void;
}

/** How the peer answers a request from the server: automatically, or held for the rule to answer. */
export type ServerRequestPolicy = 'auto' | 'hold';

/** Canned answers for server-to-client requests, so a server that asks something is not left hanging. */
const AUTO_ANSWERS: Record<string, JsonObject> = {
  ping: {},
  'roots/list': { roots: [] },
  'sampling/createMessage': {
    role: 'assistant',
    content: { type: 'text', text: 'answer from mcp-cancel-conformance' },
    model: 'mcp-cancel-conformance',
    stopReason: 'endTurn',
  },
  'elicitation/create': { action: 'decline' },
};

export class Peer {
  private idCounter = 1;
  private readonly sent: PendingRequest[] = [];
  private readonly waiters = new Set<Waiter>();
  /** 'hold': the server's requests (but ping) stay unanswered; the rule finds them in the transcript. */
  serverRequestPolicy: ServerRequestPolicy = 'auto';
  /**
   * Modern era (2026-07-28): what every request carries in `params._meta` (protocol version, client
   * info, capabilities), merged under the request's own `_meta` members (a progress token). Null in
   * the legacy era, where the handshake carries them once.
   */
  requestMeta: JsonObject | null = null;
  /** The cheap request that proves the server is alive and has read what came before it: `ping`, or
   *  `server/discover` in the modern era, which has no ping. */
  livenessMethod: 'ping' | 'server/discover' = 'ping';
  /**
   * Cancels travel as the close of the cancelled request's stream where the transport has one open
   * (set by the session for 2026-07-28 over Streamable HTTP, where that close IS the cancellation).
   */
  cancelsByClosing = false;

  constructor(readonly channel: Channel) {
    channel.onMessage((message, event) => {
      if (classify(message) === 'request') this.onServerRequest(message);
      for (const w of [...this.waiters]) w.offer(event);
    });
    channel.onExit(() => {
      for (const w of [...this.waiters]) w.offer(null);
    });
  }

  get transcript() {
    return this.channel.transcript;
  }

  get exited(): boolean {
    return this.channel.exit !== null;
  }

  now(): number {
    return this.channel.transcript.now();
  }

  /** A fresh integer id never used in this session. */
  nextId(): number {
    return this.idCounter++;
  }

  /** The method of the request the suite sent with this id, if any (for schema validation). */
  methodFor(id: Json | undefined): string | undefined {
    return this.sent.find((r) => sameId(r.id, id))?.method;
  }

  /** Every request the suite sent, in order. */
  get requests(): readonly PendingRequest[] {
    return this.sent;
  }

  /** Builds a request message and its PendingRequest without sending it (for batched writes). */
  prepare(
    method: string,
    params?: JsonObject,
    id: RequestId = this.nextId(),
  ): { message: JsonObject; pending: () => PendingRequest } {
    const message: JsonObject = { jsonrpc: '2.0', id, method };
    const withMeta = this.withRequestMeta(params);
    if (withMeta !== undefined) message.params = withMeta;
    const pending = (): PendingRequest => {
      const startSeq = this.transcript.position;
      const req: PendingRequest = {
        id,
        method,
        sentAt: this.now(),
        response: this.waitFor(
          (e) => e.dir === 'server' && isResponse(e.message) && sameId(idOf(e.message), id),
          Infinity,
          startSeq,
        ),
      };
      this.sent.push(req);
      return req;
    };
    return { message, pending };
  }

  /** `params` with the modern era's per-request `_meta` merged in (unchanged in the legacy era). */
  private withRequestMeta(params: JsonObject | undefined): JsonObject | undefined {
    if (!this.requestMeta) return params;
    const own = params?._meta;
    const meta: JsonObject = { ...this.requestMeta, ...(isJsonObject(own) ? own : {}) };
    return { ...(params ?? {}), _meta: meta };
  }

  /** Sends one request. */
  async request(method: string, params?: JsonObject, id?: RequestId): Promise<PendingRequest> {
    const { message, pending } = this.prepare(method, params, id);
    const req = pending();
    req.sentAt = await this.write([{ json: message }]);
    return req;
  }

  /** Sends one notification; resolves with the write time. */
  notify(method: string, params?: Json): Promise<number> {
    const message: JsonObject = { jsonrpc: '2.0', method };
    if (params !== undefined) message.params = params;
    return this.write([{ json: message }]);
  }

  /** A `notifications/cancelled` message for `requestId`. */
  static cancelMessage(requestId: Json, reason = 'cancelled by mcp-cancel-conformance'): JsonObject {
    return { jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId, reason } };
  }

  /** Sends a cancel for `requestId`; resolves with the time it was written. */
  cancel(requestId: Json, reason?: string): Promise<number> {
    return this.write([{ json: Peer.cancelMessage(requestId, reason) }]);
  }

  /** Writes several items in one write; resolves with the write time. */
  sendBatch(items: Outgoing[]): Promise<number> {
    return this.write(items);
  }

  /** Hands a write to the channel, marking the cancels that travel as a close (cancelsByClosing). */
  private write(items: Outgoing[]): Promise<number> {
    if (!this.cancelsByClosing) return this.channel.send(items);
    return this.channel.send(
      items.map((item) => {
        if (!('json' in item) || methodOf(item.json) !== 'notifications/cancelled') return item;
        const params = isJsonObject(item.json) ? item.json.params : undefined;
        const id = isJsonObject(params) ? params.requestId : undefined;
        return id === undefined ? item : { json: item.json, closes: id };
      }),
    );
  }

  /** Answers a request the server sent. */
  respond(id: Json, result: JsonObject): Promise<number> {
    return this.channel.send([{ json: { jsonrpc: '2.0', id, result } }]);
  }

  /**
   * Resolves with the first event (from `fromSeq` on) that matches, or null when `timeoutMs` passes
   * or the target ends first. Every wait in the suite goes through here and is bounded. Events
   * already recorded are scanned first; later messages are matched as they arrive, so a transcript
   * that reached its size limit never blinds a wait.
   */
  waitFor(
    match: (e: TranscriptEvent) => boolean,
    timeoutMs: number,
    fromSeq = 0,
  ): Promise<TranscriptEvent | null> {
    return new Promise((resolve) => {
      for (const e of this.transcript.since(fromSeq)) {
        if (match(e)) return resolve(e);
      }
      if (this.exited) return resolve(null);
      const timer = { cancel: () => undefined as void };
      const waiter: Waiter = {
        offer: (e) => {
          if (e !== null && (e.seq < fromSeq || !match(e))) return;
          this.waiters.delete(waiter);
          timer.cancel();
          resolve(e);
        },
      };
      this.waiters.add(waiter);
      if (!Number.isFinite(timeoutMs)) return;
      timer.cancel = patientTimer(timeoutMs, () => waiter.offer(null));
    });
  }

  /** Sends a ping (server/discover in the modern era) and waits for its answer; null latency when none
   *  came within `timeoutMs`. */
  async ping(
    timeoutMs: number,
  ): Promise<{ id: RequestId; latencyMs: number | null; event: TranscriptEvent | null }> {
    const req = await this.request(this.livenessMethod);
    const event = await within(req.response, timeoutMs, () => null);
    return { id: req.id, latencyMs: event ? event.t - req.sentAt : null, event };
  }

  private onServerRequest(message: Json): void {
    const method = methodOf(message) ?? '';
    const id = idOf(message);
    if (id === undefined) return;
    if (this.serverRequestPolicy === 'hold' && method !== 'ping') return;
    // 2026-07-28 stdio: "The client MUST NOT write JSON-RPC responses" (servers send no requests in
    // that era; one that does is judged by MSG-SCHEMA-VALID, and the suite stays within the spec).
    if (this.requestMeta) return;
    const answer = AUTO_ANSWERS[method];
    const reply: JsonObject = answer
      ? { jsonrpc: '2.0', id, result: answer }
      : {
          jsonrpc: '2.0',
          id,
          error: { code: -32601, message: `mcp-cancel-conformance does not handle ${method}` },
        };
    void this.channel.send([{ json: reply }]);
  }
}
