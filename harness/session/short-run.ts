// Finding a short run of the slow tool by measurement. Rules that need a call to complete (progress
// must stop after completion, a result must be schema-valid, exploration's short calls) use it, so
// it must be a run this server was SEEN to complete, not one the suite guessed from parameter names:
// every candidate (shortCandidates in discovery.ts, or the user's --short-args) is run at once on the
// probe session, and the first to complete successfully (with progress, when the tool reports any)
// is kept with its measured time. Candidates still running at the bound are left to the caller to
// cancel once its probe is over.

import type { Peer } from '../jsonrpc/peer.js';
import { classify, describeMessage } from '../jsonrpc/message.js';
import type { Budgets } from '../timing.js';
import type { TranscriptEvent } from '../model/transcript.js';
import { isJsonObject, type JsonObject, type RequestId } from '../model/protocol.js';
import type { PendingRequest } from '../jsonrpc/peer.js';
import { callParams, isProgressFor, isResponseFor } from './slow.js';

interface Call {
  req: PendingRequest;
  token: string;
  fromSeq: number;
}

/** A short run the probe saw complete. */
export interface ShortRun {
  args: JsonObject;
  /** How long it took, from the request to the response, ms. */
  ms: number;
  /** Progress notifications it sent before its response. */
  progress: number;
}

/** A completed successful answer: a result that is not a tool error. */
function succeeded(e: TranscriptEvent): boolean {
  const m = e.message;
  return (
    classify(m) === 'response' && !(isJsonObject(m) && isJsonObject(m.result) && m.result.isError === true)
  );
}

/** Candidates written and not yet judged (see writeShortCandidates). */
export interface ShortCandidates {
  tool: string;
  candidates: JsonObject[];
  calls: Call[];
}

/**
 * Writes every candidate at once, one after another without waiting: a server that serves one call
 * at a time still reaches the first candidate first (and anything the caller writes next only after
 * them).
 */
export async function writeShortCandidates(
  peer: Peer,
  tool: string,
  candidates: JsonObject[],
): Promise<ShortCandidates> {
  const calls: Call[] = [];
  for (const args of candidates) {
    const id = peer.nextId();
    const token = `mcc-short-${String(id)}`;
    const fromSeq = peer.transcript.position;
    calls.push({
      req: await peer.request('tools/call', callParams({ tool, args }, token), id),
      token,
      fromSeq,
    });
  }
  return { tool, candidates, calls };
}

/**
 * Waits for the candidates written by writeShortCandidates and keeps the first that completed
 * successfully, preferring one that sent progress when `wantProgress`; returns why none qualified
 * otherwise.
 */
export async function judgeShortRun(
  peer: Peer,
  written: ShortCandidates,
  o: { budgets: Budgets; wantProgress: boolean; fromUser: boolean; leftRunning: RequestId[] },
): Promise<ShortRun | { why: string }> {
  const { tool, candidates, calls } = written;
  const flag = 'name one with --short-args <json>';
  if (candidates.length === 0)
    return { why: `no numeric argument of ${tool} could be made smaller to get a short run; ${flag}` };
  const bound = o.budgets.short;
  const outcome = (c: Call) =>
    peer.transcript.since(c.fromSeq).find((e) => isResponseFor(e, c.req.id)) ?? null;
  const progressOf = (c: Call, before: TranscriptEvent) =>
    peer.transcript.since(c.fromSeq).filter((e) => isProgressFor(e, c.token) && e.seq < before.seq).length;
  const pick = (): ShortRun | null => {
    const done = calls
      .map((c, i) => ({ c, i, e: outcome(c) }))
      .filter((x): x is { c: Call; i: number; e: TranscriptEvent } => x.e !== null && succeeded(x.e))
      .sort((a, b) => a.e.seq - b.e.seq);
    const good = o.wantProgress ? done.find((x) => progressOf(x.c, x.e) > 0) : done[0];
    const all = calls.every((c) => outcome(c) !== null);
    const chosen = good ?? (all ? done[0] : undefined);
    if (!chosen) return null;
    return {
      args: candidates[chosen.i] as JsonObject,
      ms: Math.round(chosen.e.t - chosen.c.req.sentAt),
      progress: progressOf(chosen.c, chosen.e),
    };
  };
  const started = calls[0]?.req.sentAt ?? peer.now();
  await peer.waitFor(() => pick() !== null, started + bound - peer.now(), calls[0]?.fromSeq ?? 0);
  const found = pick();
  // The other candidates get a little longer to finish, so the probe goes on with a quiet session
  // (no cancel: those still running are cancelled when the probe is over).
  if (found) {
    const quietBy = Math.min(started + bound, peer.now() + Math.max(o.budgets.prompt / 2, 3 * found.ms));
    await peer.waitFor(
      () => calls.every((c) => outcome(c) !== null),
      quietBy - peer.now(),
      calls[0]?.fromSeq ?? 0,
    );
  }
  // Runs still going are cancelled by the caller at the end of the probe, never now: a server that
  // misbehaves after a cancel must not spoil the rest of the probe.
  for (const c of calls) if (!outcome(c)) o.leftRunning.push(c.req.id);
  if (found) return found;
  const answers = calls.map(outcome).filter((e): e is TranscriptEvent => e !== null);
  const failed = answers.find((e) => !succeeded(e));
  const tried = candidates.map((c) => JSON.stringify(c)).join(', ');
  if (o.fromUser)
    return {
      why: failed
        ? `the --short-args run of ${tool} answered ${describeMessage(failed.message)}`
        : `the --short-args run of ${tool} did not complete within ${Math.round(peer.now() - started)} ms`,
    };
  return {
    why: `none of the short runs the suite derived for ${tool} (${tried}) completed successfully within ${bound} ms${failed ? ` (one answered ${describeMessage(failed.message)})` : ''}; ${flag}`,
  };
}
