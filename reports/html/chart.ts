// The stop-latency plot: how long the server kept sending after each cancel, against the silence window.

import { STOP_LATENCY_RULE } from '../../harness/model/latency.js';
import type { Discovery, RuleResult } from '../../harness/model/report.js';
import { esc, inlineMarkdown } from './escape.js';
import { ms, niceCeil, pct } from './numbers.js';
import { badge, LABEL, resultId, vc } from './verdict.js';

/** Whether a result is shown in the stop latency section rather than as a card: CANCEL-STOP-LATENCY's
 *  figures are about every cancel of their revision, so they belong with the plot of those cancels. */
export function inLatencySection(r: RuleResult): boolean {
  return r.rule === STOP_LATENCY_RULE && r.verdict !== 'not-applicable';
}

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

// Why: how long the server kept sending after each cancel, at a glance: the plot people look at first,
// with CANCEL-STOP-LATENCY's median and worst per revision over it (the matrix links to them there).
export function latencySection(results: readonly RuleResult[], d: Discovery | null): string {
  const measured = results.flatMap((r, i) => (inLatencySection(r) ? [{ r, i }] : []));
  const first = measured[0]?.r;
  // Its sentence is the same at every revision: once, before its figures.
  const figures = first
    ? `\n<p class="small"><span class="rid">${esc(first.rule)}</span> <span class="chip lvl">${esc(first.level)}</span> ${inlineMarkdown(first.quote ?? '')}</p>\n<ul class="figures">${measured
        .map(
          ({ r, i }) =>
            `<li id="${resultId(i)}">${badge(r.verdict)} <span class="chip">${esc(r.revision)} · ${esc(r.transport)}</span> ${esc(r.summary)}</li>`,
        )
        .join('')}</ul>`
    : '';
  const rows = results.flatMap((r, i) => {
    const v = r.metrics.stopLatencyMs;
    return typeof v === 'number' && Number.isFinite(v) ? [{ r, i, v: Math.max(0, v) }] : [];
  });
  const head = '<section id="latency"><h2>Stop latency</h2>';
  if (rows.length === 0) return first ? `${head}${figures}</section>` : '';
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
  return `${head}
<p class="muted">From the cancel being written to the last message the server sent for that request (progress or response), or, for a tool that sends no progress, to when the CPU time of the target's processes fell back to idle. A server that stops at once scores 0 ms.</p>${figures}
<svg class="chart" width="100%" height="${bottom + 22}" role="img" aria-label="Stop latency per rule and revision">
${axisTicks(max, top, bottom)}${ref}
${bars}
</svg></section>`;
}
