// The judge on hand-built observations: applicability, needs, keyword → verdict, and folding
// exploration findings, in milliseconds and without a target.

import { describe, expect, it } from 'vitest';
import {
  explorationOnlyResult,
  foldFinding,
  judge,
  needNotApplicable,
  notApplicable,
  unmetNeed,
  type FindingToJudge,
  type Where,
} from './judge.js';
import { verdictFor } from './model/protocol.js';
import type { Discovery, RuleResult } from './model/report.js';
import { defineRule, type Outcome, type RuleSpec } from './rule.js';
import type { TranscriptEvent } from './model/transcript.js';

const rule = (over: Partial<RuleSpec> = {}): RuleSpec =>
  defineRule({
    id: 'TEST-RULE',
    title: 'A test rule',
    keyword: 'SHOULD',
    quote: 'The server **SHOULD** do it.',
    quoteFor: { '2026-07-28': 'In 2026 the server **SHOULD** do it.' },
    page: 'cancellation',
    revisions: ['2025-11-25', '2026-07-28'],
    transports: ['stdio'],
    needs: [],
    session: 'initialized',
    expected: 'it does it',
    run: () => Promise.resolve({ kind: 'pass', summary: 'ok' }),
    ...over,
  });

const at: Where = { revision: '2025-11-25', transport: 'stdio' };
const event = (seq: number): TranscriptEvent => ({ seq, t: seq, dir: 'server', kind: 'stderr', text: 'x' });
const observe = (outcome: Outcome | { kind: 'error'; summary: string }) => ({
  outcome,
  transcript: [event(0), event(1)],
  stderrTail: ['last line'],
  durationMs: 12,
});

describe('verdictFor', () => {
  it.each([
    ['MUST', 'fail'],
    ['MUST NOT', 'fail'],
    ['SHOULD', 'warn'],
    ['SHOULD NOT', 'warn'],
    ['MAY', 'info'],
    ['INFORMATIVE', 'info'],
  ] as const)('%s → %s', (keyword, verdict) => expect(verdictFor(keyword)).toBe(verdict));
});

