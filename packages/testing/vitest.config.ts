import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    testTimeout: 30000,
    // starting an emulator (key generation, listen) can take seconds on a loaded 2-core CI machine
    hookTimeout: 60000,
  },
});
