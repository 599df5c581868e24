// What the suite tests, and one factory that opens a channel to it: a stdio command, a Streamable
// HTTP server already running at a URL, or an HTTP server command the suite starts on a free
// loopback port, waits for (bounded polling), and stops afterwards like a stdio target.

import { createConnection, createServer } from 'node:net';
import { TargetError } from '../errors.js';
import type { Budgets } from '../timing.js';
import { delay } from '../timing.js';
import type { Transcript } from '../transcript.js';
import type { Channel } from '../transport/channel.js';
import { MCP_HTTP_RULES } from '../session/http-rules.js';
import { HttpChannel } from '../transport/http.js';
import { openStdio } from '../transport/stdio.js';
import type { Transport } from '../model/protocol.js';
import { TargetProcess } from './process.js';
import type { TargetCommand } from './resolve.js';

export type TargetSpec =
  | { kind: 'stdio'; command: TargetCommand }
  /** A server already running: the suite never starts or stops it; a fresh target is a fresh session. */
  | { kind: 'http-url'; url: string }
  /**
   * A server command the suite starts per session: `{port}` in its arguments and the environment
   * variable `portEnv` carry the chosen port; `url` is the endpoint with `{port}` in it.
   */
  | { kind: 'http-command'; command: TargetCommand; url: string; portEnv: string };

/** The endpoint of an HTTP command target when none is given. */
export const DEFAULT_HTTP_URL = 'http://127.0.0.1:{port}/mcp';
/** How often readiness is polled while an HTTP command starts. */
const READY_POLL_MS = 25;

export function transportOf(t: TargetSpec): Transport {
  return t.kind === 'stdio' ? 'stdio' : 'http';
}

/** The report's view of the target: its command and URL. */
export function describeTarget(t: TargetSpec): { command: string[] | null; url: string | null } {
  if (t.kind === 'stdio') return { command: t.command.display, url: null };
  if (t.kind === 'http-url') return { command: null, url: t.url };
  return { command: t.command.display, url: t.url };
}

/** Opens a channel to the target: starts it when the suite owns it. Throws TargetError when it cannot. */
export async function openChannel(t: TargetSpec, transcript: Transcript, b: Budgets): Promise<Channel> {
  if (t.kind === 'stdio') return openStdio(t.command, { exitGrace: b.exitGrace, transcript });
  const http = {
    transcript,
    rules: MCP_HTTP_RULES,
    ackMs: b.prompt,
    requestAckMs: 4 * b.settle,
    firstMs: b.startup,
  };
  if (t.kind === 'http-url') return new HttpChannel({ url: t.url, ...http });
  const port = await freePort();
  const fill = (s: string) => s.replaceAll('{port}', String(port));
  const cmd: TargetCommand = {
    ...t.command,
    args: t.command.args.map(fill),
    env: { ...t.command.env, [t.portEnv]: String(port) },
  };
  const url = fill(t.url);
  const proc = await TargetProcess.start(cmd, {
    exitGrace: b.exitGrace,
    stopBy: 'signal',
    onStderrLine: (line) => transcript.add({ dir: 'server', kind: 'stderr', text: line }),
  });
  // An HTTP server's stdout is a log like its stderr; it is read so the pipe never fills.
  proc.stdout.setEncoding('utf8');
  proc.stdout.on('data', (chunk: string) => {
    for (const line of chunk.split('\n'))
      if (line.trim() !== '') transcript.add({ dir: 'server', kind: 'stderr', text: `[stdout] ${line}` });
  });
  transcript.add({ dir: 'harness', kind: 'http', text: `started the HTTP target on port ${port}: ${url}` });
  try {
    await untilListening(proc, port, b.startup);
  } catch (error) {
    await proc.stop();
    throw error;
  }
  return new HttpChannel({ url, proc, ...http });
}

/** A free TCP port on the loopback interface (the OS picks it). */
export async function freePort(): Promise<number> {
  // A port is free when asked, but the target binds it only once it has started: two targets
  // started at once (rules run side by side) could be handed the same one, and the second would
  // talk to the first one's server. No port is handed out twice by this process.
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = await askPort();
    if (handedOut.has(port)) continue;
    handedOut.add(port);
    return port;
  }
  throw new TargetError('could not find a free TCP port on 127.0.0.1 that this run had not used yet');
}

/** Ports freePort() gave out in this process. */
const handedOut = new Set<number>();

function askPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Whether something accepts TCP connections on 127.0.0.1:port. */
function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Polls until the started server accepts connections on its port; bounded by `ms`, ends early when it exits. */
async function untilListening(proc: TargetProcess, port: number, ms: number): Promise<void> {
  const deadline = performance.now() + ms;
  while (performance.now() < deadline) {
    if (proc.exit) {
      const how = proc.exit.signal ? `signal ${proc.exit.signal}` : `exit code ${proc.exit.code}`;
      const tail = proc.stderrTail().slice(-3).join(' | ');
      throw new TargetError(
        `the HTTP target exited (${how}) before it listened on port ${port}${tail ? `; last stderr: ${tail}` : '; it wrote nothing to stderr'}`,
      );
    }
    if (await accepts(port)) return;
    await delay(READY_POLL_MS);
  }
  throw new TargetError(
    `the HTTP target did not listen on 127.0.0.1:${port} within ${ms} ms; expected it to listen on the port given by {port} in its arguments or by its port environment variable`,
  );
}
