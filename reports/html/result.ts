// One result as a card (quote, Requirement / Expected / Actual, metrics, transcript, stderr), and the list of them.

import type { RuleResult } from '../../harness/model/report.js';
import { esc, inlineMarkdown, kv, specHref } from './escape.js';
import { metricValue, secs } from './numbers.js';
import { bodyInData, stderrInData } from './data.js';
import { inLatencySection } from './chart.js';
import { transcriptBlock } from './transcript.js';
import { badge, filterAttrs, isProblem, plainBadge, resultId, ruleName, vc } from './verdict.js';

// Why: the spec sentence the rule checks, with its link when it points at the spec site.
function quoteBlock(r: RuleResult): string {
  // A not-applicable result of a revision the rule does not exist in has no sentence (and no card).
  if (r.quote === undefined || r.specUrl === undefined) return '';
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

// Why: what the target wrote to stderr during the rule, as plain text (a passing result's is drawn by the
// script from the page's data, each distinct tail stored once: see data.ts).
function stderrBlock(r: RuleResult): string {
  if (r.stderrTail.length === 0 || stderrInData(r)) return '';
  return `<details class="sub"><summary>stderr <span class="muted">· last ${r.stderrTail.length} line${r.stderrTail.length > 1 ? 's' : ''}</span></summary><pre class="stderr">${esc(r.stderrTail.join('\n'))}</pre></details>`;
}

// Why: a finding of property-based exploration: the shrunk program and how to run it again.
function explorationBlock(r: RuleResult): string {
  const x = r.exploration;
  if (!x) return '';
  const replay = x.caseFile
    ? `<p class="small">Replay: <code>mcp-cancel-conformance replay ${esc(x.caseFile)} &lt;target&gt;</code></p>`
    : '';
  return `<div class="exploration"><div class="qcap">Found by exploration</div><p class="small">Invariant “${esc(x.invariant)}”, seed ${esc(String(x.seed))}, ${esc(String(x.runs))} runs; shrunk ${esc(String(x.shrinks))} times; broke the rule again in ${esc(String(x.reproduced))} of ${esc(String(x.attempts))} re-runs on fresh targets.</p><pre class="program">${esc(x.steps.join('\n'))}</pre>${replay}</div>`;
}

// Why: one result as a card; problems open, passes folded to one line.
function resultCard(r: RuleResult, index: number): string {
  const rid = resultId(index);
  const open = isProblem(r.verdict) ? ' open' : '';
  const head = `<details class="result b-${vc(r.verdict)}" id="${rid}" ${filterAttrs([r.verdict], [r.level])}${open}>
<summary>${r.verdict === 'pass' ? plainBadge('pass') : badge(r.verdict)}${r.expectedFailure ? ' <span class="chip" title="listed in the --expected-failures baseline: does not fail the run">expected</span>' : ''} <span class="rid">${ruleName(r.rule)}</span> <span class="chip">${esc(r.revision)} · ${esc(r.transport)}</span> <span class="chip lvl">${esc(r.level)}</span><span class="rline"><b class="rtitle">${esc(r.title)}.</b> <span class="rsum">${esc(r.summary)}</span></span></summary>`;
  // A plain passing result's quote, metrics and duration are drawn by the script from the page's data.
  if (bodyInData(r))
    return `${head}\n<div class="rbody" data-body="${rid}">${transcriptBlock(r, rid)}</div>\n</details>`;
  return `${head}
<div class="rbody">
${quoteBlock(r)}
${reaBlock(r)}
${explorationBlock(r)}
${metricsBlock(r)}
<p class="muted small">Checked in ${esc(secs(r.durationMs))}.</p>
${transcriptBlock(r, rid)}
${stderrBlock(r)}
</div>
</details>`;
}

/**
 * The not-applicable results that say the same thing of the same rule (one line for the revisions a rule
 * does not exist in), in the run's order; each line has the id of its first result.
 */
export function notApplicableGroups(results: readonly RuleResult[]): number[][] {
  const groups = new Map<string, number[]>();
  results.forEach((r, i) => {
    if (r.verdict !== 'not-applicable') return;
    const key = `${r.rule}\u0000${r.transport}\u0000${r.summary}`;
    const g = groups.get(key);
    if (g) g.push(i);
    else groups.set(key, [i]);
  });
  return [...groups.values()];
}

// Why: a result whose rule does not exist at its revision or over its transport ran nothing and proves
// nothing; it is one line of a list (its matrix cell links to it), not a card. The revisions of a rule
// that say the same share the line.
function notApplicableList(results: readonly RuleResult[]): string {
  const groups = notApplicableGroups(results);
  const count = groups.reduce((n, g) => n + g.length, 0);
  const items = groups.map((g) => {
    const rs = g.map((i) => results[i] as RuleResult);
    const first = rs[0] as RuleResult;
    const where = `${rs.map((r) => r.revision).join(', ')} · ${first.transport}`;
    return `<li id="${resultId(g[0] ?? 0)}"><span class="rid">${ruleName(first.rule)}</span> <span class="chip">${esc(where)}</span> ${esc(first.summary)}</li>`;
  });
  if (items.length === 0) return '';
  return `<details class="sub na"><summary>${badge('not-applicable')} ${count} result${count === 1 ? '' : 's'} for rules that do not apply here</summary>
<ul class="na">${items.join('')}</ul>
</details>`;
}

// Why: every result, in the run's order, then the ones that do not apply.
export function resultsSection(results: readonly RuleResult[]): string {
  // Not-applicable results are a list below; CANCEL-STOP-LATENCY's are in the stop latency section.
  const cards = results.flatMap((r, i) =>
    r.verdict === 'not-applicable' || inLatencySection(r) ? [] : [resultCard(r, i)],
  );
  return `<section id="results"><h2>Results</h2>
<p class="muted">Problems are open; click a passing rule to see its evidence. In a timeline, hover a mark for a summary and click it for the message. A report may keep a slice of a passing result's transcript (the timeline says how many events of how many); a run with <code>--full-transcripts</code> keeps them all.</p>
${cards.join('\n')}
${notApplicableList(results)}
</section>`;
}
