// The transcript of one result: which events to show, and the data the page's script draws the timeline
// and the event list from. The page carries each shown event once, as a compact row in one JSON data
// block (`transcriptData`), instead of as SVG marks and list markup for every result: a passing result's
// transcript costs its data, not its drawing, and is drawn only when a reader opens it (draw.ts).

import type { RuleResult } from '../../harness/model/report.js';
import type { TranscriptEvent } from '../../harness/model/transcript.js';
import type { Json } from '../../harness/model/protocol.js';
import { visibleText } from '../outcome.js';
import { cut, LABEL_CAP } from './escape.js';
import { describe, isClientCancel, LANES, laneOf, MARKS, markOf } from './events.js';
import { isProblem } from './verdict.js';

/** Events drawn (and listed) per result; the rest stay in the JSON report. */
export const DRAW_CAP = 400;
/** Characters of one event's JSON shown before it is cut. */
export const BODY_CAP = 12_000;

/**
 * Row flags: the event is evidence; the row's body is finished text rather than a message to indent; the
 * row holds the message alone, and the script words its label (draw.ts `describeMessage`, as `describe`).
 */
export const EVIDENCE = 1;
export const TEXT_BODY = 2;
export const MESSAGE_ONLY = 4;
/** Row flag: the message opened with "jsonrpc": "2.0", which the row leaves out. */
export const JSONRPC_2 = 8;

/**
 * One shown event as the script reads it, lane and mark as indexes into LANES and MARKS:
 * [seq, t, lane, mark, flags, message] for a message the script labels itself (MESSAGE_ONLY), else
 * [seq, t, lane, mark, flags, label, body?], the label given or as its index in the page's `labels`, the
 * body being the message (the script indents it) or, for a message too long to show whole or a long text
 * event, the text to show. A plain number in the list stands for that many events left out at that place.
 */
export type Row = [number, number, number, number, number, ...unknown[]];

/** What the script needs to draw one result's transcript. */
export interface TranscriptData {
  /** Events in the report's transcript. */
  n: number;
  /** The end of the time axis, ms: the last event or window of the whole transcript. */
  end: number;
  /** The time of the last event, ms, when it is not `end`. */
  last?: number;
  /** 1 when the timeline starts open (a problem's). */
  open?: 1;
  /** The events recorded when the report keeps a slice of them (`transcriptTrimmed.total`). */
  of?: number;
  /** Events the session produced beyond what a transcript records (`transcriptDropped`). */
  drop?: number;
  /** The suite's silence windows over the whole transcript, [from, to, seq of its event]. */
  win: [number, number, number][];
  /** The shown events in order, with the counts of left-out events between them. */
  ev: (Row | number)[];
  /** The index of the result's stderr tail in the page's list of them, when the script shows it (data.ts). */
  err?: number;
  /** The samples of the target's process tree, in order: [t, cpuMs, rssKb, fds, threads, processes]. */
  smp?: SampleRow[];
  /** The status history of each task the transcript names (taskLanes). */
  tsk?: TaskLane[];
}

/**
 * The status history of one task (2025-11-25 tasks utility) as the script draws it: the task id, every
 * status the server gave it as [t, status, how] (how: an index into TASK_VIA), and when the client sent
 * tasks/cancel for it.
 */
export interface TaskLane {
  id: string;
  s: [number, string, number][];
  c: number[];
}

/** Where a status came from, by the index a TaskLane's points name it with. */
export const TASK_VIA = [
  'CreateTaskResult',
  'tasks/get',
  'tasks/cancel',
  'notifications/tasks/status',
  // The tasks extension of 2026-07-28 (io.modelcontextprotocol/tasks).
  'notifications/tasks',
  'tasks/update',
  'another message',
];
/** Tasks drawn per result, and statuses per task (beyond that, the changes of status and the last one). */
export const TASK_CAP = 4;
export const STATUS_CAP = 60;

type JsonObj = { [key: string]: Json };
const object = (v: Json | undefined): JsonObj | null =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? v : null;

// Why: the Task a server message carries, whatever rule it comes from: a CreateTaskResult's `task`, a Task
// as a result (tasks/get, tasks/cancel), or the params of a status notification (2025-11-25
// notifications/tasks/status, the extension's notifications/tasks).
function taskOf(m: Json | undefined): { id: string; status: string } | null {
  const msg = object(m);
  const body = object(msg?.result) ?? (typeof msg?.method === 'string' ? object(msg.params) : null);
  const task = object(body?.task) ?? body;
  return task && typeof task.taskId === 'string' && typeof task.status === 'string'
    ? { id: task.taskId, status: task.status }
    : null;
}

