// The invariants every exploration program must keep, each judged under an existing rule id (the
// table is INVARIANTS below, and README "Exploration"). Transcript in, violations out: a response
// to a cancelled request counts against the target only when the cancel caused it (the scripted
// rules' race window and natural-duration test), never because of the suite's own timing.

import { classify, describeMessage, idOf, isResponse, progressOf } from '../jsonrpc/message.js';
import type { Discovery } from '../model/report.js';
import { validateServerMessage } from '../schema/index.js';
import type { TranscriptEvent } from '../model/transcript.js';
import { isModern, sameId, type Keyword, type RequestId, type Revision } from '../model/protocol.js';
import type { Execution, RequestRecord } from './execute.js';

/** One invariant and the rule it is judged under; `why` is the reason for that mapping. */
export interface Invariant {
  id: string;
  text: string;
  rules: string[];
  why: string;
}

export const INVARIANTS: readonly Invariant[] = [
  {
    id: 'answered-once',
    text: 'every request the suite did not cancel gets exactly one response',
    rules: ['CANCEL-IGNORE-INVALID', 'CANCEL-RACE-GRACEFUL', 'PING-RESPOND-PROMPTLY'],
    why: 'a request lost while some cancel named another id (or named this id before it was sent) was stopped by a cancel that should have been ignored; a second response is a race handled badly; a ping lost with no cancel in the program is a ping not answered',
  },
  {
    id: 'cancelled-at-most-once',
    text: 'a cancelled request gets at most one response, and only one the cancel did not cause (a natural completion inside the race window)',
    rules: ['CANCEL-NO-RESPONSE', 'CANCEL-RACE-GRACEFUL'],
    why: 'the same tests as the scripted rules: one response after the race window (or before the tool could have finished) is a response the cancel caused; two responses break the race rule',
  },
  {
    id: 'no-stray-response',
    text: 'no response to a notification, and no message for an id the suite never used',
    rules: ['RPC-NOTIF-NO-RESPONSE', 'RPC-RESP-SAME-ID'],
    why: 'a response with a null or missing id, or with the id a cancel named before any request used it, answers the cancel notification; any other unknown id does not carry the id of the request it answers',
  },
  {
    id: 'progress',
    text: 'progress only for active tokens, and monotonic',
    rules: ['PROG-ACTIVE-TOKEN-ONLY', 'PROG-MONOTONIC'],
    why: 'the scripted progress rules, applied to every token of the program; progress after a cancel was read is judged as SHOULD (RULES.md §10 A2), as the scripted rule does',
  },
  {
    id: 'alive',
    text: 'the target stays alive and answering',
    rules: ['CANCEL-RACE-GRACEFUL', 'PING-RESPOND-PROMPTLY'],
    why: 'a crash or a ping left unanswered after cancels is a race not handled gracefully; without any cancel in the program it is a ping not answered promptly',
  },
  {
    id: 'schema',
    text: 'every message is schema-valid',
    rules: ['MSG-SCHEMA-VALID'],
    why: 'the scripted rule, applied to every message of the program',
  },
];

/** A broken invariant: the rule it breaks, the words of the verdict, and the events that prove it. */
export interface Violation {
  rule: string;
  invariant: string;
  /** Another keyword than the rule's own, only where RULES.md §10 decides so. */
  keyword?: Keyword;
  requirement?: string;
  /** The rule whose quoted sentence sets that other keyword (quoted from the catalog when folded). */
  requirementOf?: string;
  summary: string;
  expected: string;
  actual: string;
  evidence: number[];
}

const A2 = 'a cancelled request is no longer in progress once the cancel is read (RULES.md §10 A2)';

