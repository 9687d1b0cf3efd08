import { describe, expect, it } from 'vitest';
import { defaultSeed } from './seed/default-seed.js';
import { eventually, type Harness, manualClock, useEmulator } from './test-support/harness.js';

const { ids } = defaultSeed;

interface StateEntry {
  assignedByGroup: string | null;
  skuId: string;
  state: string;
  error: string;
}

async function assignGroup(h: Harness, groupId: string, skus: { skuId: string; disabledPlans?: string[] }[]) {
  const answer = await h.graph('POST', `/groups/${groupId}/assignLicense`, {
    body: { addLicenses: skus.map((s) => ({ disabledPlans: [], ...s })), removeLicenses: [] },
  });
  expect(answer.status).toBe(202);
}

async function processed(h: Harness, groupId: string): Promise<void> {
  await eventually(async () => {
    const g = await h.graph('GET', `/groups/${groupId}?$select=id,licenseProcessingState`);
    return g.body.licenseProcessingState?.state === 'ProcessingComplete' ? true : undefined;
  });
}

async function states(h: Harness, userId: string, groupId?: string): Promise<StateEntry[]> {
  const answer = await h.graph('GET', `/users/${userId}?$select=id,licenseAssignmentStates`);
  const all = answer.body.licenseAssignmentStates as StateEntry[];
  return groupId ? all.filter((s) => s.assignedByGroup === groupId) : all;
}

async function consumed(h: Harness, skuId: string): Promise<number> {
  return (await h.graph('GET', `/subscribedSkus/${ids.tenantId}_${skuId}`)).body.consumedUnits;
}

describe('group processing: licenseProcessingState over time', () => {
  // 400 ms of Graph time at scale 1: queued for the first half, in progress for the second. Graph's clock moves
  // only when the test moves it (50 ms a step), so each state is seen whatever the machine's speed.
  const clock = manualClock();
  const h = useEmulator({ timeScale: 1, processingDelayMs: 400, clock: clock.now });

  it('goes QueuedForProcessing → ProcessingInProgress → ProcessingComplete, applying licenses only at the end', async () => {
    const before = await h.graph('GET', `/groups/${ids.groups.e5Rollout}?$select=id,licenseProcessingState`);
    expect(before.body.licenseProcessingState).toBeNull();
    await assignGroup(h, ids.groups.e5Rollout, [{ skuId: ids.skus.AAD_PREMIUM }]);
    const seen: string[] = [];
    for (let step = 0; ; step++) {
      const g = await h.graph('GET', `/groups/${ids.groups.e5Rollout}?$select=id,licenseProcessingState`);
      const state = g.body.licenseProcessingState.state as string;
      if (seen.at(-1) !== state) seen.push(state);
      if (state === 'ProcessingComplete') break;
      expect(await consumed(h, ids.skus.AAD_PREMIUM)).toBe(0);
      expect(step).toBeLessThan(8);
      clock.advance(50);
    }
    expect(seen).toEqual(['QueuedForProcessing', 'ProcessingInProgress', 'ProcessingComplete']);
    expect(await consumed(h, ids.skus.AAD_PREMIUM)).toBe(14);
  });
});

