import { getCatalog } from '@entra-licensing/sku-catalog';
import { describe, expect, it } from 'vitest';
import { isGuid, stableGuid } from './ids.js';
import { defaultSeed } from './seed/default-seed.js';
import { resolveSeed, SeedError } from './seed/load-seed.js';
import type { Seed } from './seed/seed-types.js';
import { eventually, useEmulator } from './test-support/harness.js';
import { connectEmulator } from './testing/emulator-client.js';

const catalog = getCatalog();
const skuId = (partNumber: string): string => catalog.productsByPartNumber.get(partNumber)![0]!.skuId;
const NEW_PLAN = {
  servicePlanName: 'NEW_PLAN_FROM_MICROSOFT',
  servicePlanId: '0f6ad4a8-1a3b-4b5e-9e62-3f1f2b7c9d01',
};
const EXTRA_PLAN = {
  servicePlanName: 'EXTRA_SEEDED_PLAN',
  servicePlanId: '7d2b4c1e-5a6f-4e8d-9b0a-1c2d3e4f5a6b',
};

const seed: Seed = {
  apps: [
    ...defaultSeed.apps!,
    {
      name: 'sku-reader',
      clientId: stableGuid('test:sku-reader'),
      clientSecret: 'sku-reader-secret',
      roles: ['LicenseAssignment.Read.All'],
    },
  ],
  skus: [{ sku: 'SPE_E3' }, { sku: 'ENTERPRISEPACK', enabled: 3, extraServicePlans: [EXTRA_PLAN] }],
  subscriptions: [
    {
      sku: 'SPE_E3',
      status: 'Enabled',
      totalLicenses: 20,
      nextLifecycleDateTime: '2027-03-01T00:00:00Z',
      isTrial: false,
    },
    {
      sku: 'SPE_E3',
      status: 'Warning',
      totalLicenses: 5,
      nextLifecycleDateTime: '2026-12-20T00:00:00Z',
      isTrial: false,
    },
    {
      sku: 'SPE_E5',
      status: 'Enabled',
      totalLicenses: 25,
      nextLifecycleDateTime: '2027-01-05T00:00:00Z',
      isTrial: true,
    },
    { sku: 'AAD_PREMIUM', status: 'LockedOut', totalLicenses: 10, nextLifecycleDateTime: null },
  ],
  users: [{ userPrincipalName: 'ann@contoso.onmicrosoft.com', displayName: 'Ann', usageLocation: 'US' }],
  groups: [
    {
      displayName: 'Office',
      kind: 'security',
      members: ['ann@contoso.onmicrosoft.com'],
      licenses: [{ sku: 'ENTERPRISEPACK', disabledPlans: ['TEAMS1'] }],
    },
  ],
};

interface CompanySubscription {
  id: string;
  commerceSubscriptionId: string;
  skuId: string;
  skuPartNumber: string;
  status: string;
  totalLicenses: number;
  isTrial: boolean;
  createdDateTime: string;
  nextLifecycleDateTime: string | null;
  serviceStatus: {
    servicePlanId: string;
    servicePlanName: string;
    provisioningStatus: string;
    appliesTo: string;
  }[];
  ownerId: null;
  ownerTenantId: null;
  ownerType: null;
}

