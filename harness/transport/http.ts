// The Streamable HTTP transport: every client message is its own POST to the MCP endpoint; the
// server answers a request with a JSON body or an SSE stream, and a notification or response with
// 202. Revisions 2025-03-26 … 2025-11-25 add a session (Mcp-Session-Id), MCP-Protocol-Version from
// 2025-06-18 on, and a standalone GET stream. Revision 2026-07-28 (a request whose `_meta` names it)
// has no session and no GET stream; each POST carries MCP-Protocol-Version, Mcp-Method and Mcp-Name,
// and closing a request's SSE stream IS its cancellation. The session decides which messages travel
// as such a close (an Outgoing item with `closes`); this transport only does it, where the stream of
// that request is open, and records the message as what the close stood for. Messages from JSON
// bodies and SSE events reach the peer like stdio lines, so rules run unchanged; every HTTP fact (status, content type, session id, SSE event
// ids, streams opening and closing) is recorded in the transcript with its time.
//
// "One write" of several messages (race cases) becomes concurrent POSTs issued together.
// send() resolves once each POST has its HTTP status (bounded), so a later message is sent after
// the server has taken the earlier one: a server that streams (SSE) answers with headers as soon as
// it has read the request, one that answers with JSON only with the result (then the bound applies).

import { Agent, request } from 'undici';
import { TargetError } from '../errors.js';
import { classify, idOf, isResponse } from '../jsonrpc/message.js';
import type { ExitInfo, TargetProcess } from '../target/process.js';
import type { Transcript } from '../transcript.js';
import type { TranscriptEvent } from '../model/transcript.js';
import { within } from '../timing.js';
import type { Json } from '../model/protocol.js';
import type { Channel, Outgoing } from './channel.js';
import { CONNECTION_ERRORS, firstAnswerProblem } from './http-first.js';
import type { HttpOutcome } from './http-outcome.js';
import type { HttpMcpRules } from '../session/http-rules.js';
import { headerOf } from './http-headers.js';
import { readSse, type SseEvent } from './sse.js';

export type { HttpOutcome } from './http-outcome.js';

export interface HttpOptions {
  url: string;
  transcript: Transcript;
  /** The server process when the suite started it; stopped on close and its exit is the channel's exit. */
  proc?: TargetProcess | null;
  /** How long send() waits for the HTTP status of a notification or response POST. */
  ackMs: number;
  /** How long send() waits for the headers of a request POST (JSON servers send them with the result). */
  requestAckMs: number;
  /** How long the first initialize POST may wait for any HTTP answer (start-up). */
  firstMs: number;
  /** What MCP asks of the client beyond moving messages (harness/session/http-rules.ts). */
  rules: HttpMcpRules;
  /** Open the standalone GET stream once the session is initialized (the default). */
  getStream?: boolean;
}

interface Exchange {
  label: string;
  abort: AbortController;
  /** Resolves when the status and headers arrived (or the exchange failed). */
  headers: Promise<HttpOutcome>;
  /** Resolves when the body was read to its end (or the exchange failed or was closed). */
  done: Promise<HttpOutcome>;
  lastEventId: string | null;
  closedBySuite: boolean;
  /**
   * Opens when the send() that issued the POST has returned to its caller: the body's messages are
   * heard only then, so a caller that notes the transcript position after its write never misses an
   * answer that came in the same chunk as the headers (as on stdio, where answers follow the write).
   */
  gate: Promise<void>;
  open: () => void;
}

const BODY_CAP = 2000;

/** A request id as a map key that keeps the JSON type (7 and "7" differ). */
const idKey = (id: Json | undefined): string => JSON.stringify(id ?? null);

export class HttpChannel implements Channel {
  readonly transport = 'http' as const;
  readonly transcript: Transcript;
  /** Session id the server assigned (Mcp-Session-Id), once it did. */
  sessionId: string | null = null;
  /** Protocol version the session negotiated (the rules say which answer does, and which requests carry it). */
  protocolVersion: string | null = null;
  private readonly agent = new Agent({ headersTimeout: 0, bodyTimeout: 0, keepAliveTimeout: 2000 });
  private readonly messageListeners: ((m: Json, e: TranscriptEvent) => void)[] = [];
  private readonly exitListeners: ((info: ExitInfo) => void)[] = [];
  private readonly exchanges = new Set<Exchange>();
  private readonly byRequest = new Map<string, Exchange>();
  private readonly outcomes = new Map<number, Promise<HttpOutcome>>();
  /** The requests the suite sent, by id: what an answer answers (the rules read it). */
  private readonly sentRequests = new Map<string, Json>();
  private readonly refusalListeners: ((o: HttpOutcome) => void)[] = [];
  /** Ids of requests a JSON-RPC answer arrived for. */
  private readonly answeredIds = new Set<string>();
  private counter = { post: 0, get: 0, batch: 0, serverBatch: 0 };
  private answered = false;
  private getOpened = false;
  private exitInfo: ExitInfo | null = null;
  private closing: Promise<void> | null = null;

