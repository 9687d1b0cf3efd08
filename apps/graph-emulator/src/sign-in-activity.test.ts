import { describe, expect, it } from 'vitest';
import { defaultSeed } from './seed/default-seed.js';
import type { SeedUser } from './seed/seed-types.js';
import { eventually, type GraphAnswer, type Harness, useEmulator } from './test-support/harness.js';

const { ids } = defaultSeed;
const seedUser = (key: keyof typeof ids.users): SeedUser =>
  defaultSeed.users!.find((u) => u.id === ids.users[key])!;

function refusal(answer: GraphAnswer): { status: number; code: string; message: string } {
  return { status: answer.status, code: answer.body.error.code, message: answer.body.error.message };
}

const NO_AUDIT_LOG = {
  status: 403,
  code: 'Authentication_MSGraphPermissionMissing',
  message: 'Calling principal does not have required MSGraph permissions AuditLog.Read.All',
};

describe('signInActivity on /users (default tenant: Entra ID P1 through AAD_PREMIUM and EMSPREMIUM)', () => {
  const h = useEmulator();

  it('answers the seed’s dates to an app with AuditLog.Read.All', async () => {
    const answer = await h.graph('GET', '/users?$select=id,createdDateTime,signInActivity', {
      app: 'licensing-reclaimer',
    });
    expect(answer.status).toBe(200);
    const byId = new Map((answer.body.value as { id: string }[]).map((u) => [u.id, u]));
    for (const key of ['zoe', 'eli', 'fatima', 'dana', 'adele'] as const) {
      const seed = seedUser(key);
      const a = seed.signInActivity;
      const served = byId.get(ids.users[key]) as Record<string, unknown>;
      expect(served.createdDateTime).toBe(seed.createdDateTime ?? '2020-01-01T00:00:00Z');
      if (!a) {
        expect(served.signInActivity).toBeNull();
        continue;
      }
      const activity = served.signInActivity as Record<string, string | null>;
      expect({
        lastSignInDateTime: activity.lastSignInDateTime,
        lastNonInteractiveSignInDateTime: activity.lastNonInteractiveSignInDateTime,
        lastSuccessfulSignInDateTime: activity.lastSuccessfulSignInDateTime,
      }).toEqual(a);
      // A request id goes with each date, none without one.
      expect(activity.lastSignInRequestId === null).toBe(a.lastSignInDateTime === null);
      expect(activity.lastNonInteractiveSignInRequestId === null).toBe(
        a.lastNonInteractiveSignInDateTime === null,
      );
    }
    expect(seedUser('fatima').signInActivity?.lastSignInDateTime).toBeNull();
    expect(seedUser('zoe').signInActivity).toBeNull();
  });

  it('answers one user too', async () => {
    const answer = await h.graph('GET', `/users/${ids.users.fatima}?$select=id,signInActivity`, {
      app: 'licensing-reclaimer',
    });
    expect(answer.status).toBe(200);
    expect(answer.body.signInActivity.lastNonInteractiveSignInDateTime).toBe(
      seedUser('fatima').signInActivity?.lastNonInteractiveSignInDateTime,
    );
  });

  it('refuses an app without AuditLog.Read.All, on the list and on one user, with Graph’s error', async () => {
    expect(refusal(await h.graph('GET', '/users?$select=id,signInActivity'))).toEqual(NO_AUDIT_LOG);
    expect(refusal(await h.graph('GET', `/users/${ids.users.adele}?$select=signInActivity`))).toEqual(
      NO_AUDIT_LOG,
    );
    // The same app reads everything else.
    expect((await h.graph('GET', '/users?$select=id,accountEnabled,userType')).status).toBe(200);
  });

  it('filters on a sign-in date (ge, le, eq null), alone as Graph requires', async () => {
    const ids100 = async (filter: string, app = 'licensing-reclaimer') =>
      h.graph('GET', `/users?$filter=${encodeURIComponent(filter)}&$select=id`, { app });
    const cutoff = new Date(Date.now() - 100 * 86_400_000).toISOString().replace(/\.\d+Z$/, 'Z');
    const dormant = await ids100(`signInActivity/lastSuccessfulSignInDateTime le ${cutoff}`);
    expect(dormant.status).toBe(200);
    expect(dormant.body.value).toEqual([{ id: ids.users.dana }]);
    const never = await ids100('signInActivity/lastSignInDateTime eq null');
    expect((never.body.value as { id: string }[]).map((u) => u.id).sort()).toEqual(
      [ids.users.eli, ids.users.fatima, ids.users.zoe].sort(),
    );
    const combined = await ids100(
      `signInActivity/lastSignInDateTime le ${cutoff} and accountEnabled eq true`,
    );
    expect(combined.status).toBe(400);
    expect(combined.body.error.code).toBe('Request_UnsupportedQuery');
    expect(refusal(await ids100('signInActivity/lastSignInDateTime eq null', 'licensing-admin'))).toEqual(
      NO_AUDIT_LOG,
    );
  });

  it('refuses the same way inside $batch, item by item', async () => {
    const answer = await h.graph('POST', '/$batch', {
      body: {
        requests: [
          { id: '1', method: 'GET', url: '/users?$select=id,signInActivity' },
          { id: '2', method: 'GET', url: '/users?$select=id&$top=1' },
        ],
      },
    });
    expect(answer.status).toBe(200);
    const byId = new Map(
      (answer.body.responses as { id: string; status: number; body: { error?: { code: string } } }[]).map(
        (r) => [r.id, r],
      ),
    );
    expect([byId.get('1')!.status, byId.get('1')!.body.error?.code]).toEqual([403, NO_AUDIT_LOG.code]);
    expect(byId.get('2')!.status).toBe(200);
  });

  it('is not served on group members (a directoryObject collection)', async () => {
    const answer = await h.graph('GET', `/groups/${ids.groups.sales}/members?$select=id,signInActivity`, {
      app: 'licensing-reclaimer',
    });
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('Request_UnsupportedQuery');
  });
});

