import { describe, expect, it } from 'vitest';
import { GRAPH_ROUTES } from './graph/routes/graph-route-table.js';
import { defaultSeed } from './seed/default-seed.js';
import { useEmulator } from './test-support/harness.js';

const { ids } = defaultSeed;

describe('the Graph route table', () => {
  const h = useEmulator({}, false);

  it('has one route per method and path template', () => {
    const keys = GRAPH_ROUTES.map((r) => `${r.method} ${r.path.toLowerCase()}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('matches names case-insensitively, actions with or without namespace, casts only qualified', async () => {
    const group = ids.groups.sales;
    expect((await h.graph('GET', `/GROUPS/${group}/Members/microsoft.graph.user?$select=id`)).status).toBe(
      200,
    );
    expect((await h.graph('GET', `/groups/${group}/members/graph.user?$select=id`)).status).toBe(200);
    const plainCast = await h.graph('GET', `/groups/${group}/members/user`);
    expect(plainCast.status).toBe(400);
    expect(plainCast.body.error).toMatchObject({
      code: 'BadRequest',
      message: "Resource not found for the segment 'user'.",
    });
    const qualified = await h.graph(
      'POST',
      `/users/${ids.users.isaiah}/microsoft.graph.reprocessLicenseAssignment`,
    );
    expect(qualified.status).toBe(200);
  });

  it('answers 400 naming the first unknown segment, and 405 for a known path with another method', async () => {
    const unknown = await h.graph('GET', `/groups/${ids.groups.sales}/owners`);
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toBe("Resource not found for the segment 'owners'.");
    const top = await h.graph('GET', '/devices');
    expect(top.body.error.message).toBe("Resource not found for the segment 'devices'.");
    const method = await h.graph('DELETE', `/groups/${ids.groups.sales}`);
    expect(method.status).toBe(405);
    expect(method.body.error).toMatchObject({
      code: 'Request_BadRequest',
      message: 'Specified HTTP method is not allowed for the request target.',
    });
    const me = await h.graph('GET', '/me/licenseDetails');
    expect(me.status).toBe(400);
    expect(me.body.error.message).toBe('/me request is only valid with delegated authentication flow.');
  });
});
