import type { Benchmark } from '../lib/options.js';

export const n8nHttp: Benchmark = {
  name: 'n8n-http',
  describe: 'not yet written',
  async run() {
    throw new Error('n8n-http: not yet written');
  },
};