  constructor(private readonly o: HttpOptions) {
    this.transcript = o.transcript;
    if (o.proc) void o.proc.exited.then((info) => this.ended(info, describeExit(info)));
  }

  get url(): string {
    return this.o.url;
  }

  get exit(): ExitInfo | null {
    return this.exitInfo;
  }

  /** Each item is its own POST, all issued together; resolves with the write time once each has its status (bounded). */
  async send(items: Outgoing[]): Promise<number> {
    const batch = items.length > 1 ? ++this.counter.batch : undefined;
    const t = this.transcript.now();
    const first = !this.answered;
    const closes = items.filter((item) => this.cancelByClosing(item));
    for (const item of closes) this.closeForCancel(item, t, batch);
    // A close in the same write as its own request: the stream is closed once it exists.
    const later = items.filter((item, i) => !closes.includes(item) && this.closesEarlier(items, i));
    closes.push(...later);
    const posts = items
      .filter((item) => !closes.includes(item))
      .map((item) => {
        const label = `POST#${++this.counter.post}`;
        const json = 'json' in item ? item.json : undefined;
        const event =
          json !== undefined
            ? this.transcript.add({ t, dir: 'client', kind: 'message', message: json, batch, stream: label })
            : this.transcript.add({
                t,
                dir: 'client',
                kind: 'raw',
                text: (item as { raw: string }).raw,
                batch,
                stream: label,
              });
        const kind = json === undefined ? 'invalid' : classify(json);
        if (kind === 'request' && json !== undefined) this.sentRequests.set(idKey(idOf(json)), json);
        const ex = this.post(
          label,
          json !== undefined ? JSON.stringify(json) : (item as { raw: string }).raw,
          json,
        );
        this.outcomes.set(event.seq, ex.done);
        const bound = first ? this.o.firstMs : kind === 'request' ? this.o.requestAckMs : this.o.ackMs;
        return { ex, json, wait: within(ex.headers, bound, () => null) };
      });
    const outcomes = await Promise.all(posts.map((p) => p.wait));
    for (const item of later)
      if (this.cancelByClosing(item)) this.closeForCancel(item, this.transcript.now(), batch);
    // After every pending continuation of the caller (microtasks) has run: a macrotask later.
    setImmediate(() => {
      for (const p of posts) p.ex.open();
    });
    if (first) this.judgeFirst(posts.map((p, i) => ({ json: p.json, outcome: outcomes[i] ?? null })));
    return t;
  }

  /**
   * The outcome of the POST that carried the client event `seq` (status, body) once its body was
   * read to the end (an SSE stream: once it ended); null when that took longer than the ack budget.
   */
  async outcomeOf(seq: number): Promise<HttpOutcome | null> {
    const done = this.outcomes.get(seq);
    if (!done) return null;
    return within(done, this.o.ackMs, () => null);
  }

  /**
   * Resolves when a request POST is answered with an error status and no JSON-RPC answer for it (a
   * legacy server refusing a modern request, say); never resolves otherwise.
   */
  refusedRequest(): Promise<HttpOutcome> {
    return new Promise((resolve) => this.refusalListeners.push(resolve));
  }

  /** The label of the POST that carried request `id` ("POST#4"), if the suite sent one. */
  streamOfRequest(id: Json): string | undefined {
    return this.byRequest.get(idKey(id))?.label;
  }

  /** Closes the SSE stream of request `id` from the client side (a disconnect); returns its label and last event id. */
  drop(id: Json): { label: string; lastEventId: string | null } | null {
    const ex = this.byRequest.get(idKey(id));
    if (!ex) return null;
    ex.closedBySuite = true;
    this.fact(
      'client',
      `${ex.label}: the suite closes the stream of request ${idKey(id)} (a disconnect)`,
      ex.label,
    );
    ex.abort.abort();
    return { label: ex.label, lastEventId: ex.lastEventId };
  }

