import { getCatalog } from '@entra-licensing/sku-catalog';
import { describe, expect, it } from 'vitest';
import { DATA_BEARING_PLANS } from './data-bearing.js';
import { dataLossRefusal } from './guard.js';
import { holdersToCsv } from './holders-format.js';
import { dataLosses, describeImpact, memberImpact, type SourceChange } from './impact.js';
import { buildTenantModel, type LicensePath, type TenantUser } from './model.js';
import { explainPaths, holders } from './rights.js';
import { carryDisabledPlans } from './swap.js';

// A small tenant: E3 has Exchange (EXO), SharePoint (SPO) and Teams; E5 has Exchange, Teams and a phone plan.
const E3 = 'e3e3e3e3-0000-4000-8000-000000000000';
const E5 = 'e5e5e5e5-0000-4000-8000-000000000000';
const EXO = 'aaaaaaaa-0000-4000-8000-000000000001';
const SPO = 'aaaaaaaa-0000-4000-8000-000000000002';
const TEAMS = 'aaaaaaaa-0000-4000-8000-000000000003';
const PHONE = 'aaaaaaaa-0000-4000-8000-000000000004';
const EXO5 = 'bbbbbbbb-0000-4000-8000-000000000001';
const TEAMS5 = 'bbbbbbbb-0000-4000-8000-000000000003';
const SALES = '11111111-0000-4000-8000-000000000000';
const OTHER = '22222222-0000-4000-8000-000000000000';

const skus = [
  {
    skuId: E3,
    skuPartNumber: 'SPE_E3',
    plans: [
      { servicePlanId: EXO, servicePlanName: 'EXCHANGE_S_ENTERPRISE' },
      { servicePlanId: SPO, servicePlanName: 'SHAREPOINTENTERPRISE' },
      { servicePlanId: TEAMS, servicePlanName: 'TEAMS1' },
    ],
  },
  {
    skuId: E5,
    skuPartNumber: 'SPE_E5',
    plans: [
      { servicePlanId: EXO5, servicePlanName: 'EXCHANGE_S_ENTERPRISE' },
      { servicePlanId: TEAMS5, servicePlanName: 'TEAMS1' },
      { servicePlanId: PHONE, servicePlanName: 'MCOEV' },
    ],
  },
];

function path(
  skuId: string,
  groupId: string | null,
  disabledPlans: string[] = [],
  state = 'Active',
): LicensePath {
  return {
    skuId,
    groupId,
    disabledPlans,
    state,
    error: state === 'Active' ? 'None' : 'CountViolation',
    lastUpdatedDateTime: null,
  };
}

function user(name: string, paths: LicensePath[], accountEnabled = true): TenantUser {
  return {
    id: `${name}-id`,
    userPrincipalName: `${name}@contoso.com`,
    displayName: name,
    accountEnabled,
    userType: 'Member',
    usageLocation: 'US',
    assignedLicenses: [],
    paths,
  };
}

const users = [
  user('covered-by-group', [path(E3, SALES), path(E3, OTHER)]),
  user('covered-directly', [path(E3, SALES), path(E3, null)]),
  user('keeps-sku-loses-exo', [path(E3, SALES), path(E3, OTHER, [EXO])]),
  user('loses-all', [path(E3, SALES)]),
  user('disabled', [path(E3, SALES)], false),
  user('errored', [path(E3, SALES, [], 'Error')]),
];
const model = buildTenantModel({
  skus,
  groups: [
    { id: SALES, displayName: 'Sales', licenses: [{ skuId: E3, disabledPlans: [] }] },
    { id: OTHER, displayName: 'Other', licenses: [{ skuId: E3, disabledPlans: [EXO] }] },
  ],
  users,
});
const members = [...(model.attributedMembers.get(SALES) ?? [])].map((id) => model.users.get(id)!);
const removeE3: SourceChange = {
  kind: 'group',
  groupId: SALES,
  before: [{ skuId: E3, disabledPlans: [] }],
  after: [],
};

