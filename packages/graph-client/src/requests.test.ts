// What the generated request builders put on the wire, through this package's pipeline.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GraphClient } from './create-graph-client.js';
import { type CaptureServer, json } from './test-support/capture-server.js';
import { startServerWithClient } from './test-support/client-fixture.js';

let server: CaptureServer;
let client: GraphClient;

beforeEach(async () => {
  ({ server, client } = await startServerWithClient((_req, res) => json(res, 200, { value: [] }), {
    credentials: { getAccessToken: async () => 'token' },
  }));
});
afterEach(() => server.close());

describe('requests on the wire', () => {
  it('sends OData query options with their $ names and the ConsistencyLevel header', async () => {
    await client.groups.get({
      queryParameters: {
        count: true,
        filter: 'hasMembersWithLicenseErrors eq true',
        select: ['id', 'displayName'],
        top: 50,
      },
      headers: { ConsistencyLevel: 'eventual' },
    });
    const [request] = server.requests;
    expect(request?.url).toBe(
      '/v1.0/groups?$count=true&$filter=hasMembersWithLicenseErrors%20eq%20true&$select=id,displayName&$top=50',
    );
    expect(request?.headers.consistencylevel).toBe('eventual');
  });

  it('filters groups by an assigned skuId (unquoted GUID in a lambda)', async () => {
    await client.groups.get({
      queryParameters: { filter: 'assignedLicenses/any(x:x/skuId eq c7df2760-2c81-4ef7-b578-5b5392b571df)' },
    });
    expect(decodeURIComponent(server.requests[0]?.url ?? '')).toBe(
      '/v1.0/groups?$filter=assignedLicenses/any(x:x/skuId eq c7df2760-2c81-4ef7-b578-5b5392b571df)',
    );
  });

  it('sets usageLocation with PATCH /users/{id} and nothing else', async () => {
    server.handle((_req, res) => {
      res.writeHead(204);
      res.end();
    });
    await client.users.byUserId('dana@contoso.com').patch({ usageLocation: 'US' });
    expect(server.requests[0]).toMatchObject({
      method: 'PATCH',
      url: '/v1.0/users/dana%40contoso.com',
      body: '{"usageLocation":"US"}',
    });
  });

  it('adds and removes a group member by reference', async () => {
    server.handle((_req, res) => {
      res.writeHead(204);
      res.end();
    });
    const member = '4d3c1f8e-0000-4000-8000-000000000001';
    await client.groups
      .byGroupId('g1')
      .members.ref.post({ odataId: `https://graph.microsoft.com/v1.0/directoryObjects/${member}` });
    await client.groups.byGroupId('g1').members.byDirectoryObjectId(member).ref.delete();
    expect(server.requests.map((r) => `${r.method} ${r.url} ${r.body}`)).toEqual([
      `POST /v1.0/groups/g1/members/$ref {"@odata.id":"https://graph.microsoft.com/v1.0/directoryObjects/${member}"}`,
      `DELETE /v1.0/groups/g1/members/${member}/$ref `,
    ]);
  });

  it('reprocesses a user license assignment with an empty POST', async () => {
    server.handle((_req, res) => json(res, 200, { id: 'u1' }));
    const user = await client.users.byUserId('u1').reprocessLicenseAssignment.post();
    expect(server.requests[0]).toMatchObject({
      method: 'POST',
      url: '/v1.0/users/u1/reprocessLicenseAssignment',
      body: '',
    });
    expect(user?.id).toBe('u1');
  });

  it('gives every request its own client-request-id unless the caller sets one', async () => {
    await client.subscribedSkus.get();
    await client.subscribedSkus.get({ headers: { 'client-request-id': 'mine' } });
    const [first, second] = server.requests;
    expect(first?.headers['client-request-id']).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(second?.headers['client-request-id']).toBe('mine');
  });

  it('sends a JSON $batch through the generated builder (free-form bodies and headers as additionalData)', async () => {
    server.handle((_req, res) =>
      json(res, 200, {
        responses: [
          {
            id: '2',
            status: 429,
            headers: { 'Retry-After': '1.5' },
            body: { error: { code: 'TooManyRequests' } },
          },
          { id: '1', status: 202, headers: {}, body: { id: 'g1' } },
        ],
      }),
    );
    const body = { addLicenses: [], removeLicenses: ['c7df2760-2c81-4ef7-b578-5b5392b571df'] };
    const result = await client.batch.post({
      requests: ['1', '2'].map((id) => ({
        id,
        method: 'POST',
        url: `/groups/g${id}/assignLicense`,
        headers: { additionalData: { 'Content-Type': 'application/json' } },
        body: { additionalData: body },
      })),
    });
    expect(server.requests[0]?.url).toBe('/v1.0/$batch');
    expect(JSON.parse(server.requests[0]?.body ?? '')).toEqual({
      requests: ['1', '2'].map((id) => ({
        id,
        method: 'POST',
        url: `/groups/g${id}/assignLicense`,
        headers: { 'Content-Type': 'application/json' },
        body,
      })),
    });
    const throttled = result?.responses?.find((r) => r.id === '2');
    expect(throttled?.status).toBe(429);
    expect(throttled?.headers?.additionalData?.['Retry-After']).toBe('1.5');
  });
});
