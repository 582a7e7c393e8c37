// Test projects: `unit` (pure logic and components, jsdom where needed) and `e2e` (the built extension in real Chromium).
import preact from '@preact/preset-vite';
import { defineConfig } from 'vitest/config';

// Each run also writes a JSON report, so CI can print one closing line (scripts/test-summary.mjs).
const project = /--project[= ](\w+)/.exec(process.argv.join(' '))?.[1] ?? 'all';

export default defineConfig({
  test: {
    reporters: ['default', 'json'],
    outputFile: { json: `.tmp/test-results/${project}.json` },
    projects: [
      {
        plugins: [preact()],
        test: { name: 'unit', include: ['test/unit/**/*.test.{ts,tsx}'], environment: 'node', setupFiles: ['test/support/domSetup.ts'] },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // One browser at a time: two cores, and DevTools panels are heavy.
          fileParallelism: false,
        },
      },
    ],
  },
});
