import { toGraphError } from '@entra-licensing/graph-client';

const CONCURRENCY_RETRIES = 4;

/**
 * Runs a Graph call and lets only GraphError out (never Kiota's raw errors). The client's middleware already
 * retries 429/503/504; `Directory_ConcurrencyViolation` (another write on the same object; nothing was applied)
 * is retried here a few times with jittered backoff.
 */
export async function graphCall<T>(call: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      const graphError = toGraphError(error);
      const busy =
        graphError.code === 'Directory_ConcurrencyViolation' || /concurrent/i.test(graphError.message);
      if (!busy || attempt > CONCURRENCY_RETRIES) throw graphError;
      await defaultSleep(100 * 2 ** (attempt - 1) * (0.5 + Math.random() * 0.5));
    }
  }
}

/** Follows `@odata.nextLink` until the last page. */
export async function allPages<T>(
  first: () => Promise<{ value?: T[] | null; odataNextLink?: string | null } | undefined>,
  next: (url: string) => Promise<{ value?: T[] | null; odataNextLink?: string | null } | undefined>,
): Promise<T[]> {
  const items: T[] = [];
  let page = await graphCall(first);
  for (let guard = 0; guard < 10_000; guard++) {
    items.push(...(page?.value ?? []));
    const link = page?.odataNextLink;
    if (!link) break;
    page = await graphCall(() => next(link));
  }
  return items;
}

export const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
