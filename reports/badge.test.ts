// The SVG badge on fixed reports: well-formed, coloured by outcome, labelled, escaped.

import { DOMParser } from '@xmldom/xmldom';
import { describe, expect, it } from 'vitest';
import type { RunReport } from '../harness/model/report.js';
import type { Verdict } from '../harness/model/protocol.js';
import { renderBadge } from './badge.js';
import { sampleVerdictReport } from './sample.testlib.js';

type Doc = ReturnType<DOMParser['parseFromString']>;

function report(verdicts: Verdict[], strict = false, name = 'srv'): RunReport {
  return sampleVerdictReport(verdicts, { strict, target: { serverInfo: { name, version: '1.0.0' } } });
}

/** Parses the SVG; throws on any parser complaint. */
function parse(svg: string): Doc {
  return new DOMParser({
    onError: (level, msg) => {
      if (level !== 'warning') throw new Error(msg);
    },
  }).parseFromString(svg, 'image/svg+xml');
}

function badge(r: RunReport) {
  const svg = renderBadge(r);
  const doc = parse(svg);
  const rects = Array.from(doc.getElementsByTagName('rect'));
  const texts = Array.from(doc.getElementsByTagName('text')).filter(
    (t) => t.getAttribute('aria-hidden') !== 'true',
  );
  return {
    svg,
    root: doc.documentElement,
    title: doc.getElementsByTagName('title')[0]?.textContent ?? '',
    color: rects[2]?.getAttribute('fill'),
    widths: [rects[1]?.getAttribute('width'), rects[2]?.getAttribute('width')].map(Number),
    texts: texts.map((t) => t.textContent),
    lengths: texts.map((t) => Number(t.getAttribute('textLength'))),
  };
}

const PASS = Array<Verdict>(13).fill('pass');

describe('renderBadge', () => {
  it('is a well-formed standalone SVG with a title and an accessible name', () => {
    const b = badge(report(PASS));
    expect(b.root?.tagName).toBe('svg');
    expect(b.root?.getAttribute('xmlns')).toBe('http://www.w3.org/2000/svg');
    expect(b.root?.getAttribute('role')).toBe('img');
    expect(b.title).toBe(
      'MCP cancellation: 13/13 pass: CONFORMANT; srv 1.0.0, revision 2025-11-25; mcp-cancel-conformance 0.1.0',
    );
    expect(b.root?.getAttribute('aria-label')).toBe(b.title);
    expect(b.svg).not.toMatch(/href|<image|@import|url\((?!#)/); // nothing to load
  });

  it.each([
    ['all pass', PASS, false, '13/13 pass', '#2e7d32'],
    ['SHOULD broken', [...PASS.slice(2), 'warn', 'warn'], false, '2 warn', '#a15c00'],
    ['SHOULD broken, --strict', ['pass', 'warn'], true, '1 warn', '#c62828'],
    ['MUST broken', ['pass', 'fail', 'warn'], false, '1 fail, 1 warn', '#c62828'],
    ['suite error', ['pass', 'error'], false, '1 error', '#c62828'],
    [
      'some untestable',
      ['pass', 'pass', 'untestable', 'not-applicable', 'info'],
      false,
      '2/3 pass',
      '#5f6f1a',
    ],
    ['nothing tested', ['untestable'], false, 'not tested', '#6e6e6e'],
  ] as const)('%s: says "%s"', (_, verdicts, strict, text, color) => {
    const b = badge(report([...verdicts], strict));
    expect(b.texts).toEqual(['MCP cancellation', text]);
    expect(b.color).toBe(color);
  });

  it('sizes each half from its text, wider text making a wider box', () => {
    const short = badge(report(['fail']));
    const long = badge(report(Array<Verdict>(130).fill('pass')));
    expect(short.lengths[0]).toBeGreaterThan(80);
    expect(short.lengths[0]).toBeLessThan(110);
    expect(long.lengths[1]).toBeGreaterThan(short.lengths[1] ?? Infinity);
    for (const b of [short, long]) {
      expect(b.widths[0]).toBeGreaterThan(b.lengths[0] ?? Infinity);
      expect(b.widths[1]).toBeGreaterThan(b.lengths[1] ?? Infinity);
      expect(Number(b.root?.getAttribute('width'))).toBe((b.widths[0] ?? 0) + (b.widths[1] ?? 0));
    }
  });

  it('escapes a hostile server name in the title and the label', () => {
    const evil = '"><script>alert(1)</script>&\u0007';
    const b = badge(report(['pass'], false, evil));
    expect(b.svg).not.toContain('<script');
    expect(b.title).toContain('"><script>alert(1)</script>&\\u0007 1.0.0');
    expect(b.root?.getAttribute('aria-label')).toBe(b.title);
  });
});
