import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'shared/**/*.test.ts',
      'node-common/**/*.test.ts',
      'electron/**/*.test.ts',
      'gateway/**/*.test.ts',
      'renderer/**/*.test.{ts,tsx}',
      'tests/integration/**/*.test.ts',
    ],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Integration tests start real OBS, Redis and engines; two cores do not take many at once.
    maxWorkers: 2,
    fileParallelism: true,
    setupFiles: ['tests/harness/vitest-setup.ts'],
  },
});
