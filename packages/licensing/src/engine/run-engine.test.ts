import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type EmulatorHarness, seedIds, startHarness } from '../test-support/emulator.js';
import { runEngine } from './run-engine.js';
import { SeatLedger } from './seat-ledger.js';
import type { BulkItem } from './types.js';

const G = seedIds.groups;
let h: EmulatorHarness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.emulator.stop();
});
beforeEach(() => {
  h.emulator.reset();
});

const context = () => ({
  client: h.client,
  tenantSkus: async () => (await h.client.subscribedSkus.get())?.value ?? [],
});
const items: BulkItem[] = [
  { target: { kind: 'group', id: G.licensingPilot }, intent: { action: 'assign', skus: ['AAD_PREMIUM'] } },
  { target: { kind: 'group', id: G.projectFalcon }, intent: { action: 'assign', skus: ['AAD_PREMIUM'] } },
  { target: { kind: 'group', id: G.licensingPilot }, intent: { action: 'assign', skus: ['Nope'] } },
];

describe('runEngine (the orchestrator)', () => {
  it.each([['signal'], [false], [true]] as const)(
    'runs every stage to one result per item with pacing %s',
    async (pacing) => {
      const report = await runEngine(context(), items, { pacing });
      expect(report.run.results.map((r) => r.status)).toEqual(['applied', 'applied', 'failed']);
      expect(report.run.results[2]?.error?.field).toBe('intent.skus[0]');
      expect(report.collected.jobs).toHaveLength(2);
      expect(report.run.stats).toMatchObject({ targets: 2, writes: 2 });
      const writes = h.emulator.requests().filter((r) => r.write);
      expect(writes.map((w) => w.batch !== null)).toEqual([true, true]);
    },
  );

  it('in single-target mode names fields as the caller passed them and keeps the error as raised', async () => {
    const report = await runEngine(context(), [items[2] as BulkItem], {}, {});
    const refused = report.collected.refused.get(0);
    expect(refused?.error?.field).toBe('skus[0]');
    expect((refused?.cause as { code?: string } | undefined)?.code).toBe('SKU_NOT_FOUND');
  });

  it('a throwing progress listener breaks nothing; seats held by a dry run are free when it ends', async () => {
    const seats = new SeatLedger();
    const report = await runEngine({ ...context(), seats }, items, {
      dryRun: true,
      onProgress: () => {
        throw new Error('listener bug');
      },
    });
    expect(report.run.results.map((r) => r.status)).toEqual(['planned', 'planned', 'failed']);
    expect(h.emulator.requests().filter((r) => r.write)).toEqual([]);
    expect(seats.usedBy(seedIds.skus.AAD_PREMIUM)).toBe(0);
  });

  it('an empty run reads nothing', async () => {
    const report = await runEngine(context(), []);
    expect(report.run.results).toEqual([]);
    expect(h.emulator.requests()).toEqual([]);
  });
});
