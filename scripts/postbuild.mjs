// Makes the compiled CLI and fixture servers executable (tsc drops the mode bits).
import { chmodSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function walk(dir) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p);
    else if (p.endsWith('.js')) chmodSync(p, 0o755);
  }
}
for (const dir of ['dist/harness/cli', 'dist/fixtures']) {
  try {
    walk(dir);
  } catch {
    /* folder absent in a partial build */
  }
}
