import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'sku-catalog',
    include: ['src/**/*.test.ts'],
  },
});
