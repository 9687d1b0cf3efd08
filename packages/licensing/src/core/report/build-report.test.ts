import { describe, expect, it } from 'vitest';
import { planIdOf, skuIdOf, tenantSku } from '../../test-support/tenant-skus.js';
import { checkBaseline } from './baseline.js';
import { buildLicenseReport } from './build-report.js';
import { checkPriceTable } from './prices.js';
import type { Finding, LicenseReport, ReportGroup, ReportTenantModel, ReportUser } from './types.js';

const NOW = new Date('2026-12-08T00:00:00Z');
const E3 = skuIdOf('SPE_E3');
const EMS = skuIdOf('EMS');
const F3 = skuIdOf('SPE_F1');
const EXO1 = skuIdOf('EXCHANGESTANDARD');
const TEAMS = planIdOf('SPE_E3', 'TEAMS1');
const G_SALES = '11111111-1111-4111-8111-111111111111';
const G_FRONT = '22222222-2222-4222-8222-222222222222';

let n = 0;
function user(
  name: string,
  paths: { sku: string; group?: string; error?: string; disabled?: string[] }[],
  extra: Partial<ReportUser> = {},
): ReportUser {
  n += 1;
  return {
    id: `aaaaaaaa-0000-4000-8000-${String(n).padStart(12, '0')}`,
    userPrincipalName: `${name}@contoso.com`,
    accountEnabled: true,
    userType: 'Member',
    usageLocation: 'US',
    assignedLicenses: paths
      .filter((p) => !p.error)
      .map((p) => ({ skuId: p.sku, disabledPlans: p.disabled ?? [] })),
    licenseAssignmentStates: paths.map((p) => ({
      skuId: p.sku,
      assignedByGroup: p.group ?? null,
      disabledPlans: p.disabled ?? [],
      state: p.error ? 'Error' : 'Active',
      error: p.error ?? 'None',
    })),
    ...extra,
  };
}

const groups: ReportGroup[] = [
  { id: G_SALES, displayName: 'Sales', assignedLicenses: [{ skuId: E3, disabledPlans: [TEAMS] }] },
  { id: G_FRONT, displayName: 'Frontline', assignedLicenses: [{ skuId: F3, disabledPlans: [] }] },
];

function model(
  users: ReportUser[],
  skus = [
    tenantSku('SPE_E3', { enabled: 10, consumed: 10 }),
    tenantSku('EMS', { enabled: 5, consumed: 1 }),
    tenantSku('SPE_F1', { enabled: 5, consumed: 0 }),
    tenantSku('EXCHANGESTANDARD', { enabled: 5, consumed: 1 }),
  ],
): ReportTenantModel {
  return { tenant: { id: 'tenant-1', displayName: 'Contoso' }, skus, groups, users };
}

function only(report: LicenseReport, kind: Finding['kind']): Finding[] {
  return report.findings.filter((f) => f.kind === kind);
}

