import { defaultSeed, type Seed } from '@entra-licensing/graph-emulator';
import { afterEach, describe, expect, it } from 'vitest';
import { isLicensingError } from '../core/licensing-error.js';
import { type ReclaimHarness, reclaimSeed, startReclaimHarness } from '../test-support/reclaim-emulator.js';
import { createLicensingService, type LicensingService } from './licensing-service.js';

const DOMAIN = defaultSeed.ids.tenantDomain;
const SALES = '5a1e5000-0000-4000-8000-0000000000a1';
const PBI = '5a1e5000-0000-4000-8000-0000000000a2';
const MAILBOX = '0000aaaa-0000-4000-8000-0000000000b1';
const VIEWER = '0000aaaa-0000-4000-8000-0000000000b2';

/** Sales grants SPE_E3 (a mailbox); Power BI grants POWER_BI_STANDARD (no data). */
const seed: Seed = reclaimSeed({
  skus: [
    { sku: 'SPE_E3', enabled: 10 },
    { sku: 'POWER_BI_STANDARD', enabled: 10 },
  ],
  users: [
    { id: MAILBOX, userPrincipalName: `mailbox@${DOMAIN}`, displayName: 'Mailbox', usageLocation: 'US' },
    { id: VIEWER, userPrincipalName: `viewer@${DOMAIN}`, displayName: 'Viewer', usageLocation: 'US' },
  ],
  groups: [
    {
      id: SALES,
      displayName: 'Sales',
      kind: 'security',
      members: [`mailbox@${DOMAIN}`],
      licenses: [{ sku: 'SPE_E3' }],
    },
    {
      id: PBI,
      displayName: 'Power BI',
      kind: 'security',
      members: [`viewer@${DOMAIN}`],
      licenses: [{ sku: 'POWER_BI_STANDARD' }],
    },
  ],
});

let h: ReclaimHarness | undefined;
afterEach(async () => {
  await h?.emulator.stop();
  h = undefined;
});

async function start(): Promise<LicensingService> {
  h = await startReclaimHarness({ seed, processingDelayMs: 200 });
  return createLicensingService({ client: h.client });
}

const writes = () =>
  (h?.emulator.requests() ?? []).filter((r) => r.write).map((r) => [r.method, r.path, r.status]);

describe('removeGroupMember (emulator over HTTP)', () => {
  it('takes the member out of the group by name and UPN; the inherited license goes', async () => {
    const service = await start();
    await service.waitForGroupProcessing(PBI, { timeoutMs: 30_000 });
    const result = await service.removeGroupMember('Power BI', `viewer@${DOMAIN}`);
    expect(result).toMatchObject({ groupId: PBI, groupName: 'Power BI', userId: VIEWER, status: 'applied' });
    expect(result.impact.losing.map((l) => [l.id, l.skus])).toEqual([[VIEWER, ['POWER_BI_STANDARD']]]);
    expect(result.dataLosses).toEqual([]);
    expect(writes()).toEqual([['DELETE', `/v1.0/groups/${PBI}/members/${VIEWER}/$ref`, 204]]);
    await service.waitForGroupProcessing(PBI, { timeoutMs: 30_000 });
    expect((await service.getUserLicenses(VIEWER)).licenses).toEqual([]);
    const again = await service.removeGroupMember(PBI, VIEWER);
    expect(again.status).toBe('unchanged');
  });

  it('refuses, before any write, to take a mailbox without allowDataLoss; applies it with', async () => {
    const service = await start();
    await service.waitForGroupProcessing(SALES, { timeoutMs: 30_000 });
    const refused = await service.removeGroupMember(SALES, MAILBOX).catch((e: unknown) => e);
    expect(isLicensingError(refused) && [refused.code, refused.field, refused.value]).toEqual([
      'DATA_LOSS',
      'allowDataLoss',
      false,
    ]);
    expect(writes()).toEqual([]);
    const applied = await service.removeGroupMember(SALES, MAILBOX, { allowDataLoss: true });
    expect(applied.status).toBe('applied');
    expect(applied.dataLosses.flatMap((l) => l.losing.map((m) => m.id))).toContain(MAILBOX);
    expect(writes()).toEqual([['DELETE', `/v1.0/groups/${SALES}/members/${MAILBOX}/$ref`, 204]]);
  });
});
