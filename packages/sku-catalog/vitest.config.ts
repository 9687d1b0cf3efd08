import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'sku-catalog',
    include: ['src/**/*.test.ts'],
    // The build-script tests start Node processes: generous on a loaded 2-core machine (a first `npm test`
    // runs them while the n8n install compiles), never a claim about speed.
    testTimeout: 30000,
  },
});