describe('judge', () => {
  it('gives an INFORMATIVE rule its information as info, with the figures and no requirement', () => {
    const r = judge(
      rule({ keyword: 'INFORMATIVE' }),
      at,
      observe({ kind: 'info', summary: 'median 3 ms', metrics: { medianMs: 3 } }),
    );
    expect(r).toMatchObject({ verdict: 'info', level: 'INFORMATIVE', summary: 'median 3 ms' });
    expect(r.metrics).toEqual({ medianMs: 3 });
    expect(r.requirement).toBeUndefined();
  });

  it("takes information from a rule with a keyword for the suite's own mistake (an error)", () => {
    const r = judge(rule({ keyword: 'MUST' }), at, observe({ kind: 'info', summary: 'median 3 ms' }));
    expect(r.verdict).toBe('error');
    expect(r.summary).toContain('only an INFORMATIVE rule may give');
  });

  it('makes a violation a verdict from the keyword, the outcome its own, and keeps the evidence as seqs', () => {
    const r = judge(
      rule(),
      at,
      observe({ kind: 'violation', summary: 's', expected: 'e', actual: 'a', evidence: [event(1)] }),
    );
    expect(r).toMatchObject({
      verdict: 'warn',
      level: 'SHOULD',
      requirement: 'The server **SHOULD** do it.',
      evidence: [1],
    });
    expect(r.transcript).toHaveLength(2);
    const must = judge(
      rule(),
      at,
      observe({
        kind: 'violation',
        summary: 's',
        expected: 'e',
        actual: 'a',
        keyword: 'MUST',
        requirement: 'q',
      }),
    );
    expect(must).toMatchObject({ verdict: 'fail', level: 'MUST', requirement: 'q' });
  });

  it('passes the other outcomes through, errors included', () => {
    for (const kind of ['pass', 'untestable', 'inconclusive', 'error'] as const)
      expect(judge(rule(), at, observe({ kind, summary: kind })).verdict).toBe(kind);
  });

  it('never gives a result outside the rule: another revision or transport is not-applicable, whatever was seen', () => {
    const r2024 = judge(
      rule(),
      { revision: '2024-11-05', transport: 'stdio' },
      observe({ kind: 'pass', summary: 'p' }),
    );
    expect(r2024).toMatchObject({ verdict: 'not-applicable', transcript: [], evidence: [] });
    expect(r2024.summary).toMatch(/exists only in revisions 2025-11-25, 2026-07-28/);
    // No sentence exists at that revision: nothing is quoted or linked.
    expect(r2024).not.toHaveProperty('quote');
    expect(r2024).not.toHaveProperty('specUrl');
    const overHttp = judge(
      rule(),
      { revision: '2025-11-25', transport: 'http' },
      observe({ kind: 'violation', summary: 's', expected: 'e', actual: 'a' }),
    );
    expect(overHttp.verdict).toBe('not-applicable');
    // Over another transport the sentence exists at the revision: quoted and linked.
    expect(overHttp.quote).toBeTruthy();
    expect(overHttp.specUrl).toMatch(/^https:\/\/modelcontextprotocol\.io\/specification\/2025-11-25\//);
    expect(notApplicable(rule(), at)).toBeNull();
  });
});

describe('unmetNeed', () => {
  const d = (over: Partial<Discovery>): Discovery => ({
    slowTool: null,
    requestTool: null,
    toolsCalled: [],
    rttMs: 1,
    silenceMs: 1000,
    progressIntervalMs: null,
    progressMaxGapMs: null,
    slowToolObservedMs: null,
    initializeMs: 1,
    notes: ['a note that mentions a slow tool is never read'],
    ...over,
  });

  it('says why from typed reasons, never from notes', () => {
    expect(unmetNeed(['slowTool'], d({ slowToolWhy: 'no tool looks slow; name one with --slow-tool' }))).toBe(
      'needs a slow tool to cancel mid-flight: no tool looks slow; name one with --slow-tool',
    );
    expect(unmetNeed(['slowTool'], d({}))).toBe('needs a slow tool to cancel mid-flight: no slow tool');
    expect(unmetNeed(['requestTool'], d({ requestToolWhy: 'none asks the client' }))).toMatch(
      /none asks the client$/,
    );
    const slow = {
      name: 'work',
      args: {},
      shortArgs: null,
      shortRunMs: null,
      progress: false,
      source: 'user' as const,
      reason: 'r',
    };
    expect(
      unmetNeed(['progress'], d({ slowTool: slow, progressWhy: 'it sent none within 10000 ms' })),
    ).toMatch(/but it sent none within 10000 ms, so/);
    expect(unmetNeed(['shortRun'], d({ slowTool: slow, shortRunWhy: 'name one with --short-args' }))).toMatch(
      /--short-args$/,
    );
    expect(unmetNeed([], d({}))).toBeNull();
  });

  it('task needs: not-applicable without declared task support, untestable without a task tool', () => {
    const base = { declared: true, toolsCall: true, cancel: true };
    const tool = {
      name: 'work',
      args: {},
      shortArgs: null,
      taskSupport: 'optional',
      source: 'discovered' as const,
      reason: 'r',
    };
    // A server that declares no tasks: absent from its discovery, and every task rule not-applicable.
    expect(needNotApplicable(['taskTool'], d({}))).toMatch(/declares no task-augmented tools\/call/);
    expect(needNotApplicable(['tasks'], d({}))).toMatch(/declares no tasks capability/);
    expect(needNotApplicable(['noTaskCapability'], d({}))).toBeNull();
    const declared = d({
      tasks: { ...base, tool: null, missing: 'no-tool', why: 'name one with --task-tool' },
    });
    expect(needNotApplicable(['taskTool', 'taskCancel'], declared)).toBeNull();
    expect(unmetNeed(['taskTool'], declared)).toMatch(/--task-tool$/);
    expect(needNotApplicable(['noTaskCapability'], declared)).toMatch(
      /the rule is about servers that do not/,
    );
    const noCancel = d({ tasks: { ...base, cancel: false, tool } });
    expect(needNotApplicable(['taskTool', 'taskCancel'], noCancel)).toMatch(/capabilities\.tasks\.cancel/);
    expect(unmetNeed(['taskTool', 'taskShortRun'], noCancel)).toMatch(/--short-args <json>\)$/);
    expect(
      unmetNeed(['taskTool', 'taskShortRun'], d({ tasks: { ...base, tool: { ...tool, shortArgs: {} } } })),
    ).toBeNull();
  });
});

