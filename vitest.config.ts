import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    // fast-check: a fixed seed in CI, a new one on every local run (test/setup-fast-check.ts).
    setupFiles: ['test/setup-fast-check.ts'],
    // CI reads the JSON report to print its one-line summary.
    reporters: process.env['CI'] ? ['default', ['json', { outputFile: '.ci/results.json' }]] : ['default'],
  },
});