describe('/directory/subscriptions and subscribedSkus from the seed’s subscriptions', () => {
  const h = useEmulator({ seed });

  it('lists every subscription with Graph’s companySubscription properties', async () => {
    const answer = await h.graph('GET', '/directory/subscriptions');
    expect(answer.status).toBe(200);
    expect(answer.body['@odata.context']).toBe(`${h.emulator.url}/v1.0/$metadata#directory/subscriptions`);
    const list = answer.body.value as CompanySubscription[];
    expect(
      list.map(({ skuPartNumber, status, totalLicenses, isTrial, nextLifecycleDateTime }) => ({
        skuPartNumber,
        status,
        totalLicenses,
        isTrial,
        nextLifecycleDateTime,
      })),
    ).toEqual([
      {
        skuPartNumber: 'SPE_E3',
        status: 'Enabled',
        totalLicenses: 20,
        isTrial: false,
        nextLifecycleDateTime: '2027-03-01T00:00:00Z',
      },
      {
        skuPartNumber: 'SPE_E3',
        status: 'Warning',
        totalLicenses: 5,
        isTrial: false,
        nextLifecycleDateTime: '2026-12-20T00:00:00Z',
      },
      // ENTERPRISEPACK has counts only: one Enabled subscription stands for them.
      {
        skuPartNumber: 'ENTERPRISEPACK',
        status: 'Enabled',
        totalLicenses: 3,
        isTrial: false,
        nextLifecycleDateTime: list[2]!.nextLifecycleDateTime,
      },
      {
        skuPartNumber: 'SPE_E5',
        status: 'Enabled',
        totalLicenses: 25,
        isTrial: true,
        nextLifecycleDateTime: '2027-01-05T00:00:00Z',
      },
      {
        skuPartNumber: 'AAD_PREMIUM',
        status: 'LockedOut',
        totalLicenses: 10,
        isTrial: false,
        nextLifecycleDateTime: null,
      },
    ]);
    for (const s of list) {
      expect(isGuid(s.id)).toBe(true);
      expect(isGuid(s.commerceSubscriptionId)).toBe(true);
      expect(s.skuId).toBe(skuId(s.skuPartNumber));
      expect(s.createdDateTime).toBe('2020-01-01T00:00:00Z');
      expect([s.ownerId, s.ownerTenantId, s.ownerType]).toEqual([null, null, null]);
    }
    expect(new Set(list.map((s) => s.id)).size).toBe(5);
    const pack = list[2]!;
    expect(pack.serviceStatus.at(-1)).toEqual({
      appliesTo: 'User',
      provisioningStatus: 'Success',
      ...EXTRA_PLAN,
    });
  });

  it('answers one subscription by id, and $select', async () => {
    const list = (await h.graph('GET', '/directory/subscriptions')).body.value as CompanySubscription[];
    const one = await h.graph('GET', `/directory/subscriptions/${list[3]!.id}`);
    expect(one.status).toBe(200);
    const { '@odata.context': _, ...body } = one.body;
    expect(body).toEqual(list[3]);
    const selected = await h.graph('GET', '/directory/subscriptions?$select=skuPartNumber,status');
    expect(selected.body.value[4]).toEqual({ skuPartNumber: 'AAD_PREMIUM', status: 'LockedOut' });
    const missing = await h.graph('GET', `/directory/subscriptions/${stableGuid('nothing')}`);
    expect(missing.status).toBe(404);
  });

  it('keeps subscribedSkus consistent: prepaidUnits are the subscriptions’ sums by status', async () => {
    const subs = (await h.graph('GET', '/directory/subscriptions')).body.value as CompanySubscription[];
    const skus = (await h.graph('GET', '/subscribedSkus')).body.value as {
      skuPartNumber: string;
      capabilityStatus: string;
      prepaidUnits: Record<string, number>;
      subscriptionIds: string[];
    }[];
    const summary = skus.map((s) => ({
      skuPartNumber: s.skuPartNumber,
      capabilityStatus: s.capabilityStatus,
      prepaidUnits: s.prepaidUnits,
      subscriptionIds: s.subscriptionIds,
    }));
    const ids = (partNumber: string) => subs.filter((s) => s.skuPartNumber === partNumber).map((s) => s.id);
    expect(summary).toEqual([
      {
        skuPartNumber: 'SPE_E3',
        capabilityStatus: 'Enabled',
        prepaidUnits: { enabled: 20, warning: 5, suspended: 0, lockedOut: 0 },
        subscriptionIds: ids('SPE_E3'),
      },
      {
        skuPartNumber: 'ENTERPRISEPACK',
        capabilityStatus: 'Enabled',
        prepaidUnits: { enabled: 3, warning: 0, suspended: 0, lockedOut: 0 },
        subscriptionIds: ids('ENTERPRISEPACK'),
      },
      {
        skuPartNumber: 'SPE_E5',
        capabilityStatus: 'Enabled',
        prepaidUnits: { enabled: 25, warning: 0, suspended: 0, lockedOut: 0 },
        subscriptionIds: ids('SPE_E5'),
      },
      {
        skuPartNumber: 'AAD_PREMIUM',
        capabilityStatus: 'LockedOut',
        prepaidUnits: { enabled: 0, warning: 0, suspended: 0, lockedOut: 10 },
        subscriptionIds: ids('AAD_PREMIUM'),
      },
    ]);
  });

  it('needs Organization.Read.All or Directory.Read.All, as Graph', async () => {
    expect((await h.graph('GET', '/directory/subscriptions', { app: 'licensing-reader' })).status).toBe(200);
    expect((await h.graph('GET', '/directory/subscriptions', { app: 'directory-admin' })).status).toBe(200);
    const refused = await h.graph('GET', '/directory/subscriptions', { app: 'sku-reader' });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('Authorization_RequestDenied');
  });

  it('serves the tenant’s id and name on /organization', async () => {
    const org = await h.graph('GET', '/organization?$select=id,displayName');
    expect(org.body.value[0].id).toBe(defaultSeed.ids.tenantId);
    expect(org.body.value[0].displayName).toBe('Contoso');
  });
});

