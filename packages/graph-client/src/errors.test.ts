import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GraphClient } from './create-graph-client.js';
import { GraphError, parseRetryAfter, toGraphError } from './errors.js';
import { type CaptureServer, graphError, SECRET, withTokenEndpoint } from './test-support/capture-server.js';
import { startServerWithClient } from './test-support/client-fixture.js';

let server: CaptureServer;
let client: GraphClient;

beforeEach(async () => {
  ({ server, client } = await startServerWithClient(undefined, { maxRetries: 0 }));
});
afterEach(() => server.close());

async function failure(promise: Promise<unknown>): Promise<GraphError> {
  try {
    await promise;
  } catch (err) {
    // the client itself rejects with GraphError (no toGraphError needed by callers)
    expect(err).toBeInstanceOf(GraphError);
    return err as GraphError;
  }
  throw new Error('expected the request to fail');
}

function expectNoSecrets(error: GraphError): void {
  const everything =
    JSON.stringify(error) + error.message + String(error.stack) + JSON.stringify(error.cause ?? {});
  expect(everything).not.toContain('token-1');
  expect(everything).not.toContain(SECRET);
  expect(everything).not.toMatch(/bearer/i);
}

describe('Graph errors become GraphError', () => {
  it.each([
    [400, 'Request_BadRequest', 'License assignment cannot be done for user with invalid usage location.'],
    [403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.'],
    [
      404,
      'Request_ResourceNotFound',
      "Resource 'nope' does not exist or one of its queried reference-property objects are not present.",
    ],
    [500, 'InternalServerError', 'Something went wrong.'],
  ])('maps HTTP %i %s', async (status, code, message) => {
    server.handle(withTokenEndpoint((_req, res) => graphError(res, status, code, message)));
    const error = await failure(client.users.byUserId('nope').get());
    expect(error).toBeInstanceOf(GraphError);
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({
      kind: 'graph',
      status,
      code,
      message,
      requestId: 'req-123',
      clientRequestId: 'client-456',
    });
    expect(error.innerError).toEqual({
      date: '2026-11-29T02:00:00.000Z',
      requestId: 'inner-request-id',
      clientRequestId: 'inner-client-id',
    });
    expectNoSecrets(error);
  });

  it('maps a 429 with its Retry-After (fractional) once retries are exhausted', async () => {
    server.handle(
      withTokenEndpoint((_req, res) =>
        graphError(res, 429, 'TooManyRequests', 'Please retry again later.', { 'retry-after': '2.128' }),
      ),
    );
    const error = await failure(client.subscribedSkus.get());
    expect(error).toMatchObject({ status: 429, code: 'TooManyRequests', retryAfterSeconds: 2.128 });
  });

  it('keeps the status of an error without a JSON body (a proxy HTML page)', async () => {
    server.handle(
      withTokenEndpoint((_req, res) => {
        res.writeHead(502, { 'content-type': 'text/html', 'retry-after': 'Wed, 21 Oct 2099 07:28:00 GMT' });
        res.end('<html>Bad gateway</html>');
      }),
    );
    const error = await failure(client.subscribedSkus.get());
    expect(error).toMatchObject({ kind: 'graph', status: 502, code: 'HTTP502' });
    expect(error.message).toMatch(/HTTP 502 .*without a JSON error body \(text\/html\)/);
    expect(error.retryAfterSeconds).toBeGreaterThan(60);
  });

  it('maps a connection reset to a network GraphError', async () => {
    // answer the token request, then kill the socket of the Graph request without answering
    server.handle(withTokenEndpoint((_req, res) => res.socket?.destroy()));
    const error = await failure(client.subscribedSkus.get());
    expect(error).toMatchObject({ kind: 'network', status: undefined });
    expect(['ECONNRESET', 'UND_ERR_SOCKET', 'NetworkError']).toContain(error.code);
    expect(error.message).toMatch(/failed before a response was received/);
    expectNoSecrets(error);
  });

  it('serializes to JSON without stack or cause', () => {
    const error = new GraphError({ kind: 'graph', status: 400, code: 'X', message: 'm', requestId: 'r' });
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: 'GraphError',
      kind: 'graph',
      status: 400,
      code: 'X',
      message: 'm',
      requestId: 'r',
    });
  });
});

describe('toGraphError', () => {
  it('passes a GraphError through and wraps anything else', () => {
    const original = new GraphError({ kind: 'refused', code: 'X', message: 'm' });
    expect(toGraphError(original)).toBe(original);
    expect(toGraphError('boom')).toMatchObject({
      kind: 'unexpected',
      code: 'UnexpectedError',
      message: 'boom',
    });
  });

  it('reads a DefaultApiError-like object (status and headers, no body)', () => {
    const err = Object.assign(new Error('no error class is registered'), {
      responseStatusCode: 418,
      responseHeaders: { 'request-id': ['abc'] },
    });
    expect(toGraphError(err)).toMatchObject({
      kind: 'graph',
      status: 418,
      code: 'HTTP418',
      requestId: 'abc',
    });
  });
});

describe('token redaction', () => {
  it('keeps bearer tokens and JWTs out of messages, even from a custom fetch that echoes them', () => {
    const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJncmFwaCJ9.c2lnbmF0dXJl';
    const error = toGraphError(new Error(`proxy refused Authorization: Bearer ${jwt} (token ${jwt})`));
    expect(error.message).toBe('proxy refused Authorization: Bearer [redacted] (token [redacted token])');
    expect(
      JSON.stringify(error) + String(error.stack) + String((error.cause as Error).message),
    ).not.toContain(jwt);
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds, fractions and HTTP dates', () => {
    expect(parseRetryAfter('10')).toBe(10);
    expect(parseRetryAfter('2.128')).toBe(2.128);
    expect(
      parseRetryAfter('Wed, 21 Oct 2015 07:28:10 GMT', Date.parse('Wed, 21 Oct 2015 07:28:00 GMT')),
    ).toBe(10);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
  });
});