  /** Resumes a stream with GET and Last-Event-ID; resolves with the GET's status (bounded by the ack budget). */
  async resume(label: string, lastEventId: string): Promise<HttpOutcome | null> {
    const ex = this.get(lastEventId, label);
    const got = await within(ex.headers, this.o.ackMs, () => null);
    setImmediate(ex.open);
    return got;
  }

  onMessage(listener: (message: Json, event: TranscriptEvent) => void): void {
    this.messageListeners.push(listener);
  }

  onExit(listener: (info: ExitInfo) => void): void {
    this.exitListeners.push(listener);
  }

  get pid(): number | undefined {
    return this.o.proc?.pid;
  }

  stderrTail(): string[] {
    return this.o.proc?.stderrTail() ?? [];
  }

  /** Closes every stream, deletes the session (bounded), and stops the server process the suite started. */
  close(): Promise<void> {
    this.closing ??= this.doClose();
    return this.closing;
  }

  private async doClose(): Promise<void> {
    for (const ex of this.exchanges) {
      ex.closedBySuite = true;
      ex.abort.abort();
    }
    if (this.sessionId && !this.exitInfo) {
      const del = request(this.o.url, {
        dispatcher: this.agent,
        method: 'DELETE',
        headers: this.o.rules.sessionHeaders(this),
      })
        .then(async (res) => {
          await res.body.dump();
          this.fact('server', `DELETE of session ${this.sessionId} → HTTP ${res.statusCode}`);
        })
        .catch((e: Error) => this.fact('server', `DELETE of the session failed: ${errorText(e)}`));
      await within(del, this.o.ackMs, () => undefined);
    }
    await this.agent.destroy().catch(() => undefined);
    if (this.o.proc) await this.o.proc.stop();
  }

  private fact(dir: 'client' | 'server', text: string, stream?: string): TranscriptEvent {
    return this.transcript.add({ dir, kind: 'http', text, ...(stream ? { stream } : {}) });
  }

  /** Whether an item travels as a close now: it asks for one and its request's stream is open. */
  private cancelByClosing(item: Outgoing): boolean {
    if (!('closes' in item)) return false;
    const ex = this.byRequest.get(idKey(item.closes));
    return ex !== undefined && !ex.closedBySuite && this.exchanges.has(ex);
  }

  /** Whether item `i` asks to close the stream of a request written earlier in the same write. */
  private closesEarlier(items: Outgoing[], i: number): boolean {
    const item = items[i];
    if (!item || !('closes' in item)) return false;
    return items
      .slice(0, i)
      .some(
        (r) => 'json' in r && classify(r.json) === 'request' && idKey(idOf(r.json)) === idKey(item.closes),
      );
  }

  private closeForCancel(item: Outgoing, t: number, batch: number | undefined): void {
    if (!('closes' in item)) return;
    const { json, closes: id } = item;
    const ex = this.byRequest.get(idKey(id));
    if (!ex) return;
    ex.closedBySuite = true;
    // The cancel the client expressed stays in the transcript (rules and exploration find cancels
    // there), on the stream it closed; the HTTP fact right after it says how it travelled: no POST.
    this.transcript.add({
      t,
      dir: 'client',
      kind: 'message',
      message: json,
      stream: ex.label,
      ...(batch ? { batch } : {}),
    });
    this.transcript.add({
      t,
      dir: 'client',
      kind: 'http',
      text: `${ex.label}: not POSTed; the suite closes the SSE stream of request ${idKey(id)}, which is its cancellation (2026-07-28 Streamable HTTP sends no notifications/cancelled)`,
      stream: ex.label,
      ...(batch ? { batch } : {}),
    });
    ex.abort.abort();
  }

  /** Issues one POST and reads its answer in the background. */
  private post(label: string, body: string, json: Json | undefined): Exchange {
    const ex = this.exchange(label);
    if (classify(json) === 'request') this.byRequest.set(idKey(idOf(json)), ex);
    this.run(ex, 'POST', this.o.rules.postHeaders(json, this), body, json);
    return ex;
  }

