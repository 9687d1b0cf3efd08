import { describe, expect, it } from 'vitest';
import { stableGuid } from './ids.js';
import { eventually, type GraphAnswer, type Harness, useEmulator } from './test-support/harness.js';
import { memberImpactScenario } from './testing/scenarios.js';

/** Users who hold one SKU by several paths: groups that disable different plans, and a direct assignment. */
const { seed, ids } = memberImpactScenario;
type Name = keyof typeof ids.users;
const upn = (name: string): string => `${name}@contoso.onmicrosoft.com`;
const userId = (name: Name | string): string =>
  ids.users[name as Name] ?? stableGuid(`graph-emulator:user:${upn(name)}`);
const groupId = (name: string): string => stableGuid(`graph-emulator:group:${name}`);
const E3 = { skuId: ids.skus.ENTERPRISEPACK };
const P1 = { skuId: ids.skus.AAD_PREMIUM };
const TEAMS = ids.plans.TEAMS1;
const SWAY = ids.plans.SWAY;
const EXCHANGE = ids.plans.EXCHANGE_S_ENTERPRISE;

const SELECT =
  'id,userPrincipalName,accountEnabled,userType,usageLocation,assignedLicenses,licenseAssignmentStates';

interface State {
  assignedByGroup: string | null;
  disabledPlans: string[];
  error: string;
  lastUpdatedDateTime: string;
  skuId: string;
  state: string;
}

/** A user as selected, with plan lists sorted (Graph promises no order) and timestamps checked then dropped. */
function normalized(user: Record<string, unknown>): Record<string, unknown> {
  const states = (user.licenseAssignmentStates as State[]).map(({ lastUpdatedDateTime, ...rest }) => {
    expect(new Date(lastUpdatedDateTime).toISOString()).toBe(lastUpdatedDateTime);
    return { ...rest, disabledPlans: [...rest.disabledPlans].sort() };
  });
  const licenses = (user.assignedLicenses as { skuId: string; disabledPlans: string[] }[]).map((l) => ({
    ...l,
    disabledPlans: [...l.disabledPlans].sort(),
  }));
  return { ...user, assignedLicenses: licenses, licenseAssignmentStates: states };
}

const sorted = (...ids: string[]): string[] => [...ids].sort();
const active = (skuId: string, assignedByGroup: string | null, disabledPlans: string[]) => ({
  assignedByGroup,
  disabledPlans: sorted(...disabledPlans),
  error: 'None',
  skuId,
  state: 'Active',
});

const expected: Record<string, Record<string, unknown>> = {
  ann: {
    id: userId('ann'),
    userPrincipalName: upn('ann'),
    accountEnabled: true,
    userType: 'Member',
    usageLocation: 'DE',
    // Two paths: a plan stays off only where every path turns it off (TEAMS1); SWAY and Exchange are on.
    assignedLicenses: [{ skuId: E3.skuId, disabledPlans: [TEAMS] }],
    licenseAssignmentStates: [
      active(E3.skuId, groupId('Sales'), [TEAMS, SWAY]),
      active(E3.skuId, groupId('Support'), [TEAMS, EXCHANGE]),
    ],
  },
  bob: {
    id: userId('bob'),
    userPrincipalName: upn('bob'),
    accountEnabled: true,
    userType: 'Member',
    usageLocation: 'US',
    // The direct path disables nothing, so nothing is disabled.
    assignedLicenses: [
      { skuId: E3.skuId, disabledPlans: [] },
      { skuId: P1.skuId, disabledPlans: [] },
    ],
    licenseAssignmentStates: [
      active(E3.skuId, null, []),
      active(P1.skuId, null, []),
      active(E3.skuId, groupId('Sales'), [TEAMS, SWAY]),
    ],
  },
  cat: {
    id: userId('cat'),
    userPrincipalName: upn('cat'),
    accountEnabled: true,
    userType: 'Member',
    usageLocation: 'US',
    assignedLicenses: [{ skuId: E3.skuId, disabledPlans: sorted(TEAMS, SWAY) }],
    licenseAssignmentStates: [active(E3.skuId, groupId('Sales'), [TEAMS, SWAY])],
  },
  dan: {
    id: userId('dan'),
    userPrincipalName: upn('dan'),
    accountEnabled: true,
    userType: 'Member',
    usageLocation: 'US',
    // A member of Inner, which is a member of Outer: Outer's license does not reach nested members.
    assignedLicenses: [],
    licenseAssignmentStates: [],
  },
  eve: {
    id: userId('eve'),
    userPrincipalName: upn('eve'),
    accountEnabled: false,
    userType: 'Guest',
    usageLocation: 'FR',
    // Group-based licensing licenses guests and blocked accounts alike.
    assignedLicenses: [{ skuId: E3.skuId, disabledPlans: sorted(TEAMS, SWAY) }],
    licenseAssignmentStates: [active(E3.skuId, groupId('Sales'), [TEAMS, SWAY])],
  },
};