describe('signInActivity paging: at most 120 users a page, whatever $top says', () => {
  const h = useEmulator({ seed: { generate: { users: 300, groups: 10, skus: ['SPE_E3'] } } });

  it('reads 300 users at $top=999 in pages of 120, 120 and 60', async () => {
    const pages: number[] = [];
    let next: string | undefined = '/users?$top=999&$select=id,signInActivity';
    while (next) {
      const answer: GraphAnswer = await h.graph('GET', next, { app: 'licensing-reclaimer' });
      expect(answer.status).toBe(200);
      pages.push(answer.body.value.length);
      next = answer.body['@odata.nextLink']?.slice(`${h.emulator.url}/v1.0`.length);
    }
    expect(pages).toEqual([120, 120, 60]);
  });

  it('keeps Graph’s default page of 100 without $top, and 999 without signInActivity', async () => {
    const plain = await h.graph('GET', '/users?$select=id,signInActivity', { app: 'licensing-reclaimer' });
    expect(plain.body.value).toHaveLength(100);
    const wide = await h.graph('GET', '/users?$top=999&$select=id', { app: 'licensing-reclaimer' });
    expect(wide.body.value).toHaveLength(300);
  });
});

describe('signInActivity in a tenant without Entra ID P1', () => {
  const h = useEmulator({
    seed: {
      skus: [
        { sku: 'ENTERPRISEPACK', enabled: 5 },
        // Carries AAD_PREMIUM, but suspended: no P1 for the tenant.
        { sku: 'AAD_PREMIUM', enabled: 0, suspended: 5, capabilityStatus: 'Suspended' },
      ],
      users: [{ userPrincipalName: 'ann@contoso.onmicrosoft.com', displayName: 'Ann' }],
      groups: [],
    },
  });

  it('refuses with Graph’s error for a tenant without premium license', async () => {
    const expected = {
      status: 403,
      code: 'Authentication_RequestFromNonPremiumTenantOrB2CTenant',
      message: "Neither tenant is B2C or tenant doesn't have premium license",
    };
    expect(
      refusal(await h.graph('GET', '/users?$select=id,signInActivity', { app: 'licensing-reclaimer' })),
    ).toEqual(expected);
    expect(
      refusal(
        await h.graph('GET', '/users/ann@contoso.onmicrosoft.com?$select=signInActivity', {
          app: 'licensing-reclaimer',
        }),
      ),
    ).toEqual(expected);
    const disabledOnly = await h.graph('GET', '/users?$select=id,accountEnabled,createdDateTime', {
      app: 'licensing-reclaimer',
    });
    expect(disabledOnly.status).toBe(200);
  });
});

describe('DELETE /groups/{id}/members/{id}/$ref: the inherited license goes, the seat comes back', () => {
  const h = useEmulator();

  async function consumedE3(): Promise<number> {
    const sku = await h.graph(
      'GET',
      `/subscribedSkus/${ids.tenantId}_${ids.skus.SPE_E3}?$select=consumedUnits`,
    );
    return sku.body.consumedUnits;
  }

  async function skusOf(userId: string): Promise<string[]> {
    const user = await h.graph('GET', `/users/${userId}?$select=assignedLicenses`);
    return (user.body.assignedLicenses as { skuId: string }[]).map((l) => l.skuId);
  }

  async function processed(harness: Harness, groupId: string): Promise<void> {
    await eventually(async () => {
      const g = await harness.graph('GET', `/groups/${groupId}?$select=id,licenseProcessingState`);
      return g.body.licenseProcessingState?.state === 'ProcessingComplete' ? true : undefined;
    });
  }

  it('needs GroupMember.ReadWrite.All (or Group/Directory.ReadWrite.All): the licensing roles are not enough', async () => {
    const answer = await h.graph('DELETE', `/groups/${ids.groups.sales}/members/${ids.users.isaiah}/$ref`);
    expect(refusal(answer)).toEqual({
      status: 403,
      code: 'Authorization_RequestDenied',
      message: 'Insufficient privileges to complete the operation.',
    });
    expect(await skusOf(ids.users.isaiah)).toEqual([ids.skus.SPE_E3]);
  });

  it('removes the member, then processing takes the inherited license and frees the seat', async () => {
    const before = await consumedE3();
    expect(await skusOf(ids.users.isaiah)).toEqual([ids.skus.SPE_E3]);
    const answer = await h.graph('DELETE', `/groups/${ids.groups.sales}/members/${ids.users.isaiah}/$ref`, {
      app: 'licensing-reclaimer',
    });
    expect(answer.status).toBe(204);
    await processed(h, ids.groups.sales);
    expect(await skusOf(ids.users.isaiah)).toEqual([]);
    const states = await h.graph('GET', `/users/${ids.users.isaiah}?$select=licenseAssignmentStates`);
    expect(states.body.licenseAssignmentStates).toEqual([]);
    expect(await consumedE3()).toBe(before - 1);
    const members = await h.graph('GET', `/groups/${ids.groups.sales}/members?$select=id&$top=999`);
    expect((members.body.value as { id: string }[]).map((m) => m.id)).not.toContain(ids.users.isaiah);
  });

  it('answers 404 for a user who is not a member', async () => {
    const answer = await h.graph('DELETE', `/groups/${ids.groups.sales}/members/${ids.users.patti}/$ref`, {
      app: 'licensing-reclaimer',
    });
    expect(answer.status).toBe(404);
    expect(answer.body.error.code).toBe('Request_ResourceNotFound');
  });
});
