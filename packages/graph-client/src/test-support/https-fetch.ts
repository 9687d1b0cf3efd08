import { request } from 'node:https';
import type { FetchLike } from '../fetch.js';

/**
 * A fetch over node:https that trusts one extra CA (the emulator's self-signed certificate), for tests that talk
 * TLS without NODE_EXTRA_CA_CERTS (which Node reads only at start-up).
 */
export function httpsFetchTrusting(ca: string): FetchLike {
  return async (url, init) => {
    const body =
      init.body === undefined || init.body === null ? undefined : await new Response(init.body).text();
    return await new Promise<Response>((resolve, reject) => {
      const req = request(
        url,
        {
          method: init.method ?? 'GET',
          headers: Object.fromEntries(new Headers(init.headers).entries()),
          ca,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const headers = new Headers();
            for (const [key, value] of Object.entries(res.headers)) {
              if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
            }
            const status = res.statusCode ?? 0;
            const noBody = status === 204 || status === 304;
            resolve(new Response(noBody ? null : Buffer.concat(chunks), { status, headers }));
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  };
}