describe('tenant model and effective rights', () => {
  it('attributes members to license-holding groups from their license states', () => {
    expect([...(model.attributedMembers.get(SALES) ?? [])].sort()).toEqual(users.map((u) => u.id).sort());
    expect([...(model.attributedMembers.get(OTHER) ?? [])].sort()).toEqual([
      'covered-by-group-id',
      'keeps-sku-loses-exo-id',
    ]);
  });

  it('explains a user: every plan, enabled when any active path leaves it on, with every path', () => {
    const explained = explainPaths(model, model.users.get('keeps-sku-loses-exo-id')!);
    expect(explained).toEqual({
      user: { id: 'keeps-sku-loses-exo-id', userPrincipalName: 'keeps-sku-loses-exo@contoso.com' },
      skus: [
        {
          skuId: E3,
          skuPartNumber: 'SPE_E3',
          paths: [
            {
              kind: 'group',
              groupId: SALES,
              groupName: 'Sales',
              disabledPlans: [],
              state: 'Active',
              error: 'None',
            },
            {
              kind: 'group',
              groupId: OTHER,
              groupName: 'Other',
              disabledPlans: ['EXCHANGE_S_ENTERPRISE'],
              state: 'Active',
              error: 'None',
            },
          ],
          plans: [
            {
              servicePlanName: 'EXCHANGE_S_ENTERPRISE',
              enabled: true,
              grantedBy: [{ kind: 'group', groupId: SALES, groupName: 'Sales' }],
            },
            {
              servicePlanName: 'SHAREPOINTENTERPRISE',
              enabled: true,
              grantedBy: [
                { kind: 'group', groupId: SALES, groupName: 'Sales' },
                { kind: 'group', groupId: OTHER, groupName: 'Other' },
              ],
            },
            {
              servicePlanName: 'TEAMS1',
              enabled: true,
              grantedBy: [
                { kind: 'group', groupId: SALES, groupName: 'Sales' },
                { kind: 'group', groupId: OTHER, groupName: 'Other' },
              ],
            },
          ],
        },
      ],
    });
  });

  it('an errored path grants nothing', () => {
    const explained = explainPaths(model, model.users.get('errored-id')!);
    expect(explained.skus[0]?.plans.map((p) => [p.servicePlanName, p.enabled, p.grantedBy.length])).toEqual([
      ['EXCHANGE_S_ENTERPRISE', false, 0],
      ['SHAREPOINTENTERPRISE', false, 0],
      ['TEAMS1', false, 0],
    ]);
  });

  it('lists the holders of a plan with the paths that give it', () => {
    const rows = holders(model, { servicePlanName: 'exchange_s_enterprise' });
    expect(rows.map((r) => [r.userPrincipalName, r.paths.map((p) => p.groupName ?? 'direct')])).toEqual([
      ['covered-by-group@contoso.com', ['Sales', 'Other']],
      ['covered-directly@contoso.com', ['Sales', 'direct']],
      ['disabled@contoso.com', ['Sales']],
      ['keeps-sku-loses-exo@contoso.com', ['Sales']],
      ['loses-all@contoso.com', ['Sales']],
    ]);
    const csv = holdersToCsv(rows.slice(1, 2));
    expect(csv).toBe(
      'userPrincipalName,userId,accountEnabled,skuPartNumber,servicePlanName,path,groupId,groupName,disabledPlans,state,error\r\n' +
        `covered-directly@contoso.com,covered-directly-id,true,SPE_E3,EXCHANGE_S_ENTERPRISE,group,${SALES},Sales,,Active,None\r\n` +
        'covered-directly@contoso.com,covered-directly-id,true,SPE_E3,EXCHANGE_S_ENTERPRISE,direct,,,,Active,None\r\n',
    );
  });
});

