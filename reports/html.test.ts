// The HTML report is a pure function of the report: checked on fixed reports built here, for its
// structure (header, matrix, quotes, timeline, plot), for escaping every string the target controls,
// and for speed on a synthetic report of 13 results × 5000 events. No browser: see html.browser.test.ts.

import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Discovery, RuleResult, RunReport } from '../harness/model/report.js';
import type { TranscriptEvent } from '../harness/model/transcript.js';
import type { Json, Verdict } from '../harness/model/protocol.js';
import { trimTranscript } from '../harness/trim.js';
import { renderHtml } from './html.js';
import type { PageData } from './html/data.js';
import { DRAW } from './html/draw.js';
import { describe as describeEvent } from './html/events.js';
import {
  EVIDENCE,
  JSONRPC_2,
  MESSAGE_ONLY,
  SAMPLE_CAP,
  TASK_CAP,
  taskLanes,
  transcriptData,
  type Row,
} from './html/transcript.js';
import { visibleText } from './outcome.js';
import { type ReportOverrides, sampleReport, sampleResult } from './sample.testlib.js';

const SPEC = 'https://modelcontextprotocol.io/specification/2025-11-25/basic/utilities/cancellation';

/** An event before it has its place in a transcript (Omit taken kind by kind, so each keeps its shape). */
type Unnumbered = TranscriptEvent extends infer E
  ? E extends TranscriptEvent
    ? Omit<E, 'seq'>
    : never
  : never;

/** Builds transcript events with consecutive seq numbers. */
function transcript(...events: Unnumbered[]): TranscriptEvent[] {
  return events.map((e, seq) => ({ seq, ...e }));
}
const msg = (t: number, dir: 'client' | 'server', message: Json): Unnumbered => ({
  t,
  dir,
  kind: 'message',
  message,
});
/** A window as the harness records it: an event with its span (recorded at its start or its end). */
const win = (t: number, from: number, to: number, text: string): Unnumbered => ({
  t,
  dir: 'harness',
  kind: 'window',
  text,
  from,
  to,
});

/** A cancel that the server ignores: progress keeps flowing after it (seq 7 and 8 are the evidence). */
function cancelStory(): TranscriptEvent[] {
  return transcript(
    msg(1, 'client', { jsonrpc: '2.0', id: 1, method: 'initialize', params: {} }),
    msg(40, 'server', { jsonrpc: '2.0', id: 1, result: { serverInfo: { name: 'srv', version: '2' } } }),
    msg(41, 'client', {
      jsonrpc: '2.0',
      id: 2,
      method: 'tools/call',
      params: { name: 'slow_count', arguments: { steps: 600 }, _meta: { progressToken: 'p2' } },
    }),
    msg(140, 'server', {
      jsonrpc: '2.0',
      method: 'notifications/progress',
      params: { progressToken: 'p2', progress: 1 },
    }),
    msg(141, 'client', { jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: 2 } }),
    msg(142, 'client', { jsonrpc: '2.0', id: 3, method: 'ping' }),
    msg(143, 'server', { jsonrpc: '2.0', id: 3, result: {} }),
    msg(240, 'server', {
      jsonrpc: '2.0',
      method: 'notifications/progress',
      params: { progressToken: 'p2', progress: 2 },
    }),
    msg(340, 'server', {
      jsonrpc: '2.0',
      method: 'notifications/progress',
      params: { progressToken: 'p2', progress: 3 },
    }),
    { t: 341, dir: 'server', kind: 'stderr', text: '[srv] still counting' },
    win(1141, 141, 1141, 'watched 1000 ms after the cancel of id 2'),
    win(1142, 1142, 1642, 'watching 500 ms: late or duplicate responses would show now'),
    {
      t: 1700,
      dir: 'server',
      kind: 'exit',
      text: 'target ended (exit code 0) after the suite asked it to stop',
    },
  );
}

/** Results as this file reads them: SHOULD, quoting and linking the cancellation page. */
function result(rule: string, verdict: Verdict, extra: Partial<RuleResult> = {}): RuleResult {
  return sampleResult(rule, verdict, {
    level: 'SHOULD',
    summary: `${rule} summary`,
    title: `${rule} title`,
    quote: 'Receivers of cancellation notifications **SHOULD**: … - Stop processing the cancelled request',
    specUrl: `${SPEC}#behavior-requirements`,
    ...extra,
  });
}

function discovery(extra: Partial<Discovery> = {}): Discovery {
  return {
    slowTool: {
      name: 'slow_count',
      args: { steps: 600 },
      shortArgs: { steps: 3 },
      shortRunMs: 300,
      progress: true,
      source: 'discovered',
      reason: 'picked because its name says "slow"',
    },
    requestTool: {
      name: 'ask_model',
      args: { prompt: 'hi' },
      source: 'user',
      reason: 'named with --request-tool',
    },
    toolsCalled: ['slow_count', 'ask_model'],
    rttMs: 0.42,
    silenceMs: 1000,
    progressIntervalMs: 100,
    progressMaxGapMs: 120,
    slowToolObservedMs: 1600,
    initializeMs: 53,
    notes: ['a note about the probe'],
    ...extra,
  };
}

