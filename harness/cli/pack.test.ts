// The package works when installed from its own tarball: `npm pack`, install into an empty folder,
// run the installed bin against the fixture shipped inside the package.

import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const work = mkdtempSync(join(tmpdir(), 'mcc-pack-'));

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('installed from its tarball', () => {
  it('runs the bin against the bundled reference server', { timeout: 300_000 }, () => {
    execFileSync('npm', ['pack', '--ignore-scripts', '--pack-destination', work], {
      cwd: ROOT,
      stdio: 'pipe',
    });
    const tarball = readdirSync(work).find((f) => f.endsWith('.tgz'));
    expect(tarball).toBeDefined();
    const app = join(work, 'app');
    execFileSync('mkdir', ['-p', app]);
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', private: true }));
    execFileSync('npm', ['install', '--no-audit', '--no-fund', join(work, tarball ?? '')], {
      cwd: app,
      stdio: 'pipe',
    });

    const bin = join(app, 'node_modules', '.bin', 'mcp-cancel-conformance');
    const fixture = join(
      app,
      'node_modules',
      'mcp-cancel-conformance',
      'dist',
      'fixtures',
      'conformant',
      'reference-server.js',
    );
    const version = spawnSync(bin, ['--version'], { encoding: 'utf8' });
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    const run = spawnSync(
      bin,
      ['--rule', 'PING-RESPOND-PROMPTLY', '--rule', 'CANCEL-NO-RESPONSE', '--json', 'r.json', fixture],
      {
        cwd: app,
        encoding: 'utf8',
        timeout: 120_000,
      },
    );
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/PASS\s+CANCEL-NO-RESPONSE/);
    expect(run.stdout).toMatch(/PASS\s+PING-RESPOND-PROMPTLY/);
    expect(run.stdout).toContain('r.json');

    // The library entry resolves by the package's name, with its types beside it.
    const lib = spawnSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        "const m = await import('mcp-cancel-conformance'); console.log(typeof m.runConformance, typeof m.exitCodeOf)",
      ],
      { cwd: app, encoding: 'utf8' },
    );
    expect(lib.stdout.trim(), lib.stderr).toBe('function function');
    expect(readdirSync(join(app, 'node_modules', 'mcp-cancel-conformance', 'dist', 'harness'))).toContain(
      'library.d.ts',
    );
  });
});
