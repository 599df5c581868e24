// The CI job summary on fixed reports: a row per result that needs a look, escaping, links.

import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './markdown.js';
import { sampleReport, sampleResult } from './sample.testlib.js';

/** The table's body rows (lines that start with a pipe, minus header and separator). */
function rows(md: string): string[] {
  return md.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| verdict'));
}

/** Splits a table row on unescaped pipes, as GitHub does. */
function cells(row: string): string[] {
  return row
    .split(/(?<!\\)\|/)
    .slice(1, -1)
    .map((c) => c.trim());
}

const mixed = sampleReport([
  sampleResult('CANCEL-NO-RESPONSE', 'pass'),
  sampleResult('PING-RESPOND-PROMPTLY', 'pass'),
  sampleResult('CANCEL-IGNORE-INVALID', 'warn', { level: 'SHOULD' }),
  sampleResult('CANCEL-RACE-GRACEFUL', 'fail'),
  sampleResult('PROG-MONOTONIC', 'untestable', { summary: 'no slow tool with progress: pass --slow-tool' }),
  sampleResult('MSG-SCHEMA-VALID', 'info', { level: 'MAY' }),
  sampleResult('STDIO-STDOUT-ONLY-MCP', 'not-applicable'),
]);

describe('renderMarkdown', () => {
  it('heads with the outcome, the target, the revisions and the totals', () => {
    const md = renderMarkdown(mixed);
    expect(md.split('\n')[0]).toBe('## ❌ MCP cancellation: NOT CONFORMANT');
    expect(md).toContain('1 MUST violation · 1 SHOULD violation · 1 untestable');
    expect(md).toContain(
      '**Server:** srv 1.2.3 · **target:** node server.js (stdio) · **revisions:** 2025-11-25',
    );
    expect(md).toContain('**7 results:** 2 pass, 1 fail, 1 warn, 1 info, 1 untestable, 1 not-applicable');
  });

  it('has one table row per result that is neither pass nor n/a, worst first, each with four cells', () => {
    const table = rows(renderMarkdown(mixed));
    expect(table).toHaveLength(4);
    expect(table.map((r) => cells(r)[1])).toEqual([
      '[CANCEL-RACE-GRACEFUL](https://modelcontextprotocol.io/specification/2025-11-25/basic#cancel-race-graceful)',
      '[CANCEL-IGNORE-INVALID](https://modelcontextprotocol.io/specification/2025-11-25/basic#cancel-ignore-invalid)',
      '[PROG-MONOTONIC](https://modelcontextprotocol.io/specification/2025-11-25/basic#prog-monotonic)',
      '[MSG-SCHEMA-VALID](https://modelcontextprotocol.io/specification/2025-11-25/basic#msg-schema-valid)',
    ]);
    for (const r of table) expect(cells(r)).toHaveLength(4);
    expect(cells(table[0] ?? '')[0]).toBe('❌ FAIL (MUST)');
    expect(cells(table[2] ?? '')[3]).toBe('no slow tool with progress: pass --slow-tool');
  });

  it('lists the passes and the not-applicable rules compactly, one line each', () => {
    const md = renderMarkdown(mixed);
    expect(md).toContain('✅ **2 pass:** CANCEL-NO-RESPONSE, PING-RESPOND-PROMPTLY');
    expect(md).toContain('➖ **1 not applicable:** STDIO-STDOUT-ONLY-MCP');
  });

  it('names revisions in the pass line when the run had several', () => {
    const md = renderMarkdown(
      sampleReport([
        sampleResult('PING-RESPOND-PROMPTLY', 'pass', { revision: '2025-06-18' }),
        sampleResult('PING-RESPOND-PROMPTLY', 'pass'),
      ]),
    );
    expect(md).toContain('**2 pass:** PING-RESPOND-PROMPTLY (2025-06-18, 2025-11-25)');
    expect(md.split('\n')[0]).toBe('## ✅ MCP cancellation: CONFORMANT');
  });

  it('escapes hostile target strings: no broken cells, no HTML, no links, no line breaks', () => {
    const evil =
      'a|b `code` <script>alert(1)</script> [x](javascript:alert(1)) *em* $x$\u202e\n| injected | row |';
    const r = sampleReport([sampleResult('CANCEL-NO-RESPONSE', 'fail', { summary: evil })]);
    r.target.serverInfo = { name: evil, version: '1' };
    r.target.command = [evil];
    const md = renderMarkdown(r);
    expect(md).not.toContain('<script>');
    expect(md).not.toMatch(/(?<!\\)\]\(javascript/); // `](` only forms a link when `]` is unescaped
    expect(md).not.toMatch(/\n\| injected/);
    const table = rows(md);
    expect(table).toHaveLength(1);
    expect(cells(table[0] ?? '')).toHaveLength(4);
    const reason = cells(table[0] ?? '')[3];
    expect(reason).toBe(
      'a\\|b \\`code\\` &lt;script&gt;alert(1)&lt;/script&gt; \\[x\\](javascript:alert(1)) \\*em\\* \\$x\\$\\\\u202e \\| injected \\| row \\|',
    );
    expect(md).toContain('**Server:** a\\|b \\`code\\` &lt;script&gt;');
  });

  it('links only http(s) spec URLs, with characters that would end the link or the cell encoded', () => {
    const md = renderMarkdown(
      sampleReport([
        sampleResult('A-RULE', 'fail', { specUrl: 'https://example.org/a (b)|c' }),
        sampleResult('B-RULE', 'fail', { specUrl: 'javascript:alert(1)' }),
      ]),
    );
    expect(md).toContain('[A-RULE](https://example.org/a%20%28b%29%7Cc)');
    expect(md).not.toContain('javascript:');
    expect(cells(rows(md)[1] ?? '')[1]).toBe('B-RULE');
  });

  it('points at the HTML report: a link for a URL, escaped text for a path', () => {
    expect(renderMarkdown(mixed, { htmlReport: 'https://ci.example/report.html' })).toContain(
      '[HTML report](https://ci.example/report.html)',
    );
    expect(renderMarkdown(mixed, { htmlReport: 'out/my_report.html' })).toContain(
      'Full report with evidence: out/my\\_report.html',
    );
    expect(renderMarkdown(mixed)).not.toContain('Full report');
  });
});
