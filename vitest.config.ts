import { defineConfig } from 'vitest/config';

const dbSetup = ['tests/helpers/global-setup.ts'];

export default defineConfig({
  test: {
    maxWorkers: 2,
    projects: [
      // Some unit suites check every post of a real day against a reference: a busy 2-core machine
      // takes seconds over them.
      { test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node', testTimeout: 30_000 } },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          globalSetup: dbSetup,
          testTimeout: 60_000,
          // A fresh PGlite per file starts a WASM Postgres: generous on a busy 2-core machine.
          hookTimeout: 180_000,
        },
      },
      {
        test: {
          name: 'workers',
          include: ['tests/workers/**/*.test.ts'],
          globalSetup: dbSetup,
          testTimeout: 60_000,
          hookTimeout: 180_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          globalSetup: dbSetup,
          testTimeout: 60_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
