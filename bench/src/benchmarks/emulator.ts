import type { Benchmark } from '../lib/options.js';

export const emulator: Benchmark = {
  name: 'emulator',
  describe: 'not yet written',
  async run() {
    throw new Error('emulator: not yet written');
  },
};
