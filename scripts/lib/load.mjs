// The load generator of npm run stability (scripts/stability.mjs): one worker thread per core, each
// hashing in an endless loop, so that the suite reaches its verdicts on a machine with no idle CPU.
// The workers are threads of this process, so none of the load can outlive it (not even after a
// SIGKILL), and they are unref'd, so they never keep the process alive on their own.

import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

// What each worker runs: SHA-256 over a 64 KiB buffer, forever (terminate() interrupts the loop).
const SPIN = `
  const { createHash } = require('node:crypto');
  const data = Buffer.alloc(65536, 1);
  for (;;) createHash('sha256').update(data).digest();
`;

/**
 * Starts `threads` spinning workers (default: one per core). Returns `threads` and `stop()`, which
 * ends them all and resolves when they are gone; calling it again returns the same promise.
 */
export function startLoad(threads = availableParallelism()) {
  const workers = Array.from({ length: threads }, () => {
    const worker = new Worker(SPIN, { eval: true });
    // A worker that fails just stops loading its core; the run itself must not crash for that.
    worker.on('error', (error) => console.error(`load: a worker failed: ${error.message}`));
    worker.unref();
    return worker;
  });
  let stopped = null;
  const stop = () => (stopped ??= Promise.all(workers.map((w) => w.terminate())).then(() => undefined));
  return { threads, stop };
}
