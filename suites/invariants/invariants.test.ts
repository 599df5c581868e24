// Each exploration invariant on hand-built executions (no process, milliseconds): what breaks it,
// under which rule, and what does not (a crossing answer inside the race window, a slow call still
// reporting progress). Also: the table names only rules of the catalog, and a check that judges
// under a rule its invariant does not name is caught.

import { describe, expect, it } from 'vitest';
import type { CancelRecord, Execution, RequestRecord } from '../../harness/explore/execution.js';
import { checkInvariants, defineInvariant } from '../../harness/explore/invariant.js';
import type { CallKind } from '../../harness/model/program.js';
import type { PendingRequest } from '../../harness/jsonrpc/peer.js';
import type { Discovery } from '../../harness/model/report.js';
import { Transcript } from '../../harness/transcript.js';
import type { JsonObject, RequestId, Revision } from '../../harness/model/protocol.js';
import { CATALOG } from '../index.js';
import pingRespondPromptly from '../ping-respond-promptly.js';
import { INVARIANTS } from './index.js';

const DISCOVERY: Discovery = {
  slowTool: null,
  requestTool: null,
  toolsCalled: [],
  rttMs: 1,
  silenceMs: 1000,
  progressIntervalMs: 100,
  progressMaxGapMs: 100,
  slowToolObservedMs: 5000,
  initializeMs: 10,
  notes: [],
};

/** Builds an execution event by event, each at the time given (ms). */
class Run {
  readonly transcript = new Transcript();
  readonly requests: RequestRecord[] = [];
  readonly cancels: CancelRecord[] = [];
  readonly liveness: Execution['liveness'] = [];
  readonly sentIds: Execution['sentIds'] = [];
  exit: Execution['exit'] = null;

  request(id: RequestId, t: number, call: CallKind = 'slow', token: string | null = null): this {
    const message: JsonObject = { jsonrpc: '2.0', id, method: call === 'fast' ? 'ping' : 'tools/call' };
    const e = this.transcript.add({ t, dir: 'client', kind: 'message', message });
    const pending = { id, method: String(message.method), sentAt: t } as unknown as PendingRequest;
    this.requests.push({ id, step: this.requests.length, call, token, seq: e.seq, sentAt: t, pending });
    this.sentIds.push({ id, seq: e.seq, method: String(message.method) });
    return this;
  }

  cancel(id: RequestId, t: number, readAt: number, raceEnd: number, step = 0): this {
    const message = { jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: id } };
    const e = this.transcript.add({ t, dir: 'client', kind: 'message', message });
    this.cancels.push({ id, step, at: t, seq: e.seq, readAt, raceEnd });
    return this;
  }

  answer(id: RequestId | null, t: number, result: JsonObject = { content: [] }): this {
    this.transcript.add({ t, dir: 'server', kind: 'message', message: { jsonrpc: '2.0', id, result } });
    return this;
  }

  progress(token: string, progress: number, t: number): this {
    const message = {
      jsonrpc: '2.0',
      method: 'notifications/progress',
      params: { progressToken: token, progress },
    };
    this.transcript.add({ t, dir: 'server', kind: 'message', message });
    return this;
  }

  deadPing(step: number, t: number): this {
    const e = this.transcript.add({ t, dir: 'harness', kind: 'note', text: 'ping unanswered' });
    this.liveness.push({ step, ok: false, seq: e.seq, event: null });
    return this;
  }

  judge(revision: Revision = '2025-11-25') {
    const x: Execution = {
      program: [],
      transcript: this.transcript,
      requests: this.requests,
      cancels: this.cancels,
      liveness: this.liveness,
      sentIds: this.sentIds,
      exit: this.exit,
      stderrTail: [],
      durationMs: 0,
    };
    return checkInvariants(INVARIANTS, x, revision, DISCOVERY).map((v) => [v.invariant, v.rule]);
  }
}

describe('the invariants table', () => {
  it('names only rules of the catalog, as the very objects the catalog holds', () => {
    for (const inv of INVARIANTS) for (const rule of inv.rules) expect(CATALOG).toContain(rule);
  });

  it('a check that judges under a rule its invariant does not name is a bug, and throws', () => {
    const wrong = defineInvariant({
      id: 'wrong',
      text: 'judges under a rule it does not name',
      rules: [],
      why: 'test',
      check: () => [{ rule: pingRespondPromptly, summary: 's', expected: 'e', actual: 'a', evidence: [] }],
    });
    const x = { transcript: new Transcript() } as unknown as Execution;
    expect(() => checkInvariants([wrong], x, '2025-11-25', DISCOVERY)).toThrow(/wrong judged under PING/);
  });
});

describe('answered-once', () => {
  it('a call lost while a cancel named another id breaks CANCEL-IGNORE-INVALID', () => {
    const run = new Run().request(1, 0, 'fast').cancel(99, 1, 2, 60);
    expect(run.judge()).toEqual([['answered-once', 'CANCEL-IGNORE-INVALID']]);
  });

  it('a ping lost in a program without cancels breaks PING-RESPOND-PROMPTLY', () => {
    expect(new Run().request(1, 0, 'fast').judge()).toEqual([['answered-once', 'PING-RESPOND-PROMPTLY']]);
  });

  it('two answers to one request break CANCEL-RACE-GRACEFUL', () => {
    const run = new Run().request(1, 0, 'fast').answer(1, 1).answer(1, 2);
    expect(run.judge()).toEqual([['answered-once', 'CANCEL-RACE-GRACEFUL']]);
  });

  it('a slow call still reporting progress after every cancel was read is slow, not stopped', () => {
    const run = new Run().request(1, 0, 'slow', 't1').cancel(99, 1, 2, 60).progress('t1', 1, 100);
    expect(run.judge()).toEqual([]);
  });
});

