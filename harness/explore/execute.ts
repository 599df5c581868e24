// Runs one program on a fresh target: start, handshake, the steps in order, then a bounded drain.
// Every cancel is followed by an ordering ping (its answer proves the cancel was read), and the race
// window is the one the scripted rules use (raceWindowEnd). The execution records what was written
// when, so the invariants (invariants.ts) judge the transcript without guessing.

import { SessionContext, shortRunLimit } from '../context.js';
import { TargetError } from '../errors.js';
import { Peer, type PendingRequest } from '../jsonrpc/peer.js';
import { classify, idOf, isResponse, methodOf, paramsOf } from '../jsonrpc/message.js';
import type { Discovery } from '../model/report.js';
import { openSessionAt } from '../session/era.js';
import { callParams, raceWindowEnd } from '../session/slow.js';
import type { TargetSpec } from '../target/spec.js';
import { delay, within, type Budgets } from '../timing.js';
import { Transcript } from '../transcript.js';
import type { TranscriptEvent } from '../model/transcript.js';
import { sameId, type RequestId, type Revision } from '../model/protocol.js';
import { HARNESS_ID_PREFIX, isReservedId, type CallKind, type Program } from '../model/program.js';
import type { Outgoing } from '../transport/channel.js';
import type { CancelRecord, Execution, LivenessCheck, RequestRecord } from './execution.js';
import type { InvariantSpec } from './invariant.js';

/** What a program runs against: the target, its revision and what the probe found. */
export interface ExploreEnv {
  /** The target: a stdio command, or a Streamable HTTP server (harness/target/spec.ts). */
  target: TargetSpec;
  revision: Revision;
  budgets: Budgets;
  discovery: Discovery;
  timeScale: number;
  /** What every program must keep (suites/invariants/), in order of precedence. */
  invariants: readonly InvariantSpec[];
}

/** Runs `program` on a freshly started target; throws TargetError when the target cannot start.
 *  An abort of `signal` stops the target at once (the program's bound or the exploration's ran out). */
