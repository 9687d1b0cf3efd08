import { defaultSeed, type Seed } from '@entra-licensing/graph-emulator';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { rejection as caught } from '../test-support/caught.js';
import { type EmulatorHarness, startHarness } from '../test-support/emulator.js';

/**
 * One tenant with every case of the issue: Sales gives Microsoft 365 E3 to
 * - ann, who also gets it from "Mail" (covered by another group),
 * - bob, who also holds it directly (covered directly),
 * - cara, whose other path ("No Exchange") disables Exchange Online (Plan 2): she keeps E3 but not the mailbox,
 * - dan, who has no other path (loses everything),
 * - fay, whose account is disabled (licensed all the same, and losing everything),
 * while eve is a member of "Inner", a group nested in Sales: she inherits nothing from Sales.
 */
const domain = 'tenant-test.onmicrosoft.com';
const upn = (name: string) => `${name}@${domain}`;
const seed: Seed = {
  tenant: {
    id: '7b2c1d3e-4f50-4a61-8b72-9c83d4e5f607',
    domain,
    displayName: 'Tenant test',
    countryLetterCode: 'US',
  },
  apps: defaultSeed.apps,
  skus: [
    { sku: 'SPE_E3', enabled: 50 },
    { sku: 'SPE_E5', enabled: 50 },
  ],
  users: [
    { userPrincipalName: upn('ann'), displayName: 'Ann', usageLocation: 'US' },
    { userPrincipalName: upn('bob'), displayName: 'Bob', usageLocation: 'US', licenses: [{ sku: 'SPE_E3' }] },
    { userPrincipalName: upn('cara'), displayName: 'Cara', usageLocation: 'US' },
    { userPrincipalName: upn('dan'), displayName: 'Dan', usageLocation: 'US' },
    { userPrincipalName: upn('eve'), displayName: 'Eve', usageLocation: 'US' },
    { userPrincipalName: upn('fay'), displayName: 'Fay', usageLocation: 'US', accountEnabled: false },
  ],
  groups: [
    { displayName: 'Inner', kind: 'security', members: [upn('eve')] },
    {
      displayName: 'Sales',
      kind: 'security',
      members: [upn('ann'), upn('bob'), upn('cara'), upn('dan'), upn('fay'), 'Inner'],
      licenses: [{ sku: 'SPE_E3' }],
    },
    { displayName: 'Mail', kind: 'security', members: [upn('ann')], licenses: [{ sku: 'SPE_E3' }] },
    {
      displayName: 'No Exchange',
      kind: 'security',
      members: [upn('cara')],
      licenses: [{ sku: 'SPE_E3', disabledPlans: ['EXCHANGE_S_ENTERPRISE', 'FORMS_PLAN_E3'] }],
    },
  ],
};

let h: EmulatorHarness;
let groupId: (name: string) => string;
let e3Plans: string[];

beforeAll(async () => {
  h = await startHarness({ seed });
  const byName = new Map([...h.emulator.state.groups.values()].map((g) => [g.displayName, g.id]));
  groupId = (name) => byName.get(name) ?? `no group ${name}`;
  const e3 = (await h.service.listSkus()).find((s) => s.skuPartNumber === 'SPE_E3');
  e3Plans = (e3?.servicePlans ?? []).map((p) => p.servicePlanName).sort();
});
afterAll(async () => h?.emulator.stop());
beforeEach(() => h.emulator.reset());

function userId(name: string): string {
  return (
    [...h.emulator.state.users.values()].find((u) => u.userPrincipalName === upn(name))?.id ??
    `no user ${name}`
  );
}

