/** A routed Graph request and the helpers every route uses. */
import { isGuid } from '../../ids.js';
import type { Directory } from '../../model/directory.js';
import type { Group, User } from '../../model/types.js';
import { badRequest, GraphError, notFound } from '../errors.js';
import type { GraphResponse } from '../graph-response.js';
import type { ListQuery } from '../odata-query.js';
import type { PermissionKind } from '../permissions.js';
import { type GraphRequest, isEventual } from '../request.js';

/** A routed Graph request: what it costs, who may call it, and how to run it. */
export interface Operation {
  write: boolean;
  permission: PermissionKind;
  /** Base resource-unit cost before query-option adjustments. */
  baseCost: number;
  /** The object a write changes (request log `target`, concurrency key). */
  target?: string;
  run(): GraphResponse;
}

export const read = (permission: PermissionKind, baseCost: number, run: () => GraphResponse): Operation => ({
  write: false,
  permission,
  baseCost,
  run,
});
export const write = (permission: PermissionKind, target: string, run: () => GraphResponse): Operation => ({
  write: true,
  permission,
  baseCost: 1,
  target,
  run,
});

export const segmentNotFound = (segment: string): GraphError =>
  new GraphError(400, 'BadRequest', `Resource not found for the segment '${segment}'.`);
export const methodNotAllowed = (): GraphError =>
  new GraphError(405, 'Request_BadRequest', 'Specified HTTP method is not allowed for the request target.');

/** Resource-unit cost after Graph's query-option adjustments ($select −1, $expand +1, $top < 20 −1, min 1). */
export function resourceUnitCost(operation: Operation, query: URLSearchParams): number {
  if (operation.write) return 1;
  let cost = operation.baseCost;
  if (query.has('$select')) cost -= 1;
  if (query.has('$expand')) cost += 1;
  const top = Number(query.get('$top'));
  if (query.has('$top') && top < 20) cost -= 1;
  return Math.max(1, cost);
}

export function findGroup(directory: Directory, id: string): Group {
  if (!isGuid(id)) throw badRequest(`Invalid object identifier '${id}'.`);
  const group = directory.groups.get(id.toLowerCase());
  if (!group) throw notFound(id);
  return group;
}

export function findUser(directory: Directory, idOrUpn: string): User {
  if (!isGuid(idOrUpn) && !idOrUpn.includes('@')) throw badRequest(`Invalid object identifier '${idOrUpn}'.`);
  const user = directory.findUser(idOrUpn);
  if (!user) throw notFound(idOrUpn);
  return user;
}

export function selectFragment(
  collection: string,
  query: ListQuery | { select: string[] | undefined },
): string {
  return query.select ? `${collection}(${query.select.join(',')})` : collection;
}

export function countResponse(request: GraphRequest, count: number): GraphResponse {
  if (!isEventual(request)) throw badRequest('Count is not currently supported.');
  return { status: 200, headers: { 'content-type': 'text/plain' }, body: String(count) };
}
