// End to end: one run writes every report format, and report-index turns JSON reports into a
// linked index; bad report-index input ends with one line and exit 2.

import { DOMParser } from '@xmldom/xmldom';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateReport } from '../model/report.js';

const ROOT = resolve(import.meta.dirname, '../..');
const CLI = join(ROOT, 'dist', 'harness', 'cli', 'main.js');
const dir = mkdtempSync(join(tmpdir(), 'mcc-reports-'));

function cli(args: string[]) {
  return spawnSync(process.execPath, [CLI, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, NO_COLOR: '1' },
  });
}

/** Parses XML and returns the parser's complaints (empty when well-formed). */
function xmlErrors(text: string): string[] {
  const errors: string[] = [];
  new DOMParser({ onError: (level, msg) => level !== 'warning' && errors.push(msg) }).parseFromString(
    text,
    'text/xml',
  );
  return errors;
}

beforeAll(() => {
  if (!existsSync(CLI)) spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore' });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a run writes every report format', () => {
  let run: ReturnType<typeof cli>;
  beforeAll(() => {
    const rules = [
      '--rule',
      'CANCEL-NO-RESPONSE',
      '--rule',
      'PING-RESPOND-PROMPTLY',
      '--rule',
      'CANCEL-INIT-UNCANCELLABLE',
    ];
    const outputs = ['json', 'html', 'junit', 'markdown', 'badge'].flatMap((f) => [
      `--${f}`,
      join(dir, `sdk.${f}`),
    ]);
    run = cli([...rules, ...outputs, '--seed', '7', 'dist/fixtures/conformant/sdk-server.js']);
  }, 120_000);

  it('exits 0 (a SHOULD warning only) and says where each report went', () => {
    expect(run.status, run.stderr).toBe(0);
    for (const f of ['json', 'html', 'junit', 'markdown', 'badge'])
      expect(run.stdout).toContain(`report: ${join(dir, `sdk.${f}`)}`);
  });

  it('writes a JSON report valid against its schema, and the other formats from it', () => {
    const report = JSON.parse(readFileSync(join(dir, 'sdk.json'), 'utf8')) as unknown;
    expect(validateReport(report).errors).toEqual([]);
    // Rule ids may carry <wbr> break hints in the HTML.
    const html = readFileSync(join(dir, 'sdk.html'), 'utf8').replace(/<wbr>/g, '');
    expect(html).toMatch(/^<!doctype html>/i);
    expect(html).toContain('CANCEL-INIT-UNCANCELLABLE');
    expect(xmlErrors(readFileSync(join(dir, 'sdk.junit'), 'utf8'))).toEqual([]);
    expect(readFileSync(join(dir, 'sdk.junit'), 'utf8')).toContain('CANCEL-INIT-UNCANCELLABLE');
    expect(readFileSync(join(dir, 'sdk.markdown'), 'utf8')).toContain('CANCEL-INIT-UNCANCELLABLE');
    const badge = readFileSync(join(dir, 'sdk.badge'), 'utf8');
    expect(xmlErrors(badge)).toEqual([]);
    expect(badge).toContain('<svg');
  });
});

describe('report-index', () => {
  it('renders a page per report and an index linking to them', { timeout: 180_000 }, () => {
    const a = join(dir, 'a.json');
    const b = join(dir, 'b.json');
    expect(
      cli(['--rule', 'PING-RESPOND-PROMPTLY', '--json', a, 'dist/fixtures/conformant/reference-server.js'])
        .status,
    ).toBe(0);
    expect(
      cli(['--rule', 'PING-RESPOND-PROMPTLY', '--json', b, 'dist/fixtures/broken/blocks-while-working.js'])
        .status,
    ).toBe(1);
    const out = join(dir, 'site');
    const r = cli(['report-index', a, b, '--out', out]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain(join(out, 'index.html'));
    const pages = readdirSync(out).sort();
    expect(pages).toEqual(['01-reference-server.html', '02-blocks-while-working.html', 'index.html']);
    const index = readFileSync(join(out, 'index.html'), 'utf8').replace(/<wbr>/g, '');
    expect(index).toContain('href="01-reference-server.html"');
    expect(index).toContain('href="02-blocks-while-working.html"');
    expect(index).toContain('PING-RESPOND-PROMPTLY');
  });

  it('names what is wrong with its input, in one line, exit 2', () => {
    const notReport = join(dir, 'not-a-report.json');
    writeFileSync(notReport, '{"hello": 1}');
    for (const [args, text] of [
      [['report-index', '--out', join(dir, 'x')], 'expects one or more JSON reports'],
      [['report-index', notReport], 'expects --out <dir>'],
      [['report-index', join(dir, 'missing.json'), '--out', join(dir, 'x')], 'cannot read'],
      [['report-index', notReport, '--out', join(dir, 'x')], 'is not a mcp-cancel-conformance report'],
    ] as const) {
      const r = cli([...args]);
      expect(r.status).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain(text);
    }
  });
});
