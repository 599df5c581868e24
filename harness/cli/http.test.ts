// End-to-end bad-input tests of the BUILT command line against Streamable HTTP targets, loopback
// only: an unreachable URL, a wrong path, an endpoint that is not MCP, a server that accepts the
// connection and never answers, and HTTP commands that never listen. Each ends with exit 3 and ONE
// line on stderr within bounded time, and nothing the suite started survives.

import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer, type Server } from 'node:http';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../target/spec.js';
import { delay } from '../timing.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CLI = join(root, 'dist', 'harness', 'cli', 'main.js');
/** Safety net for one CLI run; a correct CLI is done long before. */
const RUN_BOUND = 30_000;
/** --time-scale for the runs that must wait out a budget: start-up becomes 3 s. */
const FAST = '0.2';

interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

function runCli(args: string[], mark?: string): Promise<CliRun> {
  const argv = mark ? ['--env', `MCC_E2E_MARK=${mark}`, ...args] : args;
  const t0 = Date.now();
  return new Promise((res, rej) => {
    const child: ChildProcess = spawn(process.execPath, [CLI, ...argv], {
      cwd: root,
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout?.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr?.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), RUN_BOUND);
    child.on('error', rej);
    child.on('close', (code) => {
      clearTimeout(timer);
      res({ code, stdout, stderr, ms: Date.now() - t0 });
    });
  });
}

function oneLine(run: CliRun): string {
  expect(run.stderr).not.toContain('    at ');
  const lines = run.stderr.trimEnd().split('\n');
  expect(lines, `stderr: ${run.stderr}`).toHaveLength(1);
  expect(lines[0]?.startsWith('mcp-cancel-conformance: ')).toBe(true);
  return lines[0] ?? '';
}

/** Live processes that carry `mark` in their environment. */
function marked(mark: string): number[] {
  return readdirSync('/proc')
    .filter((n) => /^\d+$/.test(n))
    .flatMap((pid) => {
      try {
        return readFileSync(`/proc/${pid}/environ`, 'latin1').split('\0').includes(`MCC_E2E_MARK=${mark}`)
          ? [Number(pid)]
          : [];
      } catch {
        return [];
      }
    });
}

async function expectNoSurvivors(mark: string): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (marked(mark).length > 0 && Date.now() < deadline) await delay(100);
  expect(marked(mark)).toEqual([]);
}

