// The baseline of expected failures: reading it (every mistake in one line), which results it
// expects, which entries are stale, and a baseline written from a run reads back as the same.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { applyBaseline, baselineOf, parseEntry, readBaseline } from './baseline.js';
import { UsageError } from './errors.js';
import type { RuleResult } from './model/report.js';

const RULES = ['CANCEL-NO-RESPONSE', 'PING-RESPOND-PROMPTLY', 'RPC-NOTIF-NO-RESPONSE'];
const work = mkdtempSync(join(tmpdir(), 'mcc-baseline-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const file = (name: string, text: string) => {
  const path = join(work, name);
  writeFileSync(path, text);
  return path;
};
const result = (rule: string, verdict: RuleResult['verdict'], revision = '2025-11-25', transport = 'stdio') =>
  ({ rule, verdict, revision, transport }) as RuleResult;

describe('readBaseline', () => {
  it('reads the list under server:, with every way to narrow an entry', () => {
    const path = file(
      'b.yml',
      [
        '# known deviations',
        'server:',
        '  - CANCEL-NO-RESPONSE',
        '  - PING-RESPOND-PROMPTLY@2025-11-25',
        '  - RPC-NOTIF-NO-RESPONSE@2026-07-28/http',
        '  - CANCEL-NO-RESPONSE/stdio',
        'client:',
        '  - some-client-scenario',
      ].join('\n'),
    );
    expect(readBaseline(path, RULES)).toEqual([
      { text: 'CANCEL-NO-RESPONSE', rule: 'CANCEL-NO-RESPONSE', revision: null, transport: null },
      {
        text: 'PING-RESPOND-PROMPTLY@2025-11-25',
        rule: 'PING-RESPOND-PROMPTLY',
        revision: '2025-11-25',
        transport: null,
      },
      {
        text: 'RPC-NOTIF-NO-RESPONSE@2026-07-28/http',
        rule: 'RPC-NOTIF-NO-RESPONSE',
        revision: '2026-07-28',
        transport: 'http',
      },
      { text: 'CANCEL-NO-RESPONSE/stdio', rule: 'CANCEL-NO-RESPONSE', revision: null, transport: 'stdio' },
    ]);
    expect(readBaseline(file('empty.yml', 'server:\n'), RULES)).toEqual([]);
  });

  it('refuses every mistake in one line: unknown rule, revision or transport, bad shape, unreadable', () => {
    const refused = (text: string | null) => {
      const path = text === null ? join(work, 'absent.yml') : file('bad.yml', text);
      try {
        readBaseline(path, RULES);
      } catch (e) {
        expect(e).toBeInstanceOf(UsageError);
        expect((e as Error).message).not.toContain('\n');
        return (e as Error).message;
      }
      return 'accepted';
    };
    expect(refused('server:\n  - NOPE-RULE\n')).toMatch(/'NOPE-RULE' names no rule of this suite/);
    expect(refused('server:\n  - CANCEL-NO-RESPONSE@2099-01-01\n')).toMatch(
      /names revision 2099-01-01; expected one of/,
    );
    expect(refused('server:\n  - CANCEL-NO-RESPONSE/ws\n')).toMatch(
      /names transport ws; expected stdio or http/,
    );
    expect(refused('server:\n  - cancel-no-response\n')).toMatch(/is not an entry; expected RULE-ID/);
    expect(refused('server: CANCEL-NO-RESPONSE\n')).toMatch(/"server" expects a list/);
    expect(refused('server: [\n')).toMatch(/is not YAML/);
    expect(refused(null)).toMatch(/cannot read .*absent\.yml: ENOENT/);
  });

  it('parses one entry as the command line does', () => {
    expect(parseEntry(' PING-RESPOND-PROMPTLY/http ', RULES, 'x')).toMatchObject({
      transport: 'http',
      revision: null,
    });
  });
});

describe('applyBaseline', () => {
  const entries = [
    parseEntry('CANCEL-NO-RESPONSE@2025-11-25', RULES, 'x'),
    parseEntry('PING-RESPOND-PROMPTLY', RULES, 'x'),
    parseEntry('RPC-NOTIF-NO-RESPONSE/http', RULES, 'x'),
  ];

  it('expects the listed results that still fail or warn, and only those', () => {
    const { results, stale } = applyBaseline(
      [
        result('CANCEL-NO-RESPONSE', 'warn'),
        result('CANCEL-NO-RESPONSE', 'warn', '2026-07-28'),
        result('PING-RESPOND-PROMPTLY', 'fail'),
        result('RPC-NOTIF-NO-RESPONSE', 'fail', '2025-11-25', 'stdio'),
      ],
      entries,
    );
    expect(results.map((r) => r.expectedFailure === true)).toEqual([true, false, true, false]);
    expect(results.map((r) => r.verdict)).toEqual(['warn', 'warn', 'fail', 'fail']);
    expect(stale).toEqual([]);
  });

  it('an entry whose results pass again is stale; one that covers nothing decided is not', () => {
    const { results, stale } = applyBaseline(
      [
        result('CANCEL-NO-RESPONSE', 'pass'),
        result('PING-RESPOND-PROMPTLY', 'pass'),
        result('PING-RESPOND-PROMPTLY', 'fail', '2025-06-18'),
        result('RPC-NOTIF-NO-RESPONSE', 'untestable', '2025-11-25', 'http'),
      ],
      entries,
    );
    expect(stale).toEqual(['CANCEL-NO-RESPONSE@2025-11-25']);
    expect(results.filter((r) => r.expectedFailure).map((r) => r.revision)).toEqual(['2025-06-18']);
  });
});

describe('baselineOf', () => {
  it('writes every failing or warning result once, and reads back to expect exactly those', () => {
    const run = [
      result('CANCEL-NO-RESPONSE', 'warn'),
      result('CANCEL-NO-RESPONSE', 'warn'),
      result('PING-RESPOND-PROMPTLY', 'pass'),
      result('RPC-NOTIF-NO-RESPONSE', 'fail', '2026-07-28', 'http'),
    ];
    const text = baselineOf(run);
    expect(text).toMatch(/^# Known deviations/);
    const entries = readBaseline(file('written.yml', text), RULES);
    expect(entries.map((e) => e.text)).toEqual([
      'CANCEL-NO-RESPONSE@2025-11-25/stdio',
      'RPC-NOTIF-NO-RESPONSE@2026-07-28/http',
    ]);
    const { results, stale } = applyBaseline(run, entries);
    expect(results.map((r) => r.expectedFailure === true)).toEqual([true, true, false, true]);
    expect(stale).toEqual([]);
  });
});