// Why: every task's status history in a transcript, read from the messages alone (any rule's), for the
// lanes the timeline draws beside the cancel (draw.ts).
export function taskLanes(events: readonly TranscriptEvent[]): TaskLane[] {
  const lanes = new Map<string, TaskLane>();
  const methods = new Map<string, string>();
  const lane = (id: string): TaskLane | null => {
    let l = lanes.get(id);
    if (!l && lanes.size < TASK_CAP)
      lanes.set(id, (l = { id: visibleText(cut(id, LABEL_CAP)), s: [], c: [] }));
    return l ?? null;
  };
  for (const e of events) {
    if (e.kind !== 'message') continue;
    const m = object(e.message);
    if (!m) continue;
    const key = JSON.stringify(m.id ?? null);
    if (e.dir === 'client' && typeof m.method === 'string') {
      if ('id' in m) methods.set(key, m.method);
      const id = object(m.params)?.taskId;
      if (m.method === 'tasks/cancel' && typeof id === 'string') lane(id)?.c.push(e.t);
      continue;
    }
    const task = e.dir === 'server' ? taskOf(m) : null;
    if (!task) continue;
    const asked = methods.get(key);
    const how =
      typeof m.method === 'string'
        ? m.method
        : object(m.result)?.task !== undefined || asked === 'tools/call'
          ? 'CreateTaskResult'
          : asked;
    const via = how === undefined ? -1 : TASK_VIA.indexOf(how);
    lane(task.id)?.s.push([e.t, visibleText(cut(task.status, 40)), via < 0 ? TASK_VIA.length - 1 : via]);
  }
  return [...lanes.values()].map((l) => ({
    ...l,
    s:
      l.s.length <= STATUS_CAP
        ? l.s
        : l.s.filter((p, i) => i === l.s.length - 1 || p[1] !== l.s[i - 1]?.[1]).slice(-STATUS_CAP),
  }));
}

/** One sample of the target's process tree as the script draws it: time and CPU to 0.1 ms, memory in KB. */
export type SampleRow = [number, number, number, number, number, number];

/** Samples drawn per result (evenly spaced, the first and last kept); the rest stay in the JSON report. */
export const SAMPLE_CAP = 120;
/** Fewer samples show no course over time (a compact passing result keeps two): they stay in the event
 *  list, and the page carries no chart, nor the code that draws one, for them. */
export const SAMPLE_MIN = 3;

// Why: a result's process samples as compact rows, at most SAMPLE_CAP of them, for the chart beside the
// timeline (draw.ts); every sample event is kept in the rows of the list too.
export function sampleRows(events: readonly TranscriptEvent[]): SampleRow[] {
  const tenth = (n: number): number => Math.round(n * 10) / 10;
  const all = events.flatMap((e): SampleRow[] =>
    e.kind === 'sample' && e.sample
      ? [
          [
            tenth(e.sample.t),
            tenth(e.sample.cpuMs),
            Math.round(e.sample.rssKb),
            e.sample.fds,
            e.sample.threads,
            e.sample.processes,
          ],
        ]
      : [],
  );
  if (all.length <= SAMPLE_CAP) return all;
  const step = (all.length - 1) / (SAMPLE_CAP - 1);
  return Array.from({ length: SAMPLE_CAP }, (_, i) => all[Math.round(i * step)] as SampleRow);
}

// Why: when the transcript is longer than the cap, the events that tell the story are kept first.
function rank(e: TranscriptEvent, evidence: ReadonlySet<number>): number {
  if (evidence.has(e.seq)) return 0;
  if (isClientCancel(e)) return 1;
  if (e.kind !== 'message' && e.kind !== 'stderr') return 2;
  return e.dir === 'client' ? 3 : 4;
}

// Why: picks at most `cap` events (evidence, cancels, notes, client messages, then the rest in order).
function pickEvents(
  events: readonly TranscriptEvent[],
  evidence: ReadonlySet<number>,
  cap: number,
): number[] {
  const all = events.map((_, i) => i);
  if (events.length <= cap) return all;
  const ranks = events.map((e) => rank(e, evidence));
  return all
    .sort((a, b) => (ranks[a] ?? 4) - (ranks[b] ?? 4) || a - b)
    .slice(0, cap)
    .sort((a, b) => a - b);
}

