// The HTML report: one self-contained page a server author can publish. It loads nothing from anywhere
// (inline CSS, one inline script allowed by its hash, inline SVG), reads on a laptop, a phone and paper,
// and treats every string that came from the target as text. A pure function of the RunReport.
//
// Safety, in layers: every string goes through `esc` (& < > " ' and invisible control or bidi characters);
// the only links are the suite's spec links, and only to https://modelcontextprotocol.io; no target string
// ever enters the script; and the Content-Security-Policy admits nothing but the one script whose hash
// it names, so even a missed escape could not run code or fetch anything.

import { createHash } from 'node:crypto';
import type { Discovery, RuleResult, RunReport } from '../harness/report/model.js';
import type { TranscriptEvent } from '../harness/transcript.js';
import type { Json, Keyword, Verdict } from '../harness/types.js';
import { countVerdicts, overallOutcome, VERDICT_LABEL, visibleText } from './outcome.js';

/** Events drawn (and listed) per result; the rest stay in the JSON report. */
const DRAW_CAP = 400;
/** Characters of one event's JSON shown before it is cut. */
const BODY_CAP = 12_000;
/** Characters of a one-line label. */
const LABEL_CAP = 160;
/** Annotated cancels / windows per timeline; beyond that labels would overlap (tooltips remain). */
const LABEL_LIMIT = 4;
/** Cancels drawn as lines across the lanes; more would hide the lanes behind them. */
const LINE_LIMIT = 12;

const VERDICT_ORDER: readonly Verdict[] = [
  'fail',
  'error',
  'warn',
  'inconclusive',
  'untestable',
  'info',
  'pass',
  'not-applicable',
];
const LABEL: Readonly<Record<Verdict, string>> = VERDICT_LABEL;
const MEANING: Record<Verdict, string> = {
  pass: 'the rule was exercised and the server behaved as the spec says',
  fail: 'a MUST / MUST NOT sentence was broken',
  warn: 'a SHOULD / SHOULD NOT sentence was broken',
  info: 'a MAY sentence: reported, never a failure',
  untestable: 'the rule applies but could not be exercised; never a pass',
  'not-applicable': 'the rule does not exist for this revision or transport',
  inconclusive: 'the observation was ambiguous',
  error: 'the suite itself failed',
};

// ---------------------------------------------------------------------------------------------------
// Text safety

const ENTITY: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
// Why: the one gate every string passes before it enters the page, as text or as an attribute value.
// Control, bidi and lone-surrogate characters become visible \uXXXX first (shared with the other reporters).
function esc(text: string): string {
  return visibleText(text).replace(/[&<>"']/g, (c) => ENTITY[c] ?? c);
}

// Why: the quotes carry the spec's **emphasis** and `code`; markup is added only after escaping.
function inlineMarkdown(text: string): string {
  return esc(text)
    .replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>')
    .replace(/`([^`]+)`/g, '<code>$1</code>');
}

// Why: the only href the page builds from report data; anything but the spec site stays plain text.
function specHref(url: string): string | null {
  try {
    const u = new URL(url);
    const ok =
      u.protocol === 'https:' && u.hostname === 'modelcontextprotocol.io' && !u.username && !u.password;
    return ok ? u.href : null;
  } catch {
    return null;
  }
}

// Why: long free text (summaries, JSON) is cut with a note rather than bloating the page.
function cut(text: string, max: number, note = ''): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length - max} more characters${note})`;
}

// Why: a command line reads as typed: arguments with spaces or quotes are single-quoted.
function shellWord(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

// ---------------------------------------------------------------------------------------------------
// Numbers

// Why: milliseconds as people read them: 0.2 ms, 14 ms, 1,250 ms, 12.5 s.
function ms(n: number): string {
  if (!Number.isFinite(n)) return '—';
  if (n >= 10_000) return `${(n / 1000).toFixed(1)} s`;
  if (n < 10 && !Number.isInteger(n)) return `${n.toFixed(1)} ms`;
  return `${Math.round(n).toLocaleString('en-US')} ms`;
}

// Why: run and rule durations read better in seconds.
function secs(n: number): string {
  return n < 1000 ? ms(n) : `${(n / 1000).toFixed(1)} s`;
}

// Why: a metric is a time when its name says so (…Ms), otherwise a plain number.
function metricValue(name: string, value: number): string {
  if (/Ms$/.test(name)) return ms(value);
  return Number.isInteger(value) ? value.toLocaleString('en-US') : value.toFixed(2);
}

// Why: axes end on a round number (1, 2, 2.5, 5 × 10^k).
function niceCeil(v: number): number {
  if (v <= 0) return 1;
  const pow = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 2.5, 5, 10]) if (v <= m * pow) return m * pow;
  return 10 * pow;
}

// Why: SVG positions in percent make every chart as wide as the screen without a viewBox that shrinks text.
function pct(value: number, max: number): string {
  const p = max > 0 ? Math.min(100, Math.max(0, (value / max) * 100)) : 0;
  return `${(0.5 + p * 0.99).toFixed(2)}%`;
}

// ---------------------------------------------------------------------------------------------------
// Facts about results

type Level = 'MUST' | 'SHOULD' | 'MAY';
const LEVELS: readonly Level[] = ['MUST', 'SHOULD', 'MAY'];

// Why: the level filter groups MUST NOT with MUST and SHOULD NOT with SHOULD.
function levelGroup(k: Keyword): Level {
  return k.startsWith('MUST') ? 'MUST' : k.startsWith('SHOULD') ? 'SHOULD' : 'MAY';
}

// Why: "only problems" hides what needs no attention: passes and rules that do not apply.
function isProblem(v: Verdict): boolean {
  return v !== 'pass' && v !== 'not-applicable';
}

// Why: a verdict becomes a class name only when it is one the page knows (a hand-edited report cannot add markup).
function vc(v: string): string {
  return Object.hasOwn(LABEL, v) ? v : 'error';
}

// Why: stable, target-independent ids for anchors.
function resultId(index: number): string {
  return `r${index}`;
}

// Why: rule ids are long; a break opportunity after each hyphen keeps them on narrow screens.
function ruleName(id: string): string {
  return esc(id).replace(/-/g, '-<wbr>');
}

