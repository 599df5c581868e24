// The JSON report: the canonical, machine-readable result (DESIGN.md "JSON report").

import type { RunReport } from '../harness/model/report.js';

/** Levels of nesting written one member a line; anything deeper stays on its member's line. */
const OPEN_LEVELS = 2;

// Why: a report is kept in repositories (the published SDK matrix), so it is written small and diffable:
// the report's members, the target, the discovery and the counts one a line, and each result on a line
// of its own, so a change to one result is a change to one line. Two-space indentation throughout the
// lifted levels, nothing else added: JSON.parse reads it back to the same value.
function layered(value: unknown, levels: number, indent: string): string {
  if (value === null || typeof value !== 'object' || levels === 0) return JSON.stringify(value);
  const inner = `${indent}  `;
  const items = Array.isArray(value)
    ? value.map((x: unknown) => `${inner}${layered(x ?? null, levels - 1, inner)}`)
    : Object.entries(value as Record<string, unknown>)
        .filter(([, x]) => x !== undefined)
        .map(([k, x]) => `${inner}${JSON.stringify(k)}: ${layered(x, levels - 1, inner)}`);
  const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
  return items.length === 0 ? `${open}${close}` : `${open}\n${items.join(',\n')}\n${indent}${close}`;
}

/** Serialises the report: the top levels indented, each result on one line, a final newline. */
export function renderJson(report: RunReport): string {
  return `${layered(report, OPEN_LEVELS, '')}\n`;
}