// Why: one event as a row. Every string in it is made visible (no control or bidi character survives); the
// script puts rows into the page as text only, so nothing in them is ever read as markup.
function row(e: TranscriptEvent, evidence: ReadonlySet<number>, intern: Intern): Row {
  const flags = evidence.has(e.seq) ? EVIDENCE : 0;
  const lane = LANES.indexOf(laneOf(e));
  const mark = MARKS.indexOf(markOf(e));
  const label = visibleText(describe(e));
  const text = (body: string): Row => [e.seq, e.t, lane, mark, flags | TEXT_BODY, label, visibleText(body)];
  if (e.kind === 'message') {
    const whole = JSON.stringify(e.message) ?? '';
    if (whole.length > BODY_CAP)
      return text(cut(JSON.stringify(e.message, null, 1), BODY_CAP, '; the JSON report has it all'));
    const m = e.message ?? null;
    if (e.stream) return [e.seq, e.t, lane, mark, flags, label, m];
    // Nearly every message opens with "jsonrpc": "2.0"; the row leaves it to the script to put back.
    const head = m !== null && typeof m === 'object' && !Array.isArray(m) ? Object.keys(m)[0] : undefined;
    if (head === 'jsonrpc' && (m as { jsonrpc?: Json }).jsonrpc === '2.0') {
      const { jsonrpc: _, ...rest } = m as { [key: string]: Json };
      return [e.seq, e.t, lane, mark, flags | MESSAGE_ONLY | JSONRPC_2, rest];
    }
    return [e.seq, e.t, lane, mark, flags | MESSAGE_ONLY, m];
  }
  const line = e.text ?? '';
  // Notes, windows and exits say the same few things in every result: their labels are stored once.
  const short = e.kind === 'stderr' ? label : intern(label);
  return line.length <= LABEL_CAP
    ? [e.seq, e.t, lane, mark, flags, short]
    : text(cut(line, BODY_CAP, '; the JSON report has it all'));
}

/** A label as the row stores it: its index in the page's `labels`, or the label itself. */
export type Intern = (label: string) => number | string;

/** The data the script draws a result's transcript from; null when the result has no transcript. */
export function transcriptData(r: RuleResult, intern: Intern = (label) => label): TranscriptData | null {
  if (r.transcript.length === 0) return null;
  const evidence = new Set(r.evidence);
  const picked = pickEvents(r.transcript, evidence, DRAW_CAP);
  const at = (ms: number): number => Math.round(ms * 100) / 100;
  const win = r.transcript.flatMap((e): [number, number, number][] =>
    e.kind === 'window' ? [[at(e.from), at(e.to), e.seq]] : [],
  );
  const end = Math.max(1, ...r.transcript.map((e) => e.t), ...win.map((w) => w[1]));
  const ev: (Row | number)[] = [];
  let previous = -1;
  for (const i of picked) {
    if (i > previous + 1) ev.push(i - previous - 1);
    const e = r.transcript[i];
    if (e) ev.push(row(e, evidence, intern));
    previous = i;
  }
  if (previous < r.transcript.length - 1) ev.push(r.transcript.length - 1 - previous);
  const last = r.transcript[r.transcript.length - 1]?.t ?? 0;
  const smp = sampleRows(r.transcript);
  const tsk = taskLanes(r.transcript).filter((l) => l.s.length > 0 || l.c.length > 0);
  return {
    n: r.transcript.length,
    end,
    ...(last === end ? {} : { last }),
    ...(isProblem(r.verdict) ? { open: 1 as const } : {}),
    ...(r.transcriptTrimmed ? { of: r.transcriptTrimmed.total } : {}),
    ...(r.transcriptDropped ? { drop: r.transcriptDropped } : {}),
    win,
    ev,
    ...(smp.length >= SAMPLE_MIN ? { smp } : {}),
    ...(tsk.length > 0 ? { tsk } : {}),
  };
}

// Why: the transcript of one result: a placeholder the script fills with the timeline (open on problems)
// and the event list (closed), with their counts and notes, from the result's data.
export function transcriptBlock(r: RuleResult, rid: string): string {
  if (r.transcript.length === 0)
    return '<p class="muted">No session ran for this result, so there is no transcript.</p>';
  return `<div class="tx" data-tx="${rid}"></div>`;
}
