// The stdio transport: a target process whose stdout carries newline-delimited JSON-RPC and whose
// stderr is captured. Every line both ways lands in the transcript; a stdout line that is not JSON
// is recorded as evidence (STDIO-STDOUT-ONLY-MCP), never thrown.

import { TargetProcess, type ExitInfo } from '../target/process.js';
import type { TargetCommand } from '../target/resolve.js';
import { Transcript } from '../transcript.js';
import type { TranscriptEvent } from '../model/transcript.js';
import type { Json } from '../model/protocol.js';
import type { Channel, Outgoing } from './channel.js';
import { LineFramer } from './ndjson.js';
import { within } from '../timing.js';

/** Starts a target and wraps it as a Channel. */
export async function openStdio(
  cmd: TargetCommand,
  opts: { exitGrace: number; transcript?: Transcript },
): Promise<StdioChannel> {
  const transcript = opts.transcript ?? new Transcript();
  const proc = await TargetProcess.start(cmd, {
    exitGrace: opts.exitGrace,
    onStderrLine: (line) => transcript.add({ dir: 'server', kind: 'stderr', text: line }),
  });
  return new StdioChannel(proc, transcript);
}

export class StdioChannel implements Channel {
  readonly transport = 'stdio' as const;
  private readonly messageListeners: ((m: Json, e: TranscriptEvent) => void)[] = [];
  private readonly exitListeners: ((info: ExitInfo) => void)[] = [];
  private batch = 0;
  private serverBatch = 0;
  private exitInfo: ExitInfo | null = null;

  constructor(
    readonly proc: TargetProcess,
    readonly transcript: Transcript,
  ) {
    const framer = new LineFramer((line) => {
      if (line.oversized) {
        this.transcript.add({
          dir: 'server',
          kind: 'oversized',
          text: `${line.text.slice(0, 200)}… (line of ${line.length} characters, cut)`,
        });
        return;
      }
      if (line.text.trim() === '') return;
      let parsed: Json;
      try {
        parsed = JSON.parse(line.text) as Json;
      } catch {
        this.transcript.add({ dir: 'server', kind: 'non-json', text: line.text.slice(0, 2000) });
        return;
      }
      // A JSON-RPC batch (2025-03-26 allows them on stdio) is recorded element by element, marked as one batch.
      if (Array.isArray(parsed) && parsed.length > 0) {
        const batch = ++this.serverBatch;
        for (const element of parsed) this.deliver(element, batch);
      } else this.deliver(parsed);
    });
    const stdoutDone = new Promise<void>((resolve) => {
      proc.stdout.on('end', resolve);
      proc.stdout.on('close', resolve);
    });
    proc.stdout.on('data', (chunk: Buffer) => framer.push(chunk));
    proc.stdout.on('end', () => framer.end());
    // The exit is announced only once stdout is drained (bounded), so no last message is lost to it.
    void proc.exited
      .then((info) => within(stdoutDone, 200, () => undefined).then(() => info))
      .then((info) => {
        const how = info.signal ? `signal ${info.signal}` : `exit code ${info.code}`;
        this.transcript.add({
          dir: 'server',
          kind: 'exit',
          text: `target ended (${how})${info.requested ? ' after the suite asked it to stop' : ''}`,
        });
        this.exitInfo = info;
        for (const l of this.exitListeners) l(info);
      });
  }

  private deliver(message: Json, batch?: number): void {
    const event = this.transcript.add({
      dir: 'server',
      kind: 'message',
      message,
      ...(batch ? { batch } : {}),
    });
    for (const l of this.messageListeners) l(message, event);
  }

  get exit(): ExitInfo | null {
    return this.exitInfo;
  }

  async send(items: Outgoing[]): Promise<number> {
    const batch = items.length > 1 ? ++this.batch : undefined;
    const t = this.transcript.now();
    let data = '';
    for (const item of items) {
      if ('json' in item) {
        data += JSON.stringify(item.json) + '\n';
        this.transcript.add({ t, dir: 'client', kind: 'message', message: item.json, batch });
      } else {
        data += item.raw;
        this.transcript.add({ t, dir: 'client', kind: 'raw', text: item.raw, batch });
      }
    }
    await this.proc.write(data);
    return t;
  }

  onMessage(listener: (message: Json, event: TranscriptEvent) => void): void {
    this.messageListeners.push(listener);
  }

  onExit(listener: (info: ExitInfo) => void): void {
    this.exitListeners.push(listener);
  }

  get pid(): number {
    return this.proc.pid;
  }

  stderrTail(): string[] {
    return this.proc.stderrTail();
  }

  endInput(): void {
    this.proc.endInput();
  }

  close(): Promise<void> {
    return this.proc.stop();
  }
}
