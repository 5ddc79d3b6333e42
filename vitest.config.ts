import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    globalSetup: ['test/helpers/global-setup.ts'],
    hookTimeout: 120_000,
    reporters: ['default', './test/helpers/summary-reporter.ts'],
    pool: 'forks',
  },
});
