// The timeline of one result: lanes of marks over a shared time axis, with silence windows and cancel lines.

import type { RuleResult } from '../../harness/model/report.js';
import type { TranscriptEvent } from '../../harness/model/transcript.js';
import { esc } from './escape.js';
import {
  describe,
  eventAnchor,
  isClientCancel,
  LANE_LABEL,
  LANES,
  laneOf,
  MARK_LABEL,
  markOf,
} from './events.js';
import { ms, niceCeil, pct } from './numbers.js';

/** Annotated cancels / windows per timeline; beyond that labels would overlap (tooltips remain). */
const LABEL_LIMIT = 4;
/** Cancels drawn as lines across the lanes; more would hide the lanes behind them. */
const LINE_LIMIT = 12;

interface Span {
  from: number;
  to: number;
  text: string;
}

// Why: the silence windows are events of their own in the transcript, with their span.
function windowsOf(events: readonly TranscriptEvent[]): Span[] {
  return events.flatMap((e) => (e.kind === 'window' ? [{ from: e.from, to: e.to, text: e.text }] : []));
}

interface Frame {
  rid: string;
  end: number;
  windows: Span[];
  cancels: TranscriptEvent[];
  evidence: ReadonlySet<number>;
}

// Why: one event as a marker with its tooltip, linking to its JSON below.
function marker(e: TranscriptEvent, f: Frame): string {
  const mark = markOf(e);
  const strong = f.evidence.has(e.seq) || isClientCancel(e);
  const cls = `m k-${mark}${f.evidence.has(e.seq) ? ' evd' : ''}${strong ? ' big' : ''}`;
  const tip = `${e.t.toFixed(1)} ms · ${LANE_LABEL[laneOf(e)]} · ${describe(e)}${f.evidence.has(e.seq) ? ' · evidence' : ''}`;
  const y = strong ? 2 : 6;
  const h = strong ? 22 : 14;
  return `<a href="#${eventAnchor(f.rid, e)}"><rect class="${cls}" x="${pct(e.t, f.end)}" y="${y}" width="${strong ? 5 : 3}" height="${h}"><title>${esc(tip)}</title></rect></a>`;
}

// Why: the shaded silence windows and the cancel lines, repeated in every lane so they cross all of them.
function backdrop(f: Frame): string {
  const wins = f.windows
    .map(
      (w) =>
        `<rect class="win" x="${pct(w.from, f.end)}" width="${Math.max(0.2, ((w.to - w.from) / f.end) * 99).toFixed(2)}%" y="0" height="100%"><title>${esc(w.text)}</title></rect>`,
    )
    .join('');
  const lines = (f.cancels.length <= LINE_LIMIT ? f.cancels : [])
    .map((c) => `<line class="cx" x1="${pct(c.t, f.end)}" x2="${pct(c.t, f.end)}" y1="0" y2="100%"/>`)
    .join('');
  return wins + lines;
}

// Why: the row above the lanes: cancel labels, window lengths and evidence pointers.
function annotations(f: Frame, drawn: readonly TranscriptEvent[]): string {
  const out: string[] = [];
  if (f.cancels.length <= LABEL_LIMIT) {
    for (const c of f.cancels) {
      out.push(
        `<text class="an cx-l" x="${pct(c.t, f.end)}" dx="4" y="12">${esc(describe(c).replace('notifications/cancelled', 'cancel'))}</text>`,
      );
    }
  }
  if (f.windows.length <= LABEL_LIMIT) {
    for (const w of f.windows) {
      if ((w.to - w.from) / f.end < 0.15) continue;
      out.push(
        `<text class="an win-l" x="${pct(w.to, f.end)}" dx="-4" y="12" text-anchor="end">watched ${esc(ms(w.to - w.from))}</text>`,
      );
    }
  }
  for (const e of drawn) {
    if (f.evidence.has(e.seq))
      out.push(`<text class="an evd-l" x="${pct(e.t, f.end)}" dx="2" y="25" text-anchor="middle">▼</text>`);
  }
  return out.join('');
}

// Why: the time axis under the lanes.
function timeAxis(end: number): string {
  const max = niceCeil(end);
  const step = max / 5;
  const out: string[] = [];
  for (let v = 0; v <= end + 1e-9; v += step) {
    const x = pct(v, end);
    const anchor = v === 0 ? 'start' : v + step > end && (end - v) / end < 0.05 ? 'end' : 'middle';
    out.push(
      `<line class="grid" x1="${x}" x2="${x}" y1="0" y2="5"/><text class="tick" x="${x}" y="17" text-anchor="${anchor}">${esc(ms(v))}</text>`,
    );
  }
  return out.join('');
}

// Why: the legend lists only the kinds this timeline shows.
function legend(drawn: readonly TranscriptEvent[], f: Frame): string {
  const marks = [...new Set(drawn.map(markOf))];
  const lines = f.cancels.length > 0 && f.cancels.length <= LINE_LIMIT;
  const items = marks.map(
    (m) =>
      `<li><i class="sw k-${m}"></i>${esc(MARK_LABEL[m])}${m === 'cancel' && lines ? ' (dashed line: sent by the client)' : ''}</li>`,
  );
  if (f.windows.length)
    items.push('<li><i class="sw win-sw"></i>silence window (watched for messages that must not come)</li>');
  if (drawn.some((e) => f.evidence.has(e.seq)))
    items.push('<li><i class="sw evd-sw"></i>▼ evidence for the verdict</li>');
  return `<ul class="legend">${items.join('')}</ul>`;
}

// Why: client, server, stderr and notes lanes over a shared time axis, each message at its time.
export function timeline(r: RuleResult, rid: string, shown: readonly TranscriptEvent[]): string {
  const windows = windowsOf(r.transcript);
  const end = Math.max(1, ...r.transcript.map((e) => e.t), ...windows.map((w) => w.to));
  const f: Frame = {
    rid,
    end,
    windows,
    cancels: shown.filter(isClientCancel),
    evidence: new Set(r.evidence),
  };
  const lanes = LANES.filter((l) => l === 'client' || l === 'server' || shown.some((e) => laneOf(e) === l));
  const rows = lanes.map((lane) => {
    const marks = shown
      .filter((e) => laneOf(e) === lane)
      .map((e) => marker(e, f))
      .join('');
    return `<div class="tl-l">${LANE_LABEL[lane]}</div><svg class="tl-lane" width="100%" height="26">${backdrop(f)}${marks}</svg>`;
  });
  return `<div class="tl">
<div class="tl-l"></div><svg class="tl-ann" width="100%" height="28" aria-hidden="true">${annotations(f, shown)}</svg>
${rows.join('\n')}
<div class="tl-l"></div><svg class="tl-axis" width="100%" height="22" aria-hidden="true">${timeAxis(end)}</svg>
</div>
${legend(shown, f)}`;
}
