// JUnit XML for CI systems (GitHub Actions test reporters, GitLab, Jenkins): a pure function of the report.
//
// Shape: <testsuites> holds one <testsuite> per (revision, transport), named
// "mcp-cancel-conformance <revision> <transport>", with tests/failures/errors/skipped counts, the time in
// seconds and the run's start as timestamp; one <testcase> per result, classname
// "mcp-cancel-conformance.<revision>", name "<rule id>: <title>", time in seconds.
//
// Mapping (JUNIT_MAPPING below is the table the renderer itself uses, so the docs cannot drift):
// - fail → <failure type="<keyword>">: Requirement / Expected / Actual / Spec, then the evidence events.
// - error → <error>: the suite failed; CI must notice, and must not blame the server for it.
// - warn → <failure> under --strict; otherwise a passed test case whose <system-out> starts with
//   "WARN (SHOULD): …". A SHOULD violation is not a conformance failure (the exit code is 0 without
//   --strict), so failing the CI test report would contradict the run; yet it must stay visible, so the
//   full Requirement / Expected / Actual goes into the test case's output rather than disappearing.
// - untestable / not-applicable / inconclusive → <skipped message="<verdict>: <reason>"/>: nothing was
//   proved either way, which is exactly what "skipped" means to every JUnit consumer.
// - info (a MAY, or an INFORMATIVE measurement such as CANCEL-STOP-LATENCY) and pass → passed, with the
//   summary (the measurement's figures) in <system-out>.
// The target's stderr tail of each result goes into that test case's <system-err>.
// Every string is escaped, and characters XML 1.0 forbids are shown as `\uXXXX` (target stderr can
// contain anything, and one stray BEL would otherwise make the whole file unreadable to CI).

import type { RuleResult, RunReport } from '../harness/model/report.js';
import type { Verdict } from '../harness/model/protocol.js';
import { escapeAttr, escapeText, overallOutcome, resultLabel } from './outcome.js';
import { eventLine } from './terminal.js';

type JunitKind = 'failure' | 'error' | 'skipped' | 'passed';

/** One row of the verdict → JUnit mapping: what each verdict becomes, with and without --strict. */
export interface JunitMappingRow {
  verdict: Verdict;
  junit: string;
  strict: string;
  why: string;
}

const KIND: Record<Verdict, { normal: JunitKind; strict: JunitKind; why: string }> = {
  pass: {
    normal: 'passed',
    strict: 'passed',
    why: 'the rule was exercised and held; summary in `<system-out>`',
  },
  fail: {
    normal: 'failure',
    strict: 'failure',
    why: 'a MUST / MUST NOT was broken: Requirement, Expected, Actual, Spec and evidence in the body',
  },
  warn: {
    normal: 'passed',
    strict: 'failure',
    why: 'a SHOULD was broken: fails CI only under --strict (as the exit code does); otherwise "WARN (SHOULD): …" in `<system-out>`',
  },
  info: {
    normal: 'passed',
    strict: 'passed',
    why: "a MAY observation, or the suite's own measurement (level INFORMATIVE: CANCEL-STOP-LATENCY), never a failure; shown in `<system-out>`",
  },
  untestable: {
    normal: 'skipped',
    strict: 'skipped',
    why: 'the rule applies but could not be exercised; the message says what is missing',
  },
  'not-applicable': {
    normal: 'skipped',
    strict: 'skipped',
    why: 'the rule does not exist for this revision or transport',
  },
  inconclusive: {
    normal: 'skipped',
    strict: 'skipped',
    why: 'the observation was ambiguous; the message says why',
  },
  error: {
    normal: 'error',
    strict: 'error',
    why: 'the suite itself failed, not the server; CI must still notice',
  },
};

function element(kind: JunitKind): string {
  return kind === 'passed' ? 'passed (no child element)' : `<${kind}>`;
}

