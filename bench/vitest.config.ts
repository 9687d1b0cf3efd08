import { configDefaults, defineConfig } from 'vitest/config';

// The campaigns start their own emulators over real HTTP; each file is bounded to about two minutes.
// Two projects, run as separate tasks (see the root turbo.json): unit (`pnpm test`) and e2e (`pnpm test:e2e`,
// test/n8n-*.test.ts: the n8n side of the campaigns). The e2e global setup makes sure the real n8n is installed
// (turbo's `n8n:install` task has normally done it) and packs the node once, outside any test or hook timeout.
const n8nSide = ['test/n8n-*.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 150_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: [...configDefaults.exclude, ...n8nSide],
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: n8nSide,
          globalSetup: ['test/support/n8n-global-setup.ts'],
          // A beforeAll runs a whole n8n batch on a loaded machine; the n8n install is not in it.
          hookTimeout: 600_000,
        },
      },
    ],
  },
  // n8n-workflow ships ESM in a package without "type": "module", so vite transforms it, and warns once per file
  // that its source maps name sources it does not ship: 123 lines a run that buried the test output. Vite's
  // warnings here are only about transforming files; vitest's own reporting is not affected.
  logLevel: 'error',
});
