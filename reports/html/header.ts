// The page's first screen: who was tested, the outcome in words, the counts and the facts of the run.

import type { RunReport } from '../../harness/model/report.js';
import { baselineLines, countVerdicts, overallOutcome } from '../outcome.js';
import { esc, shellWord } from './escape.js';
import { secs } from './numbers.js';
import { badge, VERDICT_ORDER } from './verdict.js';

// Why: the overall outcome is decided once for every reporter (reports/outcome.ts); the page adds a sentence.
export function outcome(report: RunReport): { tone: 'ok' | 'warn' | 'bad'; title: string; note: string } {
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

// Why: the page's first screen: who was tested, the verdict, the counts.
export function header(report: RunReport): string {
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
<p class="counts"><span class="muted">${report.results.length} results:</span> ${counts}</p>${baselineLines(
    report,
  )
    .map((l) => `\n<p class="muted">${esc(l)}</p>`)
    .join('')}
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