/** The verdict → JUnit mapping as a table, for the README and for anyone reading the CI output. */
export const JUNIT_MAPPING: readonly JunitMappingRow[] = (Object.keys(KIND) as Verdict[]).map((verdict) => ({
  verdict,
  junit: element(KIND[verdict].normal),
  strict: element(KIND[verdict].strict),
  why: KIND[verdict].why,
}));

const EVIDENCE_LINES = 20;

function seconds(ms: number): string {
  return (Math.max(0, ms) / 1000).toFixed(3);
}

/** ISO 8601 in UTC to the second (xsd:dateTime, as JUnit consumers parse it); omitted when unparsable. */
function timestamp(iso: string): string | null {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? null : new Date(t).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function attrs(values: Record<string, string | number | null>): string {
  return Object.entries(values)
    .filter((e): e is [string, string | number] => e[1] !== null)
    .map(([k, v]) => ` ${k}="${escapeAttr(String(v))}"`)
    .join('');
}

/** Requirement / Expected / Actual / Spec, metrics and evidence: the body of a failure or error. */
export function details(r: RuleResult): string[] {
  const lines = [
    `Requirement: ${r.requirement ?? r.quote ?? '(none at this revision)'}`,
    `Expected: ${r.expected ?? '(not recorded)'}`,
    `Actual: ${r.actual ?? r.summary}`,
    `Spec: ${r.specUrl ?? '(none at this revision)'}`,
  ];
  const metrics = Object.entries(r.metrics).map(([k, v]) => `${k}=${v}`);
  if (metrics.length > 0) lines.push(`Metrics: ${metrics.join(' ')}`);
  const evidence = r.transcript.filter((e) => r.evidence.includes(e.seq));
  if (evidence.length > 0) {
    lines.push('Evidence:');
    for (const e of evidence.slice(0, EVIDENCE_LINES)) lines.push(`  ${eventLine(e)}`);
    if (evidence.length > EVIDENCE_LINES)
      lines.push(`  (+${evidence.length - EVIDENCE_LINES} more evidence events in the JSON report)`);
  }
  const x = r.exploration;
  if (x) {
    lines.push(
      `Exploration (seed ${x.seed}, invariant "${x.invariant}", reproduced ${x.reproduced} of ${x.attempts}), shrunk program:`,
      ...x.steps.map((s) => `  ${s}`),
    );
    if (x.caseFile) lines.push(`Replay: mcp-cancel-conformance replay ${x.caseFile} <target>`);
  }
  return lines;
}

function kindOf(r: RuleResult, strict: boolean): JunitKind {
  const kind = strict ? KIND[r.verdict].strict : KIND[r.verdict].normal;
  // Listed in the baseline: a known deviation, reported but not failing the build.
  return r.expectedFailure && kind === 'failure' ? 'skipped' : kind;
}

function testcase(r: RuleResult, strict: boolean): string {
  const head = `    <testcase${attrs({
    classname: `mcp-cancel-conformance.${r.revision}`,
    name: `${r.rule}: ${r.title}`,
    time: seconds(r.durationMs),
  })}>`;
  const body: string[] = [];
  const kind = kindOf(r, strict);
  const label = `${resultLabel(r)} (${r.level})`;
  if (r.expectedFailure && kind === 'skipped')
    body.push(
      `      <skipped${attrs({ message: `expected failure (baseline): ${label}: ${r.summary}` })}/>`,
      `      <system-out>${escapeText([`${label}: ${r.summary}`, ...details(r)].join('\n'))}</system-out>`,
    );
  else if (kind === 'failure' || kind === 'error')
    body.push(
      `      <${kind}${attrs({ message: r.summary, type: kind === 'error' ? 'suite error' : r.level })}>${escapeText(
        [`${label}: ${r.summary}`, ...details(r)].join('\n'),
      )}</${kind}>`,
    );
  else if (kind === 'skipped')
    body.push(`      <skipped${attrs({ message: `${r.verdict}: ${r.summary}` })}/>`);
  else {
    const out = [`${label}: ${r.summary}`];
    if (r.verdict === 'warn') out.push(...details(r), 'Fails the run only with --strict.');
    body.push(`      <system-out>${escapeText(out.join('\n'))}</system-out>`);
  }
  if (r.stderrTail.length > 0)
    body.push(`      <system-err>${escapeText(r.stderrTail.join('\n'))}</system-err>`);
  return [head, ...body, '    </testcase>'].join('\n');
}

interface Suite {
  name: string;
  results: RuleResult[];
}

/** Groups results by revision and transport, oldest revision first, each in the report's order. */
function suites(report: RunReport): Suite[] {
  const groups = new Map<string, Suite>();
  for (const r of report.results) {
    const name = `mcp-cancel-conformance ${r.revision} ${r.transport}`;
    const group = groups.get(name) ?? { name, results: [] };
    group.results.push(r);
    groups.set(name, group);
  }
  if (groups.size === 0)
    for (const rev of report.target.revisions) {
      const name = `mcp-cancel-conformance ${rev} ${report.target.transport}`;
      groups.set(name, { name, results: [] });
    }
  return [...groups.values()].sort((a, b) => a.name.localeCompare(b.name));
}

function tally(results: RuleResult[], strict: boolean) {
  const kinds = results.map((r) => kindOf(r, strict));
  return {
    tests: results.length,
    failures: kinds.filter((k) => k === 'failure').length,
    errors: kinds.filter((k) => k === 'error').length,
    skipped: kinds.filter((k) => k === 'skipped').length,
  };
}

/** Renders the report as JUnit XML (see the mapping at the top of this file). */
export function renderJunit(report: RunReport): string {
  const t = report.target;
  const outcome = overallOutcome(report);
  const properties = [
    ['tool.version', report.tool.version],
    ['target.server', t.serverInfo ? `${t.serverInfo.name} ${t.serverInfo.version}` : '(no serverInfo)'],
    ['target.transport', t.transport],
    ['target.command', t.command ? t.command.join(' ') : null],
    ['target.url', t.url],
    ['seed', String(report.seed)],
    ['strict', String(report.strict)],
    ['timeScale', String(report.timeScale)],
    ['outcome', [outcome.label, ...outcome.reasons].join('; ')],
  ]
    .filter((p): p is [string, string] => p[1] !== null)
    .map(([name, value]) => `      <property${attrs({ name, value })}/>`);
  const stamp = timestamp(report.startedAt);
  const blocks = suites(report).map((s) => {
    const c = tally(s.results, report.strict);
    const time = s.results.reduce((sum, r) => sum + r.durationMs, 0);
    return [
      `  <testsuite${attrs({ name: s.name, ...c, time: seconds(time), timestamp: stamp })}>`,
      '    <properties>',
      ...properties,
      '    </properties>',
      ...s.results.map((r) => testcase(r, report.strict)),
      '  </testsuite>',
    ].join('\n');
  });
  // A stale baseline entry fails the run: one failing testcase each, in a suite of its own.
  const stale = report.baseline?.stale ?? [];
  if (stale.length > 0)
    blocks.push(
      [
        `  <testsuite${attrs({ name: 'mcp-cancel-conformance baseline', tests: stale.length, failures: stale.length, errors: 0, skipped: 0, time: seconds(0), timestamp: stamp })}>`,
        ...stale.map((e) =>
          [
            `    <testcase${attrs({ classname: 'mcp-cancel-conformance.baseline', name: `stale entry ${e}`, time: seconds(0) })}>`,
            `      <failure${attrs({ message: `${e} is listed in ${report.baseline?.file ?? 'the baseline'} but its results pass now; remove it from the baseline`, type: 'stale baseline' })}/>`,
            '    </testcase>',
          ].join('\n'),
        ),
        '  </testsuite>',
      ].join('\n'),
    );
  const all = tally(report.results, report.strict);
  all.tests += stale.length;
  all.failures += stale.length;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites${attrs({ name: 'mcp-cancel-conformance', ...all, time: seconds(report.durationMs) })}>`,
    ...blocks,
    '</testsuites>',
    '',
  ].join('\n');
}