// Why: the verdict as text on its colour (never colour alone).
function badge(v: Verdict, extra = ''): string {
  return `<span class="badge v-${vc(v)}" title="${esc(MEANING[v] ?? v)}">${extra}${esc(LABEL[v] ?? v)}</span>`;
}

// Why: the overall outcome is decided once for every reporter (reports/outcome.ts); the page adds a sentence.
function outcome(report: RunReport): { tone: 'ok' | 'warn' | 'bad'; title: string; note: string } {
  const o = overallOutcome(report);
  const c = countVerdicts(report);
  const bad = !o.conformant;
  const parts: string[] = [];
  if (c.fail) parts.push(`${c.fail} MUST violation${c.fail > 1 ? 's' : ''}`);
  if (c.error) parts.push(`${c.error} suite error${c.error > 1 ? 's' : ''}`);
  if (c.warn) {
    const strictNote = report.strict
      ? ' (strict mode: they fail the run)'
      : ': the run fails on them with --strict';
    parts.push(`${c.warn} SHOULD warning${c.warn > 1 ? 's' : ''}${strictNote}`);
  }
  const unproven = c.untestable + c.inconclusive;
  if (unproven)
    parts.push(`${unproven} rule result${unproven > 1 ? 's' : ''} not proven (untestable or inconclusive)`);
  const head = bad ? '' : 'No MUST violation. ';
  return {
    tone: o.status === 'fail' ? 'bad' : o.status === 'pass' ? 'ok' : 'warn',
    title: o.label,
    note: head + (parts.length ? parts.join('; ') + '.' : 'Every rule that applies passed.'),
  };
}

// ---------------------------------------------------------------------------------------------------
// Header: the target, the run, the outcome

// Why: one labelled fact in the stat grid.
function stat(label: string, valueHtml: string): string {
  return `<div><dt>${esc(label)}</dt><dd>${valueHtml}</dd></div>`;
}

// Why: ISO dates read as "2026-11-20 23:23:33 UTC" without depending on the reader's locale.
function when(iso: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(?:\.\d+)?Z$/.exec(iso);
  return m ? `${m[1]} ${m[2]} UTC` : iso;
}

// Why: the target as the user named it: a command line or a URL.
function targetText(report: RunReport): string {
  const t = report.target;
  if (t.command) return t.command.map(shellWord).join(' ');
  return t.url ?? '(unknown target)';
}

// Why: the server as it introduced itself.
function serverName(report: RunReport): string {
  const s = report.target.serverInfo;
  return s ? `${s.name} ${s.version}`.trim() : 'unnamed server';
}

// Why: the page's first screen: who was tested, the verdict, the counts.
function header(report: RunReport): string {
  const o = outcome(report);
  const s = report.target.serverInfo;
  const tally = countVerdicts(report);
  const counts = VERDICT_ORDER.filter((v) => tally[v] > 0)
    .map((v) => badge(v, `${tally[v]} `))
    .join(' ');
  const title = s
    ? `${esc(s.name)} <span class="ver">${esc(s.version)}</span>`
    : '<span class="muted">unnamed server</span>';
  return `<header class="top">
<p class="kicker">MCP cancellation conformance report</p>
<h1>${title}</h1>
<p class="target"><code>${esc(targetText(report))}</code> <span class="muted">over ${esc(report.target.transport)}</span></p>
<div class="outcome ${o.tone}" role="status"><strong>${o.title}</strong><span>${esc(o.note)}</span></div>
<p class="counts"><span class="muted">${report.results.length} results:</span> ${counts}</p>
<dl class="stats">
${stat('Revisions', esc(report.target.revisions.join(', ') || 'none'))}
${stat('Started', esc(when(report.startedAt)))}
${stat('Duration', esc(secs(report.durationMs)))}
${stat('Seed', `<code>${esc(String(report.seed))}</code>`)}
${stat('Time scale', esc(`× ${report.timeScale}`))}
${stat('Strict', report.strict ? 'on: warnings fail the run' : 'off')}
${stat('Tool version', esc(report.tool.version))}
</dl>
</header>`;
}

// ---------------------------------------------------------------------------------------------------
// Discovery

// Why: one row of a label/value list.
function kv(label: string, valueHtml: string): string {
  return `<dt>${esc(label)}</dt><dd>${valueHtml}</dd>`;
}

// Why: tool arguments as compact JSON, as the suite sent them.
function argsText(args: { [key: string]: Json }): string {
  return `<code>${esc(cut(JSON.stringify(args), LABEL_CAP))}</code>`;
}

// Why: which slow tool the suite cancels and why it chose it.
function slowToolRow(d: Discovery): string {
  const s = d.slowTool;
  if (!s) return kv('Slow tool', '<span class="muted">none: the rules that need one are untestable</span>');
  const short = s.shortArgs ? `short run ${argsText(s.shortArgs)}` : 'no known short run';
  const progress = s.progress ? 'sends progress notifications' : 'sends no progress notifications';
  return kv(
    'Slow tool',
    `<code class="tool">${esc(s.name)}</code> ${argsText(s.args)} <span class="chip">${esc(s.source)}</span>` +
      `<div class="why">${esc(s.reason)}</div><div class="why">${short} · ${progress}</div>`,
  );
}

// Why: which tool makes the server send the client a request, and why.
function requestToolRow(d: Discovery): string {
  const r = d.requestTool;
  if (!r)
    return kv('Request tool', '<span class="muted">none: the rules that need one are untestable</span>');
  return kv(
    'Request tool',
    `<code class="tool">${esc(r.name)}</code> ${argsText(r.args)} <span class="chip">${esc(r.source)}</span>` +
      `<div class="why">${esc(r.reason)}</div>`,
  );
}

// Why: the measured timing that sized every window of the run.
function timingRows(d: Discovery): string {
  const opt = (n: number | null): string =>
    n === null ? '<span class="muted">not measured</span>' : esc(ms(n));
  return [
    kv('Round-trip time', opt(d.rttMs)),
    kv('Silence window', esc(ms(d.silenceMs))),
    kv(
      'Progress interval',
      `${opt(d.progressIntervalMs)}${d.progressMaxGapMs === null ? '' : ` <span class="muted">(longest gap ${esc(ms(d.progressMaxGapMs))})</span>`}`,
    ),
    kv('Slow tool seen running', opt(d.slowToolObservedMs)),
    kv('Initialize answered in', opt(d.initializeMs)),
  ].join('\n');
}

