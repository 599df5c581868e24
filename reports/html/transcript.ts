// The transcript of one result: which events to show, the timeline, and the list that opens each to its JSON.

import type { RuleResult } from '../../harness/model/report.js';
import type { TranscriptEvent } from '../../harness/model/transcript.js';
import type { Json } from '../../harness/model/protocol.js';
import { cut, esc, LABEL_CAP } from './escape.js';
import { describe, eventAnchor, isClientCancel, LANE_LABEL, laneOf, markOf } from './events.js';
import { ms } from './numbers.js';
import { timeline } from './timeline.js';
import { isProblem } from './verdict.js';

/** Events drawn (and listed) per result; the rest stay in the JSON report. */
const DRAW_CAP = 400;
/** Characters of one event's JSON shown before it is cut. */
const BODY_CAP = 12_000;

// Why: JSON on one line, with a space after each separator so it can wrap.
function flatJson(v: Json): string {
  if (Array.isArray(v)) return `[${v.map(flatJson).join(', ')}]`;
  if (v !== null && typeof v === 'object') {
    return `{${Object.entries(v)
      .map(([k, x]) => `${JSON.stringify(k)}: ${flatJson(x)}`)
      .join(', ')}}`;
  }
  return JSON.stringify(v);
}

// Why: indented JSON that keeps small objects on one line, so a message stays a few lines tall.
function prettyJson(v: Json, indent = '', lead = 0): string {
  const flat = flatJson(v);
  if (v === null || typeof v !== 'object' || indent.length + lead + flat.length <= 110) return flat;
  const inner = `${indent}  `;
  const member = ([k, x]: [string, Json]): string => {
    const key = `${JSON.stringify(k)}: `;
    return `${inner}${key}${prettyJson(x, inner, key.length)}`;
  };
  const items = Array.isArray(v) ? v.map((x) => inner + prettyJson(x, inner)) : Object.entries(v).map(member);
  const [open, close] = Array.isArray(v) ? ['[', ']'] : ['{', '}'];
  return `${open}\n${items.join(',\n')}\n${indent}${close}`;
}

// Why: what a reader opens an event for: the whole message, indented (or the whole line).
function body(e: TranscriptEvent): string {
  const whole = e.kind === 'message' ? (JSON.stringify(e.message) ?? '') : '';
  const json = whole.length > BODY_CAP ? JSON.stringify(e.message, null, 1) : prettyJson(e.message ?? null);
  const text = e.kind === 'message' ? json : (e.text ?? '');
  return cut(text, BODY_CAP, '; the JSON report has it all');
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

// Why: one event row; messages open to their JSON, text events show their text.
function eventRow(e: TranscriptEvent, rid: string, evidence: ReadonlySet<number>): string {
  const tag = evidence.has(e.seq) ? '<span class="etag">evidence</span>' : '';
  const head = `<span class="et">${e.t.toFixed(1)}</span><span class="el">${LANE_LABEL[laneOf(e)]}</span><i class="sw k-${markOf(e)}"></i><span class="ed">${esc(describe(e))}</span>${tag}`;
  const cls = `er${evidence.has(e.seq) ? ' is-evd' : ''}${isClientCancel(e) ? ' is-cx' : ''}`;
  if (e.kind !== 'message' && (e.text ?? '').length <= LABEL_CAP) {
    return `<li id="${eventAnchor(rid, e)}" class="${cls}"><div class="es">${head}</div></li>`;
  }
  return `<li id="${eventAnchor(rid, e)}" class="${cls}"><details><summary>${head}</summary><pre>${esc(body(e))}</pre></details></li>`;
}

// Why: the listed events, with a row wherever some were left out.
function eventList(r: RuleResult, rid: string, picked: readonly number[]): string {
  const evidence = new Set(r.evidence);
  const out: string[] = [];
  let previous = -1;
  for (const i of picked) {
    if (i > previous + 1) out.push(`<li class="gap">… ${i - previous - 1} events not shown …</li>`);
    const e = r.transcript[i];
    if (e) out.push(eventRow(e, rid, evidence));
    previous = i;
  }
  if (previous < r.transcript.length - 1)
    out.push(`<li class="gap">… ${r.transcript.length - 1 - previous} events not shown …</li>`);
  return `<ol class="events">${out.join('')}</ol>`;
}

// Why: the transcript of one result: the timeline (open on problems) and the event list (closed).
export function transcriptBlock(r: RuleResult, rid: string): string {
  if (r.transcript.length === 0)
    return '<p class="muted">No session ran for this result, so there is no transcript.</p>';
  const picked = pickEvents(r.transcript, new Set(r.evidence), DRAW_CAP);
  const shown = picked.flatMap((i) => (r.transcript[i] ? [r.transcript[i]] : []));
  const total = r.transcript.length;
  const capNote =
    shown.length < total
      ? `<p class="note">Showing ${shown.length} of ${total} events: the evidence, every cancel, note and client message first, then the rest in order. The JSON report holds them all.</p>`
      : '';
  const dropped = r.transcriptDropped
    ? `<p class="note">The session produced ${r.transcriptDropped} more events than a transcript keeps; they were not recorded.</p>`
    : '';
  const last = r.transcript[total - 1];
  const open = isProblem(r.verdict) ? ' open' : '';
  return `<details class="sub"${open}><summary>Timeline <span class="muted">· ${total} events over ${esc(ms(last?.t ?? 0))}</span></summary>
${capNote}${dropped}${timeline(r, rid, shown)}
</details>
<details class="sub"><summary>Messages <span class="muted">· ${shown.length}${shown.length < total ? ` of ${total}` : ''}, times in ms</span></summary>
${eventList(r, rid, picked)}
</details>`;
}
