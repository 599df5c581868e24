// Markdown for CI job summaries ($GITHUB_STEP_SUMMARY, GitLab/Jenkins comments): the outcome, the
// target, the totals, one table row per result that needs a look, and one compact line of the passes.
// A pure function of the report. Every string from the target (server name, command, summaries that
// quote it) is escaped so that it can neither break the table nor inject HTML or links.

import type { RuleResult, RunReport } from '../harness/model/report.js';
import type { Verdict } from '../harness/model/protocol.js';
import {
  baselineLines,
  countVerdicts,
  overallOutcome,
  resultLabel,
  visibleText,
  type OutcomeStatus,
} from './outcome.js';

/** What the summary may point to beyond the report itself. */
export interface MarkdownOptions {
  /** Where the HTML report was written (a path or URL), to point readers at the full evidence. */
  htmlReport?: string;
}

const ICON: Record<Verdict, string> = {
  pass: '✅',
  fail: '❌',
  warn: '⚠️',
  info: 'ℹ️',
  untestable: '🚫',
  'not-applicable': '➖',
  inconclusive: '❔',
  error: '💥',
};
const STATUS_ICON: Record<OutcomeStatus, string> = {
  fail: '❌',
  warn: '⚠️',
  incomplete: '❔',
  empty: '➖',
  pass: '✅',
};
/** Table order: what needs action first. */
const TABLE_ORDER: Verdict[] = ['error', 'fail', 'warn', 'inconclusive', 'untestable', 'info'];
const REASON_MAX = 300;
const COMMAND_MAX = 200;

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * One line of inline Markdown that renders as exactly the given text: no HTML (entities), no links or
 * images (`[` `]` escaped, so `(` and `!` are inert), no emphasis, code, strikethrough or math (GitHub
 * renders `$…$`), no cell breaks (`|`), and no line breaks (a newline could start a heading or a row).
 */
function md(text: string): string {
  return visibleText(text.replace(/\s*[\r\n]+\s*/g, ' '))
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_[\]|~$]/g, '\\$&');
}

/** A link destination, or null unless it is http(s); characters Markdown or the table would read are encoded. */
function url(href: string): string | null {
  if (!/^https?:\/\//i.test(href)) return null;
  return href.replace(
    /[\s()<>|"'`\\[\]]/g,
    (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
  );
}

function ruleLink(r: RuleResult): string {
  const dest = r.specUrl === undefined ? null : url(r.specUrl);
  return dest ? `[${md(r.rule)}](${dest})` : md(r.rule);
}

function row(r: RuleResult): string {
  const verdict = `${ICON[r.verdict]} ${resultLabel(r)} (${r.level})`;
  return `| ${md(verdict)} | ${ruleLink(r)} | ${md(r.revision)} | ${md(clip(r.summary, REASON_MAX))} |`;
}

/** "RULE, RULE (rev, rev)": the rules with a given verdict, revisions named when the run had several. */
function compactList(results: RuleResult[], multiRevision: boolean): string {
  const byRule = new Map<string, string[]>();
  for (const r of results) byRule.set(r.rule, [...(byRule.get(r.rule) ?? []), r.revision]);
  return [...byRule]
    .map(([rule, revs]) => (multiRevision ? `${md(rule)} (${revs.map(md).join(', ')})` : md(rule)))
    .join(', ');
}

/** The CI job summary: what a reviewer reads on the run's page without opening any artifact. */
export function renderMarkdown(report: RunReport, o: MarkdownOptions = {}): string {
  const t = report.target;
  const outcome = overallOutcome(report);
  const counts = countVerdicts(report);
  const lines: string[] = [];
  lines.push(`## ${STATUS_ICON[outcome.status]} MCP cancellation: ${md(outcome.label)}`, '');
  if (outcome.reasons.length > 0) lines.push(md(outcome.reasons.join(' · ')), '');
  const server = t.serverInfo ? `${t.serverInfo.name} ${t.serverInfo.version}`.trim() : '(no serverInfo)';
  const where = t.command ? t.command.join(' ') : (t.url ?? '');
  lines.push(
    `**Server:** ${md(server)} · **target:** ${md(clip(where, COMMAND_MAX))} (${md(t.transport)}) · ` +
      `**revisions:** ${md(t.revisions.join(', ') || 'none')}  `,
    `**Run:** ${md(`${report.tool.name} ${report.tool.version}`)} · seed ${md(String(report.seed))} · ` +
      `${(report.durationMs / 1000).toFixed(1)} s · time scale ${md(String(report.timeScale))} · ` +
      `strict ${report.strict ? 'on' : 'off'}`,
    '',
  );
  const totals = (Object.keys(counts) as Verdict[])
    .filter((v) => counts[v] > 0)
    .map((v) => `${counts[v]} ${v}`);
  lines.push(`**${report.results.length} results:** ${md(totals.join(', ') || 'none')}`, '');
  const baseline = baselineLines(report);
  if (baseline.length > 0) lines.push(...baseline.map((l) => `${md(l)}  `), '');
  const attention = TABLE_ORDER.flatMap((v) => report.results.filter((r) => r.verdict === v));
  if (attention.length > 0) {
    lines.push('| verdict | rule | revision | reason |', '|---|---|---|---|', ...attention.map(row), '');
  }
  for (const r of report.results) {
    const x = r.exploration;
    if (!x) continue;
    lines.push(
      `**${md(r.rule)}** was broken by this program, found by exploration (seed ${md(String(x.seed))}, ` +
        `reproduced ${x.reproduced} of ${x.attempts}):`,
      '',
      '```text',
      ...x.steps.map((s) => s.replace(/`/g, "'")),
      '```',
      '',
    );
    if (x.caseFile)
      lines.push(`Replay: \`mcp-cancel-conformance replay ${x.caseFile.replace(/`/g, "'")} <target>\``, '');
  }
  if (report.exploration) {
    const e = report.exploration;
    lines.push(
      `**Exploration:** ${e.programs} programs at ${md(e.revision)} in ${(e.durationMs / 1000).toFixed(1)} s, ` +
        `seed ${md(String(e.seed))}: ${e.findings === 0 ? 'no finding' : `${e.findings} finding`}`,
      '',
    );
  }
  const multi = new Set(report.results.map((r) => r.revision)).size > 1;
  const passes = report.results.filter((r) => r.verdict === 'pass');
  const na = report.results.filter((r) => r.verdict === 'not-applicable');
  if (passes.length > 0)
    lines.push(`${ICON.pass} **${passes.length} pass:** ${compactList(passes, multi)}  `);
  if (na.length > 0)
    lines.push(`${ICON['not-applicable']} **${na.length} not applicable:** ${compactList(na, multi)}  `);
  if (passes.length + na.length > 0) lines.push('');
  if (o.htmlReport) {
    const dest = url(o.htmlReport);
    lines.push(
      dest
        ? `Full report with evidence: [HTML report](${dest})`
        : `Full report with evidence: ${md(o.htmlReport)}`,
    );
    lines.push('');
  }
  lines.push(`Replay the seeded choices with \`--seed ${report.seed}\`.`, '');
  return lines.join('\n');
}
