import type { BulkRunner } from './types.js';

export const oursRunner: BulkRunner = {
  id: 'ours',
  label: 'ours: licensing bulk path',
  targetKind: 'groups',
  async run() {
    throw new Error('ours runner: the licensing bulk path has not landed yet');
  },
};
