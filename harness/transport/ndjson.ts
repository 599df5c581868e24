// Newline-delimited framing for stdio: turns arbitrary byte chunks into whole lines with bounded
// memory. Partial lines wait for their end, several lines in one chunk come out one by one, CRLF is
// accepted, and a line longer than the limit is cut (its start kept as evidence) instead of growing.

import { StringDecoder } from 'node:string_decoder';

export interface FramedLine {
  /** The line without its terminator (cut to `maxLineBytes` characters when oversized). */
  text: string;
  /** True when the line exceeded the limit and only its start is kept. */
  oversized: boolean;
  /** Length of the whole line in characters, also when it was cut. */
  length: number;
}

/** Default cap of one line: larger than any sane MCP message, small enough to bound memory. */
export const DEFAULT_MAX_LINE = 4 * 1024 * 1024;

/** Splits a byte stream into lines; feed chunks with `push`, and `end` flushes a final unterminated line. */
export class LineFramer {
  private readonly decoder = new StringDecoder('utf8');
  private buffer = '';
  private skipping = false;
  private skippedLength = 0;

  constructor(
    private readonly onLine: (line: FramedLine) => void,
    private readonly maxLine = DEFAULT_MAX_LINE,
  ) {}

  push(chunk: Buffer | string): void {
    this.consume(typeof chunk === 'string' ? chunk : this.decoder.write(chunk));
  }

  end(): void {
    this.consume(this.decoder.end());
    if (this.skipping) this.emitOversized();
    else if (this.buffer.length > 0) this.emit(this.buffer);
    this.buffer = '';
  }

  private consume(text: string): void {
    let start = 0;
    for (;;) {
      const nl = text.indexOf('\n', start);
      if (nl === -1) break;
      const piece = text.slice(start, nl);
      if (this.skipping) {
        this.skippedLength += piece.length;
        this.emitOversized();
      } else {
        const whole = this.buffer + piece;
        const line = whole.endsWith('\r') ? whole.slice(0, -1) : whole;
        this.buffer = '';
        if (line.length > this.maxLine) this.cut(line);
        else this.emit(line);
      }
      start = nl + 1;
    }
    const rest = text.slice(start);
    if (this.skipping) {
      this.skippedLength += rest.length;
    } else {
      this.buffer += rest;
      if (this.buffer.length > this.maxLine) {
        this.skipping = true;
        this.skippedLength = this.buffer.length;
        this.buffer = this.buffer.slice(0, this.maxLine);
      }
    }
  }

  private cut(line: string): void {
    this.onLine({ text: line.slice(0, this.maxLine), oversized: true, length: line.length });
  }

  private emitOversized(): void {
    this.onLine({ text: this.buffer, oversized: true, length: this.skippedLength });
    this.buffer = '';
    this.skipping = false;
    this.skippedLength = 0;
  }

  private emit(line: string): void {
    const text = line.endsWith('\r') ? line.slice(0, -1) : line;
    this.onLine({ text, oversized: false, length: text.length });
  }
}
