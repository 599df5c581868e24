// The vitest entry as a server author uses it: fixtures/vitest-entry/ holds a test file that imports
// `mcp-cancel-conformance/vitest` and points it at a broken fixture. Run in a vitest of its own, it
// must fail exactly the rule the fixture breaks, with the Requirement / Expected / Actual text, pass
// the rule it keeps, and skip the one that does not apply.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');

describe('mcp-cancel-conformance/vitest', () => {
  it(
    'fails the broken rule with its evidence, passes the kept one, skips the inapplicable one',
    { timeout: 120_000 },
    () => {
      const run = spawnSync(
        process.execPath,
        [
          resolve(ROOT, 'node_modules/vitest/vitest.mjs'),
          'run',
          '--config',
          'fixtures/vitest-entry/vitest.config.ts',
        ],
        {
          cwd: ROOT,
          encoding: 'utf8',
          timeout: 110_000,
          env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', CI: '1' },
        },
      );
      const out = run.stdout + run.stderr;
      expect(run.status, out).toBe(1);
      expect(out).toMatch(/×\s+RPC-NOTIF-NO-RESPONSE @ 2025-11-25 \(stdio\): fail/);
      expect(out).toMatch(/✓\s+PING-RESPOND-PROMPTLY @ 2025-11-25 \(stdio\): pass/);
      expect(out).toMatch(/↓\s+HTTP-NOTIF-202 @ 2025-11-25 \(stdio\): not-applicable/);
      expect(out).toContain('Requirement: Notifications are sent from the client to the server');
      expect(out).toContain('Expected: no response to any notification');
      expect(out).toMatch(/Actual: error -32601 "Method not found" for id null/);
      expect(out).toMatch(/Tests\s+1 failed \| 1 passed \| 1 skipped/);
    },
  );
});