async function processed(h: Harness, id: string): Promise<void> {
  await eventually(async () => {
    const g = await h.graph('GET', `/groups/${id}?$select=id,licenseProcessingState`);
    return g.body.licenseProcessingState?.state === 'ProcessingComplete' ? true : undefined;
  });
}

/** The user leaves the group (`DELETE …/members/{id}/$ref`), then the group's processing completes. */
async function leave(h: Harness, group: string, user: string): Promise<void> {
  const removed = await h.graph('DELETE', `/groups/${groupId(group)}/members/${userId(user)}/$ref`, {
    app: 'directory-admin',
  });
  expect(removed.status).toBe(204);
  await processed(h, groupId(group));
}

function values(answer: GraphAnswer): Record<string, unknown>[] {
  expect(answer.status).toBe(200);
  return answer.body.value as Record<string, unknown>[];
}

describe('license paths: licenseAssignmentStates per path, assignedLicenses as their union', () => {
  const h = useEmulator({ seed });

  it('GET /users with $select shows every path and the union of enabled plans', async () => {
    const answer = await h.graph('GET', `/users?$select=${SELECT}`);
    const users = values(answer).map(normalized);
    expect(users).toEqual(['ann', 'bob', 'cat', 'dan', 'eve'].map((name) => expected[name]));
    expect(answer.headers.get('x-ms-resource-unit')).toBe('1'); // GET users 2, $select −1
  });

  it('GET /users/{id} with $select answers the same projection', async () => {
    const answer = await h.graph('GET', `/users/${upn('ann')}?$select=${SELECT}`);
    expect(answer.status).toBe(200);
    const { '@odata.context': context, ...user } = answer.body;
    expect(context).toBe(`${h.emulator.url}/v1.0/$metadata#users(${SELECT})/$entity`);
    expect(normalized(user)).toEqual(expected.ann);
  });

  it('GET /groups/{id}/members and /members/microsoft.graph.user serve the same $select', async () => {
    const members = await h.graph('GET', `/groups/${groupId('Sales')}/members?$select=${SELECT}`);
    const typed = values(members).map(({ '@odata.type': type, ...user }) => {
      expect(type).toBe('#microsoft.graph.user');
      return normalized(user);
    });
    expect(typed).toEqual(['ann', 'bob', 'cat', 'eve'].map((name) => expected[name]));
    expect(members.headers.get('x-ms-resource-unit')).toBe('2'); // members 3, $select −1

    const cast = await h.graph(
      'GET',
      `/groups/${groupId('Sales')}/members/microsoft.graph.user?$select=${SELECT}`,
    );
    expect(values(cast).map(({ '@odata.type': _, ...user }) => normalized(user))).toEqual(typed);
  });

  it('a nested group is listed as a group member, never as a user, and passes nothing on', async () => {
    const members = values(
      await h.graph('GET', `/groups/${groupId('Outer')}/members?$select=id,displayName`),
    );
    expect(members).toEqual([
      { '@odata.type': '#microsoft.graph.group', id: groupId('Inner'), displayName: 'Inner' },
    ]);
    const users = values(
      await h.graph('GET', `/groups/${groupId('Outer')}/members/microsoft.graph.user?$select=id`),
    );
    expect(users).toEqual([]);
  });

  it('$filter=assignedLicenses/any(x:x/skuId eq …) on /users and on members', async () => {
    const filter = `assignedLicenses/any(x:x/skuId eq ${E3.skuId})`;
    const users = values(await h.graph('GET', `/users?$filter=${encodeURIComponent(filter)}&$select=id`));
    expect(users.map((u) => u.id)).toEqual(['ann', 'bob', 'cat', 'eve'].map(userId));
    const p1 = values(
      await h.graph(
        'GET',
        `/groups/${groupId('Sales')}/members/microsoft.graph.user?$filter=${encodeURIComponent(
          `assignedLicenses/any(x:x/skuId eq ${P1.skuId})`,
        )}&$select=id`,
      ),
    );
    expect(p1.map((u) => u.id)).toEqual([userId('bob')]);
  });

  it('background processing recomputes the union when a path changes, not before', async () => {
    const answer = await h.graph('POST', `/groups/${groupId('Support')}/assignLicense`, {
      body: { addLicenses: [{ skuId: E3.skuId, disabledPlans: [TEAMS, SWAY] }], removeLicenses: [] },
    });
    expect(answer.status).toBe(202);
    await processed(h, groupId('Support'));
    const ann = normalized((await h.graph('GET', `/users/${userId('ann')}?$select=${SELECT}`)).body);
    // Both paths now disable TEAMS1 and SWAY: both are off; Exchange is on through both.
    expect(ann.assignedLicenses).toEqual([{ skuId: E3.skuId, disabledPlans: sorted(TEAMS, SWAY) }]);
    expect(ann.licenseAssignmentStates).toEqual([
      active(E3.skuId, groupId('Sales'), [TEAMS, SWAY]),
      active(E3.skuId, groupId('Support'), [TEAMS, SWAY]),
    ]);
  });

  it('leaving one of two groups can switch a plan off while the SKU stays (the other path disables it)', async () => {
    await leave(h, 'Support', 'ann');
    const ann = normalized((await h.graph('GET', `/users/${userId('ann')}?$select=${SELECT}`)).body);
    // Support enabled SWAY for Ann; Sales disables it: she keeps E3 without SWAY.
    expect(ann.assignedLicenses).toEqual([{ skuId: E3.skuId, disabledPlans: sorted(TEAMS, SWAY) }]);
    expect(ann.licenseAssignmentStates).toEqual([active(E3.skuId, groupId('Sales'), [TEAMS, SWAY])]);
  });

  it('leaving Sales takes Ann’s mailbox plan (Support disables it) but not the SKU', async () => {
    await leave(h, 'Sales', 'ann');
    const ann = normalized((await h.graph('GET', `/users/${userId('ann')}?$select=${SELECT}`)).body);
    expect(ann.assignedLicenses).toEqual([{ skuId: E3.skuId, disabledPlans: sorted(TEAMS, EXCHANGE) }]);
  });

  it('leaving the only licensing group takes the SKU and frees the seat', async () => {
    const seats = async () =>
      (await h.graph('GET', `/subscribedSkus/${h.emulator.tenantId}_${E3.skuId}?$select=consumedUnits`)).body
        .consumedUnits;
    expect(await seats()).toBe(4);
    await leave(h, 'Sales', 'cat');
    const cat = normalized((await h.graph('GET', `/users/${userId('cat')}?$select=${SELECT}`)).body);
    expect([cat.assignedLicenses, cat.licenseAssignmentStates]).toEqual([[], []]);
    expect(await seats()).toBe(3);
  });

  it('$filter on userType and accountEnabled finds the guest and the blocked account', async () => {
    const guests = values(
      await h.graph('GET', `/users?$filter=${encodeURIComponent("userType eq 'Guest'")}&$select=id`),
    );
    expect(guests).toEqual([{ id: userId('eve') }]);
    const blocked = values(await h.graph('GET', '/users?$filter=accountEnabled%20eq%20false&$select=id'));
    expect(blocked).toEqual([{ id: userId('eve') }]);
  });

  it('a path removed (the member leaves) leaves the other paths; the seat stays while one remains', async () => {
    await leave(h, 'Sales', 'bob');
    const bob = normalized((await h.graph('GET', `/users/${userId('bob')}?$select=${SELECT}`)).body);
    expect(bob.licenseAssignmentStates).toEqual([active(E3.skuId, null, []), active(P1.skuId, null, [])]);
    const sku = await h.graph(
      'GET',
      `/subscribedSkus/${h.emulator.tenantId}_${E3.skuId}?$select=consumedUnits`,
    );
    expect(sku.body.consumedUnits).toBe(4); // ann, bob (direct), cat, eve
  });
});

