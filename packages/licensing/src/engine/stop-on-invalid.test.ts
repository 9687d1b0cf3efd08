import { afterEach, describe, expect, it } from 'vitest';
import { LicensingError } from '../core/licensing-error.js';
import { type EmulatorHarness, seedIds, startHarness } from '../test-support/emulator.js';
import type { BulkItem } from './run-bulk.js';

const G = seedIds.groups;
let h: EmulatorHarness | undefined;

afterEach(async () => {
  await h?.emulator.stop();
  h = undefined;
});

const items: BulkItem[] = [
  { target: { kind: 'group', id: G.contractors }, intent: { action: 'assign', skus: ['AAD_PREMIUM'] } },
  { target: { kind: 'group', id: G.projectFalcon }, intent: { action: 'assign', skus: ['Office 365 E55'] } },
];

describe('stopOnInvalid: one item refused before any request sends nothing', () => {
  it('with it: no read of a target and no write; the refused item keeps its error, the others are skipped', async () => {
    h = await startHarness();
    const run = await h.service.applyBulk(items, { stopOnInvalid: true });
    expect(run.results.map((r) => [r.status, r.error?.code ?? null])).toEqual([
      ['skipped', null],
      ['failed', 'SKU_NOT_FOUND'],
    ]);
    expect(run.results[0]?.reason).toBe(
      'Not sent: item(s) 1 were refused before any request, and stopOnInvalid sends nothing then.',
    );
    expect(run.results[1]?.cause).toBeInstanceOf(LicensingError);
    expect(h.writes()).toEqual([]);
    expect(h.emulator.requests().filter((r) => r.path === '/v1.0/$batch')).toEqual([]);
  });

  it('without it (the default), the valid item is written', async () => {
    h = await startHarness();
    const run = await h.service.applyBulk(items);
    expect(run.results.map((r) => r.status)).toEqual(['applied', 'failed']);
    expect(h.writes().map((w) => w.target)).toEqual([G.contractors]);
  });

  it('with it and every item valid, the run is as without it', async () => {
    h = await startHarness();
    const first = items[0] as BulkItem;
    const run = await h.service.applyBulk([first], { stopOnInvalid: true });
    expect(run.results.map((r) => r.status)).toEqual(['applied']);
    expect(h.writes().map((w) => w.target)).toEqual([G.contractors]);
  });
});