export async function execute(env: ExploreEnv, program: Program, signal?: AbortSignal): Promise<Execution> {
  const started = performance.now();
  const b = env.budgets;
  const d = env.discovery;
  const slow = d.slowTool;
  for (const s of program) {
    if ((s.kind === 'request' || s.kind === 'request+cancel') && isReservedId(s.id))
      throw new TargetError(`the program uses the id ${JSON.stringify(s.id)}, which the harness reserves`);
    if ((s.kind === 'request' || s.kind === 'request+cancel') && s.call !== 'fast') {
      if (!slow || (s.call === 'slow-short' && !slow.shortArgs))
        throw new TargetError(
          `the program calls the slow tool (${s.call}), but the target has none the suite can use`,
        );
    }
  }
  const transcript = new Transcript();
  if (signal?.aborted) throw new TargetError('the exploration budget ran out before the program started');
  const peer = await SessionContext.open(env.target, transcript, b, env.revision);
  const stop = () => void peer.channel.close();
  signal?.addEventListener('abort', stop, { once: true });
  const requests: RequestRecord[] = [];
  const cancels: (Omit<CancelRecord, 'readAt' | 'raceEnd'> & { ping: Promise<TranscriptEvent | null> })[] =
    [];
  const liveness: LivenessCheck[] = [];
  let harnessIds = 0;
  let tokens = 0;
  const fastMethod = d.rttMs === null ? 'tools/list' : peer.livenessMethod;
  const promptLimit = Math.max(b.prompt, 10 * (d.rttMs ?? 0));
  // A short run gets the scripted rules' bound: five times what the probe measured.
  const shortLimit = shortRunLimit(b, d);

  const prepare = (id: RequestId, call: CallKind, progress: boolean) => {
    if (call === 'fast') return { ...peer.prepare(fastMethod, undefined, id), token: null };
    const args = (call === 'slow' ? slow?.args : slow?.shortArgs) ?? {};
    const token = progress ? `${HARNESS_ID_PREFIX}token-${++tokens}` : null;
    const params = callParams({ tool: slow?.name ?? '', args }, token);
    return { ...peer.prepare('tools/call', params, id), token };
  };
  /** Writes `items` in one write; returns the write time and the client events it recorded. */
  const write = async (items: Outgoing[]) => {
    const from = transcript.position;
    const at = await peer.sendBatch(items);
    const events = transcript
      .since(from)
      .filter((e) => e.dir === 'client')
      .slice(0, items.length);
    return { at, events };
  };
  /** Liveness: a ping, or tools/list for a server that answered no ping in the probe (as ctx.alive does). */
  const ping = async () => {
    const req = await peer.request(fastMethod, undefined, `${HARNESS_ID_PREFIX}ping-${++harnessIds}`);
    return within(req.response, promptLimit, () => null);
  };
  /** Writes `items`, then the ordering ping whose answer proves the server has read the cancels among them. */
  const writeWithCancels = async (step: number, items: Outgoing[]) => {
    const w = await write(items);
    const answered = peer.request(peer.livenessMethod, undefined, `${HARNESS_ID_PREFIX}ping-${++harnessIds}`);
    const pong = answered.then((req) => within(req.response, b.prompt, () => null));
    for (const e of w.events) {
      if (methodOf(e.message) !== 'notifications/cancelled') continue;
      const id = paramsOf(e.message)?.requestId as RequestId;
      cancels.push({ id, step, at: w.at, seq: e.seq, ping: pong });
    }
    await answered;
    return w;
  };
  const record = (
    step: number,
    id: RequestId,
    call: CallKind,
    token: string | null,
    pending: PendingRequest,
    w: { at: number; events: TranscriptEvent[] },
  ) => {
    pending.sentAt = w.at;
    const seq = w.events.find((e) => methodOf(e.message) !== 'notifications/cancelled')?.seq ?? -1;
    requests.push({ id, step, call, token, seq, sentAt: w.at, pending });
  };

  try {
    await openSessionAt(peer, env.revision, b.startup);
    for (const [i, s] of program.entries()) {
      if (peer.exited) {
        transcript.note(`the target ended before step ${i + 1}`);
        break;
      }
      if (s.kind === 'request') {
        const r = prepare(s.id, s.call, s.progress);
        const pending = r.pending();
        record(i, s.id, s.call, r.token, pending, await write([{ json: r.message }]));
      } else if (s.kind === 'cancel') {
        const items = Array.from({ length: s.copies }, () => ({
          json: Peer.cancelMessage(s.id, 'exploration'),
        }));
        await writeWithCancels(i, items);
      } else if (s.kind === 'request+cancel') {
        const r = prepare(s.id, s.call, s.progress);
        const pending = r.pending();
        const cancel = { json: Peer.cancelMessage(s.id, 'exploration: same write') };
        const items = s.cancelFirst ? [cancel, { json: r.message }] : [{ json: r.message }, cancel];
        record(i, s.id, s.call, r.token, pending, await writeWithCancels(i, items));
      } else if (s.kind === 'wait') {
        await delay(s.ms * env.timeScale);
      } else {
        const seq = transcript.position;
        const event = await ping();
        liveness.push({ step: i, ok: event !== null, seq, event });
      }
    }
    // Drain: long calls still running are cancelled (they would outlast any program), then every
    // request not cancelled gets its bounded wait, then a short watch past the last race window.
    if (!peer.exited) {
      for (const r of requests) {
        const cancelled = cancels.some((c) => c.seq > r.seq && sameId(c.id, r.id));
        if (r.call !== 'slow' || cancelled || answeredIn(transcript, r)) continue;
        await writeWithCancels(-1, [{ json: Peer.cancelMessage(r.id, 'exploration: end of program') }]);
      }
    }
    const settled = await Promise.all(cancels.map((c) => c.ping));
    const open = requests.filter((r) => !cancels.some((c) => c.seq > r.seq && sameId(c.id, r.id)));
    await Promise.all(
      open.map((r) => within(r.pending.response, r.call === 'fast' ? promptLimit : shortLimit, () => null)),
    );
    const o = {
      settleMs: b.settle,
      promptMs: b.prompt,
      rttMs: d.rttMs,
      progressIntervalMs: slow?.progress ? d.progressIntervalMs : null,
    };
    const done = cancels.map((c, i) => {
      const readAt = settled[i]?.t ?? null;
      return {
        id: c.id,
        step: c.step,
        at: c.at,
        seq: c.seq,
        readAt,
        raceEnd: raceWindowEnd(c.at, readAt, o),
      };
    });
    const tail = Math.max(4 * b.settle, 10 * (d.rttMs ?? 0));
    const until = Math.max(peer.now(), ...done.map((c) => c.raceEnd)) + tail;
    await delay(until - peer.now());
    if (!peer.exited) {
      const seq = transcript.position;
      const event = await ping();
      liveness.push({ step: program.length, ok: event !== null, seq, event });
    } else liveness.push({ step: program.length, ok: false, seq: transcript.position, event: null });
    const exit = peer.channel.exit && !peer.channel.exit.requested ? peer.channel.exit : null;
    return {
      program,
      transcript,
      requests,
      cancels: done,
      liveness,
      sentIds: peer.requests.map((r) => ({ id: r.id, seq: seqOf(transcript, r.id), method: r.method })),
      exit: exit ? { code: exit.code, signal: exit.signal } : null,
      stderrTail: peer.channel.stderrTail(),
      durationMs: Math.round(performance.now() - started),
    };
  } finally {
    signal?.removeEventListener('abort', stop);
    await peer.channel.close();
  }
}

/** Was the request answered (by anything with its id) after it was written? */
function answeredIn(t: Transcript, r: RequestRecord): boolean {
  return t
    .since(r.seq)
    .some((e) => e.dir === 'server' && isResponse(e.message) && sameId(idOf(e.message), r.id));
}

/** Seq of the client event that carried the request with `id`. */
function seqOf(t: Transcript, id: RequestId): number {
  const e = t.events.find(
    (x) => x.dir === 'client' && classify(x.message) === 'request' && sameId(idOf(x.message), id),
  );
  return e?.seq ?? -1;
}
