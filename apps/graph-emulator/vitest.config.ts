import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'graph-emulator',
    include: ['src/**/*.test.ts'],
    testTimeout: 30000,
  },
});
