import type { RequestOption } from '@microsoft/kiota-abstractions';
import type { Middleware } from '@microsoft/kiota-http-fetchlibrary';
import type { TokenSource } from '../auth/token-source.js';
import { assertGraphOrigin } from '../host-policy.js';

function setAuthorization(init: RequestInit, token: string | undefined): void {
  const headers: Record<string, string> = {};
  for (const [key, value] of Object.entries((init.headers as Record<string, string> | undefined) ?? {})) {
    if (key.toLowerCase() !== 'authorization') headers[key] = value;
  }
  if (token) headers.Authorization = `Bearer ${token}`;
  init.headers = headers;
}

/**
 * Last middleware before fetch: refuses any URL outside the configured Graph origin (so a redirect or a
 * foreign `@odata.nextLink` never receives the token), adds the bearer token, and on a 401 drops the
 * cached token and tries once more with a fresh one.
 */
export class GraphAuthorizationMiddleware implements Middleware {
  next: Middleware | undefined;

  constructor(
    private readonly graphOrigin: string,
    private readonly tokens: TokenSource,
  ) {}

  async execute(url: string, init: RequestInit, options?: Record<string, RequestOption>): Promise<Response> {
    const next = this.next;
    if (!next) throw new Error('GraphAuthorizationMiddleware must not be the last middleware');
    assertGraphOrigin(url, this.graphOrigin);
    const token = await this.tokens.getToken();
    setAuthorization(init, token);
    const response = await next.execute(url, init, options);
    if (response.status !== 401 || token === undefined) return response;
    this.tokens.invalidate();
    const fresh = await this.tokens.getToken();
    if (fresh === token) return response;
    await response.body?.cancel();
    setAuthorization(init, fresh);
    return next.execute(url, init, options);
  }
}
