import { RetryHandlerOptions } from '@entra-licensing/graph-client';

/**
 * Request options that turn the Graph client's retry handler off for one request (Kiota reads a per-request
 * `RetryHandlerOptions` before the client's). The licensing engine retries by its own failure policy
 * (`retry-policy.ts`), so that a request is never retried in two places.
 */
export const NO_CLIENT_RETRY: RetryHandlerOptions[] = [
  new RetryHandlerOptions({ maxRetries: 0, shouldRetry: () => false }),
];
