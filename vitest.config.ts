import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    globalSetup: ['test/helpers/global-setup.ts'],
    hookTimeout: 120_000,
    reporters: ['default', './test/helpers/summary-reporter.ts'],
    pool: 'forks',
    // As server.ts does: the AWS SDK's "will require Node 22" notice is not actionable here (the SDK is pinned).
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  },
});
