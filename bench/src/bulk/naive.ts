import type { BulkRunner } from './types.js';

export const naiveRunner: BulkRunner = {
  id: 'naive',
  label: 'naive sequential loop over the generated client',
  targetKind: 'groups',
  async run() {
    throw new Error('naive runner: the generated client (createGraphClient) has not landed yet');
  },
};
