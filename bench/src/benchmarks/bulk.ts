import type { Benchmark } from '../lib/options.js';

export const bulk: Benchmark = {
  name: 'bulk',
  describe: 'not yet written',
  async run() {
    throw new Error('bulk: not yet written');
  },
};
