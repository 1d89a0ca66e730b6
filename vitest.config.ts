import { defineConfig } from 'vitest/config';

// Unit and integration tests run in Node against real SQLite files in temp dirs
// and real HTTP servers on 127.0.0.1; e2e (Playwright) lives in tests/e2e.
export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts', 'tests/unit/**/*.test.tsx'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
