// Text safety for the HTML report: every string from the report enters the page through `esc`, and the
// only link it builds from report data is one to the spec site.

import { escapeText } from '../outcome.js';

/** Characters of a one-line label. */
export const LABEL_CAP = 160;

// Why: the one gate every string passes before it enters the page, as text or as an attribute value.
// Control, bidi and lone-surrogate characters become visible \uXXXX and & < > are escaped by the shared
// `escapeText` (reports/outcome.ts); both quote characters are escaped here, so any attribute is safe.
export function esc(text: string): string {
  return escapeText(text).replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

// Why: the quotes carry the spec's **emphasis** and `code`; markup is added only after escaping.
export function inlineMarkdown(text: string): string {
  return esc(text)
    .replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>')
    .replace(/`([^`]+)`/g, '<code>$1</code>');
}

// Why: the only href the page builds from report data; anything but the spec site stays plain text.
export function specHref(url: string): string | null {
  try {
    const u = new URL(url);
    const ok =
      u.protocol === 'https:' && u.hostname === 'modelcontextprotocol.io' && !u.username && !u.password;
    return ok ? u.href : null;
  } catch {
    return null;
  }
}

// Why: long free text (summaries, JSON) is cut with a note rather than bloating the page.
export function cut(text: string, max: number, note = ''): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length - max} more characters${note})`;
}

// Why: a command line reads as typed: arguments with spaces or quotes are single-quoted.
export function shellWord(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

// Why: one row of a label/value list.
export function kv(label: string, valueHtml: string): string {
  return `<dt>${esc(label)}</dt><dd>${valueHtml}</dd>`;
}
