import { getCatalog } from '@entra-licensing/sku-catalog';
import { describe, expect, it } from 'vitest';
import { defaultSeed } from './seed/default-seed.js';
import { resolveSeed } from './seed/load-seed.js';
import { withEmulator } from './test-support/harness.js';

const { ids } = defaultSeed;

describe('seeds', () => {
  it("the default seed's well-known ids agree with Microsoft's catalog", () => {
    const catalog = getCatalog();
    for (const [partNumber, skuId] of Object.entries(ids.skus)) {
      expect(catalog.productBySkuId.get(skuId)?.skuPartNumber).toBe(partNumber);
    }
    const plansOf = (skuId: string) =>
      catalog.productBySkuId.get(skuId)?.servicePlans.map((p) => p.servicePlanId);
    expect(plansOf(ids.skus.EMSPREMIUM)).toEqual(
      expect.arrayContaining([ids.plans.EXCHANGE_S_FOUNDATION, ids.plans.ATA]),
    );
    expect(plansOf(ids.skus.ENTERPRISEPREMIUM)).toContain(ids.plans.MICROSOFT_COMMUNICATION_COMPLIANCE);
  });

  it('the default seed has what the scenarios need', () => {
    const snapshot = resolveSeed();
    expect(snapshot.tenant.id).toBe('e8e96c2a-d787-4eb1-98d7-9e57c965f1de');
    const pilot = snapshot.groups.find((g) => g.id === ids.groups.licensingPilot);
    expect(pilot).toMatchObject({
      securityEnabled: true,
      groupTypes: [],
      createdDateTime: '2021-03-12T11:15:03Z',
    });
    const e5 = snapshot.skus.find((s) => s.skuId === ids.skus.SPE_E5);
    const rollout = snapshot.groups.find((g) => g.id === ids.groups.e5Rollout);
    expect(rollout!.memberIds.length).toBeGreaterThan(e5!.prepaidUnits.enabled);
    expect(snapshot.users.some((u) => u.usageLocation === null)).toBe(true);
    expect(snapshot.apps.map((a) => a.name)).toEqual([
      'licensing-admin',
      'licensing-reader',
      'directory-admin',
      'licensing-reclaimer',
    ]);
    expect(snapshot.apps[3]!.roles).toEqual([
      ...snapshot.apps[0]!.roles,
      'AuditLog.Read.All',
      'GroupMember.ReadWrite.All',
    ]);
    expect(snapshot.apps[1]!.roles.some((r) => r.includes('ReadWrite'))).toBe(false);
  });

  it('names the field and the value of a seed that does not resolve', () => {
    expect(() => resolveSeed({ skus: [{ sku: 'NOT_A_PRODUCT', enabled: 1 }] })).toThrow(
      "skus[0].sku: 'NOT_A_PRODUCT' is neither a skuId nor a part number of the catalog",
    );
    expect(() =>
      resolveSeed({
        skus: [{ sku: 'SPE_E3', enabled: 1 }],
        users: [
          {
            userPrincipalName: 'a@x',
            displayName: 'A',
            licenses: [{ sku: 'SPE_E3', disabledPlans: ['NOPE'] }],
          },
        ],
        groups: [],
      }),
    ).toThrow("users[0].licenses[0].disabledPlans[0]: 'NOPE' is not a plan of SPE_E3");
    expect(() =>
      resolveSeed({ users: [], groups: [{ displayName: 'G', kind: 'security', members: ['ghost@x'] }] }),
    ).toThrow("groups[0].members[0]: 'ghost@x' is not a user of the seed");
  });

  it('serves an empty tenant (no SKUs, users or groups)', async () => {
    await withEmulator({ seed: { skus: [], users: [], groups: [] } }, async (emulator, token) => {
      const headers = { authorization: `Bearer ${token}` };
      const skus = await fetch(`${emulator.url}/v1.0/subscribedSkus?$select=skuId`, { headers });
      expect(((await skus.json()) as { value: unknown[] }).value).toEqual([]);
      const users = await fetch(`${emulator.url}/v1.0/users`, { headers });
      expect(((await users.json()) as { value: unknown[] }).value).toEqual([]);
    });
  });
});
