import { toGraphError } from '@entra-licensing/graph-client';

/** Runs a Graph call and lets only GraphError out (never Kiota's raw errors). */
export async function graphCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw toGraphError(error);
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
