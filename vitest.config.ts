import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Starts a throwaway PostgreSQL (or uses TEST_DATABASE_URL) for the PostgreSQL tests.
    globalSetup: ['test/support/postgres.ts'],
    // Forked processes: PGlite and the schema engine are WebAssembly with large memories, and a
    // crashed or panicked instance should take down one test file, not the runner.
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ['default'],
  },
});