/** A loopback HTTP server for one bad-input case. */
async function serve(handler: Parameters<typeof createServer>[1]): Promise<{ server: Server; port: number }> {
  const server = createServer(handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  return { server, port: typeof address === 'object' && address ? address.port : 0 };
}

const servers: Server[] = [];

beforeAll(() => {
  expect(existsSync(CLI), `${CLI} exists (npm run build)`).toBe(true);
});

afterAll(() => {
  for (const s of servers) {
    s.closeAllConnections();
    s.close();
  }
});

describe.concurrent('CLI: HTTP targets that cannot be tested end with exit 3 and one line', () => {
  it('an unreachable URL (a closed loopback port)', async () => {
    const port = await freePort();
    const run = await runCli(['--url', `http://127.0.0.1:${port}/mcp`]);
    expect(run.code).toBe(3);
    const line = oneLine(run);
    expect(line).toBe(
      `mcp-cancel-conformance: cannot reach http://127.0.0.1:${port}/mcp: connect ECONNREFUSED 127.0.0.1:${port}; expected a running Streamable HTTP MCP server there`,
    );
    expect(line).toContain('ECONNREFUSED');
    expect(run.ms).toBeLessThan(RUN_BOUND);
  });

  it('a wrong path (404)', async () => {
    const { server, port } = await serve((_req, res) => res.writeHead(404).end('no'));
    servers.push(server);
    const run = await runCli(['--url', `http://127.0.0.1:${port}/wrong`]);
    expect(run.code).toBe(3);
    expect(oneLine(run)).toMatch(
      /^mcp-cancel-conformance: a POST to http:\/\/127\.0\.0\.1:\d+\/wrong got HTTP 404 Not Found; .*is the path right/,
    );
  });

  it('an endpoint that is not MCP (an HTML page)', async () => {
    const { server, port } = await serve((_req, res) =>
      res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>hello</body></html>'),
    );
    servers.push(server);
    const run = await runCli(['--url', `http://127.0.0.1:${port}/`]);
    expect(run.code).toBe(3);
    expect(oneLine(run)).toMatch(
      /^mcp-cancel-conformance: a POST to http:\/\/127\.0\.0\.1:\d+\/ got HTTP 200 text\/html; expected JSON or an SSE stream/,
    );
  });

  it('a server that accepts the connection and never answers: bounded by the start-up budget', async () => {
    const { server, port } = await serve(() => undefined);
    servers.push(server);
    const run = await runCli(['--time-scale', FAST, '--url', `http://127.0.0.1:${port}/mcp`]);
    expect(run.code).toBe(3);
    expect(oneLine(run)).toMatch(/accepted the connection but sent no HTTP answer within 3000 ms/);
    expect(run.ms).toBeLessThan(RUN_BOUND);
  });

  it('an HTTP command that exits at once: its exit code and stderr line, nothing left running', async () => {
    const mark = randomUUID();
    const run = await runCli(
      ['--http', '--', process.execPath, 'dist/fixtures/startup/exits-at-once.js'],
      mark,
    );
    expect(run.code).toBe(3);
    expect(oneLine(run)).toMatch(/the HTTP target exited \(exit code \d+\) before it listened on port \d+/);
    await expectNoSurvivors(mark);
  });

  it('an HTTP command that never listens: bounded, and it is stopped', async () => {
    const mark = randomUUID();
    const run = await runCli(
      ['--time-scale', FAST, '--http', '--', process.execPath, 'dist/fixtures/startup/never-answers.js'],
      mark,
    );
    expect(run.code).toBe(3);
    expect(oneLine(run)).toMatch(/did not listen on 127\.0\.0\.1:\d+ within 3000 ms/);
    await expectNoSurvivors(mark);
  });
});

describe('CLI: HTTP usage mistakes end with exit 2 and one line', () => {
  it('--revision 2024-11-05 over HTTP names the transport that revision had', async () => {
    const run = await runCli(['--revision', '2024-11-05', '--url', 'http://127.0.0.1:9/mcp']);
    expect(run.code).toBe(2);
    expect(oneLine(run)).toMatch(/2024-11-05 has no Streamable HTTP/);
  });
});

describe('CLI: an HTTP command target runs and is cleaned up', () => {
  it('runs one rule against the SDK HTTP fixture, reports transport http, and leaves nothing running', async () => {
    const mark = randomUUID();
    const run = await runCli(
      ['--rule', 'HTTP-NOTIF-202', '--http', '--', process.execPath, 'dist/fixtures/http/sdk-http-server.js'],
      mark,
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/PASS\s+HTTP-NOTIF-202/);
    expect(run.stdout).toContain('(http)');
    await expectNoSurvivors(mark);
  });

  it("reports exploration's own rule over HTTP as http, at the revision explored (it once said stdio)", async () => {
    const mark = randomUUID();
    const json = join(tmpdir(), `mcc-http-explore-${mark}.json`);
    const run = await runCli(
      [
        '--rule',
        'RPC-RESP-SAME-ID',
        '--revision',
        '2025-11-25',
        '--json',
        json,
        '--http',
        '--',
        process.execPath,
        'dist/fixtures/http/sdk-http-server.js',
      ],
      mark,
    );
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(readFileSync(json, 'utf8')) as {
      results: { rule: string; revision: string; transport: string; verdict: string }[];
    };
    rmSync(json, { force: true });
    const own = report.results.find((r) => r.rule === 'RPC-RESP-SAME-ID');
    expect(own).toMatchObject({ revision: '2025-11-25', transport: 'http', verdict: 'pass' });
    expect(report.results.filter((r) => r.transport !== 'http')).toEqual([]);
    await expectNoSurvivors(mark);
  });
});
