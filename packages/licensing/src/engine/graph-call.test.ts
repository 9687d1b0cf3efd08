import { createGraphClient, GraphError } from '@entra-licensing/graph-client';
import { describe, expect, it } from 'vitest';
import { LicensingError } from '../core/licensing-error.js';
import { allPages, graphCall } from './graph-call.js';

const ORIGIN = 'https://graph.example.test';

/** A Graph stand-in at the fetch level: answers from a table, records every URL asked for. */
function stubGraph(
  answer: (url: URL, n: number) => { status: number; body?: unknown; headers?: Record<string, string> },
) {
  const asked: string[] = [];
  const fetchImpl = async (input: string): Promise<Response> => {
    asked.push(String(input));
    const a = answer(new URL(String(input)), asked.length);
    return new Response(a.body === undefined ? null : JSON.stringify(a.body), {
      status: a.status,
      headers: { 'content-type': 'application/json', ...(a.headers ?? {}) },
    });
  };
  // The client's own retry handler keeps its default (3 retries): graphCall must turn it off.
  const client = createGraphClient({ credentials: 'none', baseUrl: ORIGIN, fetch: fetchImpl });
  return { client, asked };
}

const noSleep = { waited: [] as number[], sleep: async (ms: number) => void noSleep.waited.push(ms) };

describe('allPages follows next links only to more of the same collection', () => {
  const pages = (link: string) =>
    stubGraph((url) =>
      url.searchParams.has('$skiptoken')
        ? { status: 200, body: { value: [{ id: 'b' }] } }
        : url.pathname === '/v1.0/groups'
          ? { status: 200, body: { value: [{ id: 'a' }], '@odata.nextLink': link } }
          : { status: 200, body: { value: [{ id: 'everyone' }] } },
    );

  it('reads every page of the collection', async () => {
    const { client, asked } = pages(`${ORIGIN}/v1.0/groups?$skiptoken=2`);
    const groups = await allPages(
      ({ options }) => client.groups.get({ options }),
      (url, { options }) => client.groups.withUrl(url).get({ options }),
      { client, path: '/groups' },
    );
    expect(groups.map((g) => g.id)).toEqual(['a', 'b']);
    expect(asked).toHaveLength(2);
  });

  it.each([
    ['another collection on the same host', `${ORIGIN}/v1.0/users?$top=999`],
    ['another host', 'https://evil.example/v1.0/groups?$skiptoken=2'],
    ['the same page again', `${ORIGIN}/v1.0/groups`],
  ])('refuses %s with the link named, without requesting it', async (_name, link) => {
    const { client, asked } = pages(link);
    let caught: unknown;
    try {
      await allPages(
        ({ options }) => client.groups.get({ options }),
        (url, { options }) => client.groups.withUrl(url).get({ options }),
        { client, path: '/groups' },
      );
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(LicensingError);
    const error = caught as LicensingError;
    expect([error.code, error.field, error.value]).toEqual(['GRAPH_ERROR', '@odata.nextLink', link]);
    // The same page again is read once more (it is a legitimate link the first time), then refused.
    expect(asked.filter((u) => !u.startsWith(`${ORIGIN}/v1.0/groups`))).toEqual([]);
  });
});

describe('graphCall: the one failure policy for single reads, the client’s retry turned off', () => {
  it('retries a 503 by the policy only (1 + 3 requests, not Kiota’s 4 × 4), then throws a GraphError', async () => {
    noSleep.waited.length = 0;
    const { client, asked } = stubGraph(() => ({
      status: 503,
      body: { error: { code: 'ServiceUnavailable', message: 'busy' } },
    }));
    const error = await graphCall(
      ({ options }) => client.subscribedSkus.get({ options }),
      noSleep.sleep,
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphError);
    expect([(error as GraphError).status, (error as GraphError).code]).toEqual([503, 'ServiceUnavailable']);
    expect(asked).toHaveLength(4);
    expect(noSleep.waited).toHaveLength(3);
  });

  it('waits the Retry-After of a 429, then succeeds', async () => {
    noSleep.waited.length = 0;
    const { client, asked } = stubGraph((_url, n) =>
      n === 1
        ? {
            status: 429,
            body: { error: { code: 'TooManyRequests', message: 'slow down' } },
            headers: { 'retry-after': '2' },
          }
        : { status: 200, body: { value: [] } },
    );
    const result = await graphCall(({ options }) => client.subscribedSkus.get({ options }), noSleep.sleep);
    expect(result?.value).toEqual([]);
    expect(asked).toHaveLength(2);
    expect(noSleep.waited).toEqual([2000]);
  });

  it('retries a concurrency violation recognised by Graph’s message alone', async () => {
    noSleep.waited.length = 0;
    const { client, asked } = stubGraph((_url, n) =>
      n === 1
        ? {
            status: 400,
            body: {
              error: {
                code: 'Request_BadRequest',
                message:
                  'Error due to concurrent requests being made to the tenant. Please wait briefly and retry.',
              },
            },
          }
        : { status: 200, body: { value: [] } },
    );
    await graphCall(({ options }) => client.subscribedSkus.get({ options }), noSleep.sleep);
    expect(asked).toHaveLength(2);
  });

  it('throws a final refusal at once', async () => {
    noSleep.waited.length = 0;
    const { client, asked } = stubGraph(() => ({
      status: 403,
      body: { error: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges' } },
    }));
    const error = await graphCall(
      ({ options }) => client.subscribedSkus.get({ options }),
      noSleep.sleep,
    ).catch((e: unknown) => e);
    expect((error as GraphError).code).toBe('Authorization_RequestDenied');
    expect(asked).toHaveLength(1);
    expect(noSleep.waited).toEqual([]);
  });
});