describe('cancelled-at-most-once', () => {
  it('an answer past the race window breaks CANCEL-NO-RESPONSE', () => {
    const run = new Run().request(1, 0).cancel(1, 10, 12, 60).answer(1, 200);
    expect(run.judge()).toEqual([['cancelled-at-most-once', 'CANCEL-NO-RESPONSE']]);
  });

  it('an answer crossing the cancel inside the race window, after the natural duration, is accepted', () => {
    const run = new Run().request(1, 0, 'fast').cancel(1, 10, 12, 60).answer(1, 20);
    expect(run.judge()).toEqual([]);
  });

  it('an answer inside the window but before the slow tool could have finished was caused by the cancel', () => {
    const run = new Run().request(1, 0, 'slow').cancel(1, 10, 12, 60).answer(1, 20);
    expect(run.judge()).toEqual([['cancelled-at-most-once', 'CANCEL-NO-RESPONSE']]);
  });

  it('two answers to a cancelled request break CANCEL-RACE-GRACEFUL', () => {
    const run = new Run().request(1, 0, 'fast').answer(1, 5).cancel(1, 10, 12, 60).answer(1, 20);
    expect(run.judge()).toEqual([['cancelled-at-most-once', 'CANCEL-RACE-GRACEFUL']]);
  });
});

describe('no-stray-response', () => {
  it('an answer with a null id answers a notification: RPC-NOTIF-NO-RESPONSE', () => {
    const run = new Run().request(1, 0, 'fast').answer(1, 1).cancel(7, 2, 3, 60).answer(null, 4);
    // A result with a null id is also no valid JSON-RPC response: the schema invariant says so too.
    expect(run.judge()).toEqual([
      ['no-stray-response', 'RPC-NOTIF-NO-RESPONSE'],
      ['schema', 'MSG-SCHEMA-VALID'],
    ]);
  });

  it('an answer for an id never used breaks RPC-RESP-SAME-ID', () => {
    const run = new Run().request(1, 0, 'fast').answer(1, 1).answer('1', 2);
    expect(run.judge()).toEqual([['no-stray-response', 'RPC-RESP-SAME-ID']]);
  });
});

describe('progress', () => {
  it('progress for a token no request carried breaks PROG-ACTIVE-TOKEN-ONLY', () => {
    const run = new Run().request(1, 0, 'slow', 't1').progress('other', 1, 5).answer(1, 10);
    expect(run.judge()).toEqual([['progress', 'PROG-ACTIVE-TOKEN-ONLY']]);
  });

  it('progress that goes back breaks PROG-MONOTONIC', () => {
    const run = new Run().request(1, 0, 'slow', 't1').progress('t1', 2, 5).progress('t1', 1, 6).answer(1, 10);
    expect(run.judge()).toEqual([['progress', 'PROG-MONOTONIC']]);
  });

  it('progress after the cancel was read is a SHOULD in 2025-11-25 and quotes CANCEL26-NO-FURTHER-MESSAGES in 2026-07-28', () => {
    const build = () => new Run().request(1, 0, 'slow', 't1').cancel(1, 10, 12, 60).progress('t1', 1, 100);
    const x = (revision: Revision) => {
      const r = build();
      const exec = {
        program: [],
        transcript: r.transcript,
        requests: r.requests,
        cancels: r.cancels,
        liveness: [],
        sentIds: r.sentIds,
        exit: null,
        stderrTail: [],
        durationMs: 0,
      };
      return checkInvariants(INVARIANTS, exec, revision, DISCOVERY).map((v) => ({
        rule: v.rule,
        keyword: v.keyword,
        requirementOf: v.requirementOf,
      }));
    };
    expect(x('2025-11-25')).toEqual([
      { rule: 'PROG-ACTIVE-TOKEN-ONLY', keyword: 'SHOULD', requirementOf: undefined },
    ]);
    expect(x('2026-07-28')).toEqual([
      { rule: 'PROG-ACTIVE-TOKEN-ONLY', keyword: 'MUST NOT', requirementOf: 'CANCEL26-NO-FURTHER-MESSAGES' },
    ]);
  });
});

describe('alive', () => {
  it('a ping unanswered after cancels breaks CANCEL-RACE-GRACEFUL; without cancels, PING-RESPOND-PROMPTLY', () => {
    const withCancel = new Run().request(1, 0, 'fast').answer(1, 1).cancel(1, 2, 3, 60).deadPing(0, 100);
    expect(withCancel.judge()).toEqual([['alive', 'CANCEL-RACE-GRACEFUL']]);
    const without = new Run().request(1, 0, 'fast').answer(1, 1).deadPing(0, 100);
    expect(without.judge()).toEqual([['alive', 'PING-RESPOND-PROMPTLY']]);
  });
});

describe('schema', () => {
  it('a tool result without content breaks MSG-SCHEMA-VALID', () => {
    const run = new Run().request(1, 0, 'slow').answer(1, 5, { nothing: true });
    expect(run.judge()).toEqual([['schema', 'MSG-SCHEMA-VALID']]);
  });
});
