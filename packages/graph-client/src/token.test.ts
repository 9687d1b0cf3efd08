import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ClientSecretTokenSource } from './auth/client-secret-token-source.js';
import { createGraphClient } from './create-graph-client.js';
import { GraphError } from './errors.js';
import {
  type CaptureServer,
  CLIENT_ID,
  json,
  SECRET,
  startCaptureServer,
  TENANT,
  withTokenEndpoint,
} from './test-support/capture-server.js';

let server: CaptureServer;

beforeEach(async () => {
  server = await startCaptureServer();
});
afterEach(() => server.close());

const secretClient = () =>
  createGraphClient({
    baseUrl: server.origin,
    loginBaseUrl: server.origin,
    credentials: { tenantId: TENANT, clientId: CLIENT_ID, clientSecret: SECRET },
    maxRetries: 0,
  });
const tokenRequests = () => server.requests.filter((r) => r.url.includes('/oauth2/'));

describe('client-secret token acquisition', () => {
  it('posts the client-credentials form to <login>/<tenant>/oauth2/v2.0/token and uses the token', async () => {
    server.handle(withTokenEndpoint((_req, res) => json(res, 200, { value: [] })));
    await secretClient().subscribedSkus.get();
    const [tokenRequest] = tokenRequests();
    expect(tokenRequest?.method).toBe('POST');
    expect(tokenRequest?.url).toBe(`/${TENANT}/oauth2/v2.0/token`);
    expect(tokenRequest?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(new URLSearchParams(tokenRequest?.body))).toEqual({
      client_id: CLIENT_ID,
      scope: 'https://graph.microsoft.com/.default',
      client_secret: SECRET,
      grant_type: 'client_credentials',
    });
    expect(tokenRequest?.headers.authorization).toBeUndefined();
    expect(server.requests.at(-1)?.headers.authorization).toBe('Bearer token-1');
  });

  it('caches the token across requests and shares one token request between concurrent calls', async () => {
    server.handle(withTokenEndpoint((_req, res) => json(res, 200, { value: [] })));
    const client = secretClient();
    await Promise.all([client.subscribedSkus.get(), client.users.get(), client.groups.get()]);
    await client.subscribedSkus.get();
    expect(tokenRequests()).toHaveLength(1);
    expect(server.requests.filter((r) => r.headers.authorization === 'Bearer token-1')).toHaveLength(4);
  });

  it('refreshes the token shortly before it expires', async () => {
    server.handle(withTokenEndpoint((_req, res) => json(res, 200, {}), 3600));
    let now = 1_000_000;
    const source = new ClientSecretTokenSource(
      { tenantId: TENANT, clientId: CLIENT_ID, clientSecret: SECRET },
      server.origin,
      'https://graph.microsoft.com/.default',
      (url, init) => fetch(url, init),
      () => now,
    );
    expect(await source.getToken()).toBe('token-1');
    now += 3600_000 - 5 * 60_000 - 1; // just before the 5-minute margin
    expect(await source.getToken()).toBe('token-1');
    now += 2;
    expect(await source.getToken()).toBe('token-2');
    expect(tokenRequests()).toHaveLength(2);
  });

  it('gets a new token and retries once when Graph answers 401', async () => {
    let graphCalls = 0;
    server.handle(
      withTokenEndpoint((req, res) => {
        graphCalls++;
        if (req.headers.authorization === 'Bearer token-1') {
          json(res, 401, {
            error: { code: 'InvalidAuthenticationToken', message: 'Access token has expired.' },
          });
        } else json(res, 200, { value: [] });
      }),
    );
    await expect(secretClient().subscribedSkus.get()).resolves.toEqual({ value: [] });
    expect(graphCalls).toBe(2);
    expect(tokenRequests()).toHaveLength(2);
  });

  it('reports a token endpoint refusal as a GraphError without the secret', async () => {
    server.handle((_req, res) =>
      json(res, 401, {
        error: 'invalid_client',
        error_description: `AADSTS7000215: Invalid client secret provided. Secret was ${SECRET}.\r\nTrace ID: x`,
        trace_id: 'trace-1',
        correlation_id: 'corr-1',
      }),
    );
    const error = await secretClient()
      .subscribedSkus.get()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphError);
    expect(error).toMatchObject({ kind: 'token', status: 401, code: 'invalid_client', requestId: 'trace-1' });
    const text = `${(error as Error).message} ${JSON.stringify(error)} ${(error as Error).stack}`;
    expect(text).toContain('AADSTS7000215: Invalid client secret provided. Secret was [redacted].');
    expect(text).not.toContain(SECRET);
    expect(server.requests.filter((r) => !r.url.includes('/oauth2/'))).toHaveLength(0);
  });

  it('refuses invalid credentials before any request, naming the field and value (never the secret)', () => {
    expect(() =>
      createGraphClient({
        credentials: { tenantId: 'not a tenant', clientId: CLIENT_ID, clientSecret: SECRET },
      }),
    ).toThrow(
      'credentials.tenantId must be a tenant GUID or a domain name such as contoso.onmicrosoft.com, got "not a tenant"',
    );
    expect(() =>
      createGraphClient({ credentials: { tenantId: TENANT, clientId: 'app', clientSecret: SECRET } }),
    ).toThrow('credentials.clientId must be the application (client) GUID, got "app"');
    expect(() =>
      createGraphClient({ credentials: { tenantId: TENANT, clientId: CLIENT_ID, clientSecret: ' ' } }),
    ).toThrow('credentials.clientSecret must be a non-empty string');
    expect(() => createGraphClient({ credentials: {} as never })).toThrow(/Option credentials must be/);
  });
});

