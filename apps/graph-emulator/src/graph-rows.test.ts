import { describe, expect, it } from 'vitest';
import { defaultSeed } from './seed/default-seed.js';
import type { Seed } from './seed/seed-types.js';
import { eventually, useEmulator, withEmulator } from './test-support/harness.js';

// The rows of issue #10's table where the emulator was kinder than Graph; each test names its source.
const { ids } = defaultSeed;

describe('Graph behaviours from the issue #10 table', () => {
  const h = useEmulator();

  // Source: Graph's answers quoted in msgraph-sdk-powershell #3201, #3361, #3231, #3245.
  it('assignLicense without removeLicenses or addLicenses → 400 Request_BadRequest with OData’s exact message', async () => {
    const missing = (names: string) =>
      `One or more parameters of the operation 'assignLicense' are missing from the request payload. The missing parameters are: ${names}.`;
    const cases: [string, unknown, string][] = [
      [`/groups/${ids.groups.sales}/assignLicense`, { addLicenses: [] }, missing('removeLicenses')],
      [
        `/users/${ids.users.isaiah}/assignLicense`,
        { removeLicenses: [ids.skus.SPE_E3] },
        missing('addLicenses'),
      ],
      [`/users/${ids.users.isaiah}/assignLicense`, {}, missing('addLicenses, removeLicenses')],
    ];
    for (const [path, body, message] of cases) {
      const answer = await h.graph('POST', path, { body });
      expect(answer.status).toBe(400);
      expect(answer.body.error.code).toBe('Request_BadRequest');
      expect(answer.body.error.message).toBe(message);
    }
  });

  // Source: Graph's answer quoted in msgraph-sdk-powershell #3286 (Set-MgUserLicense with nothing to change).
  it('a user assignLicense with both arrays empty → 400 "No license changes provided."', async () => {
    const answer = await h.graph('POST', `/users/${ids.users.isaiah}/assignLicense`, {
      body: { addLicenses: [], removeLicenses: [] },
    });
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({
      code: 'Request_BadRequest',
      message: 'No license changes provided. At least one license to add or remove must be specified.',
    });
  });

  // Source: microsoft-graph-docs #20524 (the call exists and answers a `value` list with this context).
  it('GET /groups/{id}/assignedLicenses → 200 with the group’s licenses as a value list', async () => {
    const answer = await h.graph('GET', `/groups/${ids.groups.sales}/assignedLicenses`);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      '@odata.context': `${h.emulator.url}/v1.0/$metadata#groups('${ids.groups.sales}')/assignedLicenses`,
      value: [{ disabledPlans: [], skuId: ids.skus.SPE_E3 }],
    });
    expect((await h.graph('POST', `/groups/${ids.groups.sales}/assignedLicenses`, { body: {} })).status).toBe(
      405,
    );
  });

  // Source: Graph's answer quoted in msgraph-metadata #135 and microsoft-graph-docs #9279; the v1.0 metadata marks
  // the users entity set SkipSupported=false (msgraph-metadata PR #283).
  it('$skip on GET /users (and other directory collections) → 400 "\'$skip\' is not supported by the service."', async () => {
    for (const path of [
      '/users?$top=1&$skip=1',
      '/groups?$skip=2',
      `/groups/${ids.groups.sales}/members?$skip=1`,
    ]) {
      const answer = await h.graph('GET', path);
      expect(answer.status).toBe(400);
      expect(answer.body.error.code).toBe('Request_BadRequest');
      expect(answer.body.error.message).toBe("'$skip' is not supported by the service.");
    }
  });

  it('$select of hasMembersWithLicenseErrors → 400 naming the property (group-list.md; docs PR #3547)', async () => {
    const answer = await h.graph('GET', '/groups?$select=hasMembersWithLicenseErrors');
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('Request_BadRequest');
    expect(answer.body.error.message).toBe(
      "The property 'hasMembersWithLicenseErrors' of type 'microsoft.graph.group' can only be used in $filter; it cannot be selected.",
    );
    const filtered = await h.graph('GET', '/groups?$filter=hasMembersWithLicenseErrors eq true&$select=id');
    expect(filtered.status).toBe(200);
  });

  // Observed Graph and Microsoft's samples answer "None"; the docs say null (README: clients must accept both).
  it('keeps licenseAssignmentStates[].error "None" on success', async () => {
    const answer = await h.graph('GET', `/users/${ids.users.isaiah}?$select=licenseAssignmentStates`);
    const active = answer.body.licenseAssignmentStates.filter((s: { state: string }) => s.state === 'Active');
    expect(active.length).toBeGreaterThan(0);
    for (const state of active) expect(state.error).toBe('None');
  });
});

