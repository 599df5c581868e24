// Shared by interop-setup.mjs and interop.mjs: reading the SDK manifests (fixtures/interop/<id>/interop.json),
// expanding {dir} and {cache}, the setup stamp, and running a command in its own process group with a time
// bound, so that a timeout or Ctrl-C ends the whole tree it started. See fixtures/interop/README.md.

import { spawn, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { clearTimeout, setTimeout } from 'node:timers';

export const ROOT = resolve(import.meta.dirname, '..');
export const FIXTURES = join(ROOT, 'fixtures', 'interop');
export const CACHE = join(ROOT, '.cache', 'interop');
export const PUBLISHED = join(ROOT, 'docs', 'interop');

/** The order SDKs are listed in: the issue's order, each task server after its SDK's plain one; unknown ids follow alphabetically. */
export const ORDER = [
  'ts-sdk-v1',
  'ts-sdk-v1-tasks',
  'ts-sdk-v2',
  'server-everything',
  'python-mcp-1',
  'python-mcp-1-tasks',
  'python-mcp-2',
  'fastmcp',
  'fastmcp-tasks',
  'go-sdk',
  'rust-rmcp',
  'rust-rmcp-tasks',
  'java-sdk',
  'kotlin-sdk',
];

/** A bad manifest or bad command line: printed as one line, exit code 2. */
export class UsageError extends Error {}

/** True when CI is set (any non-empty value but "false" / "0"). */
export function inCi() {
  const ci = process.env.CI;
  return ci !== undefined && ci !== '' && ci !== 'false' && ci !== '0';
}

function isArgv(value) {
  return Array.isArray(value) && value.length > 0 && value.every((w) => typeof w === 'string' && w !== '');
}

/** Reads and checks one manifest; a UsageError names the file and the field. */
function readManifest(folder) {
  const file = join(FIXTURES, folder, 'interop.json');
  let m;
  try {
    m = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UsageError(`${relative(ROOT, file)}: cannot read it as JSON (${error.message})`);
  }
  const where = relative(ROOT, file);
  for (const key of ['id', 'name', 'language', 'package', 'version', 'docs']) {
    if (typeof m[key] !== 'string' || m[key] === '')
      throw new UsageError(`${where}: "${key}" must be a non-empty string, got ${JSON.stringify(m[key])}`);
  }
  if (m.id !== folder)
    throw new UsageError(`${where}: "id" must be the folder name "${folder}", got "${m.id}"`);
  for (const key of ['toolchains', 'setup']) {
    if (!Array.isArray(m[key]) || !m[key].every(isArgv))
      throw new UsageError(`${where}: "${key}" must be a list of commands (lists of non-empty strings)`);
  }
  if (!isArgv(m.target))
    throw new UsageError(`${where}: "target" must be a command (a list of non-empty strings)`);
  const options = m.options ?? [];
  if (!Array.isArray(options) || !options.every((w) => typeof w === 'string'))
    throw new UsageError(`${where}: "options" must be a list of strings`);
  const dir = join(FIXTURES, folder);
  return { ...m, options, dir, cache: join(CACHE, m.id) };
}

/** Every manifest, in ORDER; with ids, only those (an unknown id is a UsageError listing the known ones). */
export function loadManifests(ids = []) {
  const folders = existsSync(FIXTURES)
    ? readdirSync(FIXTURES).filter((f) => existsSync(join(FIXTURES, f, 'interop.json')))
    : [];
  const rank = (id) => (ORDER.includes(id) ? ORDER.indexOf(id) : ORDER.length);
  folders.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  const all = folders.map(readManifest);
  if (ids.length === 0) return all;
  const unknown = ids.filter((id) => !folders.includes(id));
  if (unknown.length > 0)
    throw new UsageError(`unknown SDK id ${unknown.join(', ')}; expected one of: ${folders.join(', ')}`);
  return all.filter((m) => ids.includes(m.id));
}

/** Replaces {dir} and {cache} in one word. */
export function expand(word, places) {
  return word.replaceAll('{dir}', places.dir).replaceAll('{cache}', places.cache);
}

/**
 * The target command with repository-relative paths, so that a committed report names no machine's
 * folders; the runner starts the suite from the repository root, where these paths resolve.
 */
export function relativeTarget(m) {
  const places = { dir: relative(ROOT, m.dir), cache: relative(ROOT, m.cache) };
  return m.target.map((w) => expand(w, places));
}

/** Files of a fixture folder that define its build: everything but Markdown (notes do not change builds). */
function buildFiles(dir, base = dir) {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => {
      const path = join(dir, e.name);
      if (e.isDirectory()) return buildFiles(path, base);
      return e.isFile() && !e.name.endsWith('.md') ? [relative(base, path)] : [];
    })
    .sort();
}

