import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GraphClient } from './create-graph-client.js';
import {
  type CaptureServer,
  graphRequestsOf,
  json,
  TENANT,
  withTokenEndpoint,
} from './test-support/capture-server.js';
import { startServerWithClient } from './test-support/client-fixture.js';

const GROUP = '1132b215-826f-42a9-8cfe-1643d19d17fd';
// The two request bodies of Graph's "group: assignLicense" page, minified.
const SEED_ADD =
  '{"addLicenses":[{"disabledPlans":["113feb6c-3fe4-4440-bddc-54d774bf0318","14ab5db5-e6c4-4b20-b4bc-13e36fd2227f"],"skuId":"b05e124f-c7cc-45a0-a6aa-8cf78c946968"},{"disabledPlans":["a413a9ff-720c-4822-98ef-2f37c2a21f4c"],"skuId":"c7df2760-2c81-4ef7-b578-5b5392b571df"}],"removeLicenses":[]}';
const SEED_REMOVE =
  '{"addLicenses":[],"removeLicenses":["c7df2760-2c81-4ef7-b578-5b5392b571df","b05e124f-c7cc-45a0-a6aa-8cf78c946968"]}';
const GROUP_BODY = {
  id: GROUP,
  createdDateTime: '2021-03-12T11:15:03Z',
  groupTypes: [],
  securityEnabled: true,
};

let server: CaptureServer;
let client: GraphClient;

beforeEach(async () => {
  ({ server, client } = await startServerWithClient(
    withTokenEndpoint((_req, res) =>
      json(res, 202, GROUP_BODY, {
        location: `https://graph.microsoft.com/v2/${TENANT}/directoryObjects/${GROUP}/Microsoft.DirectoryServices.Group`,
      }),
    ),
  ));
});
afterEach(() => server.close());

const graphRequests = () => graphRequestsOf(server);

describe('POST /groups/{id}/assignLicense', () => {
  it('sends the seed page add request byte-for-byte and returns the 202 group', async () => {
    const body = {
      addLicenses: [
        {
          skuId: 'b05e124f-c7cc-45a0-a6aa-8cf78c946968',
          disabledPlans: ['113feb6c-3fe4-4440-bddc-54d774bf0318', '14ab5db5-e6c4-4b20-b4bc-13e36fd2227f'],
        },
        {
          skuId: 'c7df2760-2c81-4ef7-b578-5b5392b571df',
          disabledPlans: ['a413a9ff-720c-4822-98ef-2f37c2a21f4c'],
        },
      ],
      removeLicenses: [],
    };
    const group = await client.groups.byGroupId(GROUP).assignLicense.post(body);
    const [request] = graphRequests();
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe(`/v1.0/groups/${GROUP}/assignLicense`);
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.headers.authorization).toBe('Bearer token-1');
    expect(request?.body).toBe(SEED_ADD);
    expect(group?.id).toBe(GROUP);
    expect(group?.securityEnabled).toBe(true);
    expect(group?.groupTypes).toEqual([]);
  });

  it('sends the seed page remove request byte-for-byte', async () => {
    const body = {
      addLicenses: [],
      removeLicenses: ['c7df2760-2c81-4ef7-b578-5b5392b571df', 'b05e124f-c7cc-45a0-a6aa-8cf78c946968'],
    };
    await client.groups.byGroupId(GROUP).assignLicense.post(body);
    expect(graphRequests()[0]?.body).toBe(SEED_REMOVE);
  });

  it('writes disabledPlans: [] when a license is added with no plan disabled', async () => {
    await client.groups.byGroupId(GROUP).assignLicense.post({
      addLicenses: [{ skuId: 'c7df2760-2c81-4ef7-b578-5b5392b571df', disabledPlans: [] }],
      removeLicenses: [],
    });
    expect(graphRequests()[0]?.body).toBe(
      '{"addLicenses":[{"disabledPlans":[],"skuId":"c7df2760-2c81-4ef7-b578-5b5392b571df"}],"removeLicenses":[]}',
    );
  });

  it('leaves out an array the caller did not give (so callers write both: the licensing layer does)', async () => {
    await client.groups
      .byGroupId(GROUP)
      .assignLicense.post({ removeLicenses: ['c7df2760-2c81-4ef7-b578-5b5392b571df'] });
    expect(graphRequests()[0]?.body).toBe('{"removeLicenses":["c7df2760-2c81-4ef7-b578-5b5392b571df"]}');
  });

  it('accepts a 202 without a body', async () => {
    server.handle(
      withTokenEndpoint((_req, res) => {
        res.writeHead(202);
        res.end();
      }),
    );
    await expect(
      client.groups.byGroupId(GROUP).assignLicense.post({ addLicenses: [], removeLicenses: [] }),
    ).resolves.toBeUndefined();
  });
});

describe('POST /users/{id}/assignLicense', () => {
  it('returns the updated user on 200 and sends the same body shape', async () => {
    server.handle(
      withTokenEndpoint((_req, res) =>
        json(res, 200, {
          id: 'u1',
          assignedLicenses: [{ disabledPlans: [], skuId: 'c7df2760-2c81-4ef7-b578-5b5392b571df' }],
        }),
      ),
    );
    const user = await client.users.byUserId('alice@contoso.com').assignLicense.post({
      addLicenses: [{ skuId: 'c7df2760-2c81-4ef7-b578-5b5392b571df', disabledPlans: [] }],
      removeLicenses: [],
    });
    expect(graphRequests()[0]?.url).toBe('/v1.0/users/alice%40contoso.com/assignLicense');
    expect(user?.assignedLicenses?.[0]?.skuId).toBe('c7df2760-2c81-4ef7-b578-5b5392b571df');
  });
});
