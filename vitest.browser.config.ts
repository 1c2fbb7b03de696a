import { defineConfig } from 'vitest/config';

// Browser tests drive the built app (vite preview) in Debian's Chromium through playwright-core.
export default defineConfig({
  test: {
    include: ['tests/browser/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['tests/browser/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Two files at a time (one Chromium each): on the 2-core CI machine the suite took 651 s instead of
    // 770 s one by one, with the slowest test at 54 s, well inside the timeouts above.
    fileParallelism: true,
    maxWorkers: 2,
  },
});
