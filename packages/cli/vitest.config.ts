import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // the end-to-end tests spawn the built bin: build it once before them
    globalSetup: ['src/test-support/build-once.ts'],
    testTimeout: 240000,
    // starting an emulator (key generation, listen) can take seconds on a loaded 2-core CI machine
    hookTimeout: 60000,
  },
});