describe('effective rights over HTTP', () => {
  it('explains a user: each path with its disabled plans, each plan with the paths that grant it', async () => {
    const explained = await h.service.explainUser(upn('cara'));
    expect(explained.user).toEqual({ id: userId('cara'), userPrincipalName: upn('cara') });
    expect(explained.skus.map((s) => s.skuPartNumber)).toEqual(['SPE_E3']);
    const sku = explained.skus[0]!;
    expect(sku.paths).toEqual([
      {
        kind: 'group',
        groupId: groupId('Sales'),
        groupName: 'Sales',
        disabledPlans: [],
        state: 'Active',
        error: 'None',
      },
      {
        kind: 'group',
        groupId: groupId('No Exchange'),
        groupName: 'No Exchange',
        disabledPlans: ['EXCHANGE_S_ENTERPRISE', 'FORMS_PLAN_E3'],
        state: 'Active',
        error: 'None',
      },
    ]);
    expect(sku.plans.map((p) => p.servicePlanName).sort()).toEqual(e3Plans);
    expect(sku.plans.find((p) => p.servicePlanName === 'EXCHANGE_S_ENTERPRISE')).toEqual({
      servicePlanName: 'EXCHANGE_S_ENTERPRISE',
      enabled: true,
      grantedBy: [{ kind: 'group', groupId: groupId('Sales'), groupName: 'Sales' }],
    });
  });

  it('the model read once answers the same as the single-user read', async () => {
    const model = await h.service.readTenantModel();
    expect(await h.service.explainUser(upn('bob'), { model })).toEqual(
      await h.service.explainUser(upn('bob')),
    );
    expect(model.users.get(userId('fay'))?.accountEnabled).toBe(false);
    expect([...(model.attributedMembers.get(groupId('Sales')) ?? [])].sort()).toEqual(
      ['ann', 'bob', 'cara', 'dan', 'fay'].map(userId).sort(),
    );
  });

  it('lists who holds a plan and through which paths', async () => {
    const rows = await h.service.whoHas({ plan: 'exchange_s_enterprise' });
    expect(
      rows.map((r) => [
        r.userPrincipalName,
        r.paths.map((p) => (p.kind === 'direct' ? 'direct' : p.groupName)),
      ]),
    ).toEqual([
      [upn('ann'), ['Sales', 'Mail']],
      [upn('bob'), ['direct', 'Sales']],
      [upn('cara'), ['Sales']],
      [upn('dan'), ['Sales']],
      [upn('fay'), ['Sales']],
    ]);
  });

  it('names the field and the value of an unknown plan or user', async () => {
    const error = await caught(h.service.whoHas({ plan: 'NO_SUCH_PLAN' }));
    expect([error.code, error.field, error.value]).toEqual(['PLAN_NOT_FOUND', 'plan', 'NO_SUCH_PLAN']);
    const missing = await caught(h.service.explainUser(upn('nobody')));
    expect([missing.code, missing.field, missing.value]).toEqual(['TARGET_NOT_FOUND', 'user', upn('nobody')]);
  });
});

describe('member impact over HTTP', () => {
  it('removing E3 from Sales: who loses what once every other path is counted', async () => {
    const result = await h.service.plan(
      { kind: 'group', id: groupId('Sales') },
      { action: 'remove', skus: ['SPE_E3'] },
      { impact: true },
    );
    const impact = result.impact?.impact;
    expect(impact?.members).toBe(5);
    expect(impact?.gaining).toEqual([]);
    expect(impact?.losing).toEqual([
      {
        id: userId('cara'),
        userPrincipalName: upn('cara'),
        skus: [],
        plans: ['EXCHANGE_S_ENTERPRISE', 'FORMS_PLAN_E3'],
        dataBearing: ['EXCHANGE_S_ENTERPRISE'],
      },
      {
        id: userId('dan'),
        userPrincipalName: upn('dan'),
        skus: ['SPE_E3'],
        plans: e3Plans,
        dataBearing: ['EXCHANGE_S_ENTERPRISE', 'SHAREPOINTENTERPRISE'],
      },
      {
        id: userId('fay'),
        userPrincipalName: upn('fay'),
        skus: ['SPE_E3'],
        plans: e3Plans,
        dataBearing: ['EXCHANGE_S_ENTERPRISE', 'SHAREPOINTENTERPRISE'],
      },
    ]);
    expect(result.impact?.lines[0]).toBe(
      `5 members: 3 lose Exchange Online (Plan 2) — mailbox (${upn('cara')}, ${upn('dan')}, ${upn('fay')}); 2 keep it through Mail or directly`,
    );
    expect(h.writes()).toEqual([]);
  });

  it('a SKU added to Sales reaches its direct members only: the nested group’s member gains nothing', async () => {
    const result = await h.service.plan(
      { kind: 'group', id: groupId('Sales') },
      { action: 'assign', skus: ['SPE_E5'] },
      { impact: true },
    );
    const gaining = result.impact?.impact.gaining ?? [];
    expect(gaining.map((e) => e.userPrincipalName)).toEqual(['ann', 'bob', 'cara', 'dan', 'fay'].map(upn));
    expect(gaining.every((e) => e.skus.join() === 'SPE_E5')).toBe(true);
    expect(gaining.map((e) => e.userPrincipalName)).not.toContain(upn('eve'));
    expect(gaining.find((e) => e.userPrincipalName === upn('ann'))?.plans).not.toContain(
      'EXCHANGE_S_ENTERPRISE',
    );
  });

  it('a user’s direct change: bob keeps E3 through Sales', async () => {
    const result = await h.service.plan(
      { kind: 'user', id: upn('bob') },
      { action: 'remove', skus: ['SPE_E3'] },
      { impact: true },
    );
    expect(result.impact?.impact).toEqual({ members: 1, losing: [], gaining: [] });
  });
});

