// The suite's own version, read once from package.json (reports and clientInfo carry it).

import { readFileSync } from 'node:fs';

function readVersion(): string {
  for (const rel of ['../package.json', '../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(rel, import.meta.url), 'utf8')) as {
        name?: string;
        version?: string;
      };
      if (pkg.name === 'mcp-cancel-conformance' && pkg.version) return pkg.version;
    } catch {
      /* try the next place: sources run from harness/, the build from dist/harness/ */
    }
  }
  return '0.0.0';
}

/** Version of this package. */
export const TOOL_VERSION = readVersion();
