import { describe, expect, it, vi } from 'vitest';
import { skuIdOf, tenantSku } from '../test-support/tenant-skus.js';
import { collectItems, refuseAll } from './collect-items.js';
import type { BulkItem } from './types.js';

const merges: number[] = [];
vi.mock('../core/change-set.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../core/change-set.js')>();
  return {
    ...original,
    mergeChangeSets: (sets: Parameters<typeof original.mergeChangeSets>[0]) => {
      merges.push(sets.length);
      return original.mergeChangeSets(sets);
    },
  };
});

const skus = [tenantSku('SPE_E3'), tenantSku('AAD_PREMIUM'), tenantSku('EMSPREMIUM')];
const GROUP = '1132b215-826f-42a9-8cfe-1643d19d17fd';
const OTHER = '2232b215-826f-42a9-8cfe-1643d19d17fd';

describe('collectItems', () => {
  it('merges 10,000 items into one target one by one (linear: every merge takes two change sets)', () => {
    merges.length = 0;
    const parts = ['SPE_E3', 'AAD_PREMIUM', 'EMSPREMIUM'];
    const items: BulkItem[] = Array.from({ length: 10_000 }, (_, n) => ({
      target: { kind: 'group', id: n % 2 === 0 ? GROUP : GROUP.toUpperCase() },
      intent: { action: 'assign', skus: [parts[n % 3] ?? 'SPE_E3'] },
    }));
    const collected = collectItems(items, skus, { intentField: 'intent' });
    expect(collected.jobs).toHaveLength(1);
    expect(collected.refused.size).toBe(0);
    expect(merges).toHaveLength(9_999);
    expect(Math.max(...merges)).toBe(2);
    const job = collected.jobs[0];
    expect(job?.items).toHaveLength(10_000);
    expect(job?.changeSet.skus.map((r) => r.skuId).sort()).toEqual(parts.map(skuIdOf).sort());
    expect(collected.jobOfItem.every((j) => j === job)).toBe(true);
  });

  it('refuses the item that contradicts, keeping what was merged before; the message lists a few items only', () => {
    const items: BulkItem[] = [
      ...Array.from({ length: 50 }, () => ({
        target: { kind: 'group' as const, id: GROUP },
        intent: { action: 'assign' as const, skus: ['SPE_E3'] },
      })),
      { target: { kind: 'group', id: GROUP }, intent: { action: 'remove', skus: ['SPE_E3'] } },
      { target: { kind: 'group', id: OTHER }, intent: { action: 'remove', skus: ['SPE_E3'] } },
    ];
    const collected = collectItems(items, skus, { intentField: 'intent' });
    const refused = collected.refused.get(50);
    expect([refused?.error?.code, refused?.error?.field, refused?.error?.value]).toEqual([
      'CONFLICTING_INTENTS',
      'intent',
      'remove',
    ]);
    expect(refused?.error?.message).toContain('item(s) 0, 1, 2, 3, 4 and 45 more');
    expect(collected.jobs.map((j) => j.items.length)).toEqual([50, 1]);
    expect(collected.jobs[0]?.changeSet.skus.map((r) => r.present)).toEqual([true]);
  });

  it('names intent fields inside the item for bulk runs, and as passed for single-target calls', () => {
    const item: BulkItem = {
      target: { kind: 'group', id: GROUP },
      intent: { action: 'assign', skus: ['Nope 365'] },
    };
    const bulk = collectItems([item], skus, { intentField: 'intent' }).refused.get(0);
    expect([bulk?.error?.code, bulk?.error?.field]).toEqual(['SKU_NOT_FOUND', 'intent.skus[0]']);
    const single = collectItems([item], skus).refused.get(0);
    expect([single?.error?.code, single?.error?.field]).toEqual(['SKU_NOT_FOUND', 'skus[0]']);
    const badTarget = collectItems([{ ...item, target: { kind: 'group', id: 'a/b' } }], skus).refused.get(0);
    expect(badTarget?.error?.field).toBe('target.id');
  });

  it('refuses a set merged with anything else for the same target', () => {
    const items: BulkItem[] = [
      { target: { kind: 'group', id: GROUP }, intent: { action: 'set', licenses: ['SPE_E3'] } },
      { target: { kind: 'group', id: GROUP }, intent: { action: 'assign', skus: ['AAD_PREMIUM'] } },
    ];
    const collected = collectItems(items, skus, { intentField: 'intent' });
    expect(collected.refused.get(1)?.error?.code).toBe('CONFLICTING_INTENTS');
    expect(collected.jobs[0]?.changeSet.fromSet).toBe(true);
  });

  it('refuseAll fails every item with the reason the tenant could not be read', () => {
    const collected = refuseAll([{} as BulkItem, {} as BulkItem], new Error('offline'));
    expect([...collected.refused.values()].map((o) => o.error?.message)).toEqual([
      "Could not read the tenant's subscribed SKUs: offline",
      "Could not read the tenant's subscribed SKUs: offline",
    ]);
    expect(collected.jobs).toEqual([]);
  });
});
