import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGraphClient, type GraphClient } from './create-graph-client.js';
import { assertPathId, pathIdProblem } from './path-ids.js';
import { type CaptureServer, json, startCaptureServer } from './test-support/capture-server.js';

let server: CaptureServer;
let client: GraphClient;

beforeEach(async () => {
  server = await startCaptureServer((_req, res) => json(res, 200, { id: 'x', value: [] }));
  client = createGraphClient({ baseUrl: server.origin, credentials: 'none' });
});
afterEach(() => server.close());

describe('ids placed in URL paths', () => {
  it('encodes a guest user principal name (#EXT#) into one path segment', async () => {
    await client.users.byUserId('alice_contoso.com#EXT#@fabrikam.onmicrosoft.com').licenseDetails.get();
    expect(server.requests[0]?.url).toBe(
      '/v1.0/users/alice_contoso.com%23EXT%23%40fabrikam.onmicrosoft.com/licenseDetails',
    );
  });

  it('encodes UPNs with an apostrophe or a plus, and a subscribedSku id', async () => {
    await client.users.byUserId("o'brien+test@contoso.com").get();
    await client.subscribedSkus
      .bySubscribedSkuId(`${'1'.repeat(8)}-2222-3333-4444-555555555555_c7df2760-2c81-4ef7-b578-5b5392b571df`)
      .get();
    expect(server.requests[0]?.url).toBe("/v1.0/users/o'brien%2Btest%40contoso.com");
    expect(server.requests[1]?.url).toBe(
      '/v1.0/subscribedSkus/11111111-2222-3333-4444-555555555555_c7df2760-2c81-4ef7-b578-5b5392b571df',
    );
  });

  it.each([
    ['byGroupId', '../users', 'group id'],
    ['byGroupId', 'a/b', 'group id'],
    ['byUserId', 'alice@contoso.com?$select=id', 'user id'],
    ['byUserId', 'a%2Fb', 'user id'],
    ['byUserId', 'alice #1@contoso.com', 'user id'],
    ['byUserId', 'alice#x@contoso.com', 'user id'],
    ['byGroupId', '', 'group id'],
    ['byGroupId', '..', 'group id'],
    ['byGroupId', 'a\\b', 'group id'],
  ])('%s(%j) is refused before any request', (indexer, id, field) => {
    const index = (indexer === 'byGroupId' ? client.groups.byGroupId : client.users.byUserId) as (
      id: string,
    ) => unknown;
    expect(() => index(id)).toThrow(
      new RegExp(`^Invalid ${field} ${JSON.stringify(id).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: `),
    );
    expect(server.requests).toHaveLength(0);
  });

  it('validates the member id of a nested indexer too', () => {
    expect(() => client.groups.byGroupId('g1').members.byDirectoryObjectId('x/y')).toThrow(
      'Invalid directoryObject id "x/y": must not contain "/"',
    );
  });

  it('exports the validator for other packages', () => {
    expect(pathIdProblem('4d3c1f8e-0000-4000-8000-000000000001')).toBeUndefined();
    expect(pathIdProblem('bob_x.com#EXT#@t.onmicrosoft.com')).toBeUndefined();
    expect(pathIdProblem('a?b')).toBe('must not contain "?"');
    expect(() => assertPathId('userId', 'tab\there')).toThrow(
      'Invalid userId "tab\\there": must not contain whitespace or control characters',
    );
  });
});
