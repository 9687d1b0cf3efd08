import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGraphClient, type GraphClient } from './create-graph-client.js';
import {
  type CaptureServer,
  CLIENT_ID,
  graphError,
  graphRequestsOf,
  json,
  SECRET,
  TENANT,
  withTokenEndpoint,
} from './test-support/capture-server.js';
import { startServerWithClient } from './test-support/client-fixture.js';

let server: CaptureServer;
let client: GraphClient;

beforeEach(async () => {
  ({ server, client } = await startServerWithClient(undefined, { maxRetries: 2, retryDelaySeconds: 0 }));
});
afterEach(() => server.close());

const graphRequests = () => graphRequestsOf(server);

/** Throttles the first `times` Graph requests with the given Retry-After, then answers 200. */
function throttleThenOk(times: number, retryAfter: string) {
  let seen = 0;
  return withTokenEndpoint((_req, res) => {
    seen++;
    if (seen <= times) {
      graphError(res, 429, 'TooManyRequests', 'Please retry again later.', { 'retry-after': retryAfter });
      return;
    }
    json(res, 200, {
      value: [{ id: 't_sku', skuId: 'c7df2760-2c81-4ef7-b578-5b5392b571df', skuPartNumber: 'E5' }],
    });
  });
}

describe('retry on 429 honouring Retry-After', () => {
  it('waits the fractional Retry-After, then succeeds with the same request', async () => {
    server.handle(throttleThenOk(1, '0.25'));
    const skus = await client.subscribedSkus.get();
    expect(skus?.value?.[0]?.skuPartNumber).toBe('E5');
    const [first, second] = graphRequests();
    expect(graphRequests()).toHaveLength(2);
    expect(second?.url).toBe(first?.url);
    expect(second?.headers['retry-attempt']).toBe('1');
    // behaviour, not performance: the retry did not come before Retry-After
    expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(240);
  });

  it('retries a POST with its body intact', async () => {
    let seen = 0;
    server.handle(
      withTokenEndpoint((_req, res) => {
        seen++;
        if (seen === 1) graphError(res, 429, 'TooManyRequests', 'later', { 'retry-after': '0.01' });
        else json(res, 202, { id: 'g1' });
      }),
    );
    await client.groups.byGroupId('g1').assignLicense.post({ addLicenses: [], removeLicenses: [] });
    const [first, second] = graphRequests();
    expect(second?.body).toBe('{"addLicenses":[],"removeLicenses":[]}');
    expect(second?.body).toBe(first?.body);
  });

  it('gives up after maxRetries and reports the last 429', async () => {
    server.handle(throttleThenOk(10, '0.01'));
    await expect(client.subscribedSkus.get()).rejects.toMatchObject({
      name: 'GraphError',
      status: 429,
      code: 'TooManyRequests',
    });
    expect(graphRequests()).toHaveLength(3);
  });

  it('does not retry when maxRetries is 0', async () => {
    const once = createGraphClient({
      baseUrl: server.origin,
      loginBaseUrl: server.origin,
      credentials: { tenantId: TENANT, clientId: CLIENT_ID, clientSecret: SECRET },
      maxRetries: 0,
    });
    server.handle(throttleThenOk(1, '0.01'));
    await expect(once.subscribedSkus.get()).rejects.toMatchObject({
      name: 'GraphError',
      status: 429,
      code: 'TooManyRequests',
    });
    expect(graphRequests()).toHaveLength(1);
  });

  it('also retries 503 without Retry-After', async () => {
    let seen = 0;
    server.handle(
      withTokenEndpoint((_req, res) => {
        seen++;
        if (seen === 1) graphError(res, 503, 'ServiceUnavailable', 'busy');
        else json(res, 200, { value: [] });
      }),
    );
    await expect(client.subscribedSkus.get()).resolves.toMatchObject({ value: [] });
    expect(graphRequests()).toHaveLength(2);
  });
});