// Why: what the suite learned about the target before the rules ran, and exactly which tools it called.
function discoverySection(d: Discovery | null): string {
  if (!d)
    return '<section id="discovery"><h2>Discovery</h2><p class="muted">The probe did not run.</p></section>';
  const tools = d.toolsCalled.length
    ? d.toolsCalled.map((t) => `<code class="tool">${esc(t)}</code>`).join(' ')
    : '<span class="muted">none</span>';
  const notes = d.notes.length
    ? `<ul class="notes">${d.notes.map((n) => `<li>${esc(n)}</li>`).join('')}</ul>`
    : '<span class="muted">none</span>';
  return `<section id="discovery"><h2>Discovery</h2>
<dl class="kv">
${slowToolRow(d)}
${requestToolRow(d)}
${timingRows(d)}
${kv('Tools called', tools)}
${kv('Notes', notes)}
</dl></section>`;
}

// ---------------------------------------------------------------------------------------------------
// Matrix: rules × revisions (× transport)

interface Column {
  key: string;
  label: string;
}

// Why: one column per revision (and transport, when the run used more than one), oldest first.
function columns(results: readonly RuleResult[]): Column[] {
  const transports = new Set(results.map((r) => r.transport));
  const keys = [...new Set(results.map((r) => `${r.revision} ${r.transport}`))].sort();
  return keys.map((key) => ({
    key,
    label: transports.size > 1 ? key.replace(' ', ' · ') : (key.split(' ')[0] ?? key),
  }));
}

// Why: data attributes the filter script reads; they hold only fixed words.
function filterAttrs(verdicts: readonly Verdict[], levels: readonly Keyword[]): string {
  const mine = new Set(levels.map(levelGroup));
  const groups = LEVELS.filter((l) => mine.has(l)).join(' ');
  return `data-f data-problem="${verdicts.some(isProblem) ? 1 : 0}" data-levels="${groups}"`;
}

// Why: one matrix cell: the verdict linking to its result, with the stop latency when measured.
function matrixCell(r: RuleResult | undefined, index: number): string {
  if (!r) return '<td class="cell none">—</td>';
  const lat = r.metrics.stopLatencyMs;
  const extra = typeof lat === 'number' ? `<span class="lat">stop ${esc(ms(lat))}</span>` : '';
  return `<td class="cell"><a href="#${resultId(index)}" class="badge v-${vc(r.verdict)}">${esc(LABEL[r.verdict] ?? r.verdict)}</a>${extra}</td>`;
}

// Why: one matrix row per rule.
function matrixRow(
  rule: string,
  cols: Column[],
  indexed: Map<string, number>,
  results: readonly RuleResult[],
): string {
  const cells = cols.map((c) => indexed.get(`${rule}\u0000${c.key}`));
  const mine = cells.flatMap((i) => (i === undefined ? [] : [results[i] as RuleResult]));
  const first = mine[0];
  const levels = [...new Set(mine.map((r) => r.level))];
  const link = first
    ? `<a href="#${resultId(cells.find((i) => i !== undefined) ?? 0)}">${ruleName(rule)}</a>`
    : ruleName(rule);
  return `<tr ${filterAttrs(
    mine.map((r) => r.verdict),
    levels,
  )}><th scope="row"><span class="rid">${link}</span><span class="rtitle">${esc(first?.title ?? '')}</span></th><td class="lvl">${esc(levels.join(', '))}</td>${cells
    .map((i) => matrixCell(i === undefined ? undefined : results[i], i ?? 0))
    .join('')}</tr>`;
}

// Why: the filter controls; hidden until the script shows them, so without script nothing is half-working.
function filters(): string {
  const level = (l: Level): string => `<label><input type="checkbox" id="f-${l}" checked> ${l}</label>`;
  return `<form class="filters" id="filters" hidden>
<label class="only"><input type="checkbox" id="f-problems"> Only problems</label>
<span class="sep" aria-hidden="true"></span>
<span class="muted">Level:</span> ${level('MUST')} ${level('SHOULD')} ${level('MAY')}
<output id="f-status" class="muted"></output>
</form>`;
}

// Why: the overview: every rule against every revision tested, each cell linking to its result.
function matrixSection(results: readonly RuleResult[]): string {
  const cols = columns(results);
  const indexed = new Map<string, number>();
  results.forEach((r, i) => indexed.set(`${r.rule}\u0000${r.revision} ${r.transport}`, i));
  const rules = [...new Set(results.map((r) => r.rule))];
  return `<section id="matrix"><h2>Rules × revisions</h2>
${filters()}
<div class="scroll"><table class="matrix">
<thead><tr><th scope="col">Rule</th><th scope="col">Level</th>${cols.map((c) => `<th scope="col">${esc(c.label)}</th>`).join('')}</tr></thead>
<tbody>
${rules.map((rule) => matrixRow(rule, cols, indexed, results)).join('\n')}
</tbody></table></div>
<p class="legend-line">${VERDICT_ORDER.map((v) => `${badge(v)} <span class="muted">${esc(MEANING[v])}</span>`).join(' · ')}</p>
</section>`;
}

// ---------------------------------------------------------------------------------------------------
// Stop latency chart

// Why: the gridlines and tick labels of a horizontal axis from 0 to max.
function axisTicks(max: number, top: number, bottom: number): string {
  const out: string[] = [];
  for (let i = 0; i <= 4; i++) {
    const v = (max * i) / 4;
    const x = pct(v, max);
    const anchor = i === 0 ? 'start' : i === 4 ? 'end' : 'middle';
    out.push(
      `<line class="grid" x1="${x}" x2="${x}" y1="${top}" y2="${bottom}"/>` +
        `<text class="tick" x="${x}" y="${bottom + 14}" text-anchor="${anchor}">${esc(ms(v))}</text>`,
    );
  }
  return out.join('');
}