/** A report over two revisions, with a discovery, a command with a space, an unusual seed and time scale. */
function report(results: RuleResult[], extra: ReportOverrides = {}): RunReport {
  return sampleReport(results, {
    target: {
      command: ['node', 'my server.js', '--flag'],
      serverInfo: { name: 'srv', version: '2.3.4' },
      revisions: ['2025-06-18', '2025-11-25'],
    },
    discovery: discovery(),
    seed: 4242,
    timeScale: 1.5,
    startedAt: '2026-11-20T09:08:07.123Z',
    durationMs: 8300,
    ...extra,
  });
}

/** The fixed report most checks read: every verdict, two revisions, one full cancel story. */
function mixedReport(): RunReport {
  return report([
    result('CANCEL-RECV-STOP-PROCESSING', 'fail', {
      level: 'MUST',
      requirement: 'Progress notifications **MUST** only reference active tokens',
      expected: 'no progress after the cancel was read',
      actual: '2 progress notifications after the cancel',
      metrics: { stopLatencyMs: 199.2, progressAfterCancel: 2 },
      evidence: [7, 8],
      transcript: cancelStory(),
      stderrTail: ['[srv] still counting'],
    }),
    result('CANCEL-RECV-STOP-PROCESSING', 'pass', { revision: '2025-06-18', metrics: { stopLatencyMs: 0 } }),
    result('CANCEL-NO-RESPONSE', 'warn', { revision: '2025-11-25' }),
    result('CANCEL-NO-RESPONSE', 'pass', { revision: '2025-06-18' }),
    result('PING-RESPOND-PROMPTLY', 'info', { level: 'MAY' }),
    result('PING-RESPOND-PROMPTLY', 'untestable', { level: 'MAY', revision: '2025-06-18' }),
    result('PROG-MONOTONIC', 'not-applicable', { level: 'MUST' }),
    result('PROG-MONOTONIC', 'inconclusive', { level: 'MUST', revision: '2025-06-18' }),
    result('MSG-SCHEMA-VALID', 'error', { level: 'MUST' }),
  ]);
}

/** The part of the page between two markers. */
function between(html: string, from: string, to: string): string {
  const start = html.indexOf(from);
  const end = html.indexOf(to, start + from.length);
  expect(start, `${from} present`).toBeGreaterThanOrEqual(0);
  return html.slice(start, end < 0 ? undefined : end);
}

function count(html: string, needle: string | RegExp): number {
  return typeof needle === 'string' ? html.split(needle).length - 1 : (html.match(needle) ?? []).length;
}

/** The page's data block, as text and as the script reads it. */
function dataOf(html: string): { text: string; data: PageData } {
  const text = /<script type="application\/json" id="mcc-data">([^<]*)<\/script>/.exec(html)?.[1] ?? '';
  return { text, data: JSON.parse(text) as PageData };
}

/** The shown events of a result's rows, without the counts of left-out ones. */
const rowsOf = (data: PageData, rid: string): Row[] =>
  (data.tx[rid]?.ev ?? []).filter((x): x is Row => typeof x !== 'number');