// Source: Graph's answer quoted in nais/azurerator #448 (409, this code and message); our retry code matches it.
describe('Directory_ConcurrencyViolation', () => {
  it('answers 409 with Graph’s real message', async () => {
    await withEmulator({ faults: 'concurrency:1', randomSeed: 1 }, async (emulator, token) => {
      const response = await fetch(
        `${emulator.url}/v1.0/users/${ids.users.isaiah}/reprocessLicenseAssignment`,
        {
          method: 'POST',
          headers: { authorization: `Bearer ${token}` },
        },
      );
      expect(response.status).toBe(409);
      const body = (await response.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('Directory_ConcurrencyViolation');
      expect(body.error.message).toBe(
        'Error due to concurrent requests being made to the tenant. Please wait briefly and retry.',
      );
    });
  });
});

// Source: Entra's group-based licensing docs ("Group-based licensing … dynamic groups are supported"; "nested groups
// … licenses are not inherited by members of nested groups": only direct members are licensed).
describe('dynamic and nested groups', () => {
  const seed: Seed = {
    ...defaultSeed,
    groups: [
      ...(defaultSeed.groups ?? []),
      {
        id: '7a1c2d3e-0000-4000-8000-00000000d001',
        displayName: 'Dynamic sales',
        kind: 'security',
        membershipRule: '(user.department -eq "Sales")',
        members: ['raul@contoso.onmicrosoft.com'],
      },
      {
        id: '7a1c2d3e-0000-4000-8000-00000000e001',
        displayName: 'Nested team',
        kind: 'security',
        members: ['victor@contoso.onmicrosoft.com'],
      },
      {
        id: '7a1c2d3e-0000-4000-8000-00000000f001',
        displayName: 'Parent',
        kind: 'security',
        members: ['wendy@contoso.onmicrosoft.com', 'Nested team'],
      },
    ],
  };
  const h = useEmulator({ seed });
  const dynamic = '7a1c2d3e-0000-4000-8000-00000000d001';
  const nested = '7a1c2d3e-0000-4000-8000-00000000e001';
  const parent = '7a1c2d3e-0000-4000-8000-00000000f001';
  const skuIds = async (user: string) =>
    (await h.graph('GET', `/users/${user}?$select=assignedLicenses`)).body.assignedLicenses.map(
      (l: { skuId: string }) => l.skuId,
    );
  const addP1 = { addLicenses: [{ skuId: ids.skus.AAD_PREMIUM, disabledPlans: [] }], removeLicenses: [] };

  it('a dynamic security group (DynamicMembership + membershipRule) is licensed like any security group', async () => {
    const group = await h.graph(
      'GET',
      `/groups/${dynamic}?$select=id,groupTypes,membershipRule,membershipRuleProcessingState`,
    );
    expect(group.body).toMatchObject({
      groupTypes: ['DynamicMembership'],
      membershipRule: '(user.department -eq "Sales")',
      membershipRuleProcessingState: 'On',
    });
    expect((await h.graph('POST', `/groups/${dynamic}/assignLicense`, { body: addP1 })).status).toBe(202);
    await eventually(async () =>
      (await skuIds(ids.users.raul)).includes(ids.skus.AAD_PREMIUM) ? true : undefined,
    );
    // Its members follow the rule: direct membership changes are refused.
    const add = await h.graph('POST', `/groups/${dynamic}/members/$ref`, {
      body: { '@odata.id': `https://graph.microsoft.com/v1.0/directoryObjects/${ids.users.adele}` },
      app: 'directory-admin',
    });
    expect(add.status).toBe(400);
    expect(add.body.error.code).toBe('Request_BadRequest');
  });

  it('members of a group nested in a licensed group do not inherit its licenses', async () => {
    expect((await h.graph('POST', `/groups/${parent}/assignLicense`, { body: addP1 })).status).toBe(202);
    await eventually(async () =>
      (await skuIds(ids.users.wendy)).includes(ids.skus.AAD_PREMIUM) ? true : undefined,
    );
    expect(await skuIds(ids.users.victor)).not.toContain(ids.skus.AAD_PREMIUM);
    const members = await h.graph('GET', `/groups/${parent}/members?$select=id`);
    expect(members.body.value).toEqual([
      { '@odata.type': '#microsoft.graph.user', id: ids.users.wendy },
      { '@odata.type': '#microsoft.graph.group', id: nested },
    ]);
    const users = await h.graph('GET', `/groups/${parent}/members/microsoft.graph.user?$select=id`);
    expect(users.body.value.map((m: { id: string }) => m.id)).toEqual([ids.users.wendy]);
  });
});
