import type { RequestLogEntry } from '@entra-licensing/graph-emulator';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLicensingService, type LicensingService } from '../service/licensing-service.js';
import { rejection } from '../test-support/caught.js';
import { type EmulatorHarness, seedIds, startHarness } from '../test-support/emulator.js';

const S = seedIds.skus;
const users = seedIds.users as unknown as Record<string, string>;
/** Seed users with a usage location, none holding AAD_PREMIUM_P2 (5 seats, none used). */
const people = ['adele', 'alex', 'allan', 'christie', 'debra', 'diego', 'emily'].map((k) => users[k] ?? '');

let h: EmulatorHarness;
let service: LicensingService;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.emulator.stop();
});
beforeEach(() => {
  h.emulator.reset();
  // A fresh service per test: its seat ledger starts from the tenant's counts.
  service = createLicensingService({ client: h.client });
});

function assignWrites(log: readonly RequestLogEntry[]): (string | null)[] {
  return log.filter((r) => r.write && r.path.endsWith('/assignLicense')).map((r) => r.target);
}

describe('pre-flight: seats counted truly within one service', () => {
  it('the 6th of six sequential assigns of a SKU with 5 free seats is refused locally and never sent', async () => {
    const p2 = (await service.listSkus()).find((s) => s.skuPartNumber === 'AAD_PREMIUM_P2');
    expect(p2?.seats?.available).toBe(5);
    for (const id of people.slice(0, 5)) {
      expect((await service.assign({ kind: 'user', id }, ['AAD_PREMIUM_P2'])).status).toBe('applied');
    }
    const sixth = await rejection(service.assign({ kind: 'user', id: people[5] ?? '' }, ['AAD_PREMIUM_P2']));
    // `value` is the SKU as typed, the GUID it resolved to beside it (issue 9, point 9).
    expect([sixth.code, sixth.field, sixth.value, sixth.resolvedId]).toEqual([
      'SEATS_EXHAUSTED',
      'skus[0]',
      'AAD_PREMIUM_P2',
      S.AAD_PREMIUM_P2,
    ]);
    expect(sixth.message).toContain("5 seat(s) that this service's own writes took");
    expect(assignWrites(h.emulator.requests())).toEqual(people.slice(0, 5));
    // The service's own view of the SKU counts its writes.
    const after = (await service.listSkus()).find((s) => s.skuPartNumber === 'AAD_PREMIUM_P2');
    expect(after?.seats?.available).toBe(0);
  });

  it('a bulk run after three single assigns counts them: the 3rd of its three users is refused', async () => {
    for (const id of people.slice(0, 3)) await service.assign({ kind: 'user', id }, ['AAD_PREMIUM_P2']);
    const run = await service.applyBulk(
      people.slice(3, 6).map((id) => ({
        target: { kind: 'user' as const, id },
        intent: { action: 'assign' as const, skus: ['AAD_PREMIUM_P2'] },
      })),
      { concurrency: 1 },
    );
    expect(run.results.map((r) => r.status)).toEqual(['applied', 'applied', 'failed']);
    expect([run.results[2]?.error?.code, run.results[2]?.error?.field]).toEqual([
      'SEATS_EXHAUSTED',
      'intent.skus[0]',
    ]);
    expect(assignWrites(h.emulator.requests())).toEqual(people.slice(0, 5));
    // …and a single assign after the run counts the run's writes.
    const next = await rejection(service.assign({ kind: 'user', id: people[6] ?? '' }, ['AAD_PREMIUM_P2']));
    expect(next.code).toBe('SEATS_EXHAUSTED');
    expect(assignWrites(h.emulator.requests())).toHaveLength(5);
  });

  it('within one bulk run of seven, exactly five writes go out', async () => {
    const run = await service.applyBulk(
      people.map((id) => ({
        target: { kind: 'user' as const, id },
        intent: { action: 'assign' as const, skus: ['AAD_PREMIUM_P2'] },
      })),
    );
    expect(run.summary).toMatchObject({ applied: 5, failed: 2 });
    expect(run.results.filter((r) => r.status === 'failed').map((r) => r.error?.code)).toEqual([
      'SEATS_EXHAUSTED',
      'SEATS_EXHAUSTED',
    ]);
    expect(assignWrites(h.emulator.requests())).toHaveLength(5);
  });

  it('a seat freed by the service’s own removal can be given to the next user', async () => {
    for (const id of people.slice(0, 5)) await service.assign({ kind: 'user', id }, ['AAD_PREMIUM_P2']);
    await service.remove({ kind: 'user', id: people[0] ?? '' }, ['AAD_PREMIUM_P2']);
    expect((await service.assign({ kind: 'user', id: people[5] ?? '' }, ['AAD_PREMIUM_P2'])).status).toBe(
      'applied',
    );
    const refused = await rejection(
      service.assign({ kind: 'user', id: people[6] ?? '' }, ['AAD_PREMIUM_P2']),
    );
    expect(refused.code).toBe('SEATS_EXHAUSTED');
  });

  it('a dry run holds no seat after it ends', async () => {
    for (const id of people.slice(0, 4)) await service.assign({ kind: 'user', id }, ['AAD_PREMIUM_P2']);
    const dry = await service.assign({ kind: 'user', id: people[4] ?? '' }, ['AAD_PREMIUM_P2'], {
      dryRun: true,
    });
    expect(dry.status).toBe('dryRun');
    expect((await service.assign({ kind: 'user', id: people[5] ?? '' }, ['AAD_PREMIUM_P2'])).status).toBe(
      'applied',
    );
  });
});
