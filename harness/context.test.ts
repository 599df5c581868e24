// telling(): the stderr line that says what went wrong, not a frame of a backtrace.
import { describe, expect, it } from 'vitest';
import { telling } from './context.js';

describe('telling', () => {
  it('picks the error line of a Rust anyhow backtrace, not a numbered frame', () => {
    const stderr = [
      'INFO server: starting',
      'Error: expect initialized request, but received: Some(Notification(…))',
      '',
      'Stack backtrace:',
      '   0: anyhow::error::<impl core::convert::From<E> for anyhow::Error>::from',
      '   1: tokio::runtime::runtime::Runtime::block_on',
      '   9: _start',
    ];
    expect(telling(stderr)).toBe('Error: expect initialized request, but received: Some(Notification(…))');
  });

  it('picks the last error-like line of a Node crash, skipping the "at" frames and the version line', () => {
    const stderr = ['Error: boom', '    at main (/x.js:1:1)', '', 'Node.js v20.20.2'];
    expect(telling(stderr)).toBe('Error: boom');
  });
});