describe('renderHtml: structure', () => {
  const html = renderHtml(mixedReport());

  it('is one self-contained document locked by a CSP that admits only its own script', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1] ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain('img-src data:');
    const script = between(html, '<script>', '</script>').slice('<script>'.length);
    const hash = createHash('sha256').update(script).digest('base64');
    expect(csp).toContain(`script-src 'sha256-${hash}'`);
    // One script that runs, and one block of data that nothing runs (the CSP admits no other script).
    expect(count(html, '<script')).toBe(2);
    expect(count(html, '<script type="application/json" id="mcc-data">')).toBe(1);
    expect(html).not.toMatch(/\ssrc=/);
    expect(html).not.toMatch(/<link rel="stylesheet"|@import|@font-face|url\((?!#)/);
    expect(html).not.toContain('http://');
  });

  it('says who was tested, how, and the overall outcome with the counts', () => {
    const head = between(html, '<header class="top">', '</header>');
    expect(head).toContain('srv <span class="ver">2.3.4</span>');
    expect(head).toContain('node &#39;my server.js&#39; --flag');
    expect(head).toContain('2025-06-18, 2025-11-25');
    expect(head).toContain('2026-11-20 09:08:07 UTC');
    expect(head).toContain('<dt>Tool version</dt><dd>0.1.0</dd>');
    expect(head).toContain('4242');
    expect(head).toContain('× 1.5');
    expect(head).toContain('NOT CONFORMANT');
    expect(head).toContain('1 MUST violation');
    expect(head).toContain('1 suite error');
    for (const label of [
      '1 FAIL',
      '1 ERROR',
      '1 WARN',
      '1 INFO',
      '1 UNTESTABLE',
      '1 INCONCLUSIVE',
      '2 PASS',
      '1 N/A',
    ]) {
      expect(head).toContain(label);
    }
    expect(html).toContain('<title>NOT CONFORMANT: srv 2.3.4');
  });

  it('calls a run with only SHOULD warnings conformant, and not under --strict', () => {
    const warned = [result('CANCEL-NO-RESPONSE', 'warn'), result('PROG-MONOTONIC', 'pass')];
    const relaxed = renderHtml(report(warned));
    expect(between(relaxed, '<div class="outcome', '</div>')).toMatch(
      />CONFORMANT WITH WARNINGS<.*No MUST violation\. 1 SHOULD warning: the run fails on them with --strict/,
    );
    const strict = renderHtml(report(warned, { strict: true }));
    expect(between(strict, '<div class="outcome', '</div>')).toContain('NOT CONFORMANT');
    const clean = renderHtml(report([result('PROG-MONOTONIC', 'pass')]));
    expect(between(clean, '<div class="outcome', '</div>')).toContain('Every rule that applies passed.');
  });

  it('shows the discovery: tools with their arguments and reasons, timing, tools called, notes', () => {
    const d = between(html, '<section id="discovery">', '</section>');
    expect(d).toContain('slow_count');
    expect(d).toContain('{&quot;steps&quot;:600}');
    expect(d).toContain('picked because its name says &quot;slow&quot;');
    expect(d).toContain('ask_model');
    expect(d).toContain('named with --request-tool');
    expect(d).toContain('0.4 ms');
    expect(d).toContain('1,000 ms');
    expect(d).toContain('100 ms');
    expect(d).toContain('a note about the probe');
    expect(renderHtml(report([], { discovery: null }))).toContain('The probe did not run.');
  });

  it('has a matrix cell for every rule × revision, with its verdict as text and a link to the result', () => {
    const m = between(html, '<table class="matrix">', '</table>');
    expect(count(m, /<th scope="col">2025-\d\d-\d\d<\/th>/g)).toBe(2);
    const rows = m.match(/<tr data-f[\s\S]*?<\/tr>/g) ?? [];
    expect(rows).toHaveLength(5);
    for (const row of rows) expect(count(row, /<td class="cell( none)?">/g)).toBe(2);
    expect(rows[4]).toContain('<td class="cell none">—</td>');
    expect(m).toMatch(/<a href="#r0" class="badge v-fail">FAIL<\/a><span class="lat">stop 199 ms<\/span>/);
    expect(m).toContain('<a href="#r1" class="badge v-pass">PASS</a>');
    expect(m).toContain('class="badge v-not-applicable">N/A</a>');
    // Filters: hidden without script; rows carry what the script filters on.
    expect(html).toContain('<form class="filters" id="filters" hidden>');
    expect(rows[0]).toContain('data-problem="1" data-levels="MUST SHOULD"');
    const ids = new Set([...html.matchAll(/ id="(r\d+)"/g)].map((x) => x[1]));
    for (const [, target] of m.matchAll(/href="#(r\d+)"/g)) expect(ids.has(target)).toBe(true);
  });

  it('quotes the spec sentence with its link and gives Requirement / Expected / Actual', () => {
    const card = between(
      html,
      '<details class="result b-fail" id="r0"',
      '</details>\n<details class="result',
    );
    expect(card).toContain('Receivers of cancellation notifications <strong>SHOULD</strong>: …');
    expect(card).toContain(
      `<a href="${SPEC}#behavior-requirements" rel="noopener noreferrer" target="_blank">`,
    );
    expect(card).toContain(
      '<dt>Requirement</dt><dd>Progress notifications <strong>MUST</strong> only reference',
    );
    expect(card).toContain('<dt>Expected</dt><dd>no progress after the cancel was read</dd>');
    expect(card).toContain(
      '<dt>Actual</dt><dd class="actual">2 progress notifications after the cancel</dd>',
    );
    expect(card).toContain('<th scope="row">stopLatencyMs</th><td>199 ms</td>');
    expect(card).toContain('[srv] still counting');
    // Problems are open, passes folded.
    expect(html).toMatch(/<details class="result b-fail" id="r0" [^>]* open>/);
    expect(html).not.toMatch(/<details class="result b-pass" id="r1" [^>]* open>/);
  });

  it('hands each transcript to the script as rows: lanes, kinds, windows, evidence, the open timeline', () => {
    const { data } = dataOf(html);
    const fail = data.tx.r0;
    expect(fail).toMatchObject({ n: 13, end: 1700, open: 1 });
    // The card holds a placeholder the script fills; the rows hold what the timeline and the list show.
    expect(between(html, '<details class="result b-fail" id="r0"', '</details>')).toContain(
      '<div class="tx" data-tx="r0"></div>',
    );
    const rows = rowsOf(data, 'r0');
    expect(rows.map((r) => r[0])).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    const lanes = ['client', 'server', 'stderr', 'harness'];
    expect(rows.map((r) => lanes[r[2]])).toEqual([
      ...['client', 'server', 'client', 'server', 'client', 'client', 'server', 'server', 'server'],
      ...['stderr', 'harness', 'harness', 'server'],
    ]);
    // The evidence (seq 7 and 8) is flagged; the cancel is a message the script labels itself, and
    // "jsonrpc": "2.0" is left for the script to put back.
    expect(rows.filter((r) => r[4] & EVIDENCE).map((r) => r[0])).toEqual([7, 8]);
    const cancel = rows[4] as Row;
    expect(cancel[4] & (MESSAGE_ONLY | JSONRPC_2)).toBe(MESSAGE_ONLY | JSONRPC_2);
    expect(cancel[5]).toEqual({ method: 'notifications/cancelled', params: { requestId: 2 } });
    // Windows span the whole transcript and name their own event; their labels are stored once.
    expect(fail?.win).toEqual([
      [141, 1141, 10],
      [1142, 1642, 11],
    ]);
    expect(data.labels[rows[10]?.[5] as number]).toBe('watched 1000 ms after the cancel of id 2');
    expect(rows[9]?.[5]).toBe('[stderr] [srv] still counting');
    // Results without a transcript have no rows.
    expect(Object.keys(data.tx)).toEqual(['r0']);
  });

  it("hands the script a result's process samples as compact rows, at most SAMPLE_CAP, first and last kept", () => {
    const sample = (t: number, n: number): Unnumbered => ({
      t,
      dir: 'harness',
      kind: 'sample',
      text: `process tree ${n}`,
      sample: {
        t,
        cpuMs: n * 10.04,
        rssKb: 2048.4 + n,
        fds: 20 + n,
        threads: 7,
        processes: 1,
        descendants: [{ pid: 5, ppid: 4, name: 'child' }],
      },
    });
    const few = transcriptData(
      result('CANCEL-RECV-FREE-RESOURCES', 'pass', {
        transcript: transcript(
          sample(1.234, 0),
          msg(5, 'client', { jsonrpc: '2.0', method: 'x' }),
          sample(7, 1),
          sample(9.87, 3),
        ),
      }),
    );
    expect(few?.smp).toEqual([
      [1.2, 0, 2048, 20, 7, 1],
      [7, 10, 2049, 21, 7, 1],
      [9.9, 30.1, 2051, 23, 7, 1],
    ]);
    // Two samples show no course: the event list has them, the page no chart (nor its code).
    const two = result('CANCEL-RECV-FREE-RESOURCES', 'pass', {
      transcript: transcript(sample(1, 0), sample(9, 3)),
    });
    expect(transcriptData(two)).not.toHaveProperty('smp');
    expect(renderHtml(report([two]))).not.toContain('function samplePanel');
    expect(
      renderHtml(
        report([result('X', 'warn', { transcript: transcript(sample(1, 0), sample(5, 1), sample(9, 3)) })]),
      ),
    ).toContain('function samplePanel');
    const many = transcriptData(
      result('CANCEL-RECV-FREE-RESOURCES', 'pass', {
        transcript: transcript(...Array.from({ length: 1000 }, (_, i) => sample(i, i))),
      }),
    );
    expect(many?.smp).toHaveLength(SAMPLE_CAP);
    expect(many?.smp?.[0]?.[0]).toBe(0);
    expect(many?.smp?.[SAMPLE_CAP - 1]?.[0]).toBe(999);
    // A transcript without samples carries no sample member at all.
    expect(transcriptData(result('X', 'pass', { transcript: cancelStory() }))).not.toHaveProperty('smp');
  });

  it("reads every task's status history from the messages, whatever rule wrote them, its strings made visible", () => {
    const lanes = taskLanes(
      transcript(
        msg(1, 'client', { jsonrpc: '2.0', id: 1, method: 'tools/call', params: { task: {} } }),
        msg(2, 'server', { jsonrpc: '2.0', id: 1, result: { task: { taskId: 'A', status: 'working' } } }),
        msg(3, 'client', { jsonrpc: '2.0', id: 2, method: 'tasks/get', params: { taskId: 'A' } }),
        msg(4, 'server', { jsonrpc: '2.0', id: 2, result: { taskId: 'A', status: 'working' } }),
        msg(5, 'client', { jsonrpc: '2.0', id: 3, method: 'tasks/cancel', params: { taskId: 'A' } }),
        msg(6, 'server', { jsonrpc: '2.0', id: 3, result: { taskId: 'A', status: 'cancelled' } }),
        msg(7, 'server', {
          jsonrpc: '2.0',
          method: 'notifications/tasks/status',
          params: { taskId: 'A', status: 'can\u202ecelled' },
        }),
        // The tasks extension of 2026-07-28 names its status notification notifications/tasks.
        msg(7.5, 'server', {
          jsonrpc: '2.0',
          method: 'notifications/tasks',
          params: { taskId: 'A', status: 'cancelled' },
        }),
        // Not a task: an ordinary result, a task without a status, and a client message that looks like one.
        msg(8, 'server', { jsonrpc: '2.0', id: 4, result: { content: [] } }),
        msg(9, 'server', { jsonrpc: '2.0', id: 5, result: { taskId: 'B' } }),
        msg(10, 'client', { jsonrpc: '2.0', id: 6, result: { taskId: 'C', status: 'working' } }),
      ),
    );
    expect(lanes).toEqual([
      {
        id: 'A',
        s: [
          [2, 'working', 0],
          [4, 'working', 1],
          [6, 'cancelled', 2],
          [7, 'can\\u202ecelled', 3],
          [7.5, 'cancelled', 4],
        ],
        c: [5],
      },
    ]);
    const many = taskLanes(
      transcript(
        ...Array.from({ length: 10 }, (_, i) =>
          msg(i, 'server', {
            jsonrpc: '2.0',
            method: 'notifications/tasks/status',
            params: { taskId: `t${i}`, status: 'working' },
          }),
        ),
      ),
    );
    expect(many.map((l) => l.id)).toEqual(['t0', 't1', 't2', 't3'].slice(0, TASK_CAP));
  });

  it('draws in the browser what the server would say: the same labels, the JSON indented', () => {
    const page = new Function(
      `${DRAW}; return { label: label, pretty: pretty, withJsonrpc: withJsonrpc };`,
    ) as () => {
      label: (m: Json) => string;
      pretty: (v: Json, indent: string, lead: number) => string;
      withJsonrpc: (m: Json) => Json;
    };
    const api = page();
    const messages: Json[] = [
      { jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'slow', arguments: {} } },
      {
        jsonrpc: '2.0',
        method: 'notifications/progress',
        params: { progressToken: 'p', progress: 3, total: 9 },
      },
      { jsonrpc: '2.0', method: 'notifications/cancelled', params: { reason: 'x' } },
      { jsonrpc: '2.0', id: 'a\u202eb', error: { code: -32601, message: 'no\nsuch   method' } },
      { jsonrpc: '2.0', id: 2, result: { content: [] } },
      [{ jsonrpc: '2.0', id: 3, method: 'ping' }],
      'just a string',
      null,
      { jsonrpc: '2.0', method: 'x'.repeat(400) },
      { odd: true },
    ];
    for (const message of messages) {
      const server = visibleText(describeEvent({ seq: 0, t: 0, dir: 'client', kind: 'message', message }));
      expect(api.label(message)).toBe(server);
    }
    const { jsonrpc: _, ...rest } = messages[0] as { [k: string]: Json };
    expect(JSON.stringify(api.withJsonrpc(rest))).toBe(JSON.stringify(messages[0]));
    // Short values stay on one line; a long one is indented two spaces a level and parses back the same.
    expect(api.pretty(messages[4] as Json, '', 0)).toBe(
      '{"jsonrpc": "2.0", "id": 2, "result": {"content": []}}',
    );
    const big = { jsonrpc: '2.0', id: 1, result: { items: Array.from({ length: 30 }, (_, i) => ({ i })) } };
    const text = api.pretty(big, '', 0);
    expect(text.split('\n').length).toBeGreaterThan(30);
    expect(text).toContain('\n  "result": {\n    "items": [\n      {"i": 0},');
    expect(JSON.parse(text)).toEqual(big);
  });

  it('plots the stop latency of the results that measured it', () => {
    const plot = between(html, '<section id="latency">', '</section>');
    expect(count(plot, /<rect class="bar v-fail" x="0.5%" y="\d+" width="[\d.]+%"/g)).toBe(1);
    expect(count(plot, /<rect class="bar v-pass" x="0.5%" y="\d+" width="[\d.]+%"/g)).toBe(1);
    expect(plot).toContain('>199 ms</text>');
    expect(plot).toContain('silence window 1,000 ms');
    expect(renderHtml(report([result('PROG-MONOTONIC', 'pass')]))).not.toContain('<section id="latency">');
  });

  it("puts CANCEL-STOP-LATENCY's figures over the plot, each linking to its result", () => {
    const figures = 'stop latency over 1 cancel (1 shown on the wire): median 20 ms, worst 20 ms';
    const page = renderHtml(
      report([
        result('CANCEL-NO-RESPONSE', 'pass', { metrics: { stopLatencyMs: 20 } }),
        result('CANCEL-STOP-LATENCY', 'info', {
          level: 'INFORMATIVE',
          summary: figures,
          metrics: {
            cancels: 1,
            medianMs: 20,
            worstMs: 20,
            byWire: 1,
            byCpu: 0,
            byChild: 0,
            stillWorking: 0,
          },
        }),
      ]),
    );
    const plot = between(page, '<section id="latency">', '</section>');
    // The matrix links to the result by its id: it is a line of this section, not a card.
    expect(plot).toContain(`<li id="r1"><span class="badge v-info"`);
    expect(plot).toContain(`2025-11-25 · stdio</span> ${figures}</li>`);
    expect(plot).toContain('<span class="chip lvl">INFORMATIVE</span>');
    expect(between(page, '<section id="results">', '</section>')).not.toContain('CANCEL-<wbr>STOP');
    expect(page).toContain('<a href="#latency">Stop latency</a>');
    // The measurement is no bar of its own: only the cancel it measured is.
    expect(count(plot, /<rect class="bar v-\w+" x="0.5%" y="\d+" width="[\d.]+%"/g)).toBe(1);
    // Where no cancel measured a stop, the section holds the result alone, without a plot.
    const alone = renderHtml(
      report([
        result('CANCEL-STOP-LATENCY', 'untestable', {
          level: 'INFORMATIVE',
          summary: 'no cancel measured a stop',
        }),
      ]),
    );
    expect(between(alone, '<section id="latency">', '</section>')).toContain(
      'no cancel measured a stop</li>',
    );
    expect(alone).not.toContain('<svg class="chart"');
  });
});

