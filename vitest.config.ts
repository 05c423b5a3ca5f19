import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Consumer projects run in their own process, against the packed package (test/package/consumers.test.ts).
    exclude: ['test/consumers/**', 'node_modules/**'],
    // Two cores on CI: forks keep suites isolated; no test relies on wall-clock time.
    pool: 'forks',
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
