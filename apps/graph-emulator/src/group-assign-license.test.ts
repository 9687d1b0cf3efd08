import { describe, expect, it } from 'vitest';
import { GROUP_DEFAULT_PROPERTIES } from './graph/projections.js';
import { defaultSeed } from './seed/default-seed.js';
import { useEmulator } from './test-support/harness.js';

const { ids } = defaultSeed;
const assign = (groupId: string) => `/groups/${groupId}/assignLicense`;

describe('POST /groups/{id}/assignLicense: synchronous rules', () => {
  const h = useEmulator();

  async function expectBadRequest(groupId: string, body: unknown, message: RegExp): Promise<void> {
    const answer = await h.graph('POST', assign(groupId), { body });
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('Request_BadRequest');
    expect(answer.body.error.message).toMatch(message);
    expect(answer.body.error.innerError['request-id']).toBe(answer.headers.get('request-id'));
  }

  it('requires both addLicenses and removeLicenses', async () => {
    await expectBadRequest(
      ids.groups.sales,
      { addLicenses: [{ skuId: ids.skus.AAD_PREMIUM }] },
      /removeLicenses/,
    );
    await expectBadRequest(ids.groups.sales, { removeLicenses: [] }, /addLicenses/);
  });

  it('rejects a malformed skuId, naming the value', async () => {
    await expectBadRequest(
      ids.groups.sales,
      { addLicenses: [{ skuId: 'not-a-guid' }], removeLicenses: [] },
      /'not-a-guid'.*Edm\.Guid/,
    );
  });

  it('rejects a skuId the tenant has no subscription for', async () => {
    const unknown = '11111111-2222-3333-4444-555555555555';
    await expectBadRequest(
      ids.groups.sales,
      { addLicenses: [{ skuId: unknown, disabledPlans: [] }], removeLicenses: [] },
      new RegExp(`${unknown} does not correspond to a valid company License`),
    );
  });

  it('rejects disabledPlans that are not plans of that SKU', async () => {
    await expectBadRequest(
      ids.groups.sales,
      {
        addLicenses: [{ skuId: ids.skus.AAD_PREMIUM, disabledPlans: [ids.plans.MCOEV] }],
        removeLicenses: [],
      },
      new RegExp(`${ids.plans.MCOEV} does not belong`),
    );
  });

  it('rejects the same SKU in addLicenses and removeLicenses', async () => {
    await expectBadRequest(
      ids.groups.sales,
      { addLicenses: [{ skuId: ids.skus.SPE_E3, disabledPlans: [] }], removeLicenses: [ids.skus.SPE_E3] },
      /both added and removed/,
    );
  });

  it('rejects removing a SKU the group does not have', async () => {
    await expectBadRequest(
      ids.groups.sales,
      { addLicenses: [], removeLicenses: [ids.skus.SPE_E5] },
      /is not assigned to the group/,
    );
  });

  it('rejects a product that applies to the company, not to users', async () => {
    await expectBadRequest(
      ids.groups.sales,
      { addLicenses: [{ skuId: ids.skus.CRMSTORAGE, disabledPlans: [] }], removeLicenses: [] },
      /cannot be assigned/,
    );
  });

  it('rejects distribution groups and Microsoft 365 groups without securityEnabled', async () => {
    const body = { addLicenses: [{ skuId: ids.skus.AAD_PREMIUM, disabledPlans: [] }], removeLicenses: [] };
    await expectBadRequest(ids.groups.allStaff, body, /only security groups/);
    await expectBadRequest(ids.groups.marketing, body, /only security groups/);
  });

  it('accepts a Microsoft 365 group with securityEnabled', async () => {
    const answer = await h.graph('POST', assign(ids.groups.projectFalcon), {
      body: { addLicenses: [{ skuId: ids.skus.AAD_PREMIUM, disabledPlans: [] }], removeLicenses: [] },
    });
    expect(answer.status).toBe(202);
    // The group's default properties (issue #10: Graph answers them, the docs' example shows four and "…").
    expect(Object.keys(answer.body)).toEqual([...GROUP_DEFAULT_PROPERTIES]);
    expect(answer.body).toMatchObject({
      id: ids.groups.projectFalcon,
      createdDateTime: '2023-06-01T12:00:00Z',
      displayName: 'Project Falcon',
      groupTypes: ['Unified'],
      securityEnabled: true,
      mailEnabled: true,
    });
  });

  it('answers 404 Request_ResourceNotFound for an unknown group and 400 for a malformed id', async () => {
    const missing = '99999999-9999-4999-8999-999999999999';
    const body = { addLicenses: [], removeLicenses: [] };
    const notFound = await h.graph('POST', assign(missing), { body });
    expect(notFound.status).toBe(404);
    expect(notFound.body.error.code).toBe('Request_ResourceNotFound');
    expect(notFound.body.error.message).toContain(missing);
    const malformed = await h.graph('POST', assign('sales'), { body });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.message).toContain("'sales'");
  });

  it('re-adding an assigned SKU replaces its disabledPlans and keeps the other SKUs', async () => {
    await h.graph('POST', assign(ids.groups.sales), {
      body: { addLicenses: [{ skuId: ids.skus.AAD_PREMIUM_P2, disabledPlans: [] }], removeLicenses: [] },
    });
    const answer = await h.graph('POST', assign(ids.groups.sales), {
      body: {
        addLicenses: [{ skuId: ids.skus.SPE_E3, disabledPlans: [ids.plans.MCOSTANDARD] }],
        removeLicenses: [],
      },
    });
    expect(answer.status).toBe(202);
    const group = await h.graph('GET', `/groups/${ids.groups.sales}?$select=assignedLicenses`);
    expect(group.body.assignedLicenses).toEqual([
      { disabledPlans: [ids.plans.MCOSTANDARD], skuId: ids.skus.SPE_E3 },
      { disabledPlans: [], skuId: ids.skus.AAD_PREMIUM_P2 },
    ]);
  });

  it('refuses an app without a write permission with 403 Authorization_RequestDenied, changing nothing', async () => {
    const answer = await h.graph('POST', assign(ids.groups.sales), {
      app: 'licensing-reader',
      body: { addLicenses: [], removeLicenses: [ids.skus.SPE_E3] },
    });
    expect(answer.status).toBe(403);
    expect(answer.body.error.code).toBe('Authorization_RequestDenied');
    expect(answer.body.error.message).toBe('Insufficient privileges to complete the operation.');
    const group = await h.graph('GET', `/groups/${ids.groups.sales}?$select=assignedLicenses`);
    expect(group.body.assignedLicenses).toHaveLength(1);
  });

  it('answers invalid JSON with 400 BadRequest', async () => {
    const answer = await h.graph('POST', assign(ids.groups.sales), { body: '{"addLicenses": [' });
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('BadRequest');
  });
});
