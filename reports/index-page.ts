// The index page: many runs side by side, one row per server and one column per rule, each row linking
// to that run's own HTML report. A pure function of the reports. One self-contained file: inline CSS, no
// scripts, nothing loaded from anywhere (the CSP meta forbids it), every string escaped, verdicts shown
// as text and icon as well as colour. On a phone the matrix scrolls sideways under a sticky server column.

import type { RuleResult, RunReport } from '../harness/model/report.js';
import type { Verdict } from '../harness/model/protocol.js';
import {
  countVerdicts,
  escapeAttr,
  escapeText,
  overallOutcome,
  VERDICT_LABEL,
  type OutcomeStatus,
} from './outcome.js';

/** One run to list: its report and the (relative) address of its own HTML page. */
export interface IndexEntry {
  report: RunReport;
  href: string;
}

const ICON: Record<Verdict, string> = {
  pass: '✓',
  fail: '✗',
  warn: '!',
  info: 'i',
  untestable: '⊘',
  'not-applicable': '–',
  inconclusive: '?',
  error: '‼',
};
const STATUS_ICON: Record<OutcomeStatus, string> = {
  pass: '✓',
  warn: '!',
  fail: '✗',
  incomplete: '?',
  empty: '–',
};

const CSS = `
:root { color-scheme: light; --line: #d0d7de; --muted: #57606a; }
* { box-sizing: border-box; }
body { margin: 0; padding: 1rem; font: 14px/1.4 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; color: #1f2328; background: #fff; }
h1 { font-size: 1.4rem; margin: 0 0 .25rem; }
h2 { font-size: 1.1rem; margin: 1.5rem 0 .5rem; }
p.lead { margin: 0 0 1rem; color: var(--muted); }
.scroll { overflow-x: auto; border: 1px solid var(--line); border-radius: 6px; max-width: 100%; }
.scroll:focus { outline: 2px solid #0969da; outline-offset: 2px; }
table { border-collapse: separate; border-spacing: 0; }
th, td { padding: .4rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; text-align: left; background: #fff; }
thead th { vertical-align: bottom; background: #f6f8fa; font-weight: 600; }
tfoot td, tfoot th { background: #f6f8fa; border-bottom: 0; color: var(--muted); font-size: 12px; }
.sticky { position: sticky; left: 0; z-index: 1; border-right: 1px solid var(--line); min-width: 9rem; max-width: 42vw; overflow-wrap: anywhere; }
thead .sticky, tfoot .sticky { background: #f6f8fa; z-index: 2; }
th.rule { padding: .5rem .25rem; text-align: center; }
th.rule a { color: inherit; text-decoration: none; }
th.rule span { display: inline-block; writing-mode: vertical-rl; transform: rotate(180deg); max-height: 10.5rem; font: 600 12px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
td.cell { text-align: center; white-space: nowrap; padding: .35rem .25rem; }
.name { font-weight: 600; }
.name a { color: #0969da; }
.ver, .small { color: var(--muted); font-size: 12px; }
code { font: 12px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; overflow-wrap: anywhere; }
.target { min-width: 14rem; max-width: 24rem; }
.v { display: inline-block; margin: 1px 0; padding: 1px 5px; border-radius: 4px; border: 1px solid; font-size: 11px; font-weight: 600; line-height: 1.4; }
.v small { display: block; font-weight: 400; font-size: 10px; }
.v-pass { background: #dafbe1; color: #116329; border-color: #8fd19e; }
.v-fail { background: #ffebe9; color: #a40e26; border-color: #ff8182; }
.v-warn { background: #fff1d6; color: #7d4e00; border-color: #e3b341; }
.v-info { background: #ddf4ff; color: #0a4a8a; border-color: #80ccff; }
.v-untestable { background: #f3eefc; color: #5a32a3; border-color: #c5b3ee; }
.v-not-applicable { background: #f0f1f3; color: #57606a; border-color: #d0d7de; }
.v-inconclusive { background: #fbefff; color: #7d2e8e; border-color: #e1b3ee; }
.v-error { background: #24292f; color: #fff; border-color: #24292f; }
.none { color: var(--muted); }
.outcome { display: inline-block; padding: 2px 8px; border-radius: 6px; font-weight: 700; font-size: 12px; border: 1px solid; max-width: 10rem; }
.o-pass { background: #dafbe1; color: #116329; border-color: #8fd19e; }
.o-warn { background: #fff1d6; color: #7d4e00; border-color: #e3b341; }
.o-fail { background: #ffebe9; color: #a40e26; border-color: #ff8182; }
.o-incomplete, .o-empty { background: #f0f1f3; color: #424a53; border-color: #d0d7de; }
.totals { white-space: nowrap; font-size: 12px; }
dl.rules { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; margin: 0; }
dl.rules dt { font: 600 12px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
dl.rules dd { margin: 0; }
.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
@media (max-width: 600px) { body { padding: .5rem; } .sticky { max-width: 40vw; min-width: 7rem; } dl.rules { grid-template-columns: 1fr; } dl.rules dd { margin-bottom: .5rem; } }
`;

