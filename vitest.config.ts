import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // End-to-end tests spawn pseudo-terminals and servers; two workers keep a 2-core CI machine responsive.
    maxWorkers: 2,
  },
});