describe('paging: $top up to 999 with Graph nextLinks, on /users and on members', () => {
  const many = Array.from({ length: 1234 }, (_, i) => `user${String(i).padStart(4, '0')}`);
  const h = useEmulator({
    seed: {
      skus: [],
      users: many.map((name) => ({ userPrincipalName: upn(name), displayName: name })),
      groups: [{ displayName: 'Everyone', kind: 'security', members: many.map(upn) }],
    },
  });

  async function readAll(path: string): Promise<{ ids: unknown[]; pages: number[] }> {
    const ids: unknown[] = [];
    const pages: number[] = [];
    let next: string | undefined = `${h.emulator.url}/v1.0${path}`;
    while (next) {
      const answer: GraphAnswer = await h.graph('GET', next.slice(`${h.emulator.url}/v1.0`.length));
      const page = values(answer);
      pages.push(page.length);
      ids.push(...page.map((u) => u.id));
      next = answer.body['@odata.nextLink'];
    }
    return { ids, pages };
  }

  it('reads 1,234 users in pages of 999 and 235, following @odata.nextLink to the end', async () => {
    const users = await readAll('/users?$top=999&$select=id,userType,accountEnabled');
    expect(users.pages).toEqual([999, 235]);
    expect(users.ids).toEqual(many.map(userId));
  });

  it('reads 1,234 members the same way, on /members and on the user cast', async () => {
    for (const path of ['members', 'members/microsoft.graph.user']) {
      const members = await readAll(`/groups/${groupId('Everyone')}/${path}?$top=999&$select=id`);
      expect(members.pages).toEqual([999, 235]);
      expect(members.ids).toEqual(many.map(userId));
    }
  });

  it('refuses $top above 999 with Graph’s message', async () => {
    const answer = await h.graph('GET', '/users?$top=1000');
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('Request_BadRequest');
    expect(answer.body.error.message).toBe(
      "Invalid page size specified: '1000'. Must be between 1 and 999 inclusive.",
    );
  });
});
