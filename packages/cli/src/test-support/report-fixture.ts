import {
  buildLicenseReport,
  type LicenseReport,
  type ReportTenantModel,
  type ReportUser,
} from '@entra-licensing/licensing';
import { getCatalog } from '@entra-licensing/sku-catalog';

function product(part: string) {
  const p = getCatalog().productsByPartNumber.get(part)?.[0];
  if (!p) throw new Error(`test fixture: no catalog product ${part}`);
  return p;
}

function sku(
  part: string,
  enabled: number,
  consumed: number,
  extra: { warning?: number; suspended?: number; lockedOut?: number } = {},
) {
  const p = product(part);
  return {
    skuId: p.skuId,
    skuPartNumber: p.skuPartNumber,
    appliesTo: 'User',
    capabilityStatus: 'Enabled',
    consumedUnits: consumed,
    prepaidUnits: {
      enabled,
      warning: extra.warning ?? 0,
      suspended: extra.suspended ?? 0,
      lockedOut: extra.lockedOut ?? 0,
    },
    servicePlans: p.servicePlans.map((s) => ({
      servicePlanId: s.servicePlanId,
      servicePlanName: s.servicePlanName,
    })),
  };
}

const planId = (part: string, name: string) =>
  product(part).servicePlans.find((p) => p.servicePlanName === name)?.servicePlanId as string;

/**
 * A tenant model in which every finding kind occurs (the browser test's page), and a baseline whose SPE_E3 lacks
 * CLIPCHAMP, 30 days earlier with less consumption (new plan, trend and runway).
 */
export function everyFindingReport(): LicenseReport {
  const E3 = product('SPE_E3').skuId;
  const EMS = product('EMS').skuId;
  const F3 = product('SPE_F1').skuId;
  const EXO1 = product('EXCHANGESTANDARD').skuId;
  const SALES = '11111111-1111-4111-8111-111111111111';
  const FRONT = '22222222-2222-4222-8222-222222222222';
  let n = 0;
  const user = (
    name: string,
    paths: { sku: string; group?: string; error?: string; disabled?: string[] }[],
    extra: Partial<ReportUser> = {},
  ): ReportUser => {
    n += 1;
    return {
      id: `aaaaaaaa-0000-4000-8000-${String(n).padStart(12, '0')}`,
      userPrincipalName: `${name}@contoso.com`,
      accountEnabled: true,
      userType: 'Member',
      usageLocation: 'US',
      licenseAssignmentStates: paths.map((p) => ({
        skuId: p.sku,
        assignedByGroup: p.group ?? null,
        disabledPlans: p.disabled ?? [],
        state: p.error ? 'Error' : 'Active',
        error: p.error ?? 'None',
      })),
      ...extra,
    };
  };
  const teams = planId('SPE_E3', 'TEAMS1');
  const model: ReportTenantModel = {
    tenant: { id: 'e8e9a0b1-0000-4000-8000-00000000c0c0', displayName: 'Contoso' },
    skus: [
      sku('SPE_E3', 20, 21),
      sku('EMS', 10, 3, { warning: 2, suspended: 1, lockedOut: 1 }),
      sku('SPE_F1', 5, 1),
      sku('EXCHANGESTANDARD', 10, 4),
    ],
    groups: [
      { id: SALES, displayName: 'Sales', assignedLicenses: [{ skuId: E3, disabledPlans: [teams] }] },
      { id: FRONT, displayName: 'Frontline', assignedLicenses: [{ skuId: F3, disabledPlans: [] }] },
    ],
    users: [
      user('adele', [{ sku: E3, group: SALES, disabled: [teams] }, { sku: EMS }]),
      user('alex', [{ sku: E3, group: SALES, error: 'CountViolation' }]),
      user('allan', [{ sku: E3, group: SALES, error: 'CountViolation' }]),
      user('megan', [
        { sku: E3, disabled: [teams] },
        { sku: E3, group: SALES, disabled: [teams] },
      ]),
      user('yara', [{ sku: EXO1 }, { sku: F3, group: FRONT, error: 'MutuallyExclusiveViolation' }]),
      user('zed', [{ sku: F3, group: FRONT, error: 'ProhibitedInUsageLocationViolation' }], {
        usageLocation: null,
      }),
      user('former', [{ sku: EXO1 }], { accountEnabled: false }),
      user('partner', [{ sku: EXO1 }], { userType: 'Guest' }),
    ],
  };
  const subscriptions = [
    {
      skuId: E3,
      status: 'Enabled',
      totalLicenses: 20,
      isTrial: false,
      nextLifecycleDateTime: '2026-12-18T00:00:00Z',
    },
    {
      skuId: EMS,
      status: 'Warning',
      totalLicenses: 2,
      isTrial: false,
      nextLifecycleDateTime: '2026-12-28T00:00:00Z',
    },
  ];
  const first = buildLicenseReport({
    model: { ...model, skus: [sku('SPE_E3', 20, 9), ...model.skus.slice(1)] },
    subscriptions,
    now: new Date('2026-11-08T00:00:00Z'),
  });
  const baseline: LicenseReport = {
    ...first,
    details: {
      skuPlans: first.details.skuPlans.map((s) =>
        s.skuPartNumber === 'SPE_E3'
          ? { ...s, servicePlans: s.servicePlans.filter((p) => p.servicePlanName !== 'CLIPCHAMP') }
          : s,
      ),
    },
  };
  return buildLicenseReport({
    model,
    subscriptions,
    baseline,
    prices: {
      prices: {
        SPE_E3: { amount: 36, currency: 'USD', period: 'month' },
        EMS: { amount: 10.6, currency: 'USD', period: 'month' },
        EXCHANGESTANDARD: { amount: 4, currency: 'EUR', period: 'month' },
      },
    },
    now: new Date('2026-12-08T00:00:00Z'),
  });
}
