// The terminal summary: what a person reads at a glance after a run. A pure function of the report.

import type { RuleResult, RunReport } from '../harness/model/report.js';
import type { TranscriptEvent } from '../harness/model/transcript.js';
import type { Verdict } from '../harness/model/protocol.js';
import { baselineLines, overallOutcome, resultLabel } from './outcome.js';

export interface TerminalOptions {
  color: boolean;
  /** Where the reports were written, to say so at the end. */
  written: string[];
}

const COLOR: Record<Verdict, number> = {
  pass: 32,
  fail: 31,
  warn: 33,
  info: 36,
  untestable: 35,
  'not-applicable': 90,
  inconclusive: 35,
  error: 41,
};

function paint(on: boolean, code: number, text: string): string {
  return on ? `\u001b[${code}m${text}\u001b[0m` : text;
}

/** One transcript event as a line: time, direction, content. */
export function eventLine(e: TranscriptEvent): string {
  const arrow = e.dir === 'client' ? '→' : e.dir === 'server' ? '←' : '·';
  const body = e.kind === 'message' ? JSON.stringify(e.message) : `[${e.kind}] ${e.text ?? ''}`;
  const text = body.length > 160 ? `${body.slice(0, 157)}...` : body;
  // Over Streamable HTTP a message names the stream it travelled on (POST#3, GET#1).
  const stream = e.kind === 'message' && e.stream ? ` [${e.stream}]` : '';
  return `${e.t.toFixed(1).padStart(9)} ms ${arrow}${stream} ${text}`;
}

/** The exploration finding of a result: the shrunk program and how to run it again. */
export function explorationLines(r: RuleResult, target: string): string[] {
  const x = r.exploration;
  if (!x) return [];
  const out = [
    `        Exploration: invariant "${x.invariant}", seed ${x.seed}, shrunk ${x.shrinks} times, reproduced ${x.reproduced} of ${x.attempts} re-runs; program:`,
    ...x.steps.map((s) => `          ${s}`),
  ];
  if (x.caseFile) out.push(`        Replay:      mcp-cancel-conformance replay ${x.caseFile} ${target}`);
  return out;
}

function details(r: RuleResult, color: boolean): string[] {
  const out = [
    ...(r.quote !== undefined ? [`        Requirement: ${r.quote}`] : []),
    ...(r.specUrl !== undefined ? [`        Spec:        ${r.specUrl}`] : []),
  ];
  if (r.expected) out.push(`        Expected:    ${r.expected}`);
  if (r.actual) out.push(`        Actual:      ${r.actual}`);
  const evidence = r.transcript.filter((e) => r.evidence.includes(e.seq)).slice(0, 6);
  if (evidence.length > 0) {
    out.push('        Evidence:');
    for (const e of evidence) out.push(paint(color, 90, `          ${eventLine(e)}`));
  }
  return out;
}

/** Renders the whole summary. */
export function renderTerminal(report: RunReport, o: TerminalOptions): string {
  const lines: string[] = [];
  const t = report.target;
  const server = t.serverInfo ? `${t.serverInfo.name} ${t.serverInfo.version}`.trim() : 'unnamed server';
  lines.push(`mcp-cancel-conformance ${report.tool.version}`);
  lines.push(`target:    ${(t.command ?? [t.url]).join(' ')} (${t.transport}) — ${server}`);
  lines.push(`revisions: ${t.revisions.join(', ')}   seed: ${report.seed}   time scale: ${report.timeScale}`);
  const d = report.discovery;
  if (d) {
    lines.push(
      d.slowTool
        ? `slow tool: ${d.slowTool.name} ${JSON.stringify(d.slowTool.args)} — ${d.slowTool.reason}${d.slowTool.progress ? '' : ' (no progress notifications)'}`
        : 'slow tool: none',
    );
    lines.push(
      d.requestTool ? `request tool: ${d.requestTool.name} — ${d.requestTool.reason}` : 'request tool: none',
    );
    lines.push(
      `timing:    rtt ${d.rttMs ?? '?'} ms, silence window ${d.silenceMs} ms, progress every ${d.progressIntervalMs === null ? '?' : Math.round(d.progressIntervalMs)} ms`,
    );
    for (const n of d.notes) lines.push(paint(o.color, 90, `note:      ${n}`));
  }
  lines.push('');
  const width = Math.max(...report.results.map((r) => r.rule.length), 10);
  const labelWidth = Math.max(12, ...report.results.map((r) => resultLabel(r).length + 1));
  // Rules that do not exist for a revision or transport are summed up in one line, not listed.
  const notHere = report.results.filter((r) => r.verdict === 'not-applicable');
  for (const r of report.results) {
    if (r.verdict === 'not-applicable') continue;
    const label = paint(o.color, COLOR[r.verdict], resultLabel(r).padEnd(labelWidth));
    lines.push(`  ${label} ${r.rule.padEnd(width)}  ${r.revision}  ${r.summary}`);
    if (r.verdict === 'fail' || r.verdict === 'warn' || r.verdict === 'error')
      lines.push(...details(r, o.color));
    lines.push(...explorationLines(r, (t.command ?? [t.url]).join(' ')));
  }
  if (notHere.length > 0) {
    const byRevision = new Map<string, string[]>();
    for (const r of notHere) byRevision.set(r.revision, [...(byRevision.get(r.revision) ?? []), r.rule]);
    const said = [...byRevision].map(([rev, ids]) => `${rev}: ${ids.join(', ')}`).join('; ');
    lines.push(
      paint(o.color, 90, `  not applicable (another revision, transport or declared capability): ${said}`),
    );
  }
  lines.push('');
  for (const line of baselineLines(report))
    lines.push(paint(o.color, line.startsWith('stale') ? 31 : 90, line));
  const x = report.exploration;
  if (x)
    lines.push(
      `exploration: ${x.programs} programs at ${x.revision} in ${(x.durationMs / 1000).toFixed(1)} s, seed ${x.seed}: ${x.findings === 0 ? 'no finding' : `${x.findings} finding (shown above with its program)`}`,
      ...x.notes.map((n) => paint(o.color, 90, `note:        ${n}`)),
    );
  const c = report.counts;
  const parts = (Object.keys(c) as Verdict[]).filter((v) => c[v] > 0).map((v) => `${c[v]} ${v}`);
  lines.push(
    `${report.results.length} result${report.results.length === 1 ? '' : 's'}: ${parts.join(', ')} · ${(report.durationMs / 1000).toFixed(1)} s · seed ${report.seed}`,
  );
  // The same outcome, in the same words, as the HTML, Markdown and badge reports.
  const outcome = overallOutcome(report);
  const tone = outcome.status === 'fail' ? 31 : outcome.status === 'pass' ? 32 : 33;
  const hint = !report.strict && c.warn > 0 ? ' (SHOULD violations fail the run with --strict)' : '';
  lines.push(
    paint(
      o.color,
      tone,
      `${outcome.label}${outcome.reasons.length ? `: ${outcome.reasons.join(', ')}` : ''}${hint}`,
    ),
  );
  for (const w of o.written) lines.push(`report: ${w}`);
  return lines.join('\n') + '\n';
}
