import { describe, expect, it } from 'vitest';
import type { CollectedItems } from './collect-items.js';
import type { Job } from './job.js';
import { buildResults } from './results.js';
import type { BulkItem } from './types.js';

const target = { kind: 'group' as const, id: '1132b215-826f-42a9-8cfe-1643d19d17fd' };
const item: BulkItem = { target, intent: { action: 'assign', skus: ['SPE_E3'] } };

function job(items: number[], status: 'applied' | 'failed' | undefined): Job {
  return {
    target,
    items,
    changeSet: { skus: [], exclusive: false, fromSet: false },
    own: {},
    warnings: [],
    wrote: false,
    maybeWrote: false,
    faultRetries: 0,
    throttleRetries: 0,
    requests: 3,
    ...(status ? { outcome: { status } } : {}),
  };
}

describe('buildResults', () => {
  it('one result per item in input order; merged items share their target’s outcome and name each other', () => {
    const shared = job([0, 2], 'applied');
    const collected: CollectedItems = {
      jobs: [shared],
      jobOfItem: [shared, undefined, shared],
      refused: new Map([
        [1, { status: 'failed', error: { code: 'SKU_NOT_FOUND', message: 'no' }, reason: 'no' }],
      ]),
    };
    const { results, summary } = buildResults([item, { ...item, key: 'k' }, item], collected, []);
    expect(results.map((r) => [r.index, r.key, r.status, r.mergedWith, r.requests])).toEqual([
      [0, '0', 'applied', [2], 3],
      [1, 'k', 'failed', [], 0],
      [2, '2', 'applied', [0], 3],
    ]);
    expect(results[1]?.error).toEqual({ code: 'SKU_NOT_FOUND', message: 'no' });
    expect(summary).toEqual({ applied: 2, unchanged: 0, skipped: 0, failed: 1, planned: 0 });
  });

  it('a job without an outcome is a failed result, never a missing one', () => {
    const lost = job([0], undefined);
    const { results } = buildResults([item], { jobs: [lost], jobOfItem: [lost], refused: new Map() }, []);
    expect([results[0]?.status, results[0]?.error?.code]).toEqual(['failed', 'InternalError']);
  });
});