describe('buildLicenseReport', () => {
  it('backlog: members in CountViolation across groups, each once, seats needed after disabled accounts free theirs', () => {
    const waiting = user('ana', [
      { sku: E3, group: G_SALES, error: 'CountViolation' },
      { sku: E3, group: G_FRONT, error: 'CountViolation' },
    ]);
    const waiting2 = user('bo', [{ sku: E3, group: G_SALES, error: 'CountViolation' }]);
    const disabled = user('cy', [{ sku: E3 }], { accountEnabled: false });
    const report = buildLicenseReport({ model: model([waiting, waiting2, disabled]), now: NOW });
    const [backlog] = only(report, 'backlog');
    expect(backlog).toEqual({
      kind: 'backlog',
      severity: 'critical',
      skuPartNumber: 'SPE_E3',
      users: [
        { id: waiting.id, userPrincipalName: 'ana@contoso.com' },
        { id: waiting2.id, userPrincipalName: 'bo@contoso.com' },
      ],
      count: 2,
      message: '2 members of licensed groups wait for a seat of SPE_E3 (CountViolation); 1 more seat needed.',
      fix: {
        summary:
          'Buy 1 seat of SPE_E3 (after freeing the 1 held by disabled accounts), then reprocess the members.',
        command: 'entra-licensing reprocess group Sales && entra-licensing reprocess group Frontline',
      },
    });
    expect(report.skus.find((s) => s.skuPartNumber === 'SPE_E3')?.backlog).toEqual({
      members: 2,
      seatsNeeded: 1,
    });
  });

  it('backlog across more than 3 groups leaves the reprocess commands to each group', () => {
    const ids = ['31', '32', '33', '34'].map(
      (d) => `${d}${d}${d}${d}${d}${d}${d}${d}-0000-4000-8000-000000000000`,
    );
    const many: ReportGroup[] = ids.map((id, i) => ({
      id,
      displayName: `G${i}`,
      assignedLicenses: [{ skuId: E3 }],
    }));
    const users = ids.map((id, i) => user(`w${i}`, [{ sku: E3, group: id, error: 'CountViolation' }]));
    const report = buildLicenseReport({ model: { ...model(users), groups: many }, now: NOW });
    expect(only(report, 'backlog')[0]?.fix).toEqual({
      summary:
        "Buy 4 seats of SPE_E3, then reprocess the members. Reprocess each of the 4 groups (G0, G1, G2 and 1 more) with `entra-licensing reprocess group <group>` (each group's memberErrors finding has its command).",
    });
    expect(only(report, 'memberErrors').map((f) => f.fix?.command)).toEqual(
      ['G0', 'G1', 'G2', 'G3'].map((g) => `entra-licensing reprocess group ${g}`),
    );
  });

  it('expiring, warning, suspended, lockedOut from subscriptions and prepaidUnits, with days left', () => {
    const e3 = tenantSku('SPE_E3', { enabled: 10, consumed: 4 });
    const ems = {
      ...tenantSku('EMS', { enabled: 5, consumed: 6 }),
      prepaidUnits: { enabled: 5, warning: 3, suspended: 2, lockedOut: 1 },
    };
    const report = buildLicenseReport({
      model: model([], [e3, ems]),
      subscriptions: [
        {
          skuId: E3,
          status: 'Enabled',
          totalLicenses: 10,
          isTrial: true,
          nextLifecycleDateTime: '2026-12-13T00:00:00Z',
        },
        { skuId: EMS, status: 'Warning', totalLicenses: 3, nextLifecycleDateTime: '2027-01-07T00:00:00Z' },
      ],
      now: NOW,
    });
    expect(only(report, 'expiring')).toEqual([
      expect.objectContaining({
        severity: 'critical',
        skuPartNumber: 'SPE_E3',
        count: 5,
        message:
          'The trial of Microsoft 365 E3 (SPE_E3) with 10 licenses ends in 5 days (2026-12-13) unless renewed: its seats then go into the grace period.',
      }),
    ]);
    expect(only(report, 'warning').map((f) => [f.severity, f.count, f.message])).toEqual([
      [
        'critical',
        3,
        '3 licenses of Enterprise Mobility + Security E3 (EMS) expired and are in the grace period, suspended in 30 days (2027-01-07): users keep service until then.',
      ],
    ]);
    expect(only(report, 'suspended').map((f) => f.count)).toEqual([2]);
    expect(only(report, 'lockedOut').map((f) => [f.severity, f.count])).toEqual([['info', 1]]);
    expect(only(report, 'overAssigned').map((f) => [f.skuPartNumber, f.count])).toEqual([['EMS', 1]]);
  });

  it('newServicePlan: only against a baseline, with the assignments that disable other plans, and a file disabling it', () => {
    const ana = user('ana', [{ sku: E3, group: G_SALES, disabled: [TEAMS] }]);
    const first = buildLicenseReport({ model: model([ana]), now: NOW });
    expect(only(first, 'newServicePlan')).toEqual([]);
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
    const later = buildLicenseReport({
      model: model([ana]),
      baseline,
      now: new Date('2026-12-18T00:00:00Z'),
    });
    expect(only(later, 'newServicePlan')).toEqual([
      {
        kind: 'newServicePlan',
        severity: 'warning',
        skuPartNumber: 'SPE_E3',
        groupId: G_SALES,
        groupName: 'Sales',
        count: 1,
        message:
          'SPE_E3 gained the service plan CLIPCHAMP, on by default: it is now on for the members of 1 group (Sales) that turn other plans off.',
        fix: {
          summary:
            'Review each assignment; the file disables CLIPCHAMP in all of them — delete the entries that should keep it.',
          command: 'entra-licensing apply fix.yaml',
          desiredState: {
            groups: [
              { group: 'Sales', licenses: [{ sku: 'SPE_E3', disabledPlans: ['CLIPCHAMP', 'TEAMS1'] }] },
            ],
          },
        },
      },
    ]);
    expect(later.details.comparison?.newServicePlans).toEqual([
      {
        skuPartNumber: 'SPE_E3',
        servicePlanName: 'CLIPCHAMP',
        servicePlanId: planIdOf('SPE_E3', 'CLIPCHAMP'),
      },
    ]);
    // Once Sales disables it too, there is nothing left to review.
    const fixedGroups = [
      {
        ...groups[0],
        assignedLicenses: [{ skuId: E3, disabledPlans: [TEAMS, planIdOf('SPE_E3', 'CLIPCHAMP')] }],
      },
    ] as ReportGroup[];
    const after = buildLicenseReport({ model: { ...model([]), groups: fixedGroups }, baseline, now: NOW });
    expect(only(after, 'newServicePlan')).toEqual([]);
  });

  it('duplicateAssignment: direct and group; the file removes the direct copy only where nothing is lost', () => {
    const safe = user('ana', [
      { sku: E3, disabled: [TEAMS] },
      { sku: E3, group: G_SALES, disabled: [TEAMS] },
      { sku: EMS },
    ]);
    const keeps = user('bo', [{ sku: E3 }, { sku: E3, group: G_SALES, disabled: [TEAMS] }]);
    const [dup] = only(buildLicenseReport({ model: model([safe, keeps]), now: NOW }), 'duplicateAssignment');
    expect(dup?.users?.map((u) => u.userPrincipalName)).toEqual(['ana@contoso.com', 'bo@contoso.com']);
    expect(dup?.groupName).toBe('Sales');
    expect(dup?.fix).toEqual({
      summary:
        'Remove the direct SPE_E3 from 1 user who keeps every plan through Sales. 1 user (bo@contoso.com) keeps the direct copy: it enables plans that Sales disables.',
      command: 'entra-licensing apply fix.yaml',
      desiredState: { users: [{ user: 'ana@contoso.com', licenses: ['EMS'], exclusive: true }] },
    });
  });

  it('overlappingSkus: two SKUs paying for the same plans; foundation plans do not count', () => {
    const ana = user('ana', [{ sku: E3, group: G_SALES }, { sku: EMS }]);
    const [overlap] = only(buildLicenseReport({ model: model([ana]), now: NOW }), 'overlappingSkus');
    expect(overlap?.message).toBe(
      '1 user holds both SPE_E3 and EMS, which both pay for AAD_PREMIUM, ADALLOM_S_DISCOVERY, INTUNE_A and 3 more.',
    );
    expect(overlap?.fix?.desiredState).toEqual({
      users: [{ user: 'ana@contoso.com', licenses: [], exclusive: true }],
    });
  });

  it('overlappingSkus: one shared add-on plan is not an overlap', () => {
    const yara = user('yara', [{ sku: EXO1 }, { sku: F3, group: G_FRONT }]);
    expect(only(buildLicenseReport({ model: model([yara]), now: NOW }), 'overlappingSkus')).toEqual([]);
  });

  it('disabledAccountLicensed and guestLicensed: direct and inherited, the file removing the direct ones', () => {
    const off = user('off', [{ sku: EXO1 }], { accountEnabled: false });
    const offInGroup = user('off2', [{ sku: E3, group: G_SALES }], { accountEnabled: false });
    const guest = user('guest', [{ sku: EXO1 }], { userType: 'Guest' });
    const report = buildLicenseReport({ model: model([off, offInGroup, guest]), now: NOW });
    expect(
      only(report, 'disabledAccountLicensed').map((f) => [f.skuPartNumber, f.count, f.fix?.desiredState]),
    ).toEqual([
      ['EXCHANGESTANDARD', 1, { users: [{ user: 'off@contoso.com', licenses: [], exclusive: true }] }],
      ['SPE_E3', 1, undefined],
    ]);
    expect(only(report, 'disabledAccountLicensed')[1]?.fix?.summary).toBe(
      'Remove the others from Sales (group membership is managed outside this toolkit).',
    );
    expect(only(report, 'guestLicensed').map((f) => [f.severity, f.users])).toEqual([
      ['info', [{ id: guest.id, userPrincipalName: 'guest@contoso.com' }]],
    ]);
  });

  it('memberErrors: decoded per group, the exact conflicting plan, a file disabling it and a bulk reprocess', () => {
    const yara = user('yara', [
      { sku: EXO1 },
      { sku: F3, group: G_FRONT, error: 'MutuallyExclusiveViolation' },
    ]);
    const noLoc = user('zed', [{ sku: E3, group: G_SALES, error: 'ProhibitedInUsageLocationViolation' }], {
      usageLocation: null,
    });
    const report = buildLicenseReport({ model: model([yara, noLoc]), now: NOW });
    const byGroup = new Map(only(report, 'memberErrors').map((f) => [f.groupName, f]));
    expect(byGroup.get('Frontline')?.fix).toEqual({
      summary:
        "Disable EXCHANGE_S_DESKLESS for Frontline, or remove yara@contoso.com's direct EXCHANGESTANDARD; then reprocess the 1 member.",
      command: 'entra-licensing apply fix.yaml && entra-licensing reprocess group Frontline',
      desiredState: {
        groups: [
          { group: 'Frontline', licenses: [{ sku: 'SPE_F1', disabledPlans: ['EXCHANGE_S_DESKLESS'] }] },
        ],
      },
    });
    expect(byGroup.get('Sales')?.message).toMatch(
      /^1 member of Sales did not get their license: 1 usage location missing \(SPE_E3\): /,
    );
    expect(byGroup.get('Sales')?.fix?.summary).toBe(
      'Set the usage location of zed@contoso.com; then reprocess the 1 member.',
    );
  });

  it('orders findings critical first and lists every SKU with its seats', () => {
    const report = buildLicenseReport({
      model: model([
        user('off', [{ sku: EXO1 }], { accountEnabled: false }),
        user('w', [{ sku: E3, group: G_SALES, error: 'CountViolation' }]),
      ]),
      now: NOW,
    });
    expect(report.findings.map((f) => f.severity)).toEqual(
      [...report.findings.map((f) => f.severity)].sort(
        (a, b) => ['critical', 'warning', 'info'].indexOf(a) - ['critical', 'warning', 'info'].indexOf(b),
      ),
    );
    expect(report.skus.map((s) => s.skuPartNumber)).toEqual(['EMS', 'EXCHANGESTANDARD', 'SPE_E3', 'SPE_F1']);
    expect(report.skus[2]).toEqual({
      skuId: E3,
      skuPartNumber: 'SPE_E3',
      productName: 'Microsoft 365 E3',
      enabled: 10,
      consumed: 10,
      warning: 0,
      suspended: 0,
      lockedOut: 0,
      available: 0,
      backlog: { members: 1, seatsNeeded: 1 },
    });
  });
});

