// A baseline of expected failures (`--expected-failures <file.yml>`), in the shape of the official MCP
// conformance suite's: a YAML list under `server:`. An entry names a rule id, optionally narrowed to
// a revision and a transport: `CANCEL-NO-RESPONSE`, `CANCEL-NO-RESPONSE@2025-11-25`,
// `CANCEL-NO-RESPONSE@2025-11-25/http`, `CANCEL-NO-RESPONSE/stdio`. A listed result that still fails
// or warns does not fail the run (it is shown as expected); a listed entry whose results now pass
// fails the run as stale, so the baseline only ever shrinks.

import { readFileSync } from 'node:fs';
import { parse, stringify } from 'yaml';
import { UsageError } from './errors.js';
import type { RuleResult } from './model/report.js';
import { REVISIONS, type Revision, type Transport } from './model/protocol.js';

export interface BaselineEntry {
  /** The entry as written. */
  text: string;
  rule: string;
  revision: Revision | null;
  transport: Transport | null;
}

const ENTRY = /^([A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+)(?:@([0-9-]+))?(?:\/([a-z]+))?$/;

/** Reads one entry; a UsageError names what is wrong with it. */
export function parseEntry(text: string, knownRules: readonly string[], where: string): BaselineEntry {
  const m = ENTRY.exec(text.trim());
  if (!m)
    throw new UsageError(
      `${where}: '${text}' is not an entry; expected RULE-ID, RULE-ID@revision, RULE-ID@revision/transport or RULE-ID/transport`,
    );
  const [, rule = '', revision, transport] = m;
  if (!knownRules.includes(rule))
    throw new UsageError(`${where}: '${text}' names no rule of this suite (see --list-rules)`);
  if (revision !== undefined && !(REVISIONS as readonly string[]).includes(revision))
    throw new UsageError(
      `${where}: '${text}' names revision ${revision}; expected one of ${REVISIONS.join(', ')}`,
    );
  if (transport !== undefined && transport !== 'stdio' && transport !== 'http')
    throw new UsageError(`${where}: '${text}' names transport ${transport}; expected stdio or http`);
  return {
    text: text.trim(),
    rule,
    revision: (revision as Revision | undefined) ?? null,
    transport: (transport as Transport | undefined) ?? null,
  };
}

/** Reads a baseline file: the list under `server:` (a `client:` list, for client suites, is ignored). */
export function readBaseline(path: string, knownRules: readonly string[]): BaselineEntry[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    throw new UsageError(`--expected-failures cannot read ${path}: ${e.code ?? e.message}`);
  }
  let value: unknown;
  try {
    value = parse(text);
  } catch (error) {
    throw new UsageError(
      `--expected-failures ${path} is not YAML: ${(error as Error).message.split('\n')[0]}`,
    );
  }
  const list =
    typeof value === 'object' && value !== null ? (value as { server?: unknown }).server : undefined;
  if (list === undefined || list === null) return [];
  if (!Array.isArray(list) || list.some((x) => typeof x !== 'string'))
    throw new UsageError(
      `--expected-failures ${path}: "server" expects a list of entries such as CANCEL-NO-RESPONSE@2025-11-25`,
    );
  return (list as string[]).map((t) => parseEntry(t, knownRules, `--expected-failures ${path}`));
}

/** Whether an entry covers a result. */
export function covers(e: BaselineEntry, r: Pick<RuleResult, 'rule' | 'revision' | 'transport'>): boolean {
  return (
    e.rule === r.rule &&
    (e.revision === null || e.revision === r.revision) &&
    (e.transport === null || e.transport === r.transport)
  );
}

const broken = (r: RuleResult) => r.verdict === 'fail' || r.verdict === 'warn';

/**
 * Marks the results a baseline expects (still failing or warning), and returns the stale entries:
 * those that cover a result that passed and none that still fails or warns. An entry that covers
 * nothing decided (the rule was not run, or was untestable) is neither.
 */
export function applyBaseline(
  results: RuleResult[],
  entries: readonly BaselineEntry[],
): { results: RuleResult[]; stale: string[] } {
  const marked = results.map((r) =>
    broken(r) && entries.some((e) => covers(e, r)) ? { ...r, expectedFailure: true as const } : r,
  );
  const stale = entries
    .filter((e) => {
      const mine = results.filter((r) => covers(e, r));
      return mine.some((r) => r.verdict === 'pass') && !mine.some(broken);
    })
    .map((e) => e.text);
  return { results: marked, stale };
}

/** A baseline that expects every failing or warning result of a run, one entry per rule, revision and transport. */
export function baselineOf(results: readonly RuleResult[]): string {
  const entries = [...new Set(results.filter(broken).map((r) => `${r.rule}@${r.revision}/${r.transport}`))];
  return (
    '# Known deviations: these results do not fail the run while they still fail or warn;\n' +
    '# an entry whose results pass again fails the run as stale (remove it then).\n' +
    stringify({ server: entries })
  );
}