// Strings a hostile target controls, in every place a report carries target text.
const PAYLOADS = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "'><svg onload=alert(1)>",
  '</script><script>alert(2)</script>',
  '</title></style></textarea><b>x</b>',
  'javascript:alert(1)',
  '{{constructor.constructor("alert(3)")()}}',
  'ünïcødé ✓ 🚀 \u202etxt.exe',
];
const P = PAYLOADS.join(' ');

function hostileReport(): RunReport {
  const story = transcript(
    msg(1, 'client', {
      jsonrpc: '2.0',
      id: P,
      method: 'tools/call',
      params: { name: P, arguments: { x: P } },
    }),
    msg(2, 'server', { jsonrpc: '2.0', id: P, result: { content: [{ type: 'text', text: P }] } }),
    msg(3, 'server', { jsonrpc: '2.0', id: P, error: { code: -1, message: P } }),
    msg(4, 'server', { jsonrpc: '2.0', method: P, params: { [P]: P } }),
    msg(5, 'client', {
      jsonrpc: '2.0',
      method: 'notifications/cancelled',
      params: { requestId: P, reason: P },
    }),
    { t: 6, dir: 'server', kind: 'non-json', text: P },
    { t: 7, dir: 'server', kind: 'oversized', text: P.repeat(3) },
    { t: 8, dir: 'server', kind: 'stderr', text: P },
    win(9, 4, 9, `watched 5 ms after the cancel of id ${JSON.stringify(P)}`),
    win(10, 10, 15, `watching 5 ms: ${P}`),
    { t: 11, dir: 'server', kind: 'exit', text: P },
  );
  const evil = (rule: string, specUrl: string): RuleResult =>
    result(rule, 'fail', {
      title: P,
      summary: P,
      quote: `**${P}** \`${P}\``,
      requirement: P,
      expected: P,
      actual: P,
      specUrl,
      metrics: { [P]: 1, stopLatencyMs: 3 },
      evidence: [1, 4],
      transcript: story,
      stderrTail: [P, P],
    });
  return report(
    [
      evil(`RULE-${P}`, 'javascript:alert(1)'),
      evil('RULE-B', 'https://evil.example/x'),
      evil('RULE-C', 'https://modelcontextprotocol.io.evil.example/spec'),
      evil('RULE-D', 'https://modelcontextprotocol.io@evil.example/spec'),
      evil('RULE-E', 'data:text/html,<script>alert(1)</script>'),
    ],
    {
      target: {
        transport: 'stdio',
        command: [P, P],
        url: P,
        serverInfo: { name: P, version: P },
        revisions: ['2025-11-25'],
      },
      tool: { name: 'mcp-cancel-conformance', version: P },
      discovery: discovery({
        slowTool: {
          name: P,
          args: { [P]: P },
          shortArgs: { [P]: P },
          shortRunMs: 300,
          progress: false,
          source: 'user',
          reason: P,
        },
        requestTool: { name: P, args: { [P]: P }, source: 'user', reason: P },
        toolsCalled: [P, P],
        notes: [P],
      }),
    },
  );
}

