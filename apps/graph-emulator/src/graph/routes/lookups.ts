/** Finding the objects a route names, and small answer helpers every handler uses. */

import { graphErrors } from '../../errors/graph-errors.js';
import { isGuid } from '../../ids.js';
import type { Directory } from '../../model/directory.js';
import type { Group, User } from '../../model/types.js';
import type { GraphResponse } from '../graph-response.js';
import type { ListQuery } from '../odata-query.js';
import { type GraphRequest, isEventual } from '../request.js';

export function findGroup(directory: Directory, id: string): Group {
  if (!isGuid(id)) throw graphErrors.badRequest(`Invalid object identifier '${id}'.`);
  const group = directory.groups.get(id.toLowerCase());
  if (!group) throw graphErrors.notFound(id);
  return group;
}

export function findUser(directory: Directory, idOrUpn: string): User {
  if (!isGuid(idOrUpn) && !idOrUpn.includes('@')) {
    throw graphErrors.badRequest(`Invalid object identifier '${idOrUpn}'.`);
  }
  const user = directory.findUser(idOrUpn);
  if (!user) throw graphErrors.notFound(idOrUpn);
  return user;
}

export function selectFragment(
  collection: string,
  query: ListQuery | { select: string[] | undefined },
): string {
  return query.select ? `${collection}(${query.select.join(',')})` : collection;
}

export function countResponse(request: GraphRequest, count: number): GraphResponse {
  if (!isEventual(request)) throw graphErrors.badRequest('Count is not currently supported.');
  return { status: 200, headers: { 'content-type': 'text/plain' }, body: String(count) };
}

/** Resource-unit cost after Graph's query-option adjustments ($select −1, $expand +1, $top < 20 −1, min 1). */
export function resourceUnitCost(
  operation: { write: boolean; baseCost: number },
  query: URLSearchParams,
): number {
  if (operation.write) return 1;
  let cost = operation.baseCost;
  if (query.has('$select')) cost -= 1;
  if (query.has('$expand')) cost += 1;
  const top = Number(query.get('$top'));
  if (query.has('$top') && top < 20) cost -= 1;
  return Math.max(1, cost);
}
