import { defaultSeed, type Seed, type SeedUser } from '@entra-licensing/graph-emulator';
import { afterEach, describe, expect, it } from 'vitest';
import { isLicensingError } from '../core/licensing-error.js';
import {
  type ReclaimHarness,
  reclaimerApp,
  reclaimSeed,
  startReclaimHarness,
} from '../test-support/reclaim-emulator.js';
import { createLicensingService, type LicensingService } from './licensing-service.js';

const DAY = 86_400_000;
/**
 * The search runs 60 days ahead of the emulator's clock: the emulator stamps every license path it processes at
 * start-up with the time of start-up, which would put every path inside the grace period.
 */
const NOW = Date.now() + 60 * DAY;
const ago = (days: number): string => new Date(NOW - days * DAY).toISOString();
const id = (n: number) => `0000aaaa-0000-4000-8000-${String(n).padStart(12, '0')}`;
const SALES = '5a1e5000-0000-4000-8000-000000000001';
const ON_LEAVE = '5a1e5000-0000-4000-8000-000000000002';
const DOMAIN = defaultSeed.ids.tenantDomain;

function person(n: number, key: string, facts: Partial<SeedUser>): SeedUser {
  return {
    id: id(n),
    userPrincipalName: `${key}@${DOMAIN}`,
    displayName: key,
    usageLocation: 'US',
    createdDateTime: ago(400),
    ...facts,
  };
}

const OLD_SIGN_IN = {
  lastSignInDateTime: ago(200),
  lastNonInteractiveSignInDateTime: ago(150),
  lastSuccessfulSignInDateTime: ago(150),
};

/**
 * A small tenant: SPE_E3 (which carries Entra ID P1 and an Exchange mailbox) through the Sales group or directly,
 * Power BI directly (no data).
 */
const users = (e3: string): SeedUser[] => [
  person(1, 'newstarter', { createdDateTime: ago(10), licenses: [{ sku: 'POWER_BI_STANDARD' }] }),
  person(2, 'never', { createdDateTime: ago(60), licenses: [{ sku: 'POWER_BI_STANDARD' }] }),
  person(3, 'apponly', {
    signInActivity: { lastSignInDateTime: ago(300), lastNonInteractiveSignInDateTime: ago(2) },
    licenses: [{ sku: 'POWER_BI_STANDARD' }],
  }),
  person(4, 'dormant', { signInActivity: OLD_SIGN_IN, licenses: [{ sku: 'POWER_BI_STANDARD' }] }),
  person(5, 'salesdormant', { signInActivity: OLD_SIGN_IN }),
  person(6, 'onleave', { signInActivity: OLD_SIGN_IN, licenses: [{ sku: 'POWER_BI_STANDARD' }] }),
  person(7, 'blocked', {
    accountEnabled: false,
    signInActivity: { lastSuccessfulSignInDateTime: ago(1) },
    licenses: [{ sku: 'POWER_BI_STANDARD' }],
  }),
  person(8, 'salesactive', { signInActivity: { lastSuccessfulSignInDateTime: ago(3) } }),
  person(9, 'mailbox', { signInActivity: OLD_SIGN_IN, licenses: [{ sku: e3 }] }),
];

function tenant(
  e3 = 'SPE_E3',

  skus: Seed['skus'] = [
    { sku: 'SPE_E3', enabled: 10 },
    { sku: 'POWER_BI_STANDARD', enabled: 100 },
  ],
): Seed {
  return reclaimSeed({
    skus,
    users: users(e3),
    groups: [
      {
        id: SALES,
        displayName: 'Sales',
        kind: 'security',
        members: [`salesdormant@${DOMAIN}`, `salesactive@${DOMAIN}`],
        licenses: [{ sku: e3 }],
      },
      { id: ON_LEAVE, displayName: 'On leave', kind: 'security', members: [`onleave@${DOMAIN}`] },
    ],
  });
}

let h: ReclaimHarness | undefined;
afterEach(async () => {
  await h?.emulator.stop();
  h = undefined;
});