describe('the guard on people', () => {
  it('refuses, before any write, a change that takes a mailbox from members without another path', async () => {
    const error = await caught(h.service.remove({ kind: 'group', id: groupId('Sales') }, ['SPE_E3']));
    expect([error.code, error.field, error.value]).toEqual(['DATA_LOSS', 'allowDataLoss', false]);
    expect(error.message).toBe(
      `Refused before any write: 3 members would lose a mailbox or files they hold through no other path (group Sales (${groupId('Sales')}): 3 lose Exchange Online (Plan 2) — mailbox, 2 lose SharePoint (Plan 2) — files). First: ${upn('cara')}, ${upn('dan')}, ${upn('fay')}. Give them the plan through another group or directly first, or allow it explicitly (allowDataLoss: true; CLI --allow-data-loss).`,
    );
    expect(h.writes()).toEqual([]);
  });

  it('in a bulk run, the item that would take data fails alone; the others run', async () => {
    const sales = { kind: 'group' as const, id: groupId('Sales') };
    const mail = { kind: 'group' as const, id: groupId('Mail') };
    const run = await h.service.applyBulk([
      { target: sales, intent: { action: 'remove', skus: ['SPE_E3'] } },
      { target: mail, intent: { action: 'assign', skus: ['SPE_E5'] } },
    ]);
    expect(
      run.results.map((r) => [r.index, r.status, r.error?.code ?? null, r.error?.field ?? null]),
    ).toEqual([
      [0, 'failed', 'DATA_LOSS', 'allowDataLoss'],
      [1, 'applied', null, null],
    ]);
    expect((run.results[0]?.cause as { code?: string } | undefined)?.code).toBe('DATA_LOSS');
    expect(h.writes().map((w) => w.target)).toEqual([mail.id]);
    const allowed = await h.service.applyBulk([
      { target: sales, intent: { action: 'remove', skus: ['SPE_E3'] }, options: { allowDataLoss: true } },
    ]);
    expect(allowed.results.map((r) => r.status)).toEqual(['applied']);
  });

  it('passes with the allowance: one write', async () => {
    const result = await h.service.remove({ kind: 'group', id: groupId('Sales') }, ['SPE_E3'], {
      allowDataLoss: true,
    });
    expect(result.status).toBe('applied');
    expect(h.writes().map((w) => [w.method, w.path, w.status])).toEqual([
      ['POST', `/v1.0/groups/${groupId('Sales')}/assignLicense`, 202],
    ]);
  });

  it('never blocks a change that removes nothing from anybody (Mail’s only member keeps E3 through Sales)', async () => {
    const result = await h.service.remove({ kind: 'group', id: groupId('Mail') }, ['SPE_E3']);
    expect(result.status).toBe('applied');
    expect(h.writes()).toHaveLength(1);
  });
});

describe('swap keeps the admin’s choices', () => {
  it('E3 → E5 carries the disabled plans by name, lists those E5 lacks, in one assignLicense call', async () => {
    const target = { kind: 'group' as const, id: groupId('No Exchange') };
    const result = await h.service.swap(target, { remove: ['SPE_E3'], add: ['SPE_E5'] }, { impact: true });
    expect(result.swap).toMatchObject({
      from: 'SPE_E3',
      to: 'SPE_E5',
      carried: ['EXCHANGE_S_ENTERPRISE'],
      notInTarget: ['FORMS_PLAN_E3'],
    });
    expect(result.status).toBe('applied');
    expect(h.writes()).toHaveLength(1);
    const group = (await h.service.getGroupLicenses(target.id)).licenses;
    expect(group.map((l) => [l.skuPartNumber, l.disabledPlans.map((p) => p.servicePlanName)])).toEqual([
      ['SPE_E5', ['EXCHANGE_S_ENTERPRISE']],
    ]);
    // cara keeps every E3 plan through Sales: the swap takes nothing from her and gives her E5's extra plans
    expect(result.impact?.impact.losing).toEqual([]);
    expect(result.impact?.impact.gaining.map((e) => [e.userPrincipalName, e.skus])).toEqual([
      [upn('cara'), ['SPE_E5']],
    ]);
  });
});

describe('the model read pages to the end, and follows nextLinks only to more users', () => {
  const big: Seed = { apps: defaultSeed.apps, generate: { users: 1200, groups: 4, skus: 3, randomSeed: 7 } };

  it('reads every user of a tenant larger than one page', async () => {
    const h2 = await startHarness({ seed: big });
    try {
      const model = await h2.service.readTenantModel();
      expect(model.users.size).toBe(1200);
      const pages = h2.emulator.requests().filter((r) => r.path === '/v1.0/users');
      expect(pages.map((r) => r.status)).toEqual([200, 200]);
    } finally {
      await h2.emulator.stop();
    }
  });

  it('a nextLink to another host stops the read with an error naming it; it is never followed', async () => {
    const seen: string[] = [];
    const tampering: typeof fetch = async (input, init) => {
      const url = input instanceof Request ? input.url : String(input);
      seen.push(new URL(url).host);
      const response = await fetch(input, init);
      if (!new URL(url).pathname.endsWith('/users')) return response;
      const text = (await response.text()).replace(
        /"@odata\.nextLink":"http:\/\/[^/]+/,
        '"@odata.nextLink":"https://evil.example',
      );
      return new Response(text, { status: response.status, headers: response.headers });
    };
    const h2 = await startHarness({ seed: big }, 'licensingAdmin', { fetch: tampering });
    try {
      const error = await caught(h2.service.readTenantModel());
      expect([error.code, error.field]).toEqual(['GRAPH_ERROR', '@odata.nextLink']);
      expect(String(error.value).startsWith('https://evil.example/v1.0/users?')).toBe(true);
      expect(seen).not.toContain('evil.example');
    } finally {
      await h2.emulator.stop();
    }
  });
});
