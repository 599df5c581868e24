// LineFramer: byte chunks in, whole lines out, with bounded memory whatever the target writes.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_LINE, LineFramer, type FramedLine } from './ndjson.js';

/** A framer that collects what it emits. */
function collect(maxLine?: number): { framer: LineFramer; lines: FramedLine[] } {
  const lines: FramedLine[] = [];
  const framer = new LineFramer((line) => lines.push(line), maxLine);
  return { framer, lines };
}

function texts(lines: FramedLine[]): string[] {
  return lines.map((l) => l.text);
}

/** Total length of every string the framer holds: what it keeps between pushes. */
function heldChars(framer: LineFramer): number {
  return Object.values(framer as object).reduce<number>(
    (sum, v) => sum + (typeof v === 'string' ? v.length : 0),
    0,
  );
}

describe('LineFramer', () => {
  it('keeps a partial line until its end arrives in a later chunk', () => {
    const { framer, lines } = collect();
    framer.push(Buffer.from('{"jsonrpc":"2.0",'));
    expect(lines).toEqual([]);
    framer.push(Buffer.from('"id":1,'));
    expect(lines).toEqual([]);
    framer.push(Buffer.from('"result":{}}\n'));
    expect(lines).toEqual([{ text: '{"jsonrpc":"2.0","id":1,"result":{}}', oversized: false, length: 36 }]);
  });

  it('emits several lines of one chunk one by one, in order, keeping the unterminated rest', () => {
    const { framer, lines } = collect();
    framer.push(Buffer.from('a\nbb\nccc\ndd'));
    expect(texts(lines)).toEqual(['a', 'bb', 'ccc']);
    framer.push(Buffer.from('d\n'));
    expect(texts(lines)).toEqual(['a', 'bb', 'ccc', 'ddd']);
    expect(lines.every((l) => !l.oversized && l.length === l.text.length)).toBe(true);
  });

  it('accepts CRLF, also when the CR and the LF arrive in different chunks', () => {
    const { framer, lines } = collect();
    framer.push(Buffer.from('one\r\ntwo\r'));
    framer.push(Buffer.from('\nthree\n'));
    expect(texts(lines)).toEqual(['one', 'two', 'three']);
    expect(lines.map((l) => l.length)).toEqual([3, 3, 5]);
  });

  it('keeps a CR inside a line (only the one before the LF is a terminator)', () => {
    const { framer, lines } = collect();
    framer.push(Buffer.from('a\rb\r\n'));
    expect(texts(lines)).toEqual(['a\rb']);
  });

  it('decodes a multi-byte UTF-8 character split across chunks', () => {
    const text = '{"msg":"héllo → 世界 🎉"}';
    const bytes = Buffer.from(text + '\n', 'utf8');
    // Cut at every byte offset, so that every character is split at every possible place once.
    for (let cut = 1; cut < bytes.length; cut++) {
      const { framer, lines } = collect();
      framer.push(bytes.subarray(0, cut));
      framer.push(bytes.subarray(cut));
      expect(texts(lines), `cut at byte ${cut}`).toEqual([text]);
    }
  });

  it('decodes a 4-byte character fed one byte per chunk', () => {
    const { framer, lines } = collect();
    for (const b of Buffer.from('🎉x\n', 'utf8')) framer.push(Buffer.from([b]));
    expect(texts(lines)).toEqual(['🎉x']);
    expect(lines[0]?.oversized).toBe(false);
  });

  it('emits empty lines as empty text (the stdio channel ignores them)', () => {
    const { framer, lines } = collect();
    framer.push(Buffer.from('\n\r\nx\n\n'));
    expect(lines).toEqual([
      { text: '', oversized: false, length: 0 },
      { text: '', oversized: false, length: 0 },
      { text: 'x', oversized: false, length: 1 },
      { text: '', oversized: false, length: 0 },
    ]);
  });

  it('flushes a final unterminated line on end(), and nothing when there is none', () => {
    const { framer, lines } = collect();
    framer.push(Buffer.from('first\nlast without newline'));
    expect(texts(lines)).toEqual(['first']);
    framer.end();
    expect(texts(lines)).toEqual(['first', 'last without newline']);

    const other = collect();
    other.framer.push(Buffer.from('done\n'));
    other.framer.end();
    expect(texts(other.lines)).toEqual(['done']);
  });

  it('flushes an incomplete UTF-8 sequence on end() as a replacement character, not silently', () => {
    const { framer, lines } = collect();
    const euro = Buffer.from('€', 'utf8');
    framer.push(Buffer.concat([Buffer.from('x'), euro.subarray(0, 2)]));
    framer.end();
    expect(lines).toHaveLength(1);
    expect(lines[0]?.text.startsWith('x')).toBe(true);
    expect(lines[0]?.text).toContain('\uFFFD');
  });

  it('accepts string chunks as well as buffers', () => {
    const { framer, lines } = collect();
    framer.push('a\nb');
    framer.push('c\n');
    expect(texts(lines)).toEqual(['a', 'bc']);
  });

  it('a line of exactly the limit is not oversized; one character more is', () => {
    const { framer, lines } = collect(10);
    framer.push(Buffer.from('0123456789\n01234567890\n'));
    expect(lines).toEqual([
      { text: '0123456789', oversized: false, length: 10 },
      { text: '0123456789', oversized: true, length: 11 },
    ]);
  });

  it('cuts an oversized line that arrives in one chunk and goes on with the next line intact', () => {
    const { framer, lines } = collect(16);
    framer.push(Buffer.from('x'.repeat(100) + '\n{"ok":true}\n'));
    expect(lines).toEqual([
      { text: 'x'.repeat(16), oversized: true, length: 100 },
      { text: '{"ok":true}', oversized: false, length: 11 },
    ]);
  });

  it('cuts an oversized line that is still unterminated at end()', () => {
    const { framer, lines } = collect(8);
    framer.push(Buffer.from('abcdefghijklmnop'));
    framer.push(Buffer.from('qrstuvwxyz'));
    expect(lines).toEqual([]);
    framer.end();
    expect(lines).toEqual([{ text: 'abcdefgh', oversized: true, length: 26 }]);
  });

  it('uses a default limit of 4 MiB', () => {
    expect(DEFAULT_MAX_LINE).toBe(4 * 1024 * 1024);
  });

  it('stays bounded on a 50 MB line fed in 64 KB chunks: cut text, whole length, next line intact', () => {
    const limit = 1024 * 1024;
    const chunkSize = 64 * 1024;
    const total = 50 * 1024 * 1024;
    const { framer, lines } = collect(limit);
    // Vary the content so that a cut at the wrong place would show.
    const chunk = Buffer.alloc(chunkSize);
    for (let i = 0; i < chunkSize; i++) chunk[i] = 0x61 + (i % 26);
    let maxHeld = 0;
    for (let sent = 0; sent < total; sent += chunkSize) {
      framer.push(chunk);
      maxHeld = Math.max(maxHeld, heldChars(framer));
    }
    expect(lines).toEqual([]);
    framer.push(Buffer.from('\n{"jsonrpc":"2.0","id":7,"result":{}}\n'));

    // Memory stays bounded: never more than the limit (plus at most one chunk) is held.
    expect(maxHeld).toBeLessThanOrEqual(limit + chunkSize);
    expect(heldChars(framer)).toBe(0);

    expect(lines).toHaveLength(2);
    const [big, next] = lines;
    expect(big?.oversized).toBe(true);
    expect(big?.length).toBe(total);
    expect(big?.text.length).toBe(limit);
    const expectedStart = chunk
      .toString('latin1')
      .repeat(Math.ceil(limit / chunkSize))
      .slice(0, limit);
    expect(big?.text === expectedStart).toBe(true);
    expect(next).toEqual({ text: '{"jsonrpc":"2.0","id":7,"result":{}}', oversized: false, length: 36 });
  });

  it('counts the whole length of an oversized line in characters when it carries multi-byte text', () => {
    const { framer, lines } = collect(4);
    // 10 × 'é' is 20 bytes and 10 characters; split in odd places.
    const bytes = Buffer.from('é'.repeat(10) + '\nok\n', 'utf8');
    for (let i = 0; i < bytes.length; i += 3) framer.push(bytes.subarray(i, i + 3));
    expect(lines).toEqual([
      { text: 'éééé', oversized: true, length: 10 },
      { text: 'ok', oversized: false, length: 2 },
    ]);
  });

  it('handles several oversized lines in a row, each reported once', () => {
    const { framer, lines } = collect(4);
    framer.push(Buffer.from('aaaaaaaa\nbbbbbb'));
    framer.push(Buffer.from('bbbb\ncc\n'));
    expect(lines).toEqual([
      { text: 'aaaa', oversized: true, length: 8 },
      { text: 'bbbb', oversized: true, length: 10 },
      { text: 'cc', oversized: false, length: 2 },
    ]);
  });
});

describe('LineFramer: property', () => {
  it('any split of any byte stream into chunks yields the same lines (seeded, replayable)', () => {
    const line = fc.string({ unit: 'grapheme', maxLength: 40 }).map((s) => s.replace(/[\r\n]/g, ' '));
    fc.assert(
      fc.property(
        fc.array(line, { maxLength: 12 }),
        fc.boolean(),
        fc.array(fc.nat(), { maxLength: 20 }),
        (lines, crlf, cuts) => {
          const bytes = Buffer.from(lines.map((l) => l + (crlf ? '\r\n' : '\n')).join(''), 'utf8');
          const points = [...new Set(cuts.map((c) => (bytes.length === 0 ? 0 : c % bytes.length)))].sort(
            (a, b) => a - b,
          );
          const got: string[] = [];
          const framer = new LineFramer((l) => got.push(l.text), 1 << 20);
          let at = 0;
          for (const p of [...points, bytes.length]) {
            framer.push(bytes.subarray(at, p));
            at = p;
          }
          framer.end();
          expect(got).toEqual(lines);
        },
      ),
      { seed: 20261120, numRuns: 300 },
    );
  });
});