// Why: one labelled bar; the value sits after the bar, or inside it when the bar is long.
function latencyBar(r: RuleResult, index: number, value: number, max: number, y: number): string {
  const width = pct(value, max);
  const inside = value / max > 0.8;
  const valueLabel = `<text class="val${inside ? ' in' : ''}" x="${width}" dx="${inside ? -6 : 6}" y="${y + 30}" text-anchor="${inside ? 'end' : 'start'}">${esc(ms(value))}${value === 0 ? '<tspan class="zero"> · nothing sent after the cancel</tspan>' : ''}</text>`;
  return `<g><text class="lbl" x="0" y="${y + 13}">${esc(r.rule)} · ${esc(r.revision)}</text>
<a href="#${resultId(index)}"><rect class="bar v-${vc(r.verdict)}" x="0.5%" y="${y + 19}" width="${(parseFloat(width) - 0.5).toFixed(2)}%" height="15" rx="2"><title>${esc(`${r.rule} ${r.revision}: stopped ${ms(value)} after the cancel (${LABEL[r.verdict]})`)}</title></rect><rect class="bar v-${vc(r.verdict)}" x="0.5%" y="${y + 19}" width="2" height="15"/></a>${valueLabel}</g>`;
}

// Why: how long the server kept sending after each cancel, at a glance: the plot people look at first.
function latencySection(results: readonly RuleResult[], d: Discovery | null): string {
  const rows = results.flatMap((r, i) => {
    const v = r.metrics.stopLatencyMs;
    return typeof v === 'number' && Number.isFinite(v) ? [{ r, i, v: Math.max(0, v) }] : [];
  });
  if (rows.length === 0) return '';
  const window = d?.silenceMs ?? 0;
  const max = niceCeil(Math.max(window, ...rows.map((x) => x.v)));
  const rowH = 42;
  const top = window > 0 ? 22 : 6;
  const bottom = top + rows.length * rowH;
  const at = pct(window, max);
  const anchor = window / max > 0.6 ? 'end' : 'start';
  const ref =
    window > 0
      ? `<line class="ref" x1="${at}" x2="${at}" y1="14" y2="${bottom}"/><text class="reflbl" x="${at}" dx="${anchor === 'end' ? 4 : -4}" y="10" text-anchor="${anchor}">silence window ${esc(ms(window))}</text>`
      : '';
  const bars = rows.map((x, n) => latencyBar(x.r, x.i, x.v, max, top + n * rowH)).join('\n');
  return `<section id="latency"><h2>Stop latency</h2>
<p class="muted">From the cancel being written to the last message the server sent for that request (progress or response). A server that stops at once scores 0 ms.</p>
<svg class="chart" width="100%" height="${bottom + 22}" role="img" aria-label="Stop latency per rule and revision">
${axisTicks(max, top, bottom)}${ref}
${bars}
</svg></section>`;
}

// ---------------------------------------------------------------------------------------------------
// Transcript: event classification

type Lane = 'client' | 'server' | 'stderr' | 'harness';
const LANES: readonly Lane[] = ['client', 'server', 'stderr', 'harness'];
const LANE_LABEL: Record<Lane, string> = {
  client: 'client',
  server: 'server',
  stderr: 'stderr',
  harness: 'notes',
};

type Mark =
  'req' | 'notif' | 'cancel' | 'progress' | 'resp' | 'err' | 'srvreq' | 'stderr' | 'note' | 'exit' | 'bad';
const MARK_LABEL: Record<Mark, string> = {
  req: 'request',
  notif: 'notification',
  cancel: 'notifications/cancelled',
  progress: 'progress notification',
  resp: 'result',
  err: 'error response',
  srvreq: 'request from the server',
  stderr: 'stderr line',
  note: 'harness note',
  exit: 'process ended',
  bad: 'not a JSON-RPC message',
};

type JsonObj = { [key: string]: Json };

// Why: narrows a parsed message to an object.
function obj(v: Json | undefined): JsonObj | null {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? v : null;
}

// Why: the lane an event is drawn in.
function laneOf(e: TranscriptEvent): Lane {
  if (e.kind === 'stderr') return 'stderr';
  return e.dir === 'client' || e.dir === 'server' ? e.dir : 'harness';
}

// Why: what a message is, for its colour.
function messageMark(e: TranscriptEvent): Mark {
  const m = obj(e.message);
  if (!m) return Array.isArray(e.message) ? 'req' : 'bad';
  if (typeof m.method === 'string') {
    if (m.method === 'notifications/cancelled') return 'cancel';
    if (m.method === 'notifications/progress') return 'progress';
    if ('id' in m) return e.dir === 'server' ? 'srvreq' : 'req';
    return 'notif';
  }
  if ('error' in m) return 'err';
  return 'result' in m ? 'resp' : 'bad';
}

// Why: what an event is, for its colour and legend.
function markOf(e: TranscriptEvent): Mark {
  if (e.kind === 'message') return messageMark(e);
  if (e.kind === 'stderr' || e.kind === 'note' || e.kind === 'exit') return e.kind;
  return 'bad';
}

// Why: the cancels the client sent are what every timeline is about.
function isClientCancel(e: TranscriptEvent): boolean {
  return e.dir === 'client' && markOf(e) === 'cancel';
}

// Why: a few words on what a method call carries (tool name, progress value, cancelled id).
function methodDetail(method: string, params: Json | undefined): string {
  const p = obj(params);
  if (!p) return '';
  if (method === 'tools/call' && typeof p.name === 'string') return ` ${p.name}`;
  if (method === 'notifications/progress')
    return ` ${JSON.stringify(p.progress)}${p.total === undefined ? '' : `/${JSON.stringify(p.total)}`}`;
  if (method === 'notifications/cancelled') return ` of #${JSON.stringify(p.requestId) ?? '?'}`;
  return '';
}

