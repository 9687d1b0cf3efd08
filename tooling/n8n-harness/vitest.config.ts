import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'n8n-harness',
    include: ['src/**/*.test.ts'],
  },
});
