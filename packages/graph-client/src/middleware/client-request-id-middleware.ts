import { randomUUID } from 'node:crypto';
import type { RequestOption } from '@microsoft/kiota-abstractions';
import type { Middleware } from '@microsoft/kiota-http-fetchlibrary';

/**
 * Gives every request a `client-request-id` (a new GUID unless the caller set one), as Microsoft's SDKs
 * do: Graph echoes it in its answer and error body, and support can trace a request by it.
 */
export class ClientRequestIdMiddleware implements Middleware {
  next: Middleware | undefined;

  execute(url: string, init: RequestInit, options?: Record<string, RequestOption>): Promise<Response> {
    if (!this.next) throw new Error('ClientRequestIdMiddleware must not be the last middleware');
    const headers = (init.headers as Record<string, string> | undefined) ?? {};
    if (!Object.keys(headers).some((k) => k.toLowerCase() === 'client-request-id')) {
      init.headers = { ...headers, 'client-request-id': randomUUID() };
    }
    return this.next.execute(url, init, options);
  }
}
