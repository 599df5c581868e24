// Tests of the transcript event shapes: each kind requires its own content, and nothing else is let in.

import { describe, expect, it } from 'vitest';
import { EVENT_KINDS, TranscriptEvent } from './transcript.js';

const ok = (event: unknown) => TranscriptEvent.safeParse(event).success;
const at = { seq: 3, t: 1.5, dir: 'server' };

describe('TranscriptEvent', () => {
  it('a message carries its message; a window its span and why; every other kind its text', () => {
    expect(ok({ ...at, kind: 'message', message: { jsonrpc: '2.0', id: 1, result: {} }, batch: 2 })).toBe(
      true,
    );
    expect(ok({ ...at, dir: 'harness', kind: 'window', text: 'no response', from: 1, to: 801 })).toBe(true);
    const sample = { t: 2, cpuMs: 30, rssKb: 4096, fds: 12, threads: 7, processes: 2, descendants: [] };
    expect(ok({ ...at, dir: 'harness', kind: 'sample', text: 'tree', sample })).toBe(true);
    expect(ok({ ...at, dir: 'harness', kind: 'sample', text: 'tree' })).toBe(false);
    for (const kind of EVENT_KINDS.filter((k) => k !== 'message' && k !== 'window' && k !== 'sample'))
      expect(ok({ ...at, kind, text: 'a line', stream: 'POST#1' }), kind).toBe(true);
  });

  it.each([
    ['a message without message', { ...at, kind: 'message', text: 'x' }, ['message']],
    ['a note without text', { ...at, kind: 'note' }, ['text']],
    ['a window without its end', { ...at, kind: 'window', text: 'w', from: 1 }, ['to']],
    ['an unknown kind', { ...at, kind: 'log', text: 'x' }, ['kind']],
    ['an unknown member', { ...at, kind: 'note', text: 'x', level: 'info' }, []],
    ['a negative time', { ...at, t: -1, kind: 'note', text: 'x' }, ['t']],
  ])('refuses %s', (_what, event, path) => {
    const result = TranscriptEvent.safeParse(event);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(path);
  });

  it('narrows by kind: a message event has its message, a window its span', () => {
    const event = TranscriptEvent.parse({ ...at, kind: 'window', text: 'w', from: 1, to: 2 });
    // Compiles only because `kind` narrows the union: no `!` and no `?? 0` needed.
    const span = event.kind === 'window' ? event.to - event.from : 0;
    expect(span).toBe(1);
  });
});
