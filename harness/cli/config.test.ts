// --config: the servers of an MCP host's own configuration file. The reader on hand-written files
// (both shapes, comments, variables, every mistake in one line), then the built command line running
// two servers from one mcpServers file: reports per server, an index beside them, the worst exit
// code, and the servers' env secrets nowhere in the reports.

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UsageError } from '../errors.js';
import { pickServers, readConfig, stripJsonComments } from './config.js';

const ROOT = resolve(import.meta.dirname, '../..');
const CLI = join(ROOT, 'dist/harness/cli/main.js');
const work = mkdtempSync(join(tmpdir(), 'mcc-config-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const file = (name: string, text: string) => {
  const path = join(work, name);
  mkdirSync(resolve(path, '..'), { recursive: true });
  writeFileSync(path, text);
  return path;
};

const refused = (path: string): string => {
  try {
    readConfig(path);
  } catch (e) {
    expect(e).toBeInstanceOf(UsageError);
    expect((e as Error).message).not.toContain('\n');
    return (e as Error).message;
  }
  throw new Error('not refused');
};

describe('readConfig', () => {
  it('reads mcpServers: command, args, env, cwd, url', () => {
    const path = file(
      'claude.json',
      JSON.stringify({
        mcpServers: {
          local: { command: 'node', args: ['server.js', '--fast'], env: { KEY: 'v' }, cwd: '/srv' },
          remote: { url: 'http://127.0.0.1:3000/mcp' },
        },
      }),
    );
    expect(readConfig(path)).toEqual([
      {
        name: 'local',
        command: 'node',
        args: ['server.js', '--fast'],
        env: { KEY: 'v' },
        cwd: '/srv',
        url: null,
      },
      { name: 'remote', command: null, args: [], env: {}, cwd: null, url: 'http://127.0.0.1:3000/mcp' },
    ]);
  });

  it("reads VS Code's .vscode/mcp.json: comments, trailing commas, ${workspaceFolder} and ${env:NAME}", () => {
    process.env.MCC_CONFIG_TEST = 'from-env';
    const path = file(
      'project/.vscode/mcp.json',
      `{
        // the project's server
        "servers": {
          "mine": {
            "type": "stdio",
            "command": "uv", /* run with uv */
            "args": ["run", "\${workspaceFolder}/server.py", "// not a comment"],
            "env": { "TOKEN": "\${env:MCC_CONFIG_TEST}", },
          },
        },
      }`,
    );
    expect(readConfig(path)).toEqual([
      {
        name: 'mine',
        command: 'uv',
        args: ['run', `${join(work, 'project')}/server.py`, '// not a comment'],
        env: { TOKEN: 'from-env' },
        cwd: null,
        url: null,
      },
    ]);
  });

  it('keeps strings intact while stripping comments', () => {
    expect(stripJsonComments('{"a": "x // y /* z */", // c\n "b": [1,],}')).toBe(
      '{"a": "x // y /* z */", \n "b": [1]}',
    );
  });

  it('refuses every mistake in one line that names it', () => {
    expect(refused(join(work, 'absent.json'))).toMatch(/cannot read .*absent\.json: ENOENT/);
    expect(refused(file('bad.json', '{ nope'))).toMatch(/is not JSON/);
    expect(refused(file('empty.json', '{"other": {}}'))).toMatch(/no "mcpServers" .* or "servers"/);
    expect(refused(file('none.json', '{"mcpServers": {"x": {}}}'))).toMatch(
      /"x" has neither "command" nor "url"/,
    );
    expect(
      refused(file('both.json', '{"mcpServers": {"x": {"command": "a", "url": "http://h/mcp"}}}')),
    ).toMatch(/"x" has both/);
    expect(refused(file('sse.json', '{"servers": {"x": {"type": "sse", "url": "http://h/sse"}}}'))).toMatch(
      /HTTP\+SSE transport of 2024-11-05/,
    );
    expect(
      refused(file('input.json', '{"servers": {"x": {"command": "a", "args": ["${input:key}"]}}}')),
    ).toMatch(/"x" args uses \$\{input:key\}, which only an editor can fill in/);
    expect(refused(file('args.json', '{"mcpServers": {"x": {"command": "a", "args": "b"}}}'))).toMatch(
      /"x" args expects an array of strings/,
    );
    expect(refused(file('env.json', '{"mcpServers": {"x": {"command": "a", "env": {"K": 1}}}}'))).toMatch(
      /"x" env\.K expects a string/,
    );
  });

  it('--server picks one by name, and names the choices when it is not there', () => {
    const all = readConfig(
      file('two.json', '{"mcpServers": {"a": {"command": "x"}, "b": {"command": "y"}}}'),
    );
    expect(pickServers(all, 'b', 'two.json').map((s) => s.name)).toEqual(['b']);
    expect(pickServers(all, null, 'two.json').map((s) => s.name)).toEqual(['a', 'b']);
    expect(() => pickServers(all, 'c', 'two.json')).toThrow(
      /--server "c" is not in two\.json; expected one of: a, b/,
    );
  });
});

describe('mcp-cancel-conformance --config', () => {
  const SECRET = `s3cret-${process.pid}`;
  const config = () =>
    file(
      'servers.json',
      JSON.stringify({
        mcpServers: {
          reference: {
            command: 'node',
            args: [join(ROOT, 'dist/fixtures/conformant/reference-server.js')],
            env: { API_KEY: SECRET },
          },
          broken: { command: 'node', args: [join(ROOT, 'dist/fixtures/broken/replies-to-notifications.js')] },
        },
      }),
    );
  const cli = (args: string[]) =>
    spawnSync(process.execPath, [CLI, ...args], {
      cwd: work,
      encoding: 'utf8',
      timeout: 120_000,
      env: { ...process.env, NO_COLOR: '1' },
    });

  it(
    'runs every server in turn: reports per server, an index, the worst exit code, no secret in any report',
    { timeout: 150_000 },
    () => {
      const out = join(work, 'out');
      const run = cli([
        '--config',
        config(),
        '--rule',
        'RPC-NOTIF-NO-RESPONSE',
        '--runs',
        '0',
        '--json',
        join(out, 'report.json'),
        '--html',
        join(out, 'report.html'),
      ]);
      expect(run.status, run.stderr).toBe(1);
      expect(run.stdout).toMatch(/== reference \(.*servers\.json\) ==[\s\S]*PASS\s+RPC-NOTIF-NO-RESPONSE/);
      expect(run.stdout).toMatch(/== broken \(.*servers\.json\) ==[\s\S]*FAIL\s+RPC-NOTIF-NO-RESPONSE/);
      expect(run.stdout).toMatch(/index: .*index\.html \(2 servers\)/);
      expect(readdirSync(out).sort()).toEqual([
        'index.html',
        'report.broken.html',
        'report.broken.json',
        'report.reference.html',
        'report.reference.json',
      ]);
      const index = readFileSync(join(out, 'index.html'), 'utf8');
      expect(index).toContain('report.reference.html');
      expect(index).toContain('report.broken.html');
      for (const name of readdirSync(out))
        expect(readFileSync(join(out, name), 'utf8')).not.toContain(SECRET);
    },
  );

  it('--server runs one; an unknown one is a usage error in one line', { timeout: 60_000 }, () => {
    const path = config();
    const one = cli([
      '--config',
      path,
      '--server',
      'reference',
      '--rule',
      'RPC-NOTIF-NO-RESPONSE',
      '--runs',
      '0',
    ]);
    expect(one.status, one.stderr).toBe(0);
    expect(one.stdout).not.toContain('== broken');
    const bad = cli(['--config', path, '--server', 'nope']);
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/--server "nope" is not in .*servers\.json; expected one of: reference, broken/),
    ]);
    const both = cli(['--config', path, 'dist/fixtures/conformant/reference-server.js']);
    expect(both.status).toBe(2);
    expect(both.stderr).toMatch(/--config names the servers to test, so it takes no target/);
  });
});