  /** Opens a GET stream: the standalone one, or the resumption of `resumes` after `lastEventId`. */
  private get(lastEventId?: string, resumes?: string): Exchange {
    const ex = this.exchange(`GET#${++this.counter.get}`);
    const headers = {
      ...this.o.rules.sessionHeaders(this),
      accept: 'text/event-stream',
      ...(lastEventId ? { 'last-event-id': lastEventId } : {}),
    };
    this.fact(
      'client',
      resumes
        ? `${ex.label}: resumes ${resumes} with Last-Event-ID ${lastEventId ?? ''}`
        : `${ex.label}: opens the standalone SSE stream`,
      ex.label,
    );
    this.run(ex, 'GET', headers, undefined, undefined);
    return ex;
  }

  private exchange(label: string): Exchange {
    let setHeaders!: (o: HttpOutcome) => void;
    let setDone!: (o: HttpOutcome) => void;
    let open!: () => void;
    const gate = new Promise<void>((r) => (open = r));
    const ex: Exchange = {
      gate,
      open,
      label,
      abort: new AbortController(),
      headers: new Promise((r) => (setHeaders = r)),
      done: new Promise((r) => (setDone = r)),
      lastEventId: null,
      closedBySuite: false,
    };
    Object.assign(ex, { setHeaders, setDone });
    this.exchanges.add(ex);
    return ex;
  }

  private run(
    ex: Exchange,
    method: 'POST' | 'GET',
    headers: Record<string, string>,
    body: string | undefined,
    json: Json | undefined,
  ): void {
    const { setHeaders, setDone } = ex as unknown as {
      setHeaders: (o: HttpOutcome) => void;
      setDone: (o: HttpOutcome) => void;
    };
    const outcome: HttpOutcome = { label: ex.label, status: null, contentType: '', body: '', at: null };
    void (async () => {
      try {
        const res = await request(this.o.url, {
          dispatcher: this.agent,
          method,
          headers,
          body,
          signal: ex.abort.signal,
        });
        this.answered = true;
        outcome.status = res.statusCode;
        outcome.at = this.transcript.now();
        outcome.contentType = headerOf(res.headers['content-type']);
        const session = headerOf(res.headers['mcp-session-id']);
        // Only an accepted answer to the message the rules name assigns the session: an id that comes
        // with a refusal (a 400 for a request before initialize) names no session to use.
        const accepted = res.statusCode >= 200 && res.statusCode < 300;
        if (session && !this.sessionId && accepted && this.o.rules.assignsSession(json))
          this.sessionId = session;
        this.fact(
          'server',
          `${ex.label} → HTTP ${res.statusCode}${outcome.contentType ? ` ${outcome.contentType}` : ''}${session ? ` (Mcp-Session-Id ${session})` : ''}`,
          ex.label,
        );
        setHeaders(outcome);
        await ex.gate;
        const ok = res.statusCode >= 200 && res.statusCode < 300;
        if (ok && outcome.contentType.includes('text/event-stream')) {
          const end = await readSse(res.body, (e) => this.onSse(ex, e), ex.abort.signal);
          this.fact(
            ex.closedBySuite ? 'client' : 'server',
            `${ex.label}: SSE stream ${ex.closedBySuite ? 'closed by the suite' : end === 'ended' ? 'ended by the server' : `broke (${end})`}`,
            ex.label,
          );
        } else {
          const text = await res.body.text();
          outcome.body = text.slice(0, BODY_CAP);
          if (text.trim() !== '') this.onBody(ex, res.statusCode, outcome.contentType, text);
          if (!ok && classify(json) === 'request' && !this.answeredIds.has(idKey(idOf(json))))
            for (const l of this.refusalListeners.splice(0)) l(outcome);
        }
        if (ok && this.o.rules.opensGetStream(json) && this.o.getStream !== false) this.openGetOnce();
      } catch (error) {
        outcome.error = errorText(error as Error);
        if (!ex.closedBySuite) {
          this.fact('server', `${ex.label} failed: ${outcome.error}`, ex.label);
          if (
            this.answered &&
            !this.o.proc &&
            CONNECTION_ERRORS.test(outcome.error) &&
            outcome.status === null
          )
            this.ended(
              { code: null, signal: null, requested: false },
              `the connection to ${this.o.url} was lost (${outcome.error})`,
            );
        }
        setHeaders(outcome);
      } finally {
        this.exchanges.delete(ex);
        setDone(outcome);
      }
    })();
  }

  private openGetOnce(): void {
    if (this.getOpened || this.exitInfo) return;
    this.getOpened = true;
    this.get().open();
  }

