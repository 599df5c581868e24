// What each transcript policy keeps: a passing result its evidence, windows, exit and last messages
// (in 'compact' its cancels, windows, notes, end and 2 stderr lines); a non-passing one everything ('passing') or the
// story around its evidence ('compact'); 'full' all.
import { describe, expect, it } from 'vitest';
import type { RuleResult } from './model/report.js';
import type { TranscriptEvent } from './model/transcript.js';
import {
  COMPACT_STORY_STDERR,
  COMPACT_PASS_WINDOWS,
  COMPACT_PASS_CANCELS,
  COMPACT_PASS_EDGE,
  COMPACT_PASS_STDERR,
  PASS_EDGE,
  PASS_STDERR,
  STORY_CONTEXT,
  STORY_EDGE,
  trimTranscript,
} from './trim.js';

function result(verdict: RuleResult['verdict'], n: number, evidence: number[]): RuleResult {
  const transcript: TranscriptEvent[] = Array.from({ length: n }, (_, seq) =>
    seq === 50
      ? {
          seq,
          t: seq + 0.123456,
          dir: 'harness',
          kind: 'window',
          text: 'watching',
          from: 50.123456,
          to: 60.987654,
        }
      : seq % 3 === 0
        ? { seq, t: seq + 0.123456, dir: 'server', kind: 'stderr', text: `line ${seq}` }
        : {
            seq,
            t: seq + 0.123456,
            dir: 'server',
            kind: 'message',
            message: { jsonrpc: '2.0', method: 'x' },
          },
  );
  const stderrTail = Array.from({ length: 20 }, (_, i) => `tail ${i}`);
  return { verdict, transcript, evidence, stderrTail } as unknown as RuleResult;
}

describe('trimTranscript', () => {
  it("'full' keeps everything, times untouched", () => {
    const r = result('pass', 300, [100]);
    expect(trimTranscript(r, 'full')).toBe(r);
  });

  it('a passing result keeps evidence, windows and its last messages, and says what it kept of what', () => {
    const t = trimTranscript(result('pass', 300, [100]), 'passing');
    const seqs = t.transcript.map((e) => e.seq);
    expect(seqs).toContain(100);
    expect(seqs).toContain(50);
    expect(t.transcript.filter((e) => e.kind === 'message' && e.seq !== 100)).toHaveLength(PASS_EDGE);
    expect(seqs.at(-1)).toBe(299);
    expect(t.transcriptTrimmed).toEqual({ kept: t.transcript.length, total: 300 });
    expect(t.stderrTail).toHaveLength(PASS_STDERR);
    expect(t.transcript[0]?.t).toBe(Math.round((t.transcript[0]?.seq ?? 0) * 100 + 12.3456) / 100);
    const window = t.transcript.find((e) => e.kind === 'window');
    expect([window?.from, window?.to]).toEqual([50.12, 60.99]);
  });

  it("in 'compact' a passing result keeps its evidence, the client's cancels, windows, notes and its end", () => {
    const r = result('pass', 300, [100]);
    const cancel = (seq: number): TranscriptEvent => ({
      seq,
      t: seq,
      dir: 'client',
      kind: 'message',
      message: { jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: 2 } },
    });
    r.transcript[20] = cancel(20);
    r.transcript[21] = {
      seq: 21,
      t: 21,
      dir: 'harness',
      kind: 'note',
      text: 'the suite starts a fresh target',
    };
    r.transcript[22] = { seq: 22, t: 22, dir: 'server', kind: 'exit', text: 'target ended' };
    r.transcript[299] = { seq: 299, t: 299, dir: 'server', kind: 'exit', text: 'target ended' };
    const t = trimTranscript(r, 'compact');
    const seqs = t.transcript.map((e) => e.seq);
    for (const s of [20, 21, 50, 100, 299]) expect(seqs).toContain(s);
    expect(seqs).not.toContain(22); // an earlier session's exit; its note stays
    const messages = t.transcript.filter((e) => e.kind === 'message' && e.seq !== 100 && e.seq !== 20);
    expect(messages).toHaveLength(COMPACT_PASS_EDGE);
    expect(messages.map((e) => e.seq)).toEqual([298]);
    expect(t.transcriptTrimmed).toEqual({ kept: seqs.length, total: 300 });
    expect(seqs.length).toBeLessThan(trimTranscript(r, 'passing').transcript.length);
    expect(t.stderrTail).toEqual(['tail 18', 'tail 19'].slice(-COMPACT_PASS_STDERR));
  });

  it("in 'compact' a passing result that sent hundreds of cancels keeps the first and last few", () => {
    const r = result('pass', 400, []);
    for (let seq = 10; seq < 310; seq++)
      r.transcript[seq] = {
        seq,
        t: seq,
        dir: 'client',
        kind: 'message',
        message: { jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: seq } },
      };
    const kept = trimTranscript(r, 'compact')
      .transcript.filter((e) => e.dir === 'client')
      .map((e) => e.seq);
    expect(kept).toHaveLength(COMPACT_PASS_CANCELS);
    expect(kept).toEqual([10, 309]);
  });

  it("in 'compact' a passing result keeps the first and last few of many windows; a failing one its last 10 stderr lines", () => {
    const r = result('pass', 400, []);
    for (let seq = 100; seq < 200; seq++)
      r.transcript[seq] = { seq, t: seq, dir: 'harness', kind: 'window', text: 'w', from: seq, to: seq + 1 };
    const windows = trimTranscript(r, 'compact').transcript.filter((e) => e.kind === 'window');
    expect(windows).toHaveLength(COMPACT_PASS_WINDOWS);
    expect(windows.map((e) => e.seq)).toEqual([50, 199]); // 50: result()'s own window, the first
    const failing = result('fail', 50, [10]);
    expect(trimTranscript(failing, 'compact').stderrTail).toEqual(
      failing.stderrTail.slice(-COMPACT_STORY_STDERR),
    );
    expect(trimTranscript(failing, 'passing').stderrTail).toHaveLength(20);
  });

  it("a failing result keeps everything by default, and the story around its evidence in 'compact'", () => {
    const failing = result('fail', 300, [150]);
    const kept = trimTranscript(failing, 'passing');
    expect(kept.transcript).toHaveLength(300);
    expect(kept.transcriptTrimmed).toBeUndefined();
    expect(kept.stderrTail).toHaveLength(20);
    const story = trimTranscript(failing, 'compact').transcript.map((e) => e.seq);
    for (let s = 150 - STORY_CONTEXT; s <= 150 + STORY_CONTEXT; s++) expect(story).toContain(s);
    expect(story).toContain(0);
    expect(story).toContain(STORY_EDGE - 1);
    expect(story).not.toContain(STORY_EDGE);
    expect(story).toContain(299);
    expect(story).toContain(50);
    expect(story.length).toBeLessThan(300);
  });
});
