// The discovery section: what the suite learned about the target before the rules ran.

import type { Discovery } from '../../harness/model/report.js';
import type { Json } from '../../harness/model/protocol.js';
import { cut, esc, kv, LABEL_CAP } from './escape.js';
import { ms } from './numbers.js';

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
export function discoverySection(d: Discovery | null): string {
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