/** Checks every invariant against one execution; violations in order of precedence. */
export function checkInvariants(x: Execution, revision: Revision, d: Discovery): Violation[] {
  const out: Violation[] = [];
  const server = x.transcript.events.filter((e) => e.dir === 'server' && e.kind === 'message');
  const responses = server.filter((e) => isResponse(e.message));
  const anyCancel = x.cancels.some((c) => c.step >= 0);
  const id = (v: unknown) => JSON.stringify(v);

  // alive
  const dead = x.liveness.find((l) => !l.ok);
  if (x.exit || dead) {
    const how = x.exit
      ? `the target exited (${x.exit.signal ? `signal ${x.exit.signal}` : `exit code ${x.exit.code}`})`
      : `the ping after step ${dead?.step} was not answered`;
    const exitEvent = x.transcript.events.find((e) => e.kind === 'exit');
    out.push({
      rule: anyCancel ? 'CANCEL-RACE-GRACEFUL' : 'PING-RESPOND-PROMPTLY',
      invariant: 'alive',
      summary: `${how} during the program`,
      expected: 'the target stays alive and answers ping after every step',
      actual: `${how}${x.stderrTail.length ? `; stderr: ${x.stderrTail.slice(-1)[0]}` : ''}`,
      evidence: [exitEvent?.seq, dead?.seq].filter((s): s is number => s !== undefined),
    });
  }

  // no-stray-response
  for (const e of responses) {
    const rid = idOf(e.message);
    if (x.sentIds.some((s) => s.seq >= 0 && s.seq < e.seq && sameId(s.id, rid))) continue;
    const toCancel =
      rid === null || rid === undefined || x.cancels.some((c) => c.seq < e.seq && sameId(c.id, rid));
    out.push({
      rule: toCancel ? 'RPC-NOTIF-NO-RESPONSE' : 'RPC-RESP-SAME-ID',
      invariant: 'no-stray-response',
      summary: `${describeMessage(e.message)}, but no request had that id when it was sent`,
      expected: toCancel
        ? 'no response to a notification (a cancel is one)'
        : 'every response carries the id of the request it answers, with the same JSON type',
      actual: `${describeMessage(e.message)}; the ids the suite had used by then: ${x.sentIds
        .filter((s) => s.seq < e.seq)
        .map((s) => id(s.id))
        .join(', ')}`,
      evidence: [e.seq],
    });
  }

  // answered-once and cancelled-at-most-once
  for (const r of x.requests) {
    const mine = responses.filter((e) => e.seq > r.seq && sameId(idOf(e.message), r.id));
    const cancel = x.cancels.find((c) => c.seq > r.seq && sameId(c.id, r.id));
    if (mine.length > 1) {
      out.push({
        rule: 'CANCEL-RACE-GRACEFUL',
        invariant: cancel ? 'cancelled-at-most-once' : 'answered-once',
        summary: `request ${id(r.id)} was answered ${mine.length} times`,
        expected: 'at most one response per request id',
        actual: mine.map((e) => `#${e.seq} ${describeMessage(e.message)}`).join('; '),
        evidence: mine.map((e) => e.seq),
      });
      continue;
    }
    if (cancel) {
      const answer = mine[0];
      if (!answer || answer.t < cancel.at) continue;
      const natural = r.call === 'slow' ? (d.slowToolObservedMs ?? Infinity) : 0;
      if (answer.t - r.sentAt >= natural && answer.t <= cancel.raceEnd) continue;
      const late = answer.t > cancel.raceEnd;
      out.push({
        rule: 'CANCEL-NO-RESPONSE',
        invariant: 'cancelled-at-most-once',
        summary: `cancelled request ${id(r.id)} was answered ${Math.round(answer.t - cancel.at)} ms after the cancel`,
        expected: `no response for the cancelled request ${id(r.id)} (one crossing the cancel inside the race window is accepted)`,
        actual: late
          ? `${describeMessage(answer.message)} ${Math.round(answer.t - (cancel.readAt ?? cancel.at))} ms after the server had provably read the cancel, past the race window`
          : `${describeMessage(answer.message)} after the cancel, before the slow tool could have finished on its own (it ran ${natural} ms in the probe): the cancel caused it`,
        evidence: [cancel.seq, answer.seq],
      });
      continue;
    }
    if (mine.length === 1 || x.exit) continue;
    const otherCancels = x.cancels.filter((c) => c.step >= 0 && !(c.seq > r.seq && sameId(c.id, r.id)));
    if (otherCancels.length === 0 && r.call !== 'fast') continue;
    // A call that still reported progress after every cancel had been read was not stopped by one:
    // it is only slower than its bound here, and that is no evidence against the server.
    const lastRead = Math.max(...otherCancels.map((c) => c.readAt ?? c.at));
    const working = server.some(
      (e) => r.token !== null && e.t > lastRead && sameId(progressOf(e.message)?.token, r.token),
    );
    if (working) continue;
    const earlier = otherCancels.find((c) => sameId(c.id, r.id));
    out.push({
      rule: otherCancels.length > 0 ? 'CANCEL-IGNORE-INVALID' : 'PING-RESPOND-PROMPTLY',
      invariant: 'answered-once',
      summary: `request ${id(r.id)} was never answered${earlier ? `; a cancel for ${id(r.id)} was written before the request` : ''}`,
      expected: earlier
        ? `a cancel naming an id no request has yet is ignored, so the later request ${id(r.id)} is answered`
        : `a cancel stops only the request it names; request ${id(r.id)} was not named and must be answered`,
      actual: `no response for ${id(r.id)} (${r.call}); cancels in the program named ${otherCancels.map((c) => id(c.id)).join(', ') || 'nothing'}`,
      evidence: [r.seq, ...otherCancels.map((c) => c.seq)].slice(0, 6),
    });
  }

  // progress
  const last = new Map<string, number>();
  for (const e of server) {
    const p = progressOf(e.message);
    if (!p) continue;
    const r = x.requests.find((q) => q.token !== null && sameId(q.token, p.token));
    const fail = (rule: string, summary: string, expected: string, extra: Partial<Violation> = {}) =>
      out.push({
        rule,
        invariant: 'progress',
        summary,
        expected,
        actual: summary,
        evidence: [e.seq],
        ...extra,
      });
    if (!r) {
      fail(
        'PROG-ACTIVE-TOKEN-ONLY',
        `progress for token ${id(p.token)}, which no request of the program carried`,
        'progress only for tokens of active requests',
      );
      continue;
    }
    const answer = responses.find((a) => a.seq > r.seq && sameId(idOf(a.message), r.id));
    if (answer && e.seq > answer.seq) {
      fail(
        'PROG-ACTIVE-TOKEN-ONLY',
        `progress for ${id(p.token)} after request ${id(r.id)} was answered`,
        'no progress after the response',
      );
      continue;
    }
    const cancel = cancelAfter(x, r);
    if (cancel && e.t > cancel.raceEnd) {
      // RULES.md §10 A2: a SHOULD in 2024–2025; in 2026-07-28 the stdio page's MUST NOT.
      fail(
        'PROG-ACTIVE-TOKEN-ONLY',
        `progress for ${id(p.token)} after the server had read the cancel of ${id(r.id)}`,
        A2,
        isModern(revision)
          ? { keyword: 'MUST NOT', requirementOf: 'CANCEL26-NO-FURTHER-MESSAGES' }
          : { keyword: 'SHOULD', requirement: A2 },
      );
      continue;
    }
    const key = String(p.token);
    const value = typeof p.progress === 'number' ? p.progress : NaN;
    const before = last.get(key);
    if (before !== undefined && !(value > before))
      fail(
        'PROG-MONOTONIC',
        `progress for ${id(p.token)} went from ${before} to ${id(p.progress)}`,
        'progress increases with each notification',
      );
    last.set(key, value);
  }

  // schema
  for (const e of server) {
    const rid = idOf(e.message);
    const method =
      classify(e.message) === 'request' ? undefined : x.sentIds.find((s) => sameId(s.id, rid))?.method;
    const v = validateServerMessage(revision, e.message, { requestMethod: method });
    if (!v.valid) {
      out.push({
        rule: 'MSG-SCHEMA-VALID',
        invariant: 'schema',
        summary: `#${e.seq} does not match ${v.schema}: ${v.errors[0] ?? ''}`,
        expected: `messages valid against the ${revision} schema`,
        actual: `${v.schema}: ${v.errors.join('; ')}`,
        evidence: [e.seq],
      });
    }
  }
  return out;
}

function cancelAfter(x: Execution, r: RequestRecord) {
  return x.cancels.find((c) => c.seq > r.seq && sameId(c.id, r.id));
}

/** The events of an execution a violation points at (for reports). */
export function evidenceEvents(x: Execution, v: Violation): TranscriptEvent[] {
  return x.transcript.events.filter((e) => v.evidence.includes(e.seq));
}

/** Ids a program used, for error messages. */
export function usedIds(x: Execution): RequestId[] {
  return x.requests.map((r) => r.id);
}
