// A shields-style SVG badge ("MCP cancellation | 13/13 pass") for a README: a pure function of the
// report, self-contained (no fonts or images to load), with a <title> and aria-label for screen readers.
// Colours are darker than shields' defaults so white text keeps a contrast of at least 4.5:1; the
// text always says the outcome, so colour is never the only signal.

import type { RunReport } from '../harness/model/report.js';
import { countVerdicts, escapeAttr, escapeText, overallOutcome, type OutcomeStatus } from './outcome.js';

const LEFT = 'MCP cancellation';
const COLOR: Record<OutcomeStatus, string> = {
  pass: '#2e7d32',
  warn: '#a15c00',
  fail: '#c62828',
  incomplete: '#5f6f1a',
  empty: '#6e6e6e',
};
const FONT_SIZE = 11;
const PAD = 6;

// Advance widths of Verdana (the badge's first font) in em, for the characters badges use; others
// count as an average lower-case letter, wide scripts as a full em. `textLength` then makes any
// fallback font fit the estimated box exactly, so the estimate only has to be sensible.
// prettier-ignore
const EM: Record<string, number> = {
  ' ': 0.352, '/': 0.454, ',': 0.364, '.': 0.364, ':': 0.454, '-': 0.431, '(': 0.454, ')': 0.454,
  a: 0.601, b: 0.623, c: 0.521, d: 0.623, e: 0.596, f: 0.352, g: 0.623, h: 0.633, i: 0.274, j: 0.344,
  k: 0.592, l: 0.274, m: 0.973, n: 0.633, o: 0.607, p: 0.623, q: 0.623, r: 0.427, s: 0.521, t: 0.394,
  u: 0.633, v: 0.592, w: 0.818, x: 0.592, y: 0.592, z: 0.525, A: 0.684, B: 0.686, C: 0.698, D: 0.771,
  E: 0.632, F: 0.575, G: 0.775, H: 0.751, I: 0.421, J: 0.455, K: 0.693, L: 0.557, M: 0.843, N: 0.748,
  O: 0.787, P: 0.603, Q: 0.787, R: 0.695, S: 0.684, T: 0.616, U: 0.732, V: 0.684, W: 0.989, X: 0.685,
  Y: 0.615, Z: 0.685,
};

function textWidth(text: string): number {
  let em = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    em += EM[ch] ?? (/[0-9]/.test(ch) ? 0.636 : cp >= 0x1100 ? 1 : 0.62);
  }
  return Math.round(em * FONT_SIZE * 10) / 10;
}

/** The right-hand text: what failed when not conformant, the warnings, or the passes out of the judged. */
function message(report: RunReport): string {
  const c = countVerdicts(report);
  const o = overallOutcome(report);
  if (o.status === 'fail' || o.status === 'warn') {
    const parts: string[] = [];
    if (c.fail > 0) parts.push(`${c.fail} fail`);
    if (c.error > 0) parts.push(`${c.error} error`);
    if (c.warn > 0) parts.push(`${c.warn} warn`);
    return parts.join(', ');
  }
  if (o.status === 'empty') return 'not tested';
  return `${o.passed}/${o.judged} pass`;
}

/** A standalone SVG badge, so a server's README can show its cancellation conformance at a glance. */
export function renderBadge(report: RunReport): string {
  const o = overallOutcome(report);
  const right = message(report);
  const t = report.target;
  const server = t.serverInfo ? `${t.serverInfo.name} ${t.serverInfo.version}`.trim() : 'unnamed server';
  const revisions = t.revisions.join(', ');
  const title = `${LEFT}: ${right}: ${o.label}${o.reasons.length ? ` (${o.reasons.join(', ')})` : ''}; ${server}${revisions ? `, revision ${revisions}` : ''}; mcp-cancel-conformance ${report.tool.version}`;
  const lw = textWidth(LEFT);
  const rw = textWidth(right);
  const lbox = Math.round(lw + 2 * PAD);
  const rbox = Math.round(rw + 2 * PAD);
  const w = lbox + rbox;
  const text = (x: number, len: number, s: string) =>
    `<text x="${x}" y="15" fill="#010101" fill-opacity=".3" textLength="${len}" aria-hidden="true">${escapeText(s)}</text>` +
    `<text x="${x}" y="14" textLength="${len}">${escapeText(s)}</text>`;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="20" role="img" aria-label="${escapeAttr(title)}">`,
    `<title>${escapeText(title)}</title>`,
    '<linearGradient id="s" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" stop-opacity=".1"/><stop offset="1" stop-opacity=".1"/></linearGradient>',
    `<clipPath id="r"><rect width="${w}" height="20" rx="3" fill="#fff"/></clipPath>`,
    `<g clip-path="url(#r)"><rect width="${lbox}" height="20" fill="#555"/><rect x="${lbox}" width="${rbox}" height="20" fill="${COLOR[o.status]}"/><rect width="${w}" height="20" fill="url(#s)"/></g>`,
    `<g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" text-rendering="geometricPrecision" font-size="${FONT_SIZE}">`,
    text(lbox / 2, lw, LEFT),
    text(lbox + rbox / 2, rw, right),
    '</g>',
    '</svg>',
    '',
  ].join('\n');
}