describe('member impact', () => {
  it('counts every other path: who loses what when Sales drops E3', () => {
    const impact = memberImpact(model, removeE3, members);
    expect(impact).toEqual({
      members: 6,
      losing: [
        {
          id: 'disabled-id',
          userPrincipalName: 'disabled@contoso.com',
          skus: ['SPE_E3'],
          plans: ['EXCHANGE_S_ENTERPRISE', 'SHAREPOINTENTERPRISE', 'TEAMS1'],
          dataBearing: ['EXCHANGE_S_ENTERPRISE', 'SHAREPOINTENTERPRISE'],
        },
        {
          id: 'keeps-sku-loses-exo-id',
          userPrincipalName: 'keeps-sku-loses-exo@contoso.com',
          skus: [],
          plans: ['EXCHANGE_S_ENTERPRISE'],
          dataBearing: ['EXCHANGE_S_ENTERPRISE'],
        },
        {
          id: 'loses-all-id',
          userPrincipalName: 'loses-all@contoso.com',
          skus: ['SPE_E3'],
          plans: ['EXCHANGE_S_ENTERPRISE', 'SHAREPOINTENTERPRISE', 'TEAMS1'],
          dataBearing: ['EXCHANGE_S_ENTERPRISE', 'SHAREPOINTENTERPRISE'],
        },
      ],
      gaining: [],
    });
    const losses = dataLosses(model, removeE3, members, impact);
    expect(describeImpact(impact, losses)).toEqual([
      '6 members: 3 lose Exchange Online (Plan 2) — mailbox (disabled@contoso.com, keeps-sku-loses-exo@contoso.com, loses-all@contoso.com); 2 keep it through Other or directly',
      '6 members: 2 lose SharePoint (Plan 2) — files (disabled@contoso.com, loses-all@contoso.com); 3 keep it through Other or directly',
      '2 of 6 members lose a product (disabled@contoso.com, loses-all@contoso.com)',
      '1 lose service plans only (keeps-sku-loses-exo@contoso.com)',
    ]);
  });

  it('a swap E3 → E5 keeps Exchange and Teams by name, loses SharePoint, gains the phone plan', () => {
    const swap: SourceChange = {
      kind: 'user',
      userId: 'x',
      before: [{ skuId: E3, disabledPlans: [] }],
      after: [{ skuId: E5, disabledPlans: [] }],
    };
    const alone = user('alone', [path(E3, null)]);
    const impact = memberImpact(model, swap, [alone]);
    expect(impact.losing).toEqual([
      {
        id: 'alone-id',
        userPrincipalName: 'alone@contoso.com',
        skus: ['SPE_E3'],
        plans: ['SHAREPOINTENTERPRISE'],
        dataBearing: ['SHAREPOINTENTERPRISE'],
      },
    ]);
    expect(impact.gaining).toEqual([
      {
        id: 'alone-id',
        userPrincipalName: 'alone@contoso.com',
        skus: ['SPE_E5'],
        plans: ['MCOEV'],
        dataBearing: [],
      },
    ]);
  });

  it('a group gaining a SKU gives members only what no other path gave them', () => {
    const add: SourceChange = {
      kind: 'group',
      groupId: OTHER,
      before: [],
      after: [{ skuId: E5, disabledPlans: [] }],
    };
    const fresh = user('fresh', []);
    const impact = memberImpact(model, add, [fresh, model.users.get('covered-directly-id')!]);
    expect(impact.gaining.map((e) => [e.userPrincipalName, e.skus, e.plans])).toEqual([
      ['covered-directly@contoso.com', ['SPE_E5'], ['MCOEV']],
      ['fresh@contoso.com', ['SPE_E5'], ['EXCHANGE_S_ENTERPRISE', 'MCOEV', 'TEAMS1']],
    ]);
    expect(impact.losing).toEqual([]);
  });
});

describe('the guard on people', () => {
  it('refuses a change that takes a mailbox from members without another path, naming how many and who', () => {
    const impact = memberImpact(model, removeE3, members);
    const losses = dataLosses(model, removeE3, members, impact);
    const refusal = dataLossRefusal([{ targetName: 'group Sales', losses }], false, 2);
    expect(refusal?.code).toBe('DATA_LOSS');
    expect(refusal?.field).toBe('allowDataLoss');
    expect(refusal?.message).toBe(
      'Refused before any write: 3 members would lose a mailbox or files they hold through no other path (group Sales: 3 lose Exchange Online (Plan 2) — mailbox, 2 lose SharePoint (Plan 2) — files). First: disabled@contoso.com, keeps-sku-loses-exo@contoso.com, … (1 more). Give them the plan through another group or directly first, or allow it explicitly (allowDataLoss: true; CLI --allow-data-loss).',
    );
    expect(dataLossRefusal([{ targetName: 'group Sales', losses }], true)).toBeUndefined();
  });

  it('never refuses a change that removes nothing from anybody', () => {
    const covered = [model.users.get('covered-directly-id')!];
    const impact = memberImpact(model, removeE3, covered);
    expect(impact.losing).toEqual([]);
    const losses = dataLosses(model, removeE3, covered, impact);
    expect(losses.map((l) => [l.servicePlanName, l.losing.length, l.keeping])).toEqual([
      ['EXCHANGE_S_ENTERPRISE', 0, 1],
      ['SHAREPOINTENTERPRISE', 0, 1],
    ]);
    expect(dataLossRefusal([{ targetName: 'group Sales', losses }], false)).toBeUndefined();
  });
});

describe('swap keeps the admin choices', () => {
  it('carries disabled plans by name and lists those the new SKU lacks', () => {
    expect(carryDisabledPlans(skus[0]!, skus[1]!, [TEAMS, SPO])).toEqual({
      disabledPlans: [TEAMS5],
      carried: ['TEAMS1'],
      notInTarget: ['SHAREPOINTENTERPRISE'],
    });
  });
});

describe('data-bearing plans', () => {
  it('every name is a service plan of Microsoft catalog', () => {
    const names = new Set([...getCatalog().servicePlanById.values()].flatMap((p) => p.servicePlanNames));
    expect([...DATA_BEARING_PLANS.keys()].filter((n) => !names.has(n))).toEqual([]);
  });
});