describe('baseline and runway', () => {
  it('says when a SKU runs out at the last period rate', () => {
    const before = buildLicenseReport({
      model: model([], [tenantSku('SPE_E3', { enabled: 100, consumed: 40 })]),
      now: new Date('2026-11-08T00:00:00Z'),
    });
    const now = buildLicenseReport({
      model: model([], [tenantSku('SPE_E3', { enabled: 100, consumed: 88 })]),
      baseline: checkBaseline(JSON.parse(JSON.stringify(before))),
      now: NOW,
    });
    expect(now.details.comparison?.trends).toEqual([
      expect.objectContaining({
        skuPartNumber: 'SPE_E3',
        perDay: 1.6,
        runwayDays: 8,
        message: "At the last 30 days' rate, SPE_E3 runs out in about 8 days.",
      }),
    ]);
  });

  it('refuses a baseline that is not a report, naming the field', () => {
    expect(() => checkBaseline({ generatedAt: 'yesterday', skus: [], findings: [] })).toThrow(
      'baseline must be an earlier `entra-licensing report --format json`: generatedAt is not a date.',
    );
  });
});

describe('prices', () => {
  it('spend per SKU and group, totals per currency (never added across currencies)', () => {
    const off = user('off', [{ sku: E3, group: G_SALES }], { accountEnabled: false });
    const guest = user('guest', [{ sku: EXO1 }], { userType: 'Guest' });
    const report = buildLicenseReport({
      model: model([off, guest]),
      prices: checkPriceTable({
        prices: {
          SPE_E3: { amount: 36, currency: 'USD', period: 'month' },
          EXCHANGESTANDARD: { amount: 4, currency: 'EUR', period: 'month' },
          EMS: { amount: 10.6, currency: 'USD', period: 'month' },
        },
      }),
      now: NOW,
    });
    expect(report.details.spend?.lines).toEqual([
      {
        on: 'unassigned',
        skuPartNumber: 'EMS',
        seats: 4,
        period: 'month',
        cost: { amount: 42.4, currency: 'USD' },
      },
      {
        on: 'unassigned',
        skuPartNumber: 'EXCHANGESTANDARD',
        seats: 4,
        period: 'month',
        cost: { amount: 16, currency: 'EUR' },
      },
      {
        on: 'disabledAccounts',
        skuPartNumber: 'SPE_E3',
        groupId: G_SALES,
        groupName: 'Sales',
        seats: 1,
        period: 'month',
        cost: { amount: 36, currency: 'USD' },
      },
      {
        on: 'guests',
        skuPartNumber: 'EXCHANGESTANDARD',
        seats: 1,
        period: 'month',
        cost: { amount: 4, currency: 'EUR' },
      },
    ]);
    expect(report.details.spend?.totals).toEqual([
      { on: 'unassigned', period: 'month', cost: { amount: 42.4, currency: 'USD' } },
      { on: 'unassigned', period: 'month', cost: { amount: 16, currency: 'EUR' } },
      { on: 'disabledAccounts', period: 'month', cost: { amount: 36, currency: 'USD' } },
      { on: 'guests', period: 'month', cost: { amount: 4, currency: 'EUR' } },
    ]);
    expect(report.details.spend?.unpriced).toEqual(['SPE_F1']);
  });

  it('refuses a bad price naming the field and value', () => {
    expect(() =>
      checkPriceTable({ prices: { SPE_E3: { amount: 36, currency: 'usd', period: 'month' } } }),
    ).toThrow('prices.SPE_E3.currency: must be a three-letter ISO 4217 code such as EUR or USD.');
    expect(() =>
      checkPriceTable({ prices: { SPE_E3: { amount: -1, currency: 'USD', period: 'month' } } }),
    ).toThrow('prices.SPE_E3.amount: must be a number, 0 or more.');
  });
});
