import { describe, expect, it } from 'vitest';
import { buildTenantModel, type LicensePath, type TenantUser } from '../tenant/model.js';
import { DAY_MS } from './bucket.js';
import { actionEffects, findReclaimableIn, type SignInRecord } from './from-tenant.js';

const NOW = Date.parse('2026-12-01T12:00:00Z');
const daysAgo = (days: number): string => new Date(NOW - days * DAY_MS).toISOString();
const E3 = 'e3e3e3e3-0000-4000-8000-000000000000';
const EXO = 'aaaaaaaa-0000-4000-8000-000000000001';
const TEAMS = 'aaaaaaaa-0000-4000-8000-000000000003';
const SALES = '11111111-0000-4000-8000-000000000000';

const model = (users: TenantUser[]) =>
  buildTenantModel({
    skus: [
      {
        skuId: E3,
        skuPartNumber: 'SPE_E3',
        plans: [
          { servicePlanId: EXO, servicePlanName: 'EXCHANGE_S_ENTERPRISE' },
          { servicePlanId: TEAMS, servicePlanName: 'TEAMS1' },
        ],
      },
    ],
    groups: [{ id: SALES, displayName: 'Sales', licenses: [{ skuId: E3, disabledPlans: [] }] }],
    users,
  });

const path = (groupId: string | null): LicensePath => ({
  skuId: E3,
  groupId,
  disabledPlans: [],
  state: 'Active',
  error: 'None',
  lastUpdatedDateTime: daysAgo(200),
});

const tenantUser = (id: string, paths: LicensePath[]): TenantUser => ({
  id,
  userPrincipalName: `${id}@contoso.onmicrosoft.com`,
  displayName: id,
  accountEnabled: true,
  userType: 'Member',
  usageLocation: 'US',
  assignedLicenses: [{ skuId: E3, disabledPlans: [] }],
  paths,
});

const record = (id: string, accountEnabled = true): SignInRecord => ({
  id,
  userPrincipalName: `${id}@contoso.onmicrosoft.com`,
  accountEnabled,
  createdDateTime: daysAgo(400),
  signInActivity: {
    lastSignInDateTime: null,
    lastNonInteractiveSignInDateTime: null,
    lastSuccessfulSignInDateTime: daysAgo(100),
  },
});

const options = { inactiveDays: 90, graceDays: 30, now: NOW };

describe('findReclaimableIn', () => {
  it('frees a group-inherited license by taking the member out of the group, showing the mailbox it takes', () => {
    const sales = tenantUser('ann', [path(SALES)]);
    const m = model([sales]);
    const { candidates } = findReclaimableIn(m, [record('ann')], options);
    expect(candidates.map((c) => c.actions)).toEqual([
      [
        {
          kind: 'removeGroupMember',
          skuPartNumber: 'SPE_E3',
          skuId: E3,
          groupId: SALES,
          groupName: 'Sales',
          impact: {
            members: 1,
            losing: [
              {
                id: 'ann',
                userPrincipalName: 'ann@contoso.onmicrosoft.com',
                skus: ['SPE_E3'],
                plans: ['EXCHANGE_S_ENTERPRISE', 'TEAMS1'],
                dataBearing: ['EXCHANGE_S_ENTERPRISE'],
              },
            ],
            gaining: [],
          },
        },
      ],
    ]);
    expect(
      actionEffects(m, sales, [{ kind: 'removeGroupMember', skuId: E3, groupId: SALES }]).losses.map((l) => [
        l.servicePlanName,
        l.losing.map((u) => u.id),
      ]),
    ).toEqual([['EXCHANGE_S_ENTERPRISE', ['ann']]]);
  });

  it('a SKU held directly and through a group needs both actions; the second shows the loss', () => {
    const both = tenantUser('bob', [path(SALES), path(null)]);
    const m = model([both]);
    const { candidates } = findReclaimableIn(m, [record('bob')], options);
    expect(candidates[0]?.actions.map((a) => [a.kind, a.impact.losing.map((e) => e.skus)])).toEqual([
      ['removeGroupMember', []],
      ['removeDirectLicense', [['SPE_E3']]],
    ]);
    const effects = actionEffects(m, both, candidates[0]?.actions ?? []);
    expect(effects.losses.map((l) => [l.servicePlanName, l.losing.map((u) => u.id)])).toEqual([
      ['EXCHANGE_S_ENTERPRISE', ['bob']],
    ]);
  });

  it('a group that grants two SKUs is left once: the first action shows both losses', () => {
    const E5 = 'e5e5e5e5-0000-4000-8000-000000000000';
    const two = tenantUser('eve', [path(SALES), { ...path(SALES), skuId: E5 }]);
    const m = buildTenantModel({
      skus: [
        { skuId: E3, skuPartNumber: 'SPE_E3', plans: [] },
        { skuId: E5, skuPartNumber: 'SPE_E5', plans: [] },
      ],
      groups: [
        {
          id: SALES,
          displayName: 'Sales',
          licenses: [
            { skuId: E3, disabledPlans: [] },
            { skuId: E5, disabledPlans: [] },
          ],
        },
      ],
      users: [two],
    });
    const { candidates } = findReclaimableIn(m, [record('eve')], options);
    expect(candidates[0]?.actions.map((a) => [a.skuPartNumber, a.impact.losing.map((e) => e.skus)])).toEqual([
      ['SPE_E3', [['SPE_E3', 'SPE_E5']]],
      ['SPE_E5', []],
    ]);
  });

  it('without sign-in activity only blocked accounts are candidates', () => {
    const users = [tenantUser('cat', [path(null)]), tenantUser('dan', [path(null)])];
    const records = [record('cat'), record('dan', false)].map(({ signInActivity: _, ...rest }) => rest);
    const search = findReclaimableIn(model(users), records, options);
    expect(search.candidates.map((c) => [c.id, c.bucket])).toEqual([['dan', 'disabled']]);
    expect(search.excluded.map((e) => [e.id, e.reason])).toEqual([['cat', 'noSignInData']]);
  });
});