describe('a plan Microsoft adds to a SKU while the tenant runs (POST /_emulator/skus/{sku}/servicePlans)', () => {
  const h = useEmulator({ seed });

  async function plansOf(partNumber: string): Promise<string[]> {
    const skus = (await h.graph('GET', '/subscribedSkus')).body.value as {
      skuPartNumber: string;
      servicePlans: { servicePlanName: string }[];
    }[];
    return skus.find((s) => s.skuPartNumber === partNumber)!.servicePlans.map((p) => p.servicePlanName);
  }

  it('adds the plan to subscribedSkus and subscriptions, on for members of a group that disables others', async () => {
    expect(await plansOf('ENTERPRISEPACK')).not.toContain(NEW_PLAN.servicePlanName);
    const client = await connectEmulator(h.emulator.url);
    const added = await client.addServicePlan('enterprisepack', NEW_PLAN);
    expect(added.skuPartNumber).toBe('ENTERPRISEPACK');
    expect(added.servicePlans.at(-1)).toEqual(NEW_PLAN);
    expect((await plansOf('ENTERPRISEPACK')).at(-1)).toBe(NEW_PLAN.servicePlanName);
    const subs = (await h.graph('GET', '/directory/subscriptions')).body.value as CompanySubscription[];
    expect(subs[2]!.serviceStatus.at(-1)?.servicePlanName).toBe(NEW_PLAN.servicePlanName);

    const group = (await h.graph('GET', '/groups?$select=id,assignedLicenses')).body.value[0];
    await eventually(async () => {
      const g = await h.graph('GET', `/groups/${group.id}?$select=licenseProcessingState`);
      return g.body.licenseProcessingState?.state === 'ProcessingComplete' ? true : undefined;
    });
    const details = await h.graph('GET', '/users/ann@contoso.onmicrosoft.com/licenseDetails');
    const plans = details.body.value[0].servicePlans as {
      servicePlanName: string;
      provisioningStatus: string;
    }[];
    const status = (name: string) => plans.find((p) => p.servicePlanName === name)?.provisioningStatus;
    expect(status(NEW_PLAN.servicePlanName)).toBe('Success');
    expect(status('TEAMS1')).toBe('Disabled');
    // The group's own configuration is untouched: disabledPlans is a deny-list.
    expect(group.assignedLicenses[0].disabledPlans).toHaveLength(1);
  });

  it('refuses a bad request naming the value, and reset goes back to the seed’s plans', async () => {
    const post = (sku: string, body: unknown) =>
      fetch(`${h.emulator.url}/_emulator/skus/${sku}/servicePlans`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const unknownSku = await post('NOPE', NEW_PLAN);
    expect([unknownSku.status, await unknownSku.json()]).toEqual([
      404,
      { error: "sku 'NOPE' is neither a skuId nor a part number of the tenant" },
    ]);
    const badId = await post('SPE_E3', { servicePlanName: 'X', servicePlanId: 'not-a-guid' });
    expect([badId.status, await badId.json()]).toEqual([
      400,
      { error: 'servicePlanId must be a GUID, got "not-a-guid"' },
    ]);
    const duplicate = await post('ENTERPRISEPACK', EXTRA_PLAN);
    expect(duplicate.status).toBe(409);
    expect((await post('SPE_E3', NEW_PLAN)).status).toBe(201);
    expect(await plansOf('SPE_E3')).toContain(NEW_PLAN.servicePlanName);
    h.emulator.reset();
    expect(await plansOf('SPE_E3')).not.toContain(NEW_PLAN.servicePlanName);
  });
});

describe('subscriptions seed validation', () => {
  it('names the field and the value', () => {
    expect(() =>
      resolveSeed({
        skus: [{ sku: 'SPE_E3', enabled: 7 }],
        subscriptions: [{ sku: 'SPE_E3', status: 'Enabled', totalLicenses: 20 }],
      }),
    ).toThrow(new SeedError("skus[0].enabled: '7' disagrees with the subscriptions of SPE_E3 (20)"));
    expect(() =>
      resolveSeed({
        subscriptions: [{ sku: 'SPE_E3', status: 'Expired' as 'Enabled', totalLicenses: 1 }],
      }),
    ).toThrow(
      new SeedError(
        "subscriptions[0].status: 'Expired' is not one of Enabled, Warning, Suspended, LockedOut",
      ),
    );
    expect(() => resolveSeed({ skus: [{ sku: 'SPE_E3' }] })).toThrow(
      new SeedError("skus[0].enabled: 'undefined' is not a non-negative integer"),
    );
    expect(() =>
      resolveSeed({
        skus: [
          { sku: 'SPE_E3', enabled: 1, extraServicePlans: [{ servicePlanName: 'X', servicePlanId: 'nope' }] },
        ],
      }),
    ).toThrow(new SeedError("skus[0].extraServicePlans[0].servicePlanId: 'nope' is not a GUID"));
  });

  it('gives the default tenant one subscription per non-zero seat count', () => {
    const { skus, subscriptions } = resolveSeed();
    const pack = skus.find((s) => s.skuPartNumber === 'ENTERPRISEPACK')!;
    expect(
      subscriptions.filter((s) => s.skuId === pack.skuId).map((s) => [s.status, s.totalLicenses]),
    ).toEqual([
      ['Enabled', 40],
      ['Warning', 5],
    ]);
    expect(pack.subscriptionIds).toHaveLength(2);
  });
});