/** Every element the page itself writes; anything else in the output would be injected markup. */
const OWN_TAGS = new Set(
  (
    'html head meta link title style body svg defs pattern rect line main nav b a header p h1 span code div tspan ' +
    'strong dl dt dd section h2 ul li form label input output table thead tbody tr th td text g details summary ' +
    'blockquote footer caption ol pre i script wbr'
  ).split(' '),
);

describe('renderHtml: target strings are text, never markup, script or links', () => {
  const html = renderHtml(hostileReport());
  const markup = html
    .replace(/<style>[\s\S]*?<\/style>/, '<style></style>')
    .replace(/<script>[\s\S]*?<\/script>/, '<script></script>');

  it('writes no element, attribute or script of its own making from them', () => {
    for (const [, name] of markup.matchAll(/<\/?([a-zA-Z][\w-]*)/g))
      expect(OWN_TAGS.has((name ?? '').toLowerCase()), name).toBe(true);
    for (const [tag] of markup.matchAll(/<[a-zA-Z][^>]*>/g)) {
      const names = [...tag.matchAll(/\s([\w:-]+)(?:="[^"]*")?/g)].map((a) => a[1] ?? '');
      expect(
        names.filter((n) => /^on/i.test(n)),
        tag.slice(0, 120),
      ).toEqual([]);
    }
    // The executable script and the data block; the payloads end neither early.
    expect(count(html, '<script')).toBe(2);
    expect(count(html, '</script>')).toBe(2);
    const head = between(html, '<head>', '</head>');
    expect(count(head, '<title>')).toBe(1);
    expect(count(head, '</title>')).toBe(1);
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<svg onload');
    expect(html).not.toContain('<b>x</b>');
    const script = between(html, '<script>', '</script>');
    expect(script).not.toMatch(/alert|ünïcødé|constructor/);
  });

  it('links only to the spec site, never to a target-chosen or look-alike URL', () => {
    const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1] ?? '');
    expect(hrefs.length).toBeGreaterThan(10);
    for (const href of hrefs) expect(href).toMatch(/^(#[\w-]+|data:,|https:\/\/modelcontextprotocol\.io\/)/);
    expect(hrefs.filter((h) => h.startsWith('https:'))).toEqual([]);
  });

  it('shows every payload as escaped text', () => {
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('&#39;&gt;&lt;svg onload=alert(1)&gt;');
    expect(html).toContain('&lt;/title&gt;&lt;/style&gt;&lt;/textarea&gt;&lt;b&gt;x&lt;/b&gt;');
    expect(html).toContain('{{constructor.constructor(&quot;alert(3)&quot;)()}}');
    expect(html).toContain('ünïcødé ✓ 🚀');
    expect(html).not.toContain('\u202e');
    expect(html).toContain('\\u202etxt.exe');
    // In the title and the stderr tail alike.
    expect(between(html, '<title>', '</title>')).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(between(html, '<pre class="stderr">', '</pre>')).toContain(
      '&lt;script&gt;alert(1)&lt;/script&gt;',
    );
  });

  it('keeps the payloads in the transcript rows as escaped data that reads back unchanged', () => {
    const { text, data } = dataOf(html);
    // No markup character and no control or bidi character is in the block itself.
    expect(text).not.toMatch(/[<>&\u202e]/);
    expect(text).toContain('\\u003cscript\\u003ealert(1)\\u003c/script\\u003e');
    expect(text).toContain('\\u202etxt.exe');
    const rows = rowsOf(data, 'r0');
    // The message reads back exactly (the script shows it as text); labels and text are made visible.
    expect(rows[0]?.[5]).toEqual({ id: P, method: 'tools/call', params: { name: P, arguments: { x: P } } });
    const nonJson = hostileReport().results[0]?.transcript[5] as TranscriptEvent;
    expect(rows.find((r) => r[0] === 5)?.[5]).toBe(visibleText(describeEvent(nonJson)));
    expect(JSON.stringify(data.labels)).not.toContain('\u202e');
  });

  it('keeps a hand-edited report with an unknown verdict from adding attributes', () => {
    const forged = renderHtml(report([result('RULE-X', 'x" onclick="alert(1)' as Verdict)]));
    expect(forged).not.toContain('onclick="');
    expect(forged).toContain('class="badge v-error"');
    expect(forged).toContain('x&quot; onclick=&quot;alert(1)');
  });

  it('keeps attribute values closed: no raw quote ever ends one early', () => {
    for (const [tag] of markup.matchAll(/<[a-zA-Z][^>]*>/g)) {
      expect(tag, tag.slice(0, 200)).toMatch(/^<[a-zA-Z][\w-]*(\s+[\w:-]+(="[^"<>]*")?)*\s*\/?>$/);
    }
  });
});

/** A report of `results` rule results with `events` events each: a flooding target, every rule. */
function bigReport(results: number, events: number): RunReport {
  const list: RuleResult[] = [];
  for (let r = 0; r < results; r++) {
    const transcriptEvents: TranscriptEvent[] = [];
    for (let i = 0; i < events; i++) {
      const t = i * 0.7;
      if (i === 100)
        transcriptEvents.push({
          seq: i,
          t,
          dir: 'client',
          kind: 'message',
          message: { jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: 2 } },
        });
      else if (i % 500 === 499)
        transcriptEvents.push({
          seq: i,
          t,
          dir: 'harness',
          kind: 'window',
          text: 'watched 300 ms after the cancel of id 2',
          from: Math.max(0, t - 300),
          to: t,
        });
      else
        transcriptEvents.push({
          seq: i,
          t,
          dir: 'server',
          kind: 'message',
          message: {
            jsonrpc: '2.0',
            method: 'notifications/progress',
            params: { progressToken: 'mcc-progress-2', progress: i, total: events, message: `step ${i}` },
          },
        });
    }
    list.push(
      result(`RULE-${r}`, r % 3 === 0 ? 'fail' : 'pass', {
        metrics: { stopLatencyMs: r * 10 },
        evidence: [200, 300, 4000],
        transcript: transcriptEvents,
        stderrTail: Array.from({ length: 40 }, (_, i) => `stderr line ${i}`),
      }),
    );
  }
  return report(list);
}

describe('renderHtml: speed and size on a big report', () => {
  it('renders 13 results × 5000 events quickly, drawing at most 400 events per result', () => {
    const big = bigReport(13, 5000);
    renderHtml(report([result('WARM-UP', 'pass')]));
    const t0 = performance.now();
    const html = renderHtml(big);
    const elapsed = performance.now() - t0;
    const mb = Buffer.byteLength(html) / 1e6;
    console.log(`renderHtml: 13 results × 5000 events in ${elapsed.toFixed(0)} ms, ${mb.toFixed(2)} MB`);
    expect(elapsed).toBeLessThan(3000);
    expect(mb).toBeLessThan(1.5);
    const { data } = dataOf(html);
    for (let r = 0; r < 13; r++) {
      const d = data.tx[`r${r}`];
      expect(d?.n).toBe(5000);
      expect(rowsOf(data, `r${r}`)).toHaveLength(400);
      // The left-out events are counted where they were left out.
      const gaps = (d?.ev ?? []).filter((x): x is number => typeof x === 'number');
      expect(gaps.reduce((a, b) => a + b, 0)).toBe(4600);
    }
    // The evidence and the cancel are among the drawn events even though they are far down the transcript.
    const seqs = rowsOf(data, 'r0').map((r) => r[0]);
    expect(seqs).toContain(4000);
    expect(seqs).toContain(100);
  });

  it('keeps a report of many long passing transcripts small once they are trimmed', () => {
    // 60 passing results of 5000 events each: trimmed as the published reports are, and as by default.
    const big = bigReport(60, 5000);
    big.results = big.results.map((r) => ({ ...r, verdict: 'pass' as const, evidence: [] }));
    big.counts = { ...big.counts, pass: 60, fail: 0 };
    const kb = (policy: 'compact' | 'passing' | 'full'): number => {
      const trimmed = { ...big, results: big.results.map((r) => trimTranscript(r, policy)) };
      return Buffer.byteLength(renderHtml(trimmed)) / 1024;
    };
    const compact = kb('compact');
    const passing = kb('passing');
    const full = kb('full');
    console.log(
      `renderHtml: 60 passing results × 5000 events, trimmed: ${compact.toFixed(0)} KB (compact), ${passing.toFixed(0)} KB (default), ${full.toFixed(0)} KB (full)`,
    );
    expect(compact).toBeLessThan(200);
    expect(passing).toBeLessThan(250);
    expect(full).toBeGreaterThan(10 * passing);
  });

  it('lists a result that does not apply on one line, without a card or a transcript', () => {
    const html = renderHtml(
      report([
        result('PROG-MONOTONIC', 'pass', { transcript: cancelStory() }),
        result('CANCEL26-NO-FURTHER-MESSAGES', 'not-applicable', {
          summary: 'CANCEL26-NO-FURTHER-MESSAGES exists only in revision 2026-07-28',
        }),
      ]),
    );
    expect(html).not.toContain('<details class="result b-not-applicable"');
    const list = between(html, '<details class="sub na">', '</details>');
    expect(list).toContain('1 result for rules that do not apply here');
    expect(list).toContain(
      '<li id="r1"><span class="rid">CANCEL26-<wbr>NO-<wbr>FURTHER-<wbr>MESSAGES</span> <span class="chip">2025-11-25 · stdio</span> CANCEL26-NO-FURTHER-MESSAGES exists only in revision 2026-07-28</li>',
    );
    // Its matrix cell links to its line; it has no rows.
    expect(between(html, '<table class="matrix">', '</table>')).toContain(
      '<a href="#r1" class="badge v-not-applicable">N/A</a>',
    );
    expect(Object.keys(dataOf(html).data.tx)).toEqual(['r0']);
  });

  it('lists the revisions a rule does not exist in on one line, each matrix cell linking to it', () => {
    const absent = (revision: '2025-06-18' | '2025-11-25'): RuleResult =>
      result('CANCEL26-NO-FURTHER-MESSAGES', 'not-applicable', {
        revision,
        summary: 'CANCEL26-NO-FURTHER-MESSAGES exists only in revision 2026-07-28',
      });
    const html = renderHtml(
      report([
        absent('2025-06-18'),
        result('PROG-MONOTONIC', 'pass', { transcript: cancelStory() }),
        absent('2025-11-25'),
        result('HTTP-NOTIF-202', 'not-applicable', { summary: 'HTTP-NOTIF-202 applies only over http' }),
      ]),
    );
    const list = between(html, '<details class="sub na">', '</details>');
    expect(list).toContain('3 results for rules that do not apply here');
    expect(list.match(/<li /g)).toHaveLength(2);
    expect(list).toContain(
      '<li id="r0"><span class="rid">CANCEL26-<wbr>NO-<wbr>FURTHER-<wbr>MESSAGES</span> <span class="chip">2025-06-18, 2025-11-25 · stdio</span> CANCEL26-NO-FURTHER-MESSAGES exists only in revision 2026-07-28</li>',
    );
    expect(list).toContain('<li id="r3">');
    const matrix = between(html, '<table class="matrix">', '</table>');
    expect(matrix.match(/href="#r0" class="badge v-not-applicable"/g)).toHaveLength(2);
    expect(matrix).not.toContain('href="#r2"');
    // Every link of the page leads to an element that exists.
    for (const [, id] of html.matchAll(/href="#(r\d+)"/g)) expect(html).toContain(`id="${id}"`);
  });

  it("draws a plain passing card's quote, metrics and stderr from the data, each distinct text once", () => {
    const pass = (revision: '2025-06-18' | '2025-11-25'): RuleResult =>
      result('CANCEL-RECV-STOP-PROCESSING', 'pass', {
        revision,
        metrics: { stopLatencyMs: 3 },
        transcript: cancelStory(),
        stderrTail: ['[srv] started'],
      });
    const html = renderHtml(report([pass('2025-06-18'), pass('2025-11-25')]));
    expect(between(html, '<details class="result b-pass" id="r0"', '</details>')).toContain(
      '<div class="rbody" data-body="r0"><div class="tx" data-tx="r0"></div></div>',
    );
    expect(html).not.toContain('<blockquote');
    const { data } = dataOf(html);
    expect(data.quotes).toEqual([
      'Receivers of cancellation notifications **SHOULD**: … - Stop processing the cancelled request',
    ]);
    expect(data.urls).toEqual([`${SPEC}#behavior-requirements`]);
    expect(data.err).toEqual([['[srv] started']]);
    expect(data.cards.r1).toEqual({
      q: 0,
      rev: '2025-11-25',
      u: 0,
      a: 1,
      m: [['stopLatencyMs', '3 ms']],
      took: '10 ms',
    });
    expect(data.tx.r0?.err).toBe(0);
    expect(data.tx.r1?.err).toBe(0);
  });
});
