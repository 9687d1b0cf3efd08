import { defineConfig } from 'vitest/config';

// The queue-mode suite (`pnpm --filter @entra-licensing/bench test:scale`): real n8n main + 2 workers, Redis and
// PostgreSQL, started and stopped by the suite itself. One file, its tests in order, sharing one set-up.
export default defineConfig({
  test: {
    root: new URL('.', import.meta.url).pathname,
    include: ['**/*.test.ts'],
    testTimeout: 600_000,
    hookTimeout: 900_000,
    fileParallelism: false,
    sequence: { concurrent: false },
    env: { TZ: 'UTC' },
  },
});
