import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Two cores on CI: forks keep suites isolated; no test relies on wall-clock time.
    pool: 'forks',
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
