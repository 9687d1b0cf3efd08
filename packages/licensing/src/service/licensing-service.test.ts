import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { rejection } from '../test-support/caught.js';
import { cuttingFetch } from '../test-support/cutting-fetch.js';
import { type EmulatorHarness, seedIds, startHarness } from '../test-support/emulator.js';

let h: EmulatorHarness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.emulator.stop();
});
beforeEach(() => {
  h.emulator.reset();
});

const G = seedIds.groups;
const U = seedIds.users as unknown as Record<'adele' | 'dana' | 'isaiah' | 'raul', string>;
const S = seedIds.skus;

describe('licensing service against the emulator', () => {
  it('lists SKUs with seats and names', async () => {
    const skus = await h.service.listSkus();
    const e5 = skus.find((s) => s.skuPartNumber === 'SPE_E5');
    expect(e5?.displayName).toBe('Microsoft 365 E5');
    expect(e5?.seats?.enabled).toBe(10);
    expect((await h.service.getSku('microsoft 365 e3')).skuId).toBe(S.SPE_E3);
  });

  it('assigns by product name with a plan disabled by friendly name, in one call with both arrays', async () => {
    const result = await h.service.assign({ kind: 'group', id: G.licensingPilot }, [
      { sku: 'Office 365 E5', disabledPlans: ['Microsoft Teams'] },
    ]);
    expect(result.status).toBe('applied');
    expect(result.planText).toContain('+ Office 365 E5 (ENTERPRISEPREMIUM)');
    const group = await h.service.getGroupLicenses(G.licensingPilot);
    expect(
      group.licenses.map((l) => [l.skuPartNumber, l.disabledPlans.map((p) => p.servicePlanName)]),
    ).toEqual([['ENTERPRISEPREMIUM', ['TEAMS1']]]);
    expect(h.writes()).toEqual([
      {
        method: 'POST',
        path: `/v1.0/groups/${G.licensingPilot}/assignLicense`,
        status: 202,
        target: G.licensingPilot,
      },
    ]);
  });

  it('swaps in one call and never removes what was not asked', async () => {
    await h.service.assign({ kind: 'group', id: G.licensingPilot }, ['SPE_E3', 'AAD_PREMIUM']);
    const swap = await h.service.swap(
      { kind: 'group', id: G.licensingPilot },
      { remove: ['SPE_E3'], add: ['SPE_E5'] },
    );
    expect(swap.plan.body?.removeLicenses).toEqual([S.SPE_E3]);
    expect(swap.warnings.map((w) => w.code)).toEqual(['SEAT_SHORTFALL']);
    const parts = (await h.service.getGroupLicenses(G.licensingPilot)).licenses
      .map((l) => l.skuPartNumber)
      .sort();
    expect(parts).toEqual(['AAD_PREMIUM', 'SPE_E5']);
    expect(h.writes().filter((w) => w.path.endsWith('assignLicense'))).toHaveLength(2);
  });

  it('updates plans keeping the plans already disabled', async () => {
    const target = { kind: 'group', id: G.licensingPilot } as const;
    await h.service.assign(target, [{ sku: 'SPE_E3', disabledPlans: ['YAMMER_ENTERPRISE'] }]);
    const update = await h.service.updatePlans(target, { sku: 'SPE_E3', disable: ['Microsoft Teams'] });
    expect(update.planText).toContain('- disable Microsoft Teams (TEAMS1)');
    const plans = (await h.service.getGroupLicenses(G.licensingPilot)).licenses[0]?.disabledPlans.map(
      (p) => p.servicePlanName,
    );
    expect(plans?.sort()).toEqual(['TEAMS1', 'YAMMER_ENTERPRISE']);
    const enable = await h.service.updatePlans(target, { sku: 'SPE_E3', enable: ['YAMMER_ENTERPRISE'] });
    expect(enable.plan.body?.addLicenses[0]?.disabledPlans.length).toBe(1);
  });

  it('set with dryRun sends nothing; exclusive and maxRemovals guard removals; the second set sends nothing', async () => {
    const target = { kind: 'group', id: G.sales } as const;
    const dry = await h.service.set(target, ['SPE_E5'], { exclusive: true, dryRun: true });
    expect(dry.status).toBe('dryRun');
    expect(dry.planText).toContain('- Microsoft 365 E3 (SPE_E3)');
    expect(h.writes()).toEqual([]);
    const guard = await rejection(
      h.service.set(target, ['AAD_PREMIUM'], { exclusive: true, maxRemovals: 0 }),
    );
    expect([guard.code, guard.field, guard.value]).toEqual(['MAX_REMOVALS_EXCEEDED', 'maxRemovals', 0]);
    expect(h.writes()).toEqual([]);
    const kept = await h.service.set(target, ['AAD_PREMIUM']);
    expect(kept.plan.body?.removeLicenses).toEqual([]);
    const again = await h.service.set(target, ['AAD_PREMIUM']);
    expect(again.status).toBe('unchanged');
    expect(h.writes()).toHaveLength(1);
  });

  it('refuses bad input before any request, naming field and value', async () => {
    const bad = await rejection(h.service.assign({ kind: 'group', id: G.sales }, ['Microsoft 365 E33']));
    expect([bad.code, bad.field, bad.value]).toEqual(['SKU_NOT_FOUND', 'skus[0]', 'Microsoft 365 E33']);
    expect(bad.suggestions).toContain('Microsoft 365 E3 (SPE_E3)');
    const company = await rejection(h.service.assign({ kind: 'group', id: G.sales }, ['CRMSTORAGE']));
    expect(company.code).toBe('SKU_NOT_ASSIGNABLE');
    const suspended = await rejection(h.service.assign({ kind: 'user', id: U.adele }, ['VISIOCLIENT']));
    expect(suspended.message).toContain('Suspended');
    const badId = await rejection(h.service.assign({ kind: 'group', id: '../users' }, ['SPE_E3']));
    expect(badId.field).toBe('target.id');
    for (const group of [G.marketing, G.allStaff]) {
      const ineligible = await rejection(h.service.assign({ kind: 'group', id: group }, ['SPE_E3']));
      expect([ineligible.code, ineligible.field, ineligible.value]).toEqual([
        'GROUP_NOT_ELIGIBLE',
        'target.id',
        group,
      ]);
    }
    const strict = await rejection(
      h.service.assign({ kind: 'group', id: G.e5Rollout }, ['SPE_E5'], { strictSeats: true }),
    );
    expect(strict.code).toBe('SEATS_EXHAUSTED');
    expect(strict.message).toContain('14 member(s)');
    expect(h.writes()).toEqual([]);
  });

  it('names the target field and the id the caller gave when Graph has no such group or user', async () => {
    const missingGroup = '0f0f0f0f-0000-4000-8000-000000000000';
    const group = await rejection(h.service.assign({ kind: 'group', id: missingGroup }, ['SPE_E3']));
    expect([group.code, group.field, group.value]).toEqual(['TARGET_NOT_FOUND', 'target.id', missingGroup]);
    expect(group.message).toContain('no group with this id exists');
    const guest = 'nobody_fabrikam.com#EXT#@contoso.onmicrosoft.com';
    const user = await rejection(h.service.getUserLicenses(guest));
    expect([user.code, user.field, user.value]).toEqual(['TARGET_NOT_FOUND', 'userId', guest]);
    expect(h.writes()).toEqual([]);
  });

  it('waits for group processing and decodes member errors (CountViolation)', async () => {
    const result = await h.service.assign({ kind: 'group', id: G.e5Rollout }, ['SPE_E5']);
    expect(result.warnings[0]?.message).toContain('4 member(s) would fail with CountViolation');
    const report = await h.service.waitForGroupProcessing(G.e5Rollout, {
      initialIntervalMs: 5,
      timeoutMs: 10_000,
    });
    expect(report.completed).toBe(true);
    expect(report.membersWithErrors).toHaveLength(4);
    const first = report.membersWithErrors[0]?.errors[0];
    expect(first?.error).toBe('CountViolation');
    expect(first?.skuPartNumber).toBe('SPE_E5');
    expect(first?.remediation).toContain('reprocess');
  });

  it('user assign checks usageLocation, or sets it when given', async () => {
    const user = { kind: 'user', id: U.dana } as const;
    const missing = await rejection(h.service.assign(user, ['EMSPREMIUM']));
    expect([missing.code, missing.field]).toEqual(['USAGE_LOCATION_MISSING', 'usageLocation']);
    expect(h.writes()).toEqual([]);
    // Setting usageLocation (PATCH /users) needs User.ReadWrite.All or Directory.ReadWrite.All.
    const admin = await startHarness({}, 'directoryAdmin');
    try {
      const done = await admin.service.assign(user, ['EMSPREMIUM'], { usageLocation: 'us' });
      expect(done.usageLocationSet).toBe('US');
      expect(admin.writes().map((w) => w.method)).toEqual(['PATCH', 'POST']);
      const licenses = await admin.service.getUserLicenses(U.dana);
      expect(licenses.usageLocation).toBe('US');
      expect(licenses.licenses.map((l) => [l.skuPartNumber, l.direct])).toEqual([['EMSPREMIUM', true]]);
    } finally {
      await admin.emulator.stop();
    }
  });

  it('user remove skips an inherited license and names the granting group', async () => {
    const result = await h.service.remove({ kind: 'user', id: U.isaiah }, ['SPE_E3']);
    expect(result.status).toBe('unchanged');
    expect(result.warnings[0]?.code).toBe('INHERITED_LICENSE_SKIPPED');
    expect(result.warnings[0]?.message).toContain(`group Sales (${G.sales})`);
    expect(h.writes()).toEqual([]);
  });

  it('exports a target in names that set accepts back (zero writes)', async () => {
    const target = { kind: 'group', id: G.licensingPilot } as const;
    await h.service.assign(target, [{ sku: 'SPE_E3', disabledPlans: ['TEAMS1', 'SWAY'] }, 'AAD_PREMIUM']);
    const doc = await h.service.exportLicenses(target);
    expect(doc.licenses).toEqual([
      { sku: 'SPE_E3', disabledPlans: expect.arrayContaining(['TEAMS1', 'SWAY']) },
      { sku: 'AAD_PREMIUM', disabledPlans: [] },
    ]);
    const before = h.writes().length;
    const again = await h.service.set(target, doc.licenses, { exclusive: true });
    expect(again.status).toBe('unchanged');
    expect(h.writes()).toHaveLength(before);
  });

  it('lists holders of a SKU and reprocesses a user', async () => {
    const holders = await h.service.listSkuHolders('SPE_E3');
    expect(holders.groups.map((g) => g.id)).toContain(G.sales);
    const isaiah = holders.users.find((u) => u.id === U.isaiah);
    expect(isaiah).toMatchObject({ direct: false, inheritedFrom: [G.sales] });
    const after = await h.service.reprocessUser(U.isaiah);
    expect(after.licenses.some((l) => l.assignedByGroup === G.sales)).toBe(true);
  });

  it('plans the move from direct to group licensing, removing only direct copies the group covers', async () => {
    const isaiah = { kind: 'user', id: U.isaiah } as const;
    const raul = { kind: 'user', id: U.raul } as const;
    await h.service.assign(isaiah, ['SPE_E3']);
    await h.service.assign(raul, ['SPE_E3']);
    await h.service.updatePlans({ kind: 'group', id: G.sales }, { sku: 'SPE_E3', disable: ['SWAY'] });
    await h.service.waitForGroupProcessing(G.sales, { initialIntervalMs: 5 });
    await h.service.updatePlans(raul, { sku: 'SPE_E3', disable: ['SWAY'] });
    const migration = await h.service.planDirectToGroupMigration({ skus: ['SPE_E3'] });
    expect(migration.moves.map((m) => m.userId)).toEqual([U.raul]);
    expect(migration.skipped.map((s) => s.userId)).toEqual([U.isaiah]);
    expect(migration.skipped[0]?.reason).toContain('SWAY');
    const run = await h.service.applyBulk(migration.items);
    expect(run.results.map((r) => r.status)).toEqual(['applied']);
    const raulAfter = await h.service.getUserLicenses(U.raul);
    expect(raulAfter.licenses.map((l) => l.direct)).toEqual([false]);
  });

  it('after a lost answer, re-reads the target and reports applied instead of failing', async () => {
    const cutting = cuttingFetch(
      (url, body) => url.endsWith('/$batch') && body.includes('/assignLicense'),
      1,
    );
    const flaky = await startHarness({}, 'licensingAdmin', { fetch: cutting.fetch });
    try {
      const result = await flaky.service.assign({ kind: 'group', id: G.licensingPilot }, ['SPE_E3']);
      expect(cutting.state.cut).toBe(1);
      expect(result.status).toBe('applied');
      expect(flaky.writes()).toHaveLength(1);
    } finally {
      await flaky.emulator.stop();
    }
  });
});