/** The build's identity: the fixture's files and the toolchain versions it was built with. */
export function setupHash(m, toolchainOutputs) {
  const hash = createHash('sha256');
  for (const file of buildFiles(m.dir)) {
    hash.update(`${file}\0`);
    hash.update(readFileSync(join(m.dir, file)));
    hash.update('\0');
  }
  for (const out of toolchainOutputs) hash.update(`${out}\0`);
  return hash.digest('hex');
}

export const stampPath = (m) => join(m.cache, '.setup-stamp');

/** The stamp a finished setup left, or null. */
export function readStamp(m) {
  try {
    return JSON.parse(readFileSync(stampPath(m), 'utf8'));
  } catch {
    return null;
  }
}

export function writeStamp(m, stamp) {
  writeFileSync(stampPath(m), `${JSON.stringify(stamp, null, 2)}\n`);
}

/**
 * Runs one toolchain check; resolves to { ok, output } where output is the command's first output line
 * (a version) or why it failed. Bounded: a check that hangs counts as missing.
 */
export function checkToolchain(argv, timeoutMs = 60_000) {
  try {
    const out = execFileSync(argv[0], argv.slice(1), {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: timeoutMs,
    });
    return { ok: true, output: `${argv.join(' ')}: ${out.trim().split('\n')[0] ?? ''}` };
  } catch (error) {
    const why =
      error.code === 'ENOENT'
        ? `${argv[0]} is not installed (not on PATH)`
        : error.signal
          ? `timed out after ${timeoutMs / 1000} s`
          : `exited with ${error.status}${error.stderr ? `: ${String(error.stderr).trim().split('\n').pop()}` : ''}`;
    return { ok: false, output: why };
  }
}

/** Process groups started by run() and not yet ended: Ctrl-C and SIGTERM end them all. */
const running = new Set();

function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

let handlersInstalled = false;
function installSignalHandlers() {
  if (handlersInstalled) return;
  handlersInstalled = true;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
      for (const pid of running) killGroup(pid, 'SIGTERM');
      setTimeout(() => {
        for (const pid of running) killGroup(pid, 'SIGKILL');
        process.exit(130);
      }, 3000).unref();
      if (running.size === 0) process.exit(130);
    });
  }
}

/**
 * Runs argv in its own process group with cwd, appending its output to `log` (a writable stream) and
 * handing each output chunk to onOutput. Resolves to { code, signal, timedOut, ms }; never rejects on a
 * failing command (a command that cannot start resolves with code null and `error`).
 * After timeoutMs the group gets SIGTERM, and SIGKILL 5 s later.
 */
export function run(argv, { cwd, timeoutMs, log, env, onOutput }) {
  installSignalHandlers();
  const started = performance.now();
  return new Promise((done) => {
    let child;
    try {
      child = spawn(argv[0], argv.slice(1), {
        cwd,
        env: env ?? process.env,
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    } catch (error) {
      done({ code: null, signal: null, timedOut: false, ms: 0, error: error.message });
      return;
    }
    let timedOut = false;
    let killer = null;
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child.pid, 'SIGTERM');
      killer = setTimeout(() => killGroup(child.pid, 'SIGKILL'), 5000);
    }, timeoutMs);
    if (child.pid !== undefined) running.add(child.pid);
    for (const stream of [child.stdout, child.stderr]) {
      stream.on('data', (chunk) => {
        log?.write(chunk);
        onOutput?.(chunk);
      });
    }
    let spawnError = null;
    child.on('error', (error) => {
      spawnError = error.code === 'ENOENT' ? `${argv[0]} not found` : error.message;
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (killer) clearTimeout(killer);
      // The leader is gone; end anything it left behind in its group.
      if (child.pid !== undefined) {
        killGroup(child.pid, 'SIGKILL');
        running.delete(child.pid);
      }
      const result = { code, signal, timedOut, ms: performance.now() - started };
      if (spawnError) result.error = spawnError;
      done(result);
    });
  });
}

/** Seconds with one decimal, for the per-SDK time lines. */
export const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

/** The last n lines of a file (for a failed step's message). */
export function tail(file, n) {
  if (!existsSync(file) || !statSync(file).isFile()) return [];
  return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-n);
}
