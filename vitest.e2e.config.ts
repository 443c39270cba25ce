import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

// End-to-end tests drive the production build in Chromium: one file at a time, generous timeouts.
export default defineConfig({
  resolve: { alias: { '@': fileURLToPath(new URL('.', import.meta.url)) } },
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
