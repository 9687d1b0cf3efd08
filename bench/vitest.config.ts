import { defineConfig } from 'vitest/config';

// The campaigns start their own emulators over real HTTP; each file is bounded to about two minutes.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 150_000,
    hookTimeout: 60_000,
  },
});