// Why: a one-line description of a message: method and id, or result/error and id.
function describeMessage(message: Json | undefined): string {
  if (Array.isArray(message)) return `batch of ${message.length}`;
  const m = obj(message);
  if (!m) return JSON.stringify(message) ?? '(nothing)';
  const id = 'id' in m ? ` #${JSON.stringify(m.id)}` : '';
  if (typeof m.method === 'string') return `${m.method}${id}${methodDetail(m.method, m.params)}`;
  const error = obj(m.error);
  if (error) return `error${id} ${JSON.stringify(error.code)}: ${String(error.message ?? '')}`;
  if ('result' in m) return `result${id}`;
  return JSON.stringify(m);
}

// Why: the label of any event, cut to one line.
function describe(e: TranscriptEvent): string {
  const text =
    e.kind === 'message'
      ? describeMessage(e.message)
      : `${e.kind === 'note' ? '' : `[${e.kind}] `}${e.text ?? ''}`;
  return cut(text.replace(/\s+/g, ' '), LABEL_CAP);
}

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

interface Span {
  from: number;
  to: number;
  text: string;
}

// Why: silence windows are told by notes: "watching N ms: why" opens one, "watched N ms after …" closes one.
function windowsOf(events: readonly TranscriptEvent[]): Span[] {
  const out: Span[] = [];
  for (const e of events) {
    if (e.kind !== 'note' || !e.text) continue;
    const open = /^watching (\d+(?:\.\d+)?) ms: /.exec(e.text);
    const closed = /^watched (\d+(?:\.\d+)?) ms after /.exec(e.text);
    if (open) out.push({ from: e.t, to: e.t + Number(open[1]), text: e.text });
    else if (closed) out.push({ from: Math.max(0, e.t - Number(closed[1])), to: e.t, text: e.text });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Transcript: the timeline

interface Frame {
  rid: string;
  end: number;
  windows: Span[];
  cancels: TranscriptEvent[];
  evidence: ReadonlySet<number>;
}

// Why: the id of an event's row in the list, the target of its marker's link.
function eventAnchor(rid: string, e: TranscriptEvent): string {
  return `${rid}-e${e.seq}`;
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
function timeline(r: RuleResult, rid: string, shown: readonly TranscriptEvent[]): string {
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

// ---------------------------------------------------------------------------------------------------
// Transcript: the event list

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
function transcriptBlock(r: RuleResult, rid: string): string {
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

// ---------------------------------------------------------------------------------------------------
// Results

// Why: the spec sentence the rule checks, with its link when it points at the spec site.
function quoteBlock(r: RuleResult): string {
  const href = specHref(r.specUrl);
  const label = esc(r.specUrl.replace(/^https:\/\//, ''));
  const link = href
    ? `<a href="${esc(href)}" rel="noopener noreferrer" target="_blank">${label}</a>`
    : `<span class="muted">${label}</span>`;
  const caption = r.requirement === r.quote ? 'Requirement' : 'Spec';
  return `<blockquote class="quote"><div class="qcap">${caption}</div><p>${inlineMarkdown(r.quote)}</p><footer>${esc(r.revision)} · ${link}</footer></blockquote>`;
}

// Why: h2spec's Requirement / Expected / Actual, when the result has them.
function reaBlock(r: RuleResult): string {
  const rows: string[] = [];
  // The quote above is the requirement unless the rule judged by another sentence.
  if (r.requirement !== undefined && r.requirement !== r.quote) {
    rows.push(kv('Requirement', inlineMarkdown(r.requirement)));
  }
  if (r.expected !== undefined) rows.push(kv('Expected', esc(r.expected)));
  if (r.actual !== undefined) rows.push(`<dt>Actual</dt><dd class="actual">${esc(r.actual)}</dd>`);
  return rows.length ? `<dl class="kv rea">${rows.join('')}</dl>` : '';
}

// Why: the measured numbers behind the verdict.
function metricsBlock(r: RuleResult): string {
  const names = Object.keys(r.metrics);
  if (names.length === 0) return '';
  const rows = names.map(
    (n) => `<tr><th scope="row">${esc(n)}</th><td>${esc(metricValue(n, r.metrics[n] ?? NaN))}</td></tr>`,
  );
  return `<table class="metrics"><caption>Metrics</caption>${rows.join('')}</table>`;
}

// Why: what the target wrote to stderr during the rule, as plain text.
function stderrBlock(r: RuleResult): string {
  if (r.stderrTail.length === 0) return '';
  return `<details class="sub"><summary>stderr <span class="muted">· last ${r.stderrTail.length} line${r.stderrTail.length > 1 ? 's' : ''}</span></summary><pre class="stderr">${esc(r.stderrTail.join('\n'))}</pre></details>`;
}

// Why: one result as a card; problems open, passes folded to one line.
function resultCard(r: RuleResult, index: number): string {
  const rid = resultId(index);
  const open = isProblem(r.verdict) ? ' open' : '';
  return `<details class="result b-${vc(r.verdict)}" id="${rid}" ${filterAttrs([r.verdict], [r.level])}${open}>
<summary>${badge(r.verdict)} <span class="rid">${ruleName(r.rule)}</span> <span class="chip">${esc(r.revision)} · ${esc(r.transport)}</span> <span class="chip lvl">${esc(r.level)}</span><span class="rline"><b class="rtitle">${esc(r.title)}.</b> <span class="rsum">${esc(r.summary)}</span></span></summary>
<div class="rbody">
${quoteBlock(r)}
${reaBlock(r)}
${metricsBlock(r)}
<p class="muted small">Checked in ${esc(secs(r.durationMs))}.</p>
${transcriptBlock(r, rid)}
${stderrBlock(r)}
</div>
</details>`;
}

// Why: every result, in the run's order.
function resultsSection(results: readonly RuleResult[]): string {
  return `<section id="results"><h2>Results</h2>
<p class="muted">Problems are open; click a passing rule to see its evidence. In a timeline, hover a mark for a summary and click it for the message.</p>
${results.map(resultCard).join('\n')}
</section>`;
}

// ---------------------------------------------------------------------------------------------------
// Page

// Why: filters, opening a folded target when a link points into it, and unfolding everything to print.
// It reads only the page's own fixed attributes; no report data enters it.
const SCRIPT = `(function () {
  'use strict';
  var items = Array.prototype.slice.call(document.querySelectorAll('[data-f]'));
  var form = document.getElementById('filters');
  var status = document.getElementById('f-status');
  function checked(id) { var el = document.getElementById(id); return !!(el && el.checked); }
  function apply() {
    var only = checked('f-problems');
    var levels = ['MUST', 'SHOULD', 'MAY'].filter(function (l) { return checked('f-' + l); });
    var shown = 0, results = 0;
    items.forEach(function (el) {
      var mine = (el.getAttribute('data-levels') || '').split(' ');
      var hide = (only && el.getAttribute('data-problem') !== '1') ||
        !mine.some(function (l) { return levels.indexOf(l) >= 0; });
      el.classList.toggle('is-filtered', hide);
      if (el.classList.contains('result')) { results++; if (!hide) shown++; }
    });
    if (status) status.textContent = shown === results ? '' : 'showing ' + shown + ' of ' + results + ' results';
  }
  if (form) { form.hidden = false; form.addEventListener('change', apply); apply(); }
  function reveal(id) {
    var el = document.getElementById(id);
    if (!el) return;
    for (var p = el; p; p = p.parentElement) if (p.tagName === 'DETAILS') p.open = true;
    var own = el.querySelector('details');
    if (own && el.tagName === 'LI') own.open = true;
  }
  document.addEventListener('click', function (ev) {
    var a = ev.target && ev.target.closest ? ev.target.closest('a') : null;
    var href = a ? a.getAttribute('href') || '' : '';
    if (href.charAt(0) === '#') reveal(href.slice(1));
  });
  if (location.hash) reveal(location.hash.slice(1));
  var folded = [];
  window.addEventListener('beforeprint', function () {
    Array.prototype.forEach.call(document.querySelectorAll('details:not([open])'), function (d) { d.open = true; folded.push(d); });
  });
  window.addEventListener('afterprint', function () { folded.forEach(function (d) { d.open = false; }); folded = []; });
})();`;

const SCRIPT_HASH = `sha256-${createHash('sha256').update(SCRIPT).digest('base64')}`;

// Why: nothing may load from anywhere: no fetch, no font, no frame; only the script above may run.
const CSP = `default-src 'none'; style-src 'unsafe-inline'; script-src '${SCRIPT_HASH}'; img-src data:; base-uri 'none'; form-action 'none'`;

const CSS = `
:root{--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--soft:#f6f8fa;--link:#0550ae;
--pass:#1f883d;--fail:#cf222e;--warn:#d4a72c;--info:#0969da;--unt:#8250df;--na:#d8dee4;--err:#82071e}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;color:var(--fg);background:#fff;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
main{max-width:1120px;margin:0 auto;padding:20px 20px 64px}
a{color:var(--link)}
code,pre,.rid,.et,.tool{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"DejaVu Sans Mono","Liberation Mono",monospace}
code{font-size:.86em;background:var(--soft);border:1px solid #e4e8ec;border-radius:4px;padding:0 4px;overflow-wrap:anywhere}
pre{margin:0;white-space:pre-wrap;overflow-wrap:anywhere;font-size:12px;line-height:1.45}
h2{font-size:1.2rem;margin:2.2rem 0 .8rem;padding-bottom:.35rem;border-bottom:1px solid var(--line)}
.muted{color:var(--muted)}.small{font-size:.85rem}
nav.toc{display:flex;gap:16px;flex-wrap:wrap;font-size:.85rem;padding:10px 0;border-bottom:1px solid var(--line);margin-bottom:18px}
nav.toc a{text-decoration:none}nav.toc b{margin-right:auto;font-weight:600}
@media (max-width:640px){nav.toc b{display:none}nav.toc{justify-content:space-between}}
.kicker{margin:0;color:var(--muted);font-size:.8rem;text-transform:uppercase;letter-spacing:.06em;font-weight:600}
h1{font-size:1.75rem;line-height:1.25;margin:.2rem 0 .3rem;overflow-wrap:anywhere}
h1 .ver{color:var(--muted);font-weight:400}
.target{margin:0 0 14px}
.outcome{display:flex;flex-wrap:wrap;align-items:baseline;gap:4px 14px;padding:14px 18px;border-radius:8px;border:1px solid;border-left-width:6px}
.outcome strong{font-size:1.45rem;letter-spacing:.02em}
.outcome.ok{background:#dafbe1;border-color:#1f883d}.outcome.ok strong{color:#116329}
.outcome.bad{background:#ffebe9;border-color:#cf222e}.outcome.bad strong{color:#a40e26}
.outcome.warn{background:#fff8c5;border-color:#d4a72c}.outcome.warn strong{color:#7d4e00}
.counts{margin:12px 0}
.badge{display:inline-block;padding:1px 8px;border-radius:999px;font-size:.74rem;font-weight:700;letter-spacing:.03em;white-space:nowrap;text-decoration:none;line-height:1.6;vertical-align:1px}
.v-pass{background:var(--pass);color:#fff}.v-fail{background:var(--fail);color:#fff}.v-warn{background:var(--warn);color:#1f2328}
.v-info{background:var(--info);color:#fff}.v-untestable,.v-inconclusive{background:var(--unt);color:#fff}
.v-not-applicable{background:var(--na);color:#424a53}.v-error{background:var(--err);color:#fff}
dl.stats{display:grid;grid-template-columns:repeat(auto-fill,minmax(138px,1fr));gap:8px;margin:16px 0 0}
dl.stats div{background:var(--soft);border:1px solid #e4e8ec;border-radius:6px;padding:8px 12px}
dl.stats dt{font-size:.72rem;text-transform:uppercase;letter-spacing:.05em;color:var(--muted);font-weight:600}
dl.stats dd{margin:0;overflow-wrap:anywhere}
dl.kv{display:grid;grid-template-columns:max-content 1fr;gap:6px 18px;margin:0}
dl.kv dt{color:var(--muted);font-weight:600}
dl.kv dd{margin:0;min-width:0;overflow-wrap:anywhere}
.why{color:var(--muted);font-size:.9rem}
.chip{display:inline-block;font-size:.75rem;padding:0 6px;border:1px solid var(--line);border-radius:4px;color:var(--muted);white-space:nowrap}
.notes{margin:0;padding-left:18px}
.filters{display:flex;flex-wrap:wrap;align-items:center;gap:6px 14px;margin:0 0 10px;padding:8px 12px;background:var(--soft);border:1px solid #e4e8ec;border-radius:6px;font-size:.9rem}
.filters label{white-space:nowrap;cursor:pointer}.filters .only{font-weight:600}
.filters .sep{width:1px;align-self:stretch;background:var(--line)}
.scroll{overflow-x:auto;-webkit-overflow-scrolling:touch}
table.matrix{border-collapse:collapse;width:100%;font-size:.9rem}
.matrix th,.matrix td{padding:7px 10px;border-bottom:1px solid #e4e8ec;text-align:left;vertical-align:top}
.matrix thead th{font-size:.75rem;text-transform:uppercase;letter-spacing:.04em;color:var(--muted);border-bottom:2px solid var(--line);white-space:nowrap}
.matrix tbody tr:hover{background:#f6f8fa}
.matrix .rid{display:block;font-size:.85rem;font-weight:600}
.matrix .rid a{text-decoration:none;color:var(--fg)}
.matrix .rtitle{display:block;color:var(--muted);font-weight:400;font-size:.82rem}
.matrix .lvl{white-space:nowrap;font-size:.8rem;color:var(--muted)}
.cell{white-space:nowrap}.cell .lat{display:block;font-size:.75rem;color:var(--muted);margin-top:2px}
.legend-line{font-size:.78rem;line-height:2}
svg{display:block;overflow:visible}
svg text{font-family:inherit}
.chart .lbl{font-size:12px;fill:var(--fg);font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"DejaVu Sans Mono",monospace}
.chart .val{font-size:12px;fill:var(--fg);font-weight:600}.chart .zero{fill:var(--muted);font-weight:400}.chart .val.in{fill:#fff}
.chart .bar.v-pass{fill:var(--pass)}.chart .bar.v-fail{fill:var(--fail)}.chart .bar.v-warn{fill:var(--warn)}.chart .bar.v-info{fill:var(--info)}
.chart .bar.v-untestable,.chart .bar.v-inconclusive{fill:var(--unt)}.chart .bar.v-error{fill:var(--err)}.chart .bar.v-not-applicable{fill:#afb8c1}
.grid{stroke:#e4e8ec;stroke-width:1}.tick{font-size:11px;fill:var(--muted)}
.ref{stroke:#59636e;stroke-width:1;stroke-dasharray:4 3}.reflbl{font-size:11px;fill:var(--muted)}
details.result{border:1px solid var(--line);border-left:5px solid var(--na);border-radius:6px;margin:0 0 10px;background:#fff}
details.result>summary{cursor:pointer;padding:8px 14px;list-style-position:outside;display:block}
details.result>summary::-webkit-details-marker{display:none}
details.result>summary::before{content:"▸";color:var(--muted);display:inline-block;width:1em}
details.result[open]>summary::before{content:"▾"}
details.result>summary .rid{font-weight:600;font-size:.92rem;margin:0 4px}
details.result>summary .rline{display:block;margin:3px 0 0 1em;overflow-wrap:anywhere}
details.result>summary .rtitle{font-weight:600}
details.result>summary .rsum{color:var(--muted)}
details.result[open]>summary{border-bottom:1px solid #e4e8ec}
.b-pass{border-left-color:var(--pass)!important}.b-fail{border-left-color:var(--fail)!important}.b-warn{border-left-color:var(--warn)!important}
.b-info{border-left-color:var(--info)!important}.b-untestable,.b-inconclusive{border-left-color:var(--unt)!important}.b-error{border-left-color:var(--err)!important}
.rbody{padding:4px 16px 14px}
.quote{margin:12px 0;padding:8px 14px;border-left:3px solid var(--line);background:var(--soft);border-radius:0 6px 6px 0}
.quote p{margin:0 0 4px}.qcap{font-size:.72rem;text-transform:uppercase;letter-spacing:.05em;color:var(--muted);font-weight:600}.quote footer{font-size:.8rem;color:var(--muted);overflow-wrap:anywhere}
.rea{margin:12px 0!important}.rea .actual{color:#a40e26;font-weight:500}
table.metrics{border-collapse:collapse;font-size:.85rem;margin:10px 0}
table.metrics caption{text-align:left;font-weight:600;color:var(--muted);font-size:.8rem;padding-bottom:2px}
table.metrics th{font-weight:400;color:var(--muted);padding:2px 16px 2px 0;text-align:left;font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"DejaVu Sans Mono",monospace;font-size:.8rem}
table.metrics td{padding:2px 0;font-variant-numeric:tabular-nums;font-weight:600}
details.sub{margin:10px 0;border:1px solid #e4e8ec;border-radius:6px}
details.sub>summary{cursor:pointer;padding:6px 10px;background:var(--soft);border-radius:6px;font-weight:600;font-size:.9rem}
details.sub[open]>summary{border-radius:6px 6px 0 0;border-bottom:1px solid #e4e8ec}
details.sub>:not(summary){margin:10px}
.note{font-size:.82rem;color:var(--muted)}
.tl{display:grid;grid-template-columns:3.6rem 1fr;align-items:stretch;margin:6px 0;min-width:0}
.tl-l{font-size:.72rem;color:var(--muted);text-transform:uppercase;letter-spacing:.04em;align-self:center;font-weight:600}
.tl svg{min-width:0;width:100%}
.tl-lane{background:var(--soft);border-top:1px solid #fff}
.an{font-size:10.5px}.cx-l{fill:#bc4c00;font-weight:600}.win-l{fill:var(--muted);font-style:italic}.evd-l{fill:#cf222e;font-size:10px}
.win{fill:url(#hatch)}
.cx{stroke:#e16f24;stroke-width:1.5;stroke-dasharray:3 2}
.m{transform:translateX(-1.5px)}.m.big{transform:translateX(-2.5px)}
.m:hover{stroke:#1f2328;stroke-width:1.5}
.m.evd{stroke:#cf222e;stroke-width:2}
.k-req{fill:#0969da;background:#0969da}.k-notif{fill:#54aeff;background:#54aeff}.k-cancel{fill:#e16f24;background:#e16f24}
.k-progress{fill:#1b7c83;background:#1b7c83}.k-resp{fill:#1f883d;background:#1f883d}.k-err{fill:#cf222e;background:#cf222e}
.k-srvreq{fill:#8250df;background:#8250df}.k-stderr{fill:#8c959f;background:#8c959f}.k-note{fill:#424a53;background:#424a53}
.k-exit{fill:#1f2328;background:#1f2328}.k-bad{fill:#a40e26;background:#a40e26}
.legend{list-style:none;padding:0;margin:8px 0 0;display:flex;flex-wrap:wrap;gap:4px 14px;font-size:.78rem;color:var(--muted)}
.sw{display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:5px;vertical-align:-1px}
.win-sw{background:repeating-linear-gradient(135deg,#dde3ea 0 2px,#f3f5f8 2px 5px);border:1px solid #c8d1da}
.evd-sw{background:#fff;border:2px solid #cf222e}
ol.events{list-style:none;margin:0;padding:0;font-size:12.5px}
.events li{border-bottom:1px solid #f0f2f4}
.events .es,.events summary{display:flex;gap:10px;align-items:baseline;padding:3px 4px;min-width:0}
.events summary{cursor:pointer;list-style:none}.events summary::-webkit-details-marker{display:none}
.events summary:hover{background:var(--soft)}
.events .et{flex:0 0 4.8em;text-align:right;color:var(--muted);font-variant-numeric:tabular-nums}
.events .el{flex:0 0 3.6em;color:var(--muted);font-size:.9em}
.events .sw{flex:0 0 10px;align-self:center}
.events .ed{min-width:0;overflow-wrap:anywhere}
.events .etag{font-size:.7rem;font-weight:700;color:#cf222e;border:1px solid #cf222e;border-radius:3px;padding:0 4px;white-space:nowrap}
.events pre{margin:2px 0 8px 9em;padding:8px;background:var(--soft);border-radius:4px}
.events .is-evd{background:#fff5f5}.events .is-cx{background:#fff4eb}
.events li:target{outline:2px solid var(--info);outline-offset:-2px}
.events .gap{color:var(--muted);font-style:italic;padding:3px 4px 3px 10em}
pre.stderr{background:#1f2328;color:#e6edf3;padding:10px;border-radius:4px}
footer.foot{margin-top:40px;padding-top:12px;border-top:1px solid var(--line);font-size:.82rem;color:var(--muted)}
@media screen{.is-filtered{display:none!important}}
@media (max-width:640px){
body{font-size:14px}main{padding:12px 12px 48px}h1{font-size:1.35rem}
.outcome strong{font-size:1.2rem}.outcome{padding:10px 12px}
dl.stats{grid-template-columns:1fr 1fr;gap:6px}dl.stats div{padding:6px 8px}
dl.kv{grid-template-columns:1fr;gap:0}dl.kv dt{margin-top:8px}
.matrix th,.matrix td{padding:6px 6px}.matrix .rtitle{display:none}
.rbody{padding:2px 10px 10px}
.tl{grid-template-columns:2.9rem 1fr}.tl-l{font-size:.62rem}
.events .es,.events summary{flex-wrap:wrap;gap:2px 8px}
.events .et{flex-basis:auto}.events pre{margin-left:0}.events .gap{padding-left:4px}
}
@media print{
@page{margin:14mm}
body{font-size:10.5pt}main{max-width:none;padding:0}
nav.toc,.filters,details.result>summary::before{display:none!important}
summary{list-style:none}summary::-webkit-details-marker{display:none}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
details::details-content{content-visibility:visible;display:contents}
a{color:inherit;text-decoration:none}
details.result,details.sub{break-inside:auto}
.outcome,.quote,dl.stats div{break-inside:avoid}
.events li{break-inside:avoid}
.events pre{white-space:normal;margin:0 0 2px 9em;padding:2px 6px;font-size:7.5pt}
.events .es,.events summary{padding:1px 4px}ol.events{font-size:8pt}
.tl-lane{background:#f6f8fa}
}`;

// Why: the pattern that shades silence windows, defined once for every timeline.
const DEFS = `<svg width="0" height="0" style="position:absolute" aria-hidden="true"><defs><pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#eef1f5"/><line x1="0" y1="0" x2="0" y2="6" stroke="#d5dce4" stroke-width="2"/></pattern></defs></svg>`;

// Why: the document head: charset, viewport, the CSP that forbids every load, the title and the style.
function head(report: RunReport): string {
  const o = outcome(report);
  return `<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="generator" content="${esc(`${report.tool.name} ${report.tool.version}`)}">
<link rel="icon" href="data:,">
<title>${esc(`${o.title}: ${serverName(report)} · MCP cancellation conformance`)}</title>
<style>${CSS}</style>
</head>`;
}

// Why: the page's sections, so a long report can be navigated.
function toc(report: RunReport): string {
  const latency = report.results.some((r) => typeof r.metrics.stopLatencyMs === 'number');
  return `<nav class="toc" aria-label="Sections"><b>mcp-cancel-conformance</b><a href="#discovery">Discovery</a><a href="#matrix">Matrix</a>${latency ? '<a href="#latency">Stop latency</a>' : ''}<a href="#results">Results</a></nav>`;
}

// Why: where the page came from and where the canonical result lives.
function footer(report: RunReport): string {
  return `<footer class="foot">Generated by ${esc(`${report.tool.name} ${report.tool.version}`)} (seed ${esc(String(report.seed))}). This page is derived from the run's JSON report (<code>--json</code>), the canonical, machine-readable result, which also holds every transcript event in full. Verdict levels come from the spec keyword of each quoted sentence.</footer>`;
}

/** Renders the whole report as one self-contained HTML document (no external loads, CSP-locked). */
export function renderHtml(report: RunReport): string {
  return `<!doctype html>
<html lang="en">
${head(report)}
<body>
${DEFS}
<main>
${toc(report)}
${header(report)}
${discoverySection(report.discovery)}
${matrixSection(report.results)}
${latencySection(report.results, report.discovery)}
${resultsSection(report.results)}
${footer(report)}
</main>
<script>${SCRIPT}</script>
</body>
</html>
`;
}
