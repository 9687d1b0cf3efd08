import type { GraphClient } from '@entra-licensing/graph-client';
import { toGraphError } from '@entra-licensing/graph-client';
import { nextAction, type RetryLimits } from './next-action.js';
import { checkNextLink } from './next-link.js';
import { NO_CLIENT_RETRY } from './no-client-retry.js';
import type { ThrottleScopes } from './throttle-scopes.js';

/** What a call receives to pass on to Kiota (`builder.get({ …, options })`): the client's own retry turned off. */
export interface CallConfig {
  options: typeof NO_CLIENT_RETRY;
}

/** The retry limits of single reads (the failure policy is the engine's; only the counts differ). */
export const READ_LIMITS: Omit<RetryLimits, 'random'> = {
  maxRetries: 3,
  maxThrottleRetries: 10,
  backoffBaseMs: 500,
  backoffMaxMs: 30_000,
};

export const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * How a service's single reads wait: its `sleep`, and the throttle scopes it shares with its bulk runs, so that a
 * 429 on one read closes the scope for every read of the service until its Retry-After has passed.
 */
export interface ReadPace {
  sleep: (ms: number) => Promise<void>;
  scopes: ThrottleScopes;
}

/** A single read's 429 names no scope (the client keeps no headers): it closes the reads of the service. */
const READS = 'Service/Read';

/** Waits until no scope limiting reads is closed (a scope may be closed again while waiting). */
async function untilReadsOpen(pace: ReadPace): Promise<void> {
  for (;;) {
    const wait = pace.scopes.openAt('read') - Date.now();
    if (wait <= 0) return;
    await pace.sleep(wait);
  }
}

/**
 * Runs one Graph read (or an idempotent action) and lets only GraphError out (never Kiota's raw errors). Failed
 * answers go through the engine's decision function: 429 waits its Retry-After, busy, ambiguous and transient
 * answers are retried with jittered backoff, everything else is thrown at once. With a {@link ReadPace}, a read is
 * sent only while no scope limiting reads is closed, and its 429 closes the reads of the service for every caller.
 * Pass `config.options` on to the request so that the client's own retry handler stays out of it.
 */
export async function graphCall<T>(
  call: (config: CallConfig) => Promise<T>,
  pace: ((ms: number) => Promise<void>) | ReadPace = defaultSleep,
  limits: RetryLimits = { ...READ_LIMITS, random: Math.random },
): Promise<T> {
  const shared = typeof pace === 'function' ? undefined : pace;
  const sleep = typeof pace === 'function' ? pace : pace.sleep;
  let faultRetries = 0;
  let throttleRetries = 0;
  for (;;) {
    if (shared) await untilReadsOpen(shared);
    try {
      return await call({ options: NO_CLIENT_RETRY });
    } catch (error) {
      const graphError = toGraphError(error);
      const decision = nextAction(
        { kind: 'read', faultRetries, throttleRetries },
        {
          status: graphError.status,
          code: graphError.code,
          message: graphError.message,
          local: graphError.kind === 'refused',
          ...(graphError.retryAfterSeconds === undefined
            ? {}
            : { retryAfterMs: graphError.retryAfterSeconds * 1000 }),
        },
        limits,
      );
      if (decision.action === 'fail' || decision.action === 'accept') throw graphError;
      if (decision.action === 'wait') {
        throttleRetries += 1;
        if (shared) {
          shared.scopes.close(READS, decision.delayMs, Date.now());
          continue;
        }
      } else faultRetries += 1;
      await sleep(decision.delayMs);
    }
  }
}

type Page<T> = { value?: T[] | null; odataNextLink?: string | null } | undefined;

/** Where a paged read went: `path` is the collection under the version root, e.g. `/groups/{id}/members`. */
export interface PagedRead {
  client: GraphClient;
  path: string;
  /** The service's read pace (its sleep and shared throttle scopes). */
  pace?: ReadPace;
}

/**
 * Follows `@odata.nextLink` until the last page, but only to more of the same collection on the client's own origin:
 * any other link fails the read with an error naming it (see `engine/next-link.ts`).
 */
export async function allPages<T>(
  first: (config: CallConfig) => Promise<Page<T>>,
  next: (url: string, config: CallConfig) => Promise<Page<T>>,
  read: PagedRead,
): Promise<T[]> {
  const versionRoot = new URL(read.client.graphBaseUrl).pathname.replace(/\/+$/, '');
  const scope = { origin: read.client.graphOrigin, path: `${versionRoot}${read.path}` };
  const items: T[] = [];
  const followed = new Set<string>();
  let page = await graphCall(first, read.pace);
  for (;;) {
    items.push(...(page?.value ?? []));
    const link = page?.odataNextLink;
    if (!link) return items;
    const checked = checkNextLink(link, scope, followed);
    if (!checked.ok) throw checked.error;
    const url = checked.url.href;
    followed.add(url);
    page = await graphCall((config) => next(url, config), read.pace);
  }
}