/** Only relative references are linked as given; anything with a scheme or authority is refused. */
function relativeHref(href: string): string | null {
  const h = href.trim();
  if (h === '' || /^[a-z][a-z0-9+.-]*:/i.test(h) || h.startsWith('//') || h.startsWith('\\')) return null;
  return h;
}

function httpHref(href: string): string | null {
  return /^https?:\/\//i.test(href) ? href : null;
}

/** Verdicts whose chip says nothing but the verdict: a pass, and a rule that does not apply there. */
const QUIET: ReadonlySet<Verdict> = new Set<Verdict>(['pass', 'not-applicable']);

/** Results of one rule that read the same (verdict, level, summary): one chip for all their revisions. */
interface ChipGroup {
  first: RuleResult;
  revisions: string[];
}

function groupResults(results: RuleResult[]): ChipGroup[] {
  const groups = new Map<string, ChipGroup>();
  for (const r of results) {
    const key = JSON.stringify([r.verdict, r.level, QUIET.has(r.verdict) ? '' : r.summary]);
    const g = groups.get(key);
    if (g) g.revisions.push(r.revision);
    else groups.set(key, { first: r, revisions: [r.revision] });
  }
  return [...groups.values()];
}

/**
 * The revisions of a group as short as they read unambiguously: runs of revisions next to each other in
 * the run's own list become "first – last" (2024-11-05 – 2025-11-25), the rest are listed.
 */
export function revisionSpan(revisions: string[], all: readonly string[]): string {
  const at = revisions.map((r) => all.indexOf(r));
  const parts: string[] = [];
  for (let i = 0; i < revisions.length;) {
    let j = i;
    while (j + 1 < revisions.length && at[j + 1] === (at[j] ?? -2) + 1 && (at[j] ?? -1) >= 0) j++;
    parts.push(j - i >= 2 ? `${revisions[i]} – ${revisions[j]}` : revisions.slice(i, j + 1).join(', '));
    i = j + 1;
  }
  return parts.join(', ');
}

function chip(g: ChipGroup, all: readonly string[]): string {
  const r = g.first;
  const revisions = revisionSpan(g.revisions, all);
  // A pass or a rule that does not apply needs no words beyond its verdict (its report has the rest);
  // anything else says what happened.
  const tip = `${r.rule} ${revisions} (${r.level}): ${VERDICT_LABEL[r.verdict]}${QUIET.has(r.verdict) ? '' : `, ${r.summary}`}`;
  const rev = all.length > 1 ? ` <small>${escapeText(revisions)}</small>` : '';
  return `<span class="v v-${r.verdict}" title="${escapeAttr(tip)}">${ICON[r.verdict]} ${VERDICT_LABEL[r.verdict]}${rev}</span>`;
}

/** Every rule id across all reports, alphabetical: the same columns whatever order rules ran in. */
function ruleIds(entries: IndexEntry[]): string[] {
  const ids = new Set(entries.flatMap((e) => e.report.results.map((r) => r.rule)));
  return [...ids].sort();
}

function serverCell(e: IndexEntry): string {
  const info = e.report.target.serverInfo;
  const name = info?.name || 'unnamed server';
  const href = relativeHref(e.href);
  const link = href ? `<a href="${escapeAttr(href)}">${escapeText(name)}</a>` : escapeText(name);
  const version = info?.version ? ` <span class="ver">${escapeText(info.version)}</span>` : '';
  return `<th scope="row" class="sticky"><span class="name">${link}</span>${version}</th>`;
}

function totals(report: RunReport): string {
  const c = countVerdicts(report);
  const parts = (Object.keys(c) as Verdict[]).filter((v) => c[v] > 0).map((v) => `${c[v]} ${escapeText(v)}`);
  return `<td class="totals">${parts.join('<br>') || 'no results'}</td>`;
}

function targetCell(report: RunReport): string {
  const t = report.target;
  const where = t.command ? t.command.join(' ') : (t.url ?? '');
  const run = `${report.startedAt.replace('T', ' ').replace(/\.\d+Z$/, 'Z')} · seed ${report.seed}${report.strict ? ' · strict' : ''}`;
  return `<td class="target"><code>${escapeText(where)}</code> <span class="small">(${escapeText(t.transport)})</span><br><span class="small">${escapeText(run)} · v${escapeText(report.tool.version)}</span></td>`;
}

