import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGraphClient, type GraphClient } from './create-graph-client.js';
import { GraphError, toGraphError } from './errors.js';
import { isLoopbackHost, untrustedOriginReason } from './host-policy.js';
import {
  type CaptureServer,
  CLIENT_ID,
  json,
  SECRET,
  startCaptureServer,
  withTokenEndpoint,
} from './test-support/capture-server.js';
import { startServerWithClient } from './test-support/client-fixture.js';

let graph: CaptureServer;
let elsewhere: CaptureServer;
let client: GraphClient;

beforeEach(async () => {
  ({ server: graph, client } = await startServerWithClient());
  elsewhere = await startCaptureServer((_req, res) => json(res, 200, { value: [] }));
});
afterEach(async () => {
  await graph.close();
  await elsewhere.close();
});

async function rejection(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (err) {
    return toGraphError(err);
  }
  throw new Error('expected a rejection');
}

describe('the token only goes to the configured Graph host', () => {
  it('refuses a next link that points to another host, before sending anything there', async () => {
    graph.handle(
      withTokenEndpoint((_req, res) =>
        json(res, 200, { value: [], '@odata.nextLink': `${elsewhere.origin}/v1.0/users?$skiptoken=x` }),
      ),
    );
    const page = await client.users.get();
    const error = await rejection(client.users.withUrl(page?.odataNextLink ?? '').get());
    expect(error).toMatchObject({ kind: 'refused', code: 'HostNotAllowed' });
    expect(error.message).toContain(elsewhere.origin);
    expect(elsewhere.requests).toHaveLength(0);
  });

  it('follows a next link on the Graph host with the token', async () => {
    graph.handle(
      withTokenEndpoint((req, res) =>
        req.url.includes('skiptoken')
          ? json(res, 200, { value: [{ id: 'u2' }] })
          : json(res, 200, {
              value: [{ id: 'u1' }],
              '@odata.nextLink': `${graph.origin}/v1.0/users?$skiptoken=abc`,
            }),
      ),
    );
    const first = await client.users.get();
    const second = await client.users.withUrl(first?.odataNextLink ?? '').get();
    expect(second?.value?.[0]?.id).toBe('u2');
    const last = graph.requests.at(-1);
    expect(last?.url).toBe('/v1.0/users?$skiptoken=abc');
    expect(last?.headers.authorization).toBe('Bearer token-1');
  });

  it('does not follow a redirect to another host with the token', async () => {
    graph.handle(
      withTokenEndpoint((_req, res) => {
        res.writeHead(307, { location: `${elsewhere.origin}/v1.0/subscribedSkus` });
        res.end();
      }),
    );
    const error = await rejection(client.subscribedSkus.get());
    expect(error).toMatchObject({ kind: 'refused', code: 'HostNotAllowed' });
    expect(elsewhere.requests).toHaveLength(0);
  });

  it('refuses plain http to a host that is not loopback, naming the option and the value', () => {
    expect(() => createGraphClient({ baseUrl: 'http://graph.example.com', credentials: 'none' })).toThrow(
      /Option baseUrl uses plain http for a host that is not loopback \("http:\/\/graph\.example\.com"\)/,
    );
    expect(() =>
      createGraphClient({
        baseUrl: 'https://graph.microsoft.com',
        loginBaseUrl: 'http://10.0.0.5',
        credentials: 'none',
      }),
    ).toThrow(/Option loginBaseUrl uses plain http/);
  });

  it('refuses a baseUrl with a path, and an unknown cloud or api version', () => {
    expect(() =>
      createGraphClient({ baseUrl: 'https://graph.microsoft.com/v1.0', credentials: 'none' }),
    ).toThrow(/Option baseUrl must be an origin/);
    expect(() => createGraphClient({ cloud: 'mars' as never, credentials: 'none' })).toThrow(
      /Option cloud must be one of global, usGovL4, usGovL5DoD, china, got "mars"/,
    );
    expect(() => createGraphClient({ apiVersion: 'v2' as never, credentials: 'none' })).toThrow(
      /Option apiVersion must be one of v1\.0, beta, got "v2"/,
    );
    expect(() => createGraphClient({ cloud: 'toString' as never, credentials: 'none' })).toThrow(
      /Option cloud must be one of/,
    );
    expect(() => createGraphClient({ maxRetries: 2.5, credentials: 'none' })).toThrow(
      'Option maxRetries must be an integer from 0 to 10, got 2.5',
    );
  });

  it('knows loopback hosts', () => {
    for (const host of ['localhost', '127.0.0.1', '127.8.9.10', '[::1]', '::1'])
      expect(isLoopbackHost(host)).toBe(true);
    for (const host of ['10.0.0.1', 'graph.microsoft.com', '128.0.0.1', 'localhost.example.com']) {
      expect(isLoopbackHost(host)).toBe(false);
    }
  });
});

