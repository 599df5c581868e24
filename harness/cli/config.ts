// `--config <file>`: the servers an MCP host already knows, read from its own configuration file so a
// server author tests exactly what their users run. Two shapes: `mcpServers` (Claude Desktop,
// Cursor, Claude Code's .mcp.json) and VS Code's `.vscode/mcp.json` (`servers`, JSON with comments,
// `${workspaceFolder}` and `${env:NAME}` in strings). A server is a command (with args, env, cwd)
// or a url (a Streamable HTTP server already running).

import { readFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { UsageError } from '../errors.js';

export interface ServerEntry {
  name: string;
  command: string | null;
  args: string[];
  /** Given to the server's process only; never written to a report. */
  env: Record<string, string>;
  cwd: string | null;
  url: string | null;
}

/** Removes // and /* *\/ comments and trailing commas outside strings (JSONC, as VS Code writes it). */
export function stripJsonComments(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i] ?? '';
    if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
      out += '\n';
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 1;
    } else out += c;
  }
  return out.replace(/,(\s*[}\]])/g, '$1');
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Reads the servers of a host configuration file; every problem is a one-line UsageError. */
export function readConfig(path: string): ServerEntry[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    throw new UsageError(`--config cannot read ${path}: ${e.code ?? e.message}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(stripJsonComments(text));
  } catch (error) {
    throw new UsageError(`--config ${path} is not JSON: ${(error as Error).message}`);
  }
  const servers = isObject(value) ? (value.mcpServers ?? value.servers) : undefined;
  if (!isObject(servers))
    throw new UsageError(
      `--config ${path} has no "mcpServers" (Claude Desktop, Cursor) or "servers" (VS Code) object`,
    );
  // ${workspaceFolder} is the folder that holds .vscode/ (or the file's own folder elsewhere).
  const folder = dirname(resolve(path));
  const workspace = basename(folder) === '.vscode' ? dirname(folder) : folder;
  const expand = (name: string, field: string, s: string): string =>
    s.replace(/\$\{([^}]*)\}/g, (whole, key: string) => {
      if (key === 'workspaceFolder') return workspace;
      if (key.startsWith('env:')) return process.env[key.slice(4)] ?? '';
      throw new UsageError(
        `--config: server "${name}" ${field} uses ${whole}, which only an editor can fill in; put the value in the file or in the environment (\${env:NAME})`,
      );
    });
  return Object.entries(servers).map(([name, raw]) => {
    if (!isObject(raw)) throw new UsageError(`--config: server "${name}" is not an object`);
    const strings = (field: string, v: unknown): string[] => {
      if (v === undefined) return [];
      if (!Array.isArray(v) || v.some((x) => typeof x !== 'string'))
        throw new UsageError(`--config: server "${name}" ${field} expects an array of strings`);
      return (v as string[]).map((x) => expand(name, field, x));
    };
    const text = (field: string, v: unknown): string | null => {
      if (v === undefined) return null;
      if (typeof v !== 'string' || v === '')
        throw new UsageError(`--config: server "${name}" ${field} expects a non-empty string`);
      return expand(name, field, v);
    };
    if (raw.type === 'sse')
      throw new UsageError(
        `--config: server "${name}" uses the HTTP+SSE transport of 2024-11-05, which this suite does not test; it tests stdio and Streamable HTTP`,
      );
    const env: Record<string, string> = {};
    if (raw.env !== undefined) {
      if (!isObject(raw.env))
        throw new UsageError(`--config: server "${name}" env expects an object of strings`);
      for (const [k, v] of Object.entries(raw.env)) {
        if (typeof v !== 'string')
          throw new UsageError(`--config: server "${name}" env.${k} expects a string`);
        env[k] = expand(name, `env.${k}`, v);
      }
    }
    const entry: ServerEntry = {
      name,
      command: text('command', raw.command),
      args: strings('args', raw.args),
      env,
      cwd: text('cwd', raw.cwd),
      url: text('url', raw.url),
    };
    if (!entry.command && !entry.url)
      throw new UsageError(`--config: server "${name}" has neither "command" nor "url"`);
    if (entry.command && entry.url)
      throw new UsageError(`--config: server "${name}" has both "command" and "url"; expected one`);
    return entry;
  });
}

/** The servers to run: the one --server names, or every one. */
export function pickServers(all: ServerEntry[], name: string | null, path: string): ServerEntry[] {
  if (all.length === 0) throw new UsageError(`--config ${path} lists no servers`);
  if (name === null) return all;
  const one = all.find((s) => s.name === name);
  if (!one)
    throw new UsageError(
      `--server "${name}" is not in ${path}; expected one of: ${all.map((s) => s.name).join(', ')}`,
    );
  return [one];
}
