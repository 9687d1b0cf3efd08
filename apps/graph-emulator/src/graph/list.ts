import { type GraphResponse, jsonResponse } from './graph-response.js';
import { encodeSkipToken, type ListQuery } from './odata-query.js';
import type { GraphRequest } from './request.js';

const DEFAULT_PAGE_SIZE = 100;

export function contextUrl(request: GraphRequest, fragment: string): string {
  return `${request.baseUrl}/${request.version}/$metadata#${fragment}`;
}

function nextLink(request: GraphRequest, offset: number): string {
  const query = new URLSearchParams(request.query);
  query.set('$skiptoken', encodeSkipToken(offset));
  const path = request.segments.map(encodeURIComponent).join('/').replace(/%24/g, '$');
  return `${request.baseUrl}/${request.version}/${path}?${query.toString().replace(/%24/g, '$')}`;
}

/**
 * A page of a collection, with `@odata.count` when asked and `@odata.nextLink` when more remain. Only the page's
 * items are projected to JSON (`project`), so paging through a large tenant costs each page, not the whole list.
 */
export function pageResponse<T>(
  request: GraphRequest,
  query: ListQuery,
  items: readonly T[],
  project: (item: T) => Record<string, unknown>,
  contextFragment: string,
  maxPageSize = Number.POSITIVE_INFINITY,
): GraphResponse {
  const size = Math.min(query.top ?? DEFAULT_PAGE_SIZE, maxPageSize);
  const page = items.slice(query.skip, query.skip + size).map(project);
  const body: Record<string, unknown> = { '@odata.context': contextUrl(request, contextFragment) };
  if (query.count) body['@odata.count'] = items.length;
  if (query.skip + size < items.length) body['@odata.nextLink'] = nextLink(request, query.skip + size);
  body.value = page;
  return jsonResponse(200, body);
}

export function sortBy<T>(items: T[], query: ListQuery, value: (item: T, property: string) => unknown): T[] {
  const order = query.orderBy;
  if (!order) return items;
  const sign = order.descending ? -1 : 1;
  return [...items].sort((a, b) => {
    const x = String(value(a, order.property) ?? '');
    const y = String(value(b, order.property) ?? '');
    return x.localeCompare(y) * sign;
  });
}