describe('clouds and versions', () => {
  it.each([
    ['global', 'https://graph.microsoft.com/v1.0'],
    ['usGovL4', 'https://graph.microsoft.us/v1.0'],
    ['usGovL5DoD', 'https://dod-graph.microsoft.us/v1.0'],
    ['china', 'https://microsoftgraph.chinacloudapi.cn/v1.0'],
  ] as const)('%s uses %s', (cloud, url) => {
    expect(createGraphClient({ cloud, credentials: 'none' }).graphBaseUrl).toBe(url);
  });

  it('asks the cloud login authority for a token scoped to the cloud Graph host', async () => {
    const seen: string[] = [];
    const client = createGraphClient({
      cloud: 'usGovL4',
      credentials: { tenantId: 'contoso.onmicrosoft.us', clientId: CLIENT_ID, clientSecret: SECRET },
      apiVersion: 'beta',
      fetch: async (url, init) => {
        seen.push(`${init.method} ${url} ${init.method === 'POST' ? String(init.body) : ''}`);
        return url.includes('/oauth2/')
          ? Response.json({ access_token: 'gov-token', expires_in: 3600 })
          : Response.json({ value: [] });
      },
    });
    await client.subscribedSkus.get();
    expect(seen[0]).toBe(
      `POST https://login.microsoftonline.us/contoso.onmicrosoft.us/oauth2/v2.0/token client_id=${CLIENT_ID}&scope=https%3A%2F%2Fgraph.microsoft.us%2F.default&client_secret=super-secret-value%7E42&grant_type=client_credentials`,
    );
    expect(seen[1]).toBe('GET https://graph.microsoft.us/beta/subscribedSkus ');
  });
});

describe('untrustedOriginReason: what a front-end may send credentials to without an explicit opt-in', () => {
  it.each([
    'https://graph.microsoft.com',
    'https://login.microsoftonline.com',
    'https://graph.microsoft.us',
    'https://dod-graph.microsoft.us',
    'https://login.microsoftonline.us',
    'https://microsoftgraph.chinacloudapi.cn',
    'https://login.partner.microsoftonline.cn',
    'http://127.0.0.1:4000',
    'http://localhost:4000',
    'https://[::1]:8443',
  ])('%s is trusted', (origin) => {
    expect(untrustedOriginReason(origin)).toBeUndefined();
  });

  it.each([
    ['https://graph.attacker.test', 'graph.attacker.test is neither'],
    ['https://graph.microsoft.com.attacker.test', 'graph.microsoft.com.attacker.test is neither'],
    ['https://192.0.2.10', '192.0.2.10 is neither'],
    [
      'https://graph.microsoft.com:8443',
      'graph.microsoft.com is a Microsoft host, but not over https on port 443',
    ],
    ['http://graph.microsoft.com', 'graph.microsoft.com is a Microsoft host, but not over https on port 443'],
  ])('%s is not', (origin, start) => {
    expect(untrustedOriginReason(origin)?.startsWith(start)).toBe(true);
  });
});

describe('request deadline', () => {
  it('a server that accepts and never answers: a Timeout naming the host and the wait', async () => {
    const { createServer } = await import('node:net');
    const sockets: import('node:net').Socket[] = [];
    const server = createServer((s) => {
      sockets.push(s);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as import('node:net').AddressInfo).port;
    try {
      const client = createGraphClient({
        baseUrl: `http://127.0.0.1:${port}`,
        credentials: 'none',
        maxRetries: 0,
        requestTimeoutMs: 300,
      });
      const error = await client.subscribedSkus.get().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(GraphError);
      expect([(error as GraphError).kind, (error as GraphError).code, (error as GraphError).message]).toEqual(
        [
          'network',
          'Timeout',
          `No complete answer from 127.0.0.1:${port} within 0.3 s (the request deadline); the request was abandoned.`,
        ],
      );
    } finally {
      for (const s of sockets) s.destroy();
      server.close();
    }
  });

  it('a transport that ignores the abort signal is not waited for either', async () => {
    const client = createGraphClient({
      baseUrl: 'http://127.0.0.1:9',
      credentials: 'none',
      maxRetries: 0,
      requestTimeoutMs: 200,
      fetch: () => new Promise<Response>(() => {}),
    });
    const error = await client.subscribedSkus.get().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect([(error as GraphError).code, (error as GraphError).message]).toEqual([
      'Timeout',
      'No complete answer from 127.0.0.1:9 within 0.2 s (the request deadline); the request was abandoned.',
    ]);
  });

  it('requestTimeoutMs is checked locally', () => {
    expect(() => createGraphClient({ credentials: 'none', requestTimeoutMs: 0 })).toThrow(
      'Option requestTimeoutMs must be at least 1',
    );
  });
});
