// Turns the command-line target into a command to start: a file picks its runtime by extension,
// anything after `--` is taken verbatim (DESIGN.md "Command line").

import { accessSync, constants, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, extname, isAbsolute, join, resolve } from 'node:path';
import { TargetError, UsageError } from '../errors.js';

export interface TargetCommand {
  file: string;
  args: string[];
  cwd: string;
  env: Record<string, string>;
  /** The command as the user would type it, for reports. */
  display: string[];
}

export interface ResolveOptions {
  /** True when the command came after `--`: run it exactly as given. */
  verbatim: boolean;
  cwd: string;
  env: Record<string, string>;
}

const NODE_EXT = new Set(['.js', '.mjs', '.cjs']);
const TS_EXT = new Set(['.ts', '.mts', '.cts']);

/** Finds an executable on PATH, or null. */
export function which(name: string, pathVar = process.env.PATH ?? ''): string | null {
  for (const dir of pathVar.split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      /* not here */
    }
  }
  return null;
}

/** The TypeScript runner shipped with the suite (tsx), as a script node can run. */
function tsRunner(): string {
  return createRequire(import.meta.url).resolve('tsx/cli');
}

/** Resolves `argv` (target and its arguments) into a command; throws UsageError / TargetError. */
export function resolveTarget(argv: string[], opts: ResolveOptions): TargetCommand {
  const [first, ...rest] = argv;
  if (first === undefined || first === '') {
    throw new UsageError(
      'missing target: expected a server file or command, e.g. `mcp-cancel-conformance ./server.js`',
    );
  }
  const base = { cwd: opts.cwd, env: opts.env, display: argv };
  if (opts.verbatim) return { file: first, args: rest, ...base };

  const path = isAbsolute(first) ? first : resolve(opts.cwd, first);
  let isFile = false;
  try {
    isFile = statSync(path).isFile();
  } catch {
    isFile = false;
  }
  const ext = extname(first).toLowerCase();
  if (!isFile) {
    const looksLikePath = first.includes('/') || NODE_EXT.has(ext) || TS_EXT.has(ext) || ext === '.py';
    if (looksLikePath) {
      throw new UsageError(
        `target file ${first} does not exist (looked at ${path}); expected a server file or a command`,
      );
    }
    if (!which(first, opts.env.PATH ?? process.env.PATH)) {
      throw new TargetError(
        `target command '${first}' was not found on PATH; expected a server file or an installed command`,
      );
    }
    return { file: first, args: rest, ...base };
  }
  if (NODE_EXT.has(ext)) return { file: process.execPath, args: [path, ...rest], ...base };
  if (TS_EXT.has(ext)) return { file: process.execPath, args: [tsRunner(), path, ...rest], ...base };
  if (ext === '.py') {
    if (which('uv', opts.env.PATH ?? process.env.PATH))
      return { file: 'uv', args: ['run', path, ...rest], ...base };
    return { file: 'python3', args: [path, ...rest], ...base };
  }
  try {
    accessSync(path, constants.X_OK);
  } catch {
    throw new TargetError(
      `target file ${first} is not executable; expected an executable, a .js/.mjs/.cjs/.ts/.mts/.py file, or a command after --`,
    );
  }
  return { file: path, args: rest, ...base };
}
