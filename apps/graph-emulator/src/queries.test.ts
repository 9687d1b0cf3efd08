import { describe, expect, it } from 'vitest';
import { defaultSeed } from './seed/default-seed.js';
import { useEmulator } from './test-support/harness.js';

const { ids } = defaultSeed;
const eventual = { ConsistencyLevel: 'eventual' };

describe('reads: subscribedSkus, users, groups, members, OData options', () => {
  const h = useEmulator();

  it('lists subscribedSkus with units, plans and the {tenantId}_{skuId} id, and gets one by id', async () => {
    const list = await h.graph('GET', '/subscribedSkus');
    expect(list.status).toBe(200);
    expect(list.body['@odata.context']).toBe(`${h.emulator.url}/v1.0/$metadata#subscribedSkus`);
    const e3 = list.body.value.find((s: { skuPartNumber: string }) => s.skuPartNumber === 'SPE_E3');
    expect(e3).toMatchObject({
      id: `${ids.tenantId}_${ids.skus.SPE_E3}`,
      skuId: ids.skus.SPE_E3,
      appliesTo: 'User',
      capabilityStatus: 'Enabled',
      consumedUnits: 20,
      prepaidUnits: { enabled: 25, suspended: 0, warning: 0, lockedOut: 0 },
    });
    expect(e3.servicePlans.length).toBeGreaterThan(40);
    const one = await h.graph('GET', `/subscribedSkus/${ids.tenantId}_${ids.skus.SPE_E3}`);
    expect(one.body).toMatchObject({ skuPartNumber: 'SPE_E3', consumedUnits: 20 });
    const missing = await h.graph(
      'GET',
      `/subscribedSkus/${ids.tenantId}_${ids.skus.SPE_E3.replace(/.$/, '0')}`,
    );
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('Request_ResourceNotFound');
    const filtered = await h.graph('GET', `/subscribedSkus?$filter=skuPartNumber eq 'SPE_E3'`);
    expect(filtered.status).toBe(400);
  });

  // Source: group-list.md ("hasMembersWithLicenseErrors … is not returned by $select", filter only) and
  // microsoft-graph-docs PR #3547: selecting it is a 400.
  it('returns license properties only when selected; $select of hasMembersWithLicenseErrors is a 400', async () => {
    const plain = await h.graph('GET', `/groups/${ids.groups.sales}`);
    expect(plain.body.displayName).toBe('Sales');
    expect(plain.body.assignedLicenses).toBeUndefined();
    expect(plain.body.licenseProcessingState).toBeUndefined();
    const selected = await h.graph(
      'GET',
      `/groups/${ids.groups.sales}?$select=id,assignedLicenses,licenseProcessingState`,
    );
    expect(selected.body).toEqual({
      '@odata.context': `${h.emulator.url}/v1.0/$metadata#groups(id,assignedLicenses,licenseProcessingState)/$entity`,
      id: ids.groups.sales,
      assignedLicenses: [{ disabledPlans: [], skuId: ids.skus.SPE_E3 }],
      licenseProcessingState: { state: 'ProcessingComplete' },
    });
    for (const path of [
      `/groups?$select=id,hasMembersWithLicenseErrors`,
      `/groups/${ids.groups.sales}?$select=hasMembersWithLicenseErrors`,
    ]) {
      const refused = await h.graph('GET', path);
      expect(refused.status).toBe(400);
      expect(refused.body.error.code).toBe('Request_BadRequest');
    }
    const user = await h.graph('GET', `/users/${ids.users.isaiah}`);
    expect(user.body.assignedLicenses).toBeUndefined();
    expect(user.body.usageLocation).toBeUndefined();
    const unknown = await h.graph('GET', `/users/${ids.users.isaiah}?$select=id,shoeSize`);
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toContain("'shoeSize'");
  });

  it('filters groups and users by assigned SKU (basic query, no header needed)', async () => {
    const groups = await h.graph(
      'GET',
      `/groups?$filter=assignedLicenses/any(x:x/skuId eq ${ids.skus.SPE_E3})&$select=id,displayName,assignedLicenses`,
    );
    expect(groups.status).toBe(200);
    expect(groups.body.value.map((g: { id: string }) => g.id)).toEqual([ids.groups.sales]);
    const users = await h.graph(
      'GET',
      `/users?$select=id,assignedLicenses&$filter=assignedLicenses/any(u:u/skuId eq ${ids.skus.SPE_E3})`,
    );
    expect(users.body.value).toHaveLength(20);
    const quoted = await h.graph(
      'GET',
      `/groups?$filter=assignedLicenses/any(x:x/skuId eq '${ids.skus.SPE_E3}')`,
    );
    expect(quoted.status).toBe(400);
    expect(quoted.body.error.message).toContain('Edm.Guid');
    const some = await h.graph(
      'GET',
      `/users?$filter=id in ('${ids.users.dana}', '${ids.users.eli}')&$select=id`,
    );
    expect(some.body.value.map((u: { id: string }) => u.id)).toEqual([ids.users.dana, ids.users.eli]);
    const licensed = await h.graph('GET', '/groups?$select=id&$filter=assignedLicenses/any()');
    expect(licensed.body.value.map((g: { id: string }) => g.id).sort()).toEqual(
      [ids.groups.sales, ids.groups.frontline].sort(),
    );
  });

  it('needs ConsistencyLevel: eventual and $count=true for advanced queries and $count', async () => {
    const noHeader = await h.graph('GET', '/users?$count=true');
    expect(noHeader.status).toBe(400);
    expect(noHeader.body.error.code).toBe('Request_BadRequest');
    const advancedWithout = await h.graph('GET', '/users?$filter=assignedLicenses/$count eq 0');
    expect(advancedWithout.status).toBe(400);
    expect(advancedWithout.body.error.code).toBe('Request_UnsupportedQuery');
    const unlicensed = await h.graph(
      'GET',
      '/users?$filter=assignedLicenses/$count eq 0&$count=true&$select=id',
      {
        headers: eventual,
      },
    );
    expect(unlicensed.status).toBe(200);
    expect(unlicensed.body['@odata.count']).toBe(unlicensed.body.value.length);
    expect(unlicensed.body.value.map((u: { id: string }) => u.id)).toContain(ids.users.dana);
    expect(unlicensed.body.value.map((u: { id: string }) => u.id)).not.toContain(ids.users.isaiah);
    const count = await h.graph('GET', '/users/$count', { headers: eventual });
    expect(count.status).toBe(200);
    expect(count.text).toBe(String(defaultSeed.users?.length));
    const countWithout = await h.graph('GET', '/users/$count');
    expect(countWithout.status).toBe(400);
  });

  it('filters groups with member license errors', async () => {
    const answer = await h.graph(
      'GET',
      '/groups?$count=true&$filter=hasMembersWithLicenseErrors eq true&$select=id,displayName',
      {
        headers: eventual,
      },
    );
    expect(answer.status).toBe(200);
    expect(answer.body['@odata.count']).toBe(1);
    expect(answer.body.value).toEqual([{ id: ids.groups.frontline, displayName: 'Frontline Workers' }]);
    const onUsers = await h.graph('GET', '/users?$filter=hasMembersWithLicenseErrors eq true');
    expect(onUsers.status).toBe(400);
    expect(onUsers.body.error.code).toBe('Request_UnsupportedQuery');
  });

  it('pages with $top and @odata.nextLink until every user was seen once', async () => {
    const seen: string[] = [];
    let answer = await h.graph('GET', '/users?$top=7&$select=id');
    for (;;) {
      expect(answer.status).toBe(200);
      expect(answer.body.value.length).toBeLessThanOrEqual(7);
      seen.push(...answer.body.value.map((u: { id: string }) => u.id));
      const next = answer.body['@odata.nextLink'] as string | undefined;
      if (!next) break;
      expect(next.startsWith(`${h.emulator.url}/v1.0/users?`)).toBe(true);
      answer = await h.graph('GET', next.slice(`${h.emulator.url}/v1.0`.length));
    }
    expect(seen).toHaveLength(defaultSeed.users?.length ?? 0);
    expect(new Set(seen).size).toBe(seen.length);
    const tooBig = await h.graph('GET', '/users?$top=1000');
    expect(tooBig.status).toBe(400);
    expect(tooBig.body.error.message).toContain("'1000'");
  });

  it('casts members to users under both names of the namespace (graph.user, as the SDKs send it)', async () => {
    for (const cast of ['graph.user', 'microsoft.graph.user']) {
      const members = await h.graph('GET', `/groups/${ids.groups.contractors}/members/${cast}?$select=id`);
      expect(members.status, cast).toBe(200);
      expect(members.body.value).toHaveLength(4);
    }
    const wrong = await h.graph('GET', `/groups/${ids.groups.contractors}/members/graph.device`);
    expect(wrong.status).toBe(400); // Graph: "Resource not found for the segment …"
  });

  it('lists group members as directoryObjects and supports $ref add and remove with Graph errors', async () => {
    const members = await h.graph('GET', `/groups/${ids.groups.contractors}/members?$select=id,displayName`);
    expect(members.status).toBe(200);
    expect(members.body.value).toHaveLength(4);
    expect(members.body.value[0]['@odata.type']).toBe('#microsoft.graph.user');
    const ref = { '@odata.id': `https://graph.microsoft.com/v1.0/directoryObjects/${ids.users.carlos}` };
    const again = await h.graph('POST', `/groups/${ids.groups.contractors}/members/$ref`, {
      app: 'directory-admin',
      body: ref,
    });
    expect(again.status).toBe(400);
    expect(again.body.error.message).toContain('already exist');
    const denied = await h.graph('POST', `/groups/${ids.groups.empty}/members/$ref`, { body: ref });
    expect(denied.status).toBe(403);
    const notMember = await h.graph(
      'DELETE',
      `/groups/${ids.groups.empty}/members/${ids.users.carlos}/$ref`,
      {
        app: 'directory-admin',
      },
    );
    expect(notMember.status).toBe(404);
    const added = await h.graph('POST', `/groups/${ids.groups.empty}/members/$ref`, {
      app: 'directory-admin',
      body: ref,
    });
    expect(added.status).toBe(204);
    const after = await h.graph('GET', `/groups/${ids.groups.empty}/members`);
    expect(after.body.value.map((u: { id: string }) => u.id)).toEqual([ids.users.carlos]);
  });

  it("lists a user's groups with memberOf", async () => {
    const answer = await h.graph('GET', `/users/${ids.users.carlos}/memberOf?$select=id,displayName`);
    expect(answer.status).toBe(200);
    expect(answer.body.value).toEqual([
      { '@odata.type': '#microsoft.graph.group', id: ids.groups.allStaff, displayName: 'All Staff' },
      { '@odata.type': '#microsoft.graph.group', id: ids.groups.contractors, displayName: 'Contractors' },
    ]);
  });

  it('serves GET /organization with the tenant id, country and initial domain', async () => {
    const list = await h.graph('GET', '/organization');
    expect(list.status).toBe(200);
    expect(list.body.value[0]).toMatchObject({ id: ids.tenantId, countryLetterCode: 'US' });
    expect(list.body.value[0].verifiedDomains[0]).toMatchObject({ name: ids.tenantDomain, isInitial: true });
    const one = await h.graph('GET', `/organization/${ids.tenantId}`);
    expect(one.body.displayName).toBe('Contoso');
    const other = await h.graph('GET', '/organization/00000000-0000-0000-0000-000000000000');
    expect(other.status).toBe(404);
  });

  it('serves beta like v1.0 and answers unknown segments with BadRequest', async () => {
    const beta = await h.graph('GET', '/subscribedSkus', { version: 'beta' });
    expect(beta.status).toBe(200);
    expect(beta.body['@odata.context']).toContain('/beta/$metadata#subscribedSkus');
    const anyCase = await h.graph('GET', `/Groups/${ids.groups.sales}/Members?$select=id`);
    expect(anyCase.status).toBe(200);
    expect(anyCase.body.value).toHaveLength(20);
    const unknown = await h.graph('GET', '/devices');
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toContain("'devices'");
  });
});
