import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'install-check',
    include: ['src/**/*.test.ts'],
    // installs from a registry, a real n8n: minutes on a busy 2-core machine
    testTimeout: 900_000,
    hookTimeout: 900_000,
  },
});
