// The matrix: every rule against every revision (and transport) tested, with the filter controls.

import type { RuleResult } from '../../harness/model/report.js';
import { esc } from './escape.js';
import { ms } from './numbers.js';
import { resultLabel } from '../outcome.js';
import { notApplicableGroups } from './result.js';
import { badge, filterAttrs, type Level, MEANING, resultId, ruleName, vc, VERDICT_ORDER } from './verdict.js';

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

// Why: one matrix cell: the verdict linking to its result, with the stop latency when measured.
function matrixCell(r: RuleResult | undefined, index: number, lineOf: Map<number, number>): string {
  if (!r) return '<td class="cell none">—</td>';
  // A result that does not apply shares its line of the list with its rule's other such revisions.
  index = lineOf.get(index) ?? index;
  const lat = r.metrics.stopLatencyMs;
  const extra = typeof lat === 'number' ? `<span class="lat">stop ${esc(ms(lat))}</span>` : '';
  return `<td class="cell"><a href="#${resultId(index)}" class="badge v-${vc(r.verdict)}">${esc(resultLabel(r))}</a>${extra}</td>`;
}

// Why: one matrix row per rule.
function matrixRow(
  rule: string,
  cols: Column[],
  indexed: Map<string, number>,
  results: readonly RuleResult[],
  lineOf: Map<number, number>,
): string {
  const cells = cols.map((c) => indexed.get(`${rule}\u0000${c.key}`));
  const mine = cells.flatMap((i) => (i === undefined ? [] : [results[i] as RuleResult]));
  const first = mine[0];
  const levels = [...new Set(mine.map((r) => r.level))];
  const link = first
    ? `<a href="#${resultId(lineOf.get(cells.find((i) => i !== undefined) ?? 0) ?? cells.find((i) => i !== undefined) ?? 0)}">${ruleName(rule)}</a>`
    : ruleName(rule);
  return `<tr ${filterAttrs(
    mine.map((r) => r.verdict),
    levels,
  )}><th scope="row"><span class="rid">${link}</span><span class="rtitle">${esc(first?.title ?? '')}</span></th><td class="lvl">${esc(levels.join(', '))}</td>${cells
    .map((i) => matrixCell(i === undefined ? undefined : results[i], i ?? 0, lineOf))
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
export function matrixSection(results: readonly RuleResult[]): string {
  const cols = columns(results);
  const indexed = new Map<string, number>();
  results.forEach((r, i) => indexed.set(`${r.rule}\u0000${r.revision} ${r.transport}`, i));
  const rules = [...new Set(results.map((r) => r.rule))];
  const lineOf = new Map(notApplicableGroups(results).flatMap((g) => g.map((i) => [i, g[0] ?? i] as const)));
  return `<section id="matrix"><h2>Rules × revisions</h2>
${filters()}
<div class="scroll"><table class="matrix">
<thead><tr><th scope="col">Rule</th><th scope="col">Level</th>${cols.map((c) => `<th scope="col">${esc(c.label)}</th>`).join('')}</tr></thead>
<tbody>
${rules.map((rule) => matrixRow(rule, cols, indexed, results, lineOf)).join('\n')}
</tbody></table></div>
<p class="legend-line">${VERDICT_ORDER.map((v) => `${badge(v)} <span class="muted">${esc(MEANING[v])}</span>`).join(' · ')}</p>
</section>`;
}
