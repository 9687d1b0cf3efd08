// Issue 9 point 8: anything with getToken() is a TokenCredential, whatever else it carries. A real
// @azure/identity ClientSecretCredential (which also has tenantId/clientSecret properties) signs in against the
// emulator over TLS and the client uses its token.
import { readFileSync } from 'node:fs';
import { ClientSecretCredential } from '@azure/identity';
import { defaultSeed, type RunningEmulator, startEmulator } from '@entra-licensing/graph-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGraphClient } from './create-graph-client.js';
import { httpsFetchTrusting } from './test-support/https-fetch.js';

const { ids } = defaultSeed;
let emulator: RunningEmulator;
let ca: string;

beforeAll(async () => {
  emulator = await startEmulator({ tls: true, timeScale: 100, throttle: 'off' });
  ca = readFileSync(emulator.caCertificatePath ?? '', 'utf8');
});
afterAll(() => emulator?.stop());

function identityCredential(secret: string): ClientSecretCredential {
  return new ClientSecretCredential(emulator.tenantId, ids.apps.licensingAdmin.clientId, secret, {
    authorityHost: emulator.url,
    disableInstanceDiscovery: true,
    additionalPolicies: [
      {
        position: 'perCall',
        policy: {
          name: 'trust-emulator-ca',
          sendRequest: (request, next) => next({ ...request, tlsSettings: { ca } }),
        },
      },
    ],
  });
}

describe('@azure/identity ClientSecretCredential against the emulator over TLS', () => {
  it('is taken as a TokenCredential (not a client-secret object) and its token reaches Graph', async () => {
    expect(emulator.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const credential = identityCredential(ids.apps.licensingAdmin.clientSecret);
    // What used to mislead the client: the real credential carries the fields of a client-secret object.
    expect(['tenantId', 'clientSecret'].filter((key) => key in credential)).toEqual([
      'tenantId',
      'clientSecret',
    ]);
    const graph = createGraphClient({
      baseUrl: emulator.url,
      credentials: credential,
      fetch: httpsFetchTrusting(ca),
    });
    const skus = await graph.subscribedSkus.get({ queryParameters: { select: ['skuPartNumber'] } });
    expect(skus?.value?.map((s) => s.skuPartNumber)).toContain('ENTERPRISEPREMIUM');
    const calls = emulator.requests().filter((r) => r.path === '/v1.0/subscribedSkus');
    expect(calls.map((r) => [r.status, r.clientId])).toEqual([[200, ids.apps.licensingAdmin.clientId]]);
  });

  it('reports a wrong secret as a token error from getToken(), never the secret', async () => {
    const wrong = 'wrong-secret~0123456789abcdef';
    const graph = createGraphClient({
      baseUrl: emulator.url,
      credentials: identityCredential(wrong),
      fetch: httpsFetchTrusting(ca),
    });
    const error = await graph.subscribedSkus.get().catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'GraphError', kind: 'token', code: 'TokenProviderFailed' });
    expect(`${(error as Error).message} ${JSON.stringify(error)}`).not.toContain(wrong);
  });
});