describe('other credentials', () => {
  it('calls a getAccessToken() provider with the Graph scope', async () => {
    server.handle((_req, res) => json(res, 200, { value: [] }));
    const scopes: string[][] = [];
    const client = createGraphClient({
      baseUrl: server.origin,
      credentials: {
        getAccessToken: async (s) => {
          scopes.push(s);
          return 'provided-token';
        },
      },
    });
    await client.subscribedSkus.get();
    expect(scopes).toEqual([['https://graph.microsoft.com/.default']]);
    expect(server.requests[0]?.headers.authorization).toBe('Bearer provided-token');
  });

  it('accepts an @azure/identity-style TokenCredential', async () => {
    server.handle((_req, res) => json(res, 200, { value: [] }));
    const client = createGraphClient({
      cloud: 'china',
      baseUrl: server.origin,
      credentials: {
        getToken: async (s) => ({
          token: `cred-token for ${String(s)}`,
          expiresOnTimestamp: Date.now() + 3600_000,
        }),
      },
    });
    await client.subscribedSkus.get();
    expect(server.requests[0]?.headers.authorization).toBe(
      'Bearer cred-token for https://microsoftgraph.chinacloudapi.cn/.default',
    );
  });

  it("sends no Authorization header with credentials 'none' (the injected fetch authenticates)", async () => {
    server.handle((_req, res) => json(res, 200, { value: [] }));
    const client = createGraphClient({
      baseUrl: server.origin,
      credentials: 'none',
      fetch: (url, init) => fetch(url, { ...init, headers: { ...(init.headers as object), 'x-n8n': 'yes' } }),
    });
    await client.subscribedSkus.get();
    expect(server.requests[0]?.headers.authorization).toBeUndefined();
    expect(server.requests[0]?.headers['x-n8n']).toBe('yes');
  });

  it('turns a failing provider into a token GraphError', async () => {
    const client = createGraphClient({
      baseUrl: server.origin,
      credentials: {
        getAccessToken: async () => {
          throw new Error('MSAL: refresh token expired for secret abc');
        },
      },
    });
    const error = await client.subscribedSkus.get().catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'GraphError', kind: 'token', code: 'TokenProviderFailed' });
    expect((error as Error).message).toBe(
      'credentials.getAccessToken() failed to return an access token (Error)',
    );
    expect(server.requests).toHaveLength(0);
  });
});