  /** A non-SSE body: a 2xx JSON body holds messages; anything else is recorded as an HTTP fact. */
  private onBody(ex: Exchange, status: number, contentType: string, text: string): void {
    const ok = status >= 200 && status < 300;
    let parsed: Json | undefined;
    try {
      parsed = JSON.parse(text) as Json;
    } catch {
      parsed = undefined;
    }
    // An error status may carry an id-less JSON-RPC error (RULES.md §10 A7): a fact, not a message,
    // unless it answers a request the suite sent (a server rejecting initialize, say).
    const answersRequest =
      parsed !== undefined && isResponse(parsed) && this.byRequest.has(idKey(idOf(parsed)));
    if ((ok && contentType.includes('json')) || answersRequest) {
      if (parsed === undefined) {
        this.transcript.add({
          dir: 'server',
          kind: 'non-json',
          text: text.slice(0, BODY_CAP),
          stream: ex.label,
        });
        return;
      }
      this.deliverAll(parsed, ex.label);
      return;
    }
    this.fact('server', `${ex.label} body: ${text.replace(/\s+/g, ' ').slice(0, 300)}`, ex.label);
  }

  private onSse(ex: Exchange, e: SseEvent): void {
    if (e.id !== undefined) ex.lastEventId = e.id;
    if (e.data.trim() === '') {
      this.fact(
        'server',
        `${ex.label}: SSE event${e.id !== undefined ? ` id ${e.id}` : ''} without data`,
        ex.label,
      );
      return;
    }
    let parsed: Json;
    try {
      parsed = JSON.parse(e.data) as Json;
    } catch {
      this.transcript.add({
        dir: 'server',
        kind: 'non-json',
        text: e.data.slice(0, BODY_CAP),
        stream: ex.label,
      });
      return;
    }
    this.deliverAll(parsed, ex.label, e.id);
  }

  private deliverAll(parsed: Json, stream: string, eventId?: string): void {
    if (Array.isArray(parsed) && parsed.length > 0) {
      const batch = ++this.counter.serverBatch;
      for (const m of parsed) this.deliver(m, stream, eventId, batch);
    } else this.deliver(parsed, stream, eventId);
  }

  private deliver(message: Json, stream: string, eventId?: string, batch?: number): void {
    if (isResponse(message)) this.answeredIds.add(idKey(idOf(message)));
    if (isResponse(message)) {
      const version = this.o.rules.negotiatedVersion(this.sentRequests.get(idKey(idOf(message))), message);
      if (version) this.protocolVersion = version;
    }
    const event = this.transcript.add({
      dir: 'server',
      kind: 'message',
      message,
      stream,
      ...(eventId !== undefined ? { eventId } : {}),
      ...(batch ? { batch } : {}),
    });
    for (const l of this.messageListeners) l(message, event);
  }

  /** Before any HTTP answer: an unreachable URL, a wrong path or a server that is not MCP ends the run with one line. */
  private judgeFirst(posts: { json: Json | undefined; outcome: HttpOutcome | null }[]): void {
    const why = firstAnswerProblem(this.o.url, this.o.firstMs, posts);
    if (why) throw new TargetError(why);
  }

  private ended(info: ExitInfo, text: string): void {
    if (this.exitInfo) return;
    this.transcript.add({ dir: 'server', kind: 'exit', text });
    this.exitInfo = info;
    for (const ex of this.exchanges) {
      ex.closedBySuite = true;
      ex.abort.abort();
    }
    for (const l of this.exitListeners) l(info);
  }
}

function errorText(e: Error): string {
  const cause = (e as Error & { cause?: { code?: string; message?: string } }).cause;
  const code = (e as NodeJS.ErrnoException).code ?? cause?.code;
  const msg = cause?.message ?? e.message;
  return code && !msg.includes(code) ? `${code} ${msg}` : msg;
}

function describeExit(info: ExitInfo): string {
  const how = info.signal ? `signal ${info.signal}` : `exit code ${info.code}`;
  return `target ended (${how})${info.requested ? ' after the suite asked it to stop' : ''}`;
}

/** The HTTP side of a session, for the rules about Streamable HTTP itself; null over stdio. */
export function httpOf(ctx: { peer: { channel: Channel } }): HttpChannel | null {
  return ctx.peer.channel instanceof HttpChannel ? ctx.peer.channel : null;
}