describe('group processing: per-member results', () => {
  const h = useEmulator({ timeScale: 100 });

  it('CountViolation when seats run out; the group is flagged and lists the members in error', async () => {
    await assignGroup(h, ids.groups.e5Rollout, [{ skuId: ids.skus.SPE_E5 }]);
    await processed(h, ids.groups.e5Rollout);
    expect(await consumed(h, ids.skus.SPE_E5)).toBe(10);
    const errors = await h.graph(
      'GET',
      `/groups/${ids.groups.e5Rollout}/membersWithLicenseErrors?$select=id`,
    );
    expect(errors.status).toBe(200);
    expect(errors.body.value).toHaveLength(4);
    for (const member of errors.body.value) {
      expect(member['@odata.type']).toBe('#microsoft.graph.user');
      const s = await states(h, member.id, ids.groups.e5Rollout);
      expect(s).toEqual([
        expect.objectContaining({ skuId: ids.skus.SPE_E5, state: 'Error', error: 'CountViolation' }),
      ]);
    }
    const flagged = await h.graph('GET', '/groups?$filter=hasMembersWithLicenseErrors eq true&$select=id');
    expect(flagged.body.value.map((g: { id: string }) => g.id)).toContain(ids.groups.e5Rollout);
    const allocated = await h.graph(
      'GET',
      `/users?$filter=assignedLicenses/any(x:x/skuId eq ${ids.skus.SPE_E5})&$select=id`,
    );
    expect(allocated.body.value).toHaveLength(10);
  });

  it("withholds all of a group's products from a member when one fails (the others get error Other)", async () => {
    await assignGroup(h, ids.groups.e5Rollout, [{ skuId: ids.skus.SPE_E5 }, { skuId: ids.skus.AAD_PREMIUM }]);
    await processed(h, ids.groups.e5Rollout);
    const errors = await h.graph(
      'GET',
      `/groups/${ids.groups.e5Rollout}/membersWithLicenseErrors?$select=id`,
    );
    const failing = errors.body.value[0].id as string;
    const s = await states(h, failing, ids.groups.e5Rollout);
    expect(s).toEqual([
      expect.objectContaining({ skuId: ids.skus.SPE_E5, state: 'Error', error: 'CountViolation' }),
      expect.objectContaining({ skuId: ids.skus.AAD_PREMIUM, state: 'Error', error: 'Other' }),
    ]);
    expect(await consumed(h, ids.skus.AAD_PREMIUM)).toBe(10);
    const licenses = await h.graph('GET', `/users/${failing}?$select=assignedLicenses`);
    const skus = licenses.body.assignedLicenses.map((l: { skuId: string }) => l.skuId);
    expect(skus).not.toContain(ids.skus.SPE_E5);
    expect(skus).not.toContain(ids.skus.AAD_PREMIUM);
  });

  it('consumes one unit per user per SKU whatever the number of sources', async () => {
    // Every Sales member already has SPE_E3 from Sales; the pilot group overlaps Sales on 9 users.
    expect(await consumed(h, ids.skus.SPE_E3)).toBe(20);
    await assignGroup(h, ids.groups.licensingPilot, [{ skuId: ids.skus.SPE_E3 }]);
    await processed(h, ids.groups.licensingPilot);
    expect(await consumed(h, ids.skus.SPE_E3)).toBe(23);
    const adele = await states(h, ids.users.adele);
    expect(adele.filter((s) => s.skuId === ids.skus.SPE_E3 && s.state === 'Active')).toHaveLength(2);
    const licenses = await h.graph('GET', `/users/${ids.users.adele}?$select=assignedLicenses`);
    expect(
      licenses.body.assignedLicenses.filter((l: { skuId: string }) => l.skuId === ids.skus.SPE_E3),
    ).toHaveLength(1);
  });

  it('merges sources: enabled plans are the union, and re-adding a SKU updates the members’ disabled plans', async () => {
    await assignGroup(h, ids.groups.licensingPilot, [
      { skuId: ids.skus.SPE_E3, disabledPlans: [ids.plans.MCOSTANDARD, ids.plans.AAD_PREMIUM] },
    ]);
    await processed(h, ids.groups.licensingPilot);
    // Allan is only in the pilot; Adele is in the pilot and in Sales (SPE_E3 with every plan enabled).
    const allan = await h.graph('GET', `/users/${ids.users.allan}?$select=assignedLicenses`);
    expect(allan.body.assignedLicenses).toEqual([
      { disabledPlans: [ids.plans.MCOSTANDARD, ids.plans.AAD_PREMIUM], skuId: ids.skus.SPE_E3 },
    ]);
    const adele = await h.graph('GET', `/users/${ids.users.adele}?$select=assignedLicenses`);
    expect(adele.body.assignedLicenses.find((l: { skuId: string }) => l.skuId === ids.skus.SPE_E3)).toEqual({
      disabledPlans: [],
      skuId: ids.skus.SPE_E3,
    });
    await assignGroup(h, ids.groups.licensingPilot, [
      { skuId: ids.skus.SPE_E3, disabledPlans: [ids.plans.AAD_PREMIUM] },
    ]);
    await processed(h, ids.groups.licensingPilot);
    const after = await h.graph(
      'GET',
      `/users/${ids.users.allan}?$select=assignedLicenses,licenseAssignmentStates`,
    );
    expect(after.body.assignedLicenses).toEqual([
      { disabledPlans: [ids.plans.AAD_PREMIUM], skuId: ids.skus.SPE_E3 },
    ]);
    expect(after.body.licenseAssignmentStates[0]).toMatchObject({ disabledPlans: [ids.plans.AAD_PREMIUM] });
    const details = await h.graph('GET', `/users/${ids.users.allan}/licenseDetails`);
    const plans = details.body.value[0].servicePlans as {
      servicePlanId: string;
      provisioningStatus: string;
    }[];
    expect(plans.find((p) => p.servicePlanId === ids.plans.MCOSTANDARD)?.provisioningStatus).toBe('Success');
    expect(plans.find((p) => p.servicePlanId === ids.plans.AAD_PREMIUM)?.provisioningStatus).toBe('Disabled');
  });

  it('MutuallyExclusiveViolation for conflicting plans (seeded: Exchange Plan 1 from a group vs Kiosk direct)', async () => {
    const yara = await states(h, ids.users.yara, ids.groups.frontline);
    expect(yara).toEqual([
      expect.objectContaining({
        skuId: ids.skus.EXCHANGESTANDARD,
        state: 'Error',
        error: 'MutuallyExclusiveViolation',
      }),
    ]);
    const zoe = await states(h, ids.users.zoe, ids.groups.frontline);
    expect(zoe).toEqual([expect.objectContaining({ state: 'Active', error: 'None' })]);
  });

  it('DependencyViolation when an enabled plan lacks its prerequisite', async () => {
    // AAD_PREMIUM_P2 with its AAD_PREMIUM plan disabled: members without P1 from elsewhere fail.
    await assignGroup(h, ids.groups.identityGovernance, [
      { skuId: ids.skus.AAD_PREMIUM_P2, disabledPlans: [ids.plans.AAD_PREMIUM] },
    ]);
    await processed(h, ids.groups.identityGovernance);
    const nestor = await states(h, ids.users.nestor, ids.groups.identityGovernance);
    expect(nestor).toEqual([expect.objectContaining({ state: 'Error', error: 'DependencyViolation' })]);
    // Irvin has SPE_E3 (which includes the AAD_PREMIUM plan) through Sales.
    const irvin = await states(h, ids.users.irvin, ids.groups.identityGovernance);
    expect(irvin).toEqual([expect.objectContaining({ state: 'Active', error: 'None' })]);
  });

  it('ProhibitedInUsageLocationViolation for a member whose usage location excludes a plan; no location = tenant country', async () => {
    await assignGroup(h, ids.groups.contractors, [{ skuId: ids.skus.ENTERPRISEPREMIUM }]);
    await processed(h, ids.groups.contractors);
    const carlos = await states(h, ids.users.carlos, ids.groups.contractors);
    expect(carlos).toEqual([
      expect.objectContaining({ state: 'Error', error: 'ProhibitedInUsageLocationViolation' }),
    ]);
    const dana = await states(h, ids.users.dana, ids.groups.contractors);
    expect(dana).toEqual([expect.objectContaining({ state: 'Active', error: 'None' })]);
    expect(await consumed(h, ids.skus.ENTERPRISEPREMIUM)).toBe(3);
  });

  it('membership changes re-process that member: added users get the licenses, removed users lose them', async () => {
    expect(await consumed(h, ids.skus.SPE_E3)).toBe(20);
    const add = await h.graph('POST', `/groups/${ids.groups.sales}/members/$ref`, {
      app: 'directory-admin',
      body: { '@odata.id': `https://graph.microsoft.com/v1.0/directoryObjects/${ids.users.zoe}` },
    });
    expect(add.status).toBe(204);
    await eventually(async () => ((await consumed(h, ids.skus.SPE_E3)) === 21 ? true : undefined));
    expect(await states(h, ids.users.zoe, ids.groups.sales)).toEqual([
      expect.objectContaining({ skuId: ids.skus.SPE_E3, state: 'Active' }),
    ]);
    const remove = await h.graph('DELETE', `/groups/${ids.groups.sales}/members/${ids.users.isaiah}/$ref`, {
      app: 'directory-admin',
    });
    expect(remove.status).toBe(204);
    await eventually(async () => ((await consumed(h, ids.skus.SPE_E3)) === 20 ? true : undefined));
    expect(await states(h, ids.users.isaiah, ids.groups.sales)).toEqual([]);
  });

  it('license removal re-processes the members and frees the seats', async () => {
    const answer = await h.graph('POST', `/groups/${ids.groups.sales}/assignLicense`, {
      body: { addLicenses: [], removeLicenses: [ids.skus.SPE_E3] },
    });
    expect(answer.status).toBe(202);
    await processed(h, ids.groups.sales);
    expect(await consumed(h, ids.skus.SPE_E3)).toBe(0);
  });

  it('a reprocess after seats are freed clears a CountViolation', async () => {
    await assignGroup(h, ids.groups.e5Rollout, [{ skuId: ids.skus.SPE_E5 }]);
    await processed(h, ids.groups.e5Rollout);
    const errors = await h.graph(
      'GET',
      `/groups/${ids.groups.e5Rollout}/membersWithLicenseErrors?$select=id`,
    );
    const failing = errors.body.value[0].id as string;
    const removed = await h.graph(
      'DELETE',
      `/groups/${ids.groups.e5Rollout}/members/${ids.users.allan}/$ref`,
      {
        app: 'directory-admin',
      },
    );
    expect(removed.status).toBe(204);
    await eventually(async () => ((await consumed(h, ids.skus.SPE_E5)) === 9 ? true : undefined));
    const reprocess = await h.graph('POST', `/users/${failing}/reprocessLicenseAssignment`);
    expect(reprocess.status).toBe(200);
    expect(reprocess.body.id).toBe(failing);
    expect(await states(h, failing, ids.groups.e5Rollout)).toEqual([
      expect.objectContaining({ state: 'Active', error: 'None' }),
    ]);
    expect(await consumed(h, ids.skus.SPE_E5)).toBe(10);
  });
});