async function start(
  seed: Seed = tenant(),
  app: { clientId: string; clientSecret: string } = reclaimerApp,
): Promise<LicensingService> {
  h = await startReclaimHarness({ seed, processingDelayMs: 200 }, app);
  return createLicensingService({ client: h.client });
}

const criteria = {
  inactiveDays: 90,
  graceDays: 30,
  exceptions: { groups: ['On leave'] },
  now: new Date(NOW),
};
const at = { now: new Date(NOW) };

describe('findReclaimable (emulator over HTTP)', () => {
  it('buckets people by evidence, never flags a new starter, an app-only user or an exempt group member', async () => {
    const service = await start();
    const plan = await service.findReclaimable(criteria);
    expect(plan.signInActivity).toEqual({ available: true });
    expect(plan.candidates.map((c) => [c.userPrincipalName.split('@')[0], c.bucket])).toEqual([
      ['never', 'never'],
      ['dormant', 'dormant'],
      ['salesdormant', 'dormant'],
      ['blocked', 'disabled'],
      ['mailbox', 'dormant'],
    ]);
    const excluded = Object.fromEntries(
      plan.excluded.map((e) => [e.userPrincipalName.split('@')[0], e.reason]),
    );
    expect(excluded).toEqual({
      newstarter: 'inGracePeriod',
      apponly: 'active',
      onleave: 'excepted',
      salesactive: 'active',
    });
    expect(plan.criteria.exceptions.groups).toEqual([{ id: ON_LEAVE, displayName: 'On leave' }]);
    const never = plan.candidates[0];
    expect(never?.evidence).toEqual({
      createdDateTime: users('SPE_E3')[1]?.createdDateTime,
      lastSignInDateTime: null,
      lastNonInteractiveSignInDateTime: null,
      lastSuccessfulSignInDateTime: null,
    });
    expect(plan.seats).toEqual([
      { skuPartNumber: 'POWER_BI_STANDARD', freed: 3 },
      { skuPartNumber: 'SPE_E3', freed: 2 },
    ]);
  });

  it('a group-inherited license is reclaimed by taking the member out of the licensing group', async () => {
    const service = await start();
    const plan = await service.findReclaimable(criteria);
    const sales = plan.candidates.find((c) => c.id === id(5));
    expect(sales?.actions).toEqual([
      {
        kind: 'removeGroupMember',
        skuPartNumber: 'SPE_E3',
        groupId: SALES,
        groupName: 'Sales',
        impact: {
          members: 1,
          losing: [
            expect.objectContaining({
              id: id(5),
              skus: ['SPE_E3'],
              dataBearing: expect.arrayContaining(['EXCHANGE_S_ENTERPRISE']),
            }),
          ],
          gaining: [],
        },
      },
    ]);
    const before = await service.getUserLicenses(id(5));
    expect(before.licenses.map((l) => l.skuPartNumber)).toEqual(['SPE_E3']);
    const only = { ...plan, candidates: plan.candidates.filter((c) => c.id === id(5)) };
    const refused = await service.applyReclaimPlan(only, at).catch((e: unknown) => e);
    expect(isLicensingError(refused) && refused.code).toBe('DATA_LOSS');
    expect(h?.emulator.requests().filter((r) => r.write)).toEqual([]);
    const run = await service.applyReclaimPlan(only, { ...at, allowDataLoss: true });
    expect(run.results.map((r) => [r.kind, r.status])).toEqual([['removeGroupMember', 'applied']]);
    const writes = h?.emulator.requests().filter((r) => r.write) ?? [];
    expect(writes.map((r) => [r.method, r.path, r.status])).toEqual([
      ['DELETE', `/v1.0/groups/${SALES}/members/${id(5)}/$ref`, 204],
    ]);
    await service.waitForGroupProcessing(SALES, { timeoutMs: 30_000 });
    const after = await service.getUserLicenses(id(5));
    expect(after.licenses).toEqual([]);
  });

  it('refuses, and sends nothing for, an action whose evidence went stale between plan and apply', async () => {
    const service = await start();
    const plan = await service.findReclaimable(criteria);
    // Meanwhile: the dormant Sales member moves out of Sales, and "dormant" is put on leave.
    const admin = h?.clientOf(defaultSeed.ids.apps.directoryAdmin);
    await admin?.groups.byGroupId(SALES).members.byDirectoryObjectId(id(5)).ref.delete();
    await admin?.groups
      .byGroupId(ON_LEAVE)
      .members.ref.post({ odataId: `${h?.emulator.url}/v1.0/directoryObjects/${id(4)}` });
    const mark = h?.emulator.requests().length ?? 0;
    const run = await service.applyReclaimPlan(plan, { ...at, allowDataLoss: true });
    const byUser = Object.fromEntries(
      run.results.map((r) => [r.userPrincipalName.split('@')[0], [r.status, r.reason]]),
    );
    expect(byUser.salesdormant).toEqual([
      'refused',
      'Evidence no longer holds: salesdormant@contoso.onmicrosoft.com no longer holds a license this plan reclaims.',
    ]);
    expect(byUser.dormant).toEqual([
      'refused',
      'Evidence no longer holds: now on the exceptions list (by name or through an exempt group).',
    ]);
    expect(byUser.never?.[0]).toBe('applied');
    const writes = (h?.emulator.requests() ?? []).slice(mark).filter((r) => r.write);
    expect(writes.some((r) => r.path.includes(id(5)) || r.target === id(5))).toBe(false);
    expect(writes.some((r) => r.target === id(4))).toBe(false);
    expect(run.summary.refused).toBe(2);
  });
});

