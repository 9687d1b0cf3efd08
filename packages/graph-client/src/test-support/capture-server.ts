import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CapturedRequest {
  method: string;
  /** Path and query exactly as received. */
  url: string;
  headers: IncomingMessage['headers'];
  /** Raw body bytes as text. */
  body: string;
  at: number;
}

export type Handler = (req: CapturedRequest, res: ServerResponse) => void;

export interface CaptureServer {
  origin: string;
  requests: CapturedRequest[];
  /** Replaces the handler. */
  handle(handler: Handler): void;
  close(): Promise<void>;
}

export function json(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

export function graphError(
  res: ServerResponse,
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
): void {
  json(
    res,
    status,
    {
      error: {
        code,
        message,
        innerError: {
          date: '2026-11-29T02:00:00',
          'request-id': 'inner-request-id',
          'client-request-id': 'inner-client-id',
        },
      },
    },
    { 'request-id': 'req-123', 'client-request-id': 'client-456', ...headers },
  );
}

/** A test-local HTTP server on 127.0.0.1 that records every request byte-for-byte. */
export async function startCaptureServer(
  handler: Handler = (_req, res) => json(res, 200, {}),
): Promise<CaptureServer> {
  let current = handler;
  const requests: CapturedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const captured: CapturedRequest = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        at: performance.now(),
      };
      requests.push(captured);
      current(captured, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    handle(h) {
      current = h;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export const TENANT = '11111111-2222-3333-4444-555555555555';
export const CLIENT_ID = '66666666-7777-8888-9999-000000000000';
export const SECRET = 'super-secret-value~42';

/** Serves tokens on `/{tenant}/oauth2/v2.0/token` (counting them) and delegates everything else. */
export function withTokenEndpoint(graph: Handler, expiresIn = 3599): Handler & { issued: () => number } {
  let issued = 0;
  const handler = ((req, res) => {
    if (req.url.endsWith('/oauth2/v2.0/token')) {
      issued++;
      json(res, 200, { token_type: 'Bearer', expires_in: expiresIn, access_token: `token-${issued}` });
      return;
    }
    graph(req, res);
  }) as Handler & { issued: () => number };
  handler.issued = () => issued;
  return handler;
}

/** Requests the server received, without the token requests. */
export function graphRequestsOf(server: CaptureServer): CapturedRequest[] {
  return server.requests.filter((r) => !r.url.includes('/oauth2/'));
}
