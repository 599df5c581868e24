// The vitest entry (`import { describeConformance } from 'mcp-cancel-conformance/vitest'`): a server
// author's own test suite runs the conformance suite and gets one test per rule and revision, failing
// exactly where the command line would exit 1 (a fail or error; a warn too when `strict`), with the
// Requirement / Expected / Actual text as the failure message. Use it with top-level await:
//
//   await describeConformance('my server', { target: ['node', 'dist/server.js'] });

import { describe, it } from 'vitest';
import { details } from '../reports/junit.js';
import { failsTheRun } from '../reports/outcome.js';
import { runConformance, type ConformanceOptions } from './library.js';
import type { RunReport } from './model/report.js';

/**
 * Runs the suite now (while vitest collects the file) and registers a `describe(name)` with one test
 * per result: `RULE @ revision (transport): verdict`. Not-applicable results are skipped tests; the
 * others pass unless they count against the server. Returns the run report for further checks.
 */
export async function describeConformance(name: string, options: ConformanceOptions): Promise<RunReport> {
  const report = await runConformance(options);
  const strict = options.strict === true;
  describe(name, () => {
    for (const r of report.results) {
      const title = `${r.rule} @ ${r.revision} (${r.transport}): ${r.verdict}`;
      if (r.verdict === 'not-applicable') {
        it.skip(title, () => undefined);
        continue;
      }
      it(title, () => {
        if (!failsTheRun(r, strict)) return;
        const text = [`${r.verdict.toUpperCase()} ${r.rule} ${r.revision}: ${r.summary}`, ...details(r)].join(
          '\n',
        );
        const error = new Error(text);
        // The message is the whole story; a stack into the suite's own code would only add noise.
        error.stack = `${error.name}: ${text}`;
        throw error;
      });
    }
  });
  return report;
}