describe('findReclaimable without sign-in data', () => {
  it('a tenant without Entra ID P1: Graph’s error named, the disabled bucket alone', async () => {
    const service = await start(
      tenant('ENTERPRISEPACK', [
        { sku: 'POWER_BI_STANDARD', enabled: 100 },
        { sku: 'ENTERPRISEPACK', enabled: 5 },
      ]),
    );
    const plan = await service.findReclaimable(criteria);
    expect(plan.signInActivity).toMatchObject({
      available: false,
      reason: 'premium',
      graphCode: 'Authentication_RequestFromNonPremiumTenantOrB2CTenant',
      status: 403,
    });
    if (plan.signInActivity.available) throw new Error('unreachable');
    expect(
      plan.signInActivity.message.startsWith(
        'Sign-in activity needs Microsoft Entra ID P1 or P2 in the tenant, and this tenant has neither: Graph answered Authentication_RequestFromNonPremiumTenantOrB2CTenant (HTTP 403',
      ),
    ).toBe(true);
    expect(plan.candidates.map((c) => [c.userPrincipalName.split('@')[0], c.bucket])).toEqual([
      ['blocked', 'disabled'],
    ]);
  });

  it('an app without AuditLog.Read.All: the permission named and what to grant', async () => {
    const service = await start(tenant(), defaultSeed.ids.apps.licensingAdmin);
    const plan = await service.findReclaimable(criteria);
    expect(plan.signInActivity).toMatchObject({ available: false, reason: 'permission', status: 403 });
    if (plan.signInActivity.available) throw new Error('unreachable');
    expect(plan.signInActivity.message).toContain('AuditLog.Read.All');
    expect(plan.candidates.map((c) => c.bucket)).toEqual(['disabled']);
  });

  it('bad input is refused before any request, naming the field and the value', async () => {
    const service = await start();
    const mark = h?.emulator.requests().length ?? 0;
    const error = await service.findReclaimable({ inactiveDays: 0, graceDays: 30 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'INVALID_INPUT', field: 'inactiveDays', value: 0 });
    const typo = await service
      .findReclaimable({ ...criteria, exceptions: { users: ['ceo@nowhere.example'] } })
      .catch((e: unknown) => e);
    expect(typo).toMatchObject({
      code: 'TARGET_NOT_FOUND',
      field: 'exceptions.users[0]',
      value: 'ceo@nowhere.example',
    });
    expect((h?.emulator.requests() ?? []).slice(mark).filter((r) => r.write)).toEqual([]);
  });
});