describe('tasks extension needs (2026-07-28)', () => {
  const d = (over: Partial<Discovery>): Discovery => ({
    slowTool: null,
    requestTool: null,
    toolsCalled: [],
    rttMs: 1,
    silenceMs: 1000,
    progressIntervalMs: null,
    progressMaxGapMs: null,
    slowToolObservedMs: null,
    initializeMs: 1,
    notes: [],
    ...over,
  });

  it('not-applicable without the declaration, untestable without a task tool (naming --task-tool)', () => {
    expect(needNotApplicable(['taskExtension'], d({}))).toMatch(/does not declare the tasks extension/);
    expect(needNotApplicable(['taskExtensionTool'], d({}))).toMatch(/does not declare the tasks extension/);
    // The 2025-11-25 declaration does not stand in for the extension, nor the reverse.
    const legacy = d({ tasks: { declared: true, toolsCall: true, cancel: true, tool: null } });
    expect(needNotApplicable(['taskExtension'], legacy)).not.toBeNull();
    const noTool = d({
      tasksExtension: {
        declared: true,
        tool: null,
        missing: 'no-tool',
        why: 'name one with --task-tool <name>',
      },
    });
    expect(needNotApplicable(['taskExtension', 'taskExtensionTool'], noTool)).toBeNull();
    expect(needNotApplicable(['tasks'], noTool)).toMatch(/declares no tasks capability/);
    expect(unmetNeed(['taskExtension'], noTool)).toBeNull();
    expect(unmetNeed(['taskExtension', 'taskExtensionTool'], noTool)).toMatch(/--task-tool <name>$/);
  });
});

describe('foldFinding', () => {
  const finding = (keyword?: 'MUST'): FindingToJudge => ({
    rule: 'TEST-RULE',
    ...(keyword ? { keyword } : {}),
    summary: 'broke it',
    expected: 'e',
    actual: 'a',
    evidence: [7],
    transcript: [event(7)],
    stderrTail: [],
    durationMs: 5,
    reproduced: 3,
    attempts: 3,
    exploration: {
      seed: 1,
      runs: 20,
      invariant: 'i',
      program: [],
      steps: [],
      reproduced: 3,
      attempts: 3,
      shrinks: 0,
      caseFile: null,
    },
  });
  const passed = (): RuleResult => judge(rule(), at, observe({ kind: 'pass', summary: 'scripted pass' }));

  it('replaces a milder result with the finding, and keeps a worse one (with the exploration attached)', () => {
    const [worse] = foldFinding([passed()], finding(), at, [rule()]);
    expect(worse).toMatchObject({ verdict: 'warn', evidence: [7], exploration: { invariant: 'i' } });
    expect(worse?.summary).toMatch(/^exploration: broke it/);
    const failed = judge(
      rule(),
      at,
      observe({ kind: 'violation', summary: 'scripted', expected: 'e', actual: 'a', keyword: 'MUST' }),
    );
    const [kept] = foldFinding([failed], finding(), at, [rule()]);
    expect(kept).toMatchObject({ verdict: 'fail', summary: 'scripted', exploration: { invariant: 'i' } });
  });

  it('adds a result for a rule that had none, and ignores a rule outside its revisions or transports', () => {
    expect(foldFinding([], finding('MUST'), at, [rule()])).toMatchObject([
      { verdict: 'fail', revision: '2025-11-25', transport: 'stdio' },
    ]);
    const none: RuleResult[] = [];
    expect(foldFinding(none, finding(), { revision: '2025-11-25', transport: 'http' }, [rule()])).toBe(none);
    expect(foldFinding(none, finding(), { revision: '2024-11-05', transport: 'stdio' }, [rule()])).toBe(none);
    expect(foldFinding(none, { ...finding(), rule: 'NO-SUCH-RULE' }, at, [rule()])).toBe(none);
  });
});

describe('explorationOnlyResult', () => {
  const only = rule({
    id: 'ONLY-EXPLORED',
    keyword: 'MUST',
    judgedBy: 'exploration',
    transports: ['stdio', 'http'],
  });

  it('passes when programs ran and none broke it, at the transport explored', () => {
    const r = explorationOnlyResult(
      only,
      { revision: '2026-07-28', transport: 'http' },
      { programs: 9, broken: [], durationMs: 6000 },
    );
    expect(r).toMatchObject({
      verdict: 'pass',
      transport: 'http',
      revision: '2026-07-28',
      metrics: { programs: 9 },
    });
  });

  it('is inconclusive when a program broke it but the search stopped elsewhere, untestable without programs', () => {
    expect(
      explorationOnlyResult(only, at, { programs: 4, broken: ['ONLY-EXPLORED'], durationMs: 1 }).verdict,
    ).toBe('inconclusive');
    expect(explorationOnlyResult(only, at, { programs: 0, broken: [], durationMs: 1 }).verdict).toBe(
      'untestable',
    );
  });
});
