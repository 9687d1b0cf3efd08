import { describe, expect, it } from 'vitest';
import { defaultSeed } from './seed/default-seed.js';
import { useEmulator } from './test-support/harness.js';

const { ids } = defaultSeed;

describe('POST /users/{id}/assignLicense and friends', () => {
  const h = useEmulator();
  const add = (skuId: string, disabledPlans: string[] = []) => ({
    addLicenses: [{ skuId, disabledPlans }],
    removeLicenses: [],
  });

  it('answers 200 with the user and the license shows in assignedLicenses and licenseDetails', async () => {
    const answer = await h.graph('POST', `/users/${ids.users.megan}/assignLicense`, {
      body: add(ids.skus.EXCHANGESTANDARD, [ids.plans.EXCHANGE_S_STANDARD]),
    });
    expect(answer.status).toBe(200);
    expect(answer.body.id).toBe(ids.users.megan);
    expect(answer.body.userPrincipalName).toBe('megan@contoso.onmicrosoft.com');
    expect(answer.body.assignedLicenses).toBeUndefined();
    const user = await h.graph('GET', `/users/${ids.users.megan}?$select=assignedLicenses`);
    expect(user.body.assignedLicenses).toContainEqual({
      disabledPlans: [ids.plans.EXCHANGE_S_STANDARD],
      skuId: ids.skus.EXCHANGESTANDARD,
    });
    const details = await h.graph('GET', `/users/${ids.users.megan}/licenseDetails`);
    expect(details.status).toBe(200);
    const exchange = details.body.value.find((d: { skuId: string }) => d.skuId === ids.skus.EXCHANGESTANDARD);
    expect(exchange.skuPartNumber).toBe('EXCHANGESTANDARD');
    expect(
      exchange.servicePlans.find(
        (p: { servicePlanId: string }) => p.servicePlanId === ids.plans.EXCHANGE_S_STANDARD,
      ).provisioningStatus,
    ).toBe('Disabled');
    const one = await h.graph('GET', `/users/${ids.users.megan}/licenseDetails/${exchange.id}`);
    expect(one.body.skuId).toBe(ids.skus.EXCHANGESTANDARD);
  });

  it('accepts the userPrincipalName as the key', async () => {
    const answer = await h.graph('POST', '/users/megan@contoso.onmicrosoft.com/assignLicense', {
      body: add(ids.skus.AAD_PREMIUM),
    });
    expect(answer.status).toBe(200);
  });

  it('refuses a user without usageLocation, then accepts once PATCH sets it', async () => {
    const refused = await h.graph('POST', `/users/${ids.users.dana}/assignLicense`, {
      body: add(ids.skus.AAD_PREMIUM),
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('Request_BadRequest');
    expect(refused.body.error.message).toBe(
      'License assignment cannot be done for user with invalid usage location.',
    );
    const patch = await h.graph('PATCH', `/users/${ids.users.dana}`, {
      app: 'directory-admin',
      body: { usageLocation: 'GB' },
    });
    expect(patch.status).toBe(204);
    const user = await h.graph('GET', `/users/${ids.users.dana}?$select=usageLocation`);
    expect(user.body.usageLocation).toBe('GB');
    const accepted = await h.graph('POST', `/users/${ids.users.dana}/assignLicense`, {
      body: add(ids.skus.AAD_PREMIUM),
    });
    expect(accepted.status).toBe(200);
  });

  it('PATCH rejects an invalid usageLocation, naming the property, and needs a user write permission', async () => {
    const invalid = await h.graph('PATCH', `/users/${ids.users.dana}`, {
      app: 'directory-admin',
      body: { usageLocation: 'Britain' },
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.message).toContain('usageLocation');
    const denied = await h.graph('PATCH', `/users/${ids.users.dana}`, { body: { usageLocation: 'GB' } });
    expect(denied.status).toBe(403);
    expect(denied.body.error.code).toBe('Authorization_RequestDenied');
  });

  it('refuses to remove a license inherited from a group', async () => {
    const answer = await h.graph('POST', `/users/${ids.users.isaiah}/assignLicense`, {
      body: { addLicenses: [], removeLicenses: [ids.skus.SPE_E3] },
    });
    expect(answer.status).toBe(400);
    expect(answer.body.error.message).toBe(
      'User license is inherited from a group membership and it cannot be removed directly from the user.',
    );
    const user = await h.graph('GET', `/users/${ids.users.isaiah}?$select=assignedLicenses`);
    expect(user.body.assignedLicenses.map((l: { skuId: string }) => l.skuId)).toContain(ids.skus.SPE_E3);
  });

  it('refuses to remove a license the user does not have', async () => {
    const answer = await h.graph('POST', `/users/${ids.users.megan}/assignLicense`, {
      body: { addLicenses: [], removeLicenses: [ids.skus.SPE_E5] },
    });
    expect(answer.status).toBe(400);
    expect(answer.body.error.message).toBe('User does not have a corresponding license.');
  });

  it('refuses when the subscription has no free seat (suspended SKU, or seats used up)', async () => {
    const suspended = await h.graph('POST', `/users/${ids.users.megan}/assignLicense`, {
      body: add(ids.skus.VISIOCLIENT),
    });
    expect(suspended.status).toBe(400);
    expect(suspended.body.error.message).toBe(
      `Subscription with SKU ${ids.skus.VISIOCLIENT} does not have any available licenses.`,
    );
    const users = ['adele', 'alex', 'allan', 'christie', 'debra'] as const;
    for (const key of users) {
      const ok = await h.graph('POST', `/users/${ids.users[key]}/assignLicense`, {
        body: add(ids.skus.AAD_PREMIUM_P2),
      });
      expect(ok.status).toBe(200);
    }
    const sixth = await h.graph('POST', `/users/${ids.users.diego}/assignLicense`, {
      body: add(ids.skus.AAD_PREMIUM_P2),
    });
    expect(sixth.status).toBe(400);
    expect(sixth.body.error.message).toContain('does not have any available licenses');
  });

  it('refuses mutually exclusive plans on a direct assignment, keeping the existing license', async () => {
    const answer = await h.graph('POST', `/users/${ids.users.yara}/assignLicense`, {
      body: add(ids.skus.EXCHANGESTANDARD),
    });
    expect(answer.status).toBe(400);
    expect(answer.body.error.message).toMatch(/mutually exclusive/);
    const user = await h.graph('GET', `/users/${ids.users.yara}?$select=assignedLicenses`);
    expect(user.body.assignedLicenses).toEqual([{ disabledPlans: [], skuId: ids.skus.EXCHANGEDESKLESS }]);
  });

  it('removes a direct license while an inherited copy of the same SKU stays', async () => {
    const direct = await h.graph('POST', `/users/${ids.users.isaiah}/assignLicense`, {
      body: add(ids.skus.SPE_E3),
    });
    expect(direct.status).toBe(200);
    const removed = await h.graph('POST', `/users/${ids.users.isaiah}/assignLicense`, {
      body: { addLicenses: [], removeLicenses: [ids.skus.SPE_E3] },
    });
    expect(removed.status).toBe(200);
    const user = await h.graph(
      'GET',
      `/users/${ids.users.isaiah}?$select=assignedLicenses,licenseAssignmentStates`,
    );
    expect(user.body.assignedLicenses.map((l: { skuId: string }) => l.skuId)).toContain(ids.skus.SPE_E3);
    expect(user.body.licenseAssignmentStates).toEqual([
      expect.objectContaining({ assignedByGroup: ids.groups.sales, skuId: ids.skus.SPE_E3, state: 'Active' }),
    ]);
  });

  it('answers 404 for an unknown user and 400 for /me with an app token', async () => {
    const missing = await h.graph('POST', '/users/nobody@contoso.onmicrosoft.com/assignLicense', {
      body: add(ids.skus.AAD_PREMIUM),
    });
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('Request_ResourceNotFound');
    const me = await h.graph('GET', '/me/licenseDetails');
    expect(me.status).toBe(400);
    expect(me.body.error.message).toContain('delegated');
  });
});
