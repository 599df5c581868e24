import { defineConfig } from 'vitest/config';

// Tests sit beside the code they test (harness/x.ts ↔ harness/x.test.ts); the fixture × rule matrix
// lives in fixtures/matrix.test.ts. Targets run from dist/, so `npm test` builds first.
export default defineConfig({
  test: {
    include: ['harness/**/*.test.ts', 'suites/**/*.test.ts', 'reports/**/*.test.ts', 'fixtures/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
    // The matrix runs fixtures concurrently; each run has up to 3 targets at once. Keep the total sane on 2 cores.
    maxConcurrency: 3,
  },
});