function row(e: IndexEntry, rules: string[]): string {
  const report = e.report;
  const o = overallOutcome(report);
  // Revisions in the order the run lists them (oldest first), whatever order its results came in.
  const seen = new Set(report.results.map((r) => r.revision));
  const all = [
    ...report.target.revisions.filter((v) => seen.has(v)),
    ...[...seen].filter((v) => !report.target.revisions.includes(v)),
  ];
  const cells = rules.map((rule) => {
    const results = report.results.filter((r) => r.rule === rule);
    if (results.length === 0)
      return '<td class="cell none" title="not run">—<span class="sr">not run</span></td>';
    const ordered = [...results].sort((a, b) => all.indexOf(a.revision) - all.indexOf(b.revision));
    return `<td class="cell">${groupResults(ordered)
      .map((g) => chip(g, all))
      .join('<br>')}</td>`;
  });
  return [
    '<tr>',
    serverCell(e),
    `<td><span class="outcome o-${o.status}" title="${escapeAttr(o.reasons.join(', ') || o.label)}">${STATUS_ICON[o.status]}&nbsp;${escapeText(o.label)}</span></td>`,
    totals(report),
    `<td class="small">${report.target.revisions.map(escapeText).join('<br>') || '—'}</td>`,
    ...cells,
    targetCell(report),
    '</tr>',
  ].join('');
}

/** Per rule: in how many runs it passed on every revision it ran. */
function footer(entries: IndexEntry[], rules: string[]): string {
  const cells = rules.map((rule) => {
    const ran = entries.filter((e) => e.report.results.some((r) => r.rule === rule));
    const passed = ran.filter((e) =>
      e.report.results.filter((r) => r.rule === rule).every((r) => r.verdict === 'pass'),
    );
    return `<td class="cell" title="${escapeAttr(`${rule}: passed in ${passed.length} of ${ran.length} runs`)}">${passed.length}/${ran.length}</td>`;
  });
  return `<tfoot><tr><th scope="row" class="sticky">runs passing</th><td></td><td></td><td></td>${cells.join('')}<td></td></tr></tfoot>`;
}

function legend(entries: IndexEntry[], rules: string[]): string {
  const items = rules.map((rule) => {
    const results = entries.flatMap((e) => e.report.results.filter((r) => r.rule === rule));
    const first = results[results.length - 1];
    const levels = [...new Set(results.map((r) => r.level))].join(' / ');
    // The newest sentence of the rule (a result at a revision the rule does not exist in links none).
    const linked = results.filter((r) => r.specUrl !== undefined).at(-1);
    const spec = linked?.specUrl ? httpHref(linked.specUrl) : null;
    const title = escapeText(first?.title ?? '');
    const link = spec
      ? ` <a href="${escapeAttr(spec)}" rel="noreferrer" aria-label="${escapeAttr(`specification of ${rule}`)}">spec</a>`
      : '';
    return `<dt id="${escapeAttr(`rule-${rule}`)}">${escapeText(rule)}</dt><dd>${title} <span class="small">(${escapeText(levels)})</span>${link}</dd>`;
  });
  const verdicts = (Object.keys(ICON) as Verdict[])
    .map((v) => `<span class="v v-${v}">${ICON[v]} ${VERDICT_LABEL[v]}</span>`)
    .join(' ');
  return `<h2>Rules</h2><dl class="rules">${items.join('')}</dl><h2>Verdicts</h2><p>${verdicts}</p><p class="small">PASS: the rule was exercised and held. FAIL: a MUST was broken. WARN: a SHOULD was broken. INFO: a MAY observation. UNTESTABLE: the rule applies but could not be exercised. N/A: the rule does not exist for that revision. INCONCLUSIVE: the observation was ambiguous. ERROR: the suite itself failed. — : the rule did not run.</p>`;
}

/** One page comparing many runs (servers × rules), each linking to its own report. */
export function renderIndex(entries: IndexEntry[]): string {
  const rules = ruleIds(entries);
  const heads = rules
    .map(
      (r) =>
        `<th scope="col" class="rule" title="${escapeAttr(r)}"><a href="#${escapeAttr(encodeURIComponent(`rule-${r}`))}"><span>${escapeText(r)}</span></a></th>`,
    )
    .join('');
  const servers = `${entries.length} run${entries.length === 1 ? '' : 's'}`;
  const conformant = entries.filter((e) => overallOutcome(e.report).conformant).length;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="referrer" content="no-referrer">
<title>MCP cancellation conformance: ${servers}</title>
<style>${CSS}</style>
</head>
<body>
<header>
<h1>MCP cancellation conformance</h1>
<p class="lead">${servers} × ${rules.length} rules · ${conformant} without a failing verdict · each server links to its full report with the evidence.</p>
</header>
<main>
<div class="scroll" role="region" aria-label="Servers by rules" tabindex="0">
<table>
<thead><tr><th scope="col" class="sticky">Server</th><th scope="col">Outcome</th><th scope="col">Totals</th><th scope="col">Revisions</th>${heads}<th scope="col">Target and run</th></tr></thead>
<tbody>
${entries.map((e) => row(e, rules)).join('\n')}
</tbody>
${footer(entries, rules)}
</table>
</div>
${legend(entries, rules)}
</main>
</body>
</html>
`;
}
