// The JSON report: the canonical, machine-readable result (DESIGN.md "JSON report").

import type { RunReport } from '../harness/model/report.js';

/** Serialises the report; stable two-space JSON with a final newline. */
export function renderJson(report: RunReport): string {
  return JSON.stringify(report, null, 2) + '\n';
}
