import { isGuid } from '../ids.js';
import type { Directory } from '../model/directory.js';
import type { Group, User } from '../model/types.js';
import { badRequest, GraphError, notFound } from './errors.js';
import { emptyResponse, type GraphResponse, jsonResponse } from './graph-response.js';
import { parseAssignLicenseBody } from './license-body.js';
import { contextUrl, pageResponse, sortBy } from './list.js';
import { type FilterClause, type ListQuery, parseListQuery, parseSelect } from './odata-query.js';
import type { PermissionKind } from './permissions.js';
import {
  GROUP_PROPERTIES,
  groupJson,
  licenseDetailsJson,
  subscribedSkuJson,
  USER_PROPERTIES,
  userJson,
} from './projections.js';
import { type GraphRequest, isEventual } from './request.js';

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

const USER_FILTERABLE = [
  'id',
  'displayName',
  'userPrincipalName',
  'mail',
  'usageLocation',
  'accountEnabled',
  'jobTitle',
  'givenName',
  'surname',
];
const GROUP_FILTERABLE = ['id', 'displayName', 'mailNickname', 'mail', 'mailEnabled', 'securityEnabled'];

const read = (permission: PermissionKind, baseCost: number, run: () => GraphResponse): Operation => ({
  write: false,
  permission,
  baseCost,
  run,
});
const write = (permission: PermissionKind, target: string, run: () => GraphResponse): Operation => ({
  write: true,
  permission,
  baseCost: 1,
  target,
  run,
});

const segmentNotFound = (segment: string): GraphError =>
  new GraphError(400, 'BadRequest', `Resource not found for the segment '${segment}'.`);
const methodNotAllowed = (): GraphError =>
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

function findGroup(directory: Directory, id: string): Group {
  if (!isGuid(id)) throw badRequest(`Invalid object identifier '${id}'.`);
  const group = directory.groups.get(id.toLowerCase());
  if (!group) throw notFound(id);
  return group;
}

function findUser(directory: Directory, idOrUpn: string): User {
  if (!isGuid(idOrUpn) && !idOrUpn.includes('@')) throw badRequest(`Invalid object identifier '${idOrUpn}'.`);
  const user = directory.findUser(idOrUpn);
  if (!user) throw notFound(idOrUpn);
  return user;
}

function matchText(actual: unknown, clause: FilterClause): boolean {
  if (clause.kind === 'equals') {
    if (typeof actual === 'string' && typeof clause.value === 'string') {
      return actual.toLowerCase() === clause.value.toLowerCase();
    }
    return actual === clause.value;
  }
  if (clause.kind === 'startsWith') {
    return typeof actual === 'string' && actual.toLowerCase().startsWith(clause.value.toLowerCase());
  }
  return false;
}

function userMatches(directory: Directory, user: User, clauses: FilterClause[]): boolean {
  return clauses.every((clause) => {
    switch (clause.kind) {
      case 'licenseSku':
        return directory.userAssignedLicenses(user).some((l) => l.skuId === clause.skuId);
      case 'anyLicense':
        return directory.userAssignedLicenses(user).length > 0;
      case 'licenseCount': {
        const n = directory.userAssignedLicenses(user).length;
        return clause.op === 'eq' ? n === clause.value : n !== clause.value;
      }
      case 'equals':
      case 'startsWith':
        return matchText((user as unknown as Record<string, unknown>)[clause.property], clause);
      default:
        return false;
    }
  });
}

function groupMatches(directory: Directory, group: Group, clauses: FilterClause[]): boolean {
  return clauses.every((clause) => {
    switch (clause.kind) {
      case 'licenseSku':
        return group.assignedLicenses.some((l) => l.skuId === clause.skuId);
      case 'anyLicense':
        return group.assignedLicenses.length > 0;
      case 'hasMembersWithLicenseErrors':
        return directory.hasMembersWithLicenseErrors(group) === clause.value;
      case 'groupType':
        return group.groupTypes.includes(clause.value);
      case 'equals':
      case 'startsWith':
        return matchText((group as unknown as Record<string, unknown>)[clause.property], clause);
      default:
        return false;
    }
  });
}

function selectFragment(collection: string, query: ListQuery | { select: string[] | undefined }): string {
  return query.select ? `${collection}(${query.select.join(',')})` : collection;
}

function userListQuery(request: GraphRequest): ListQuery {
  return parseListQuery(request.query, {
    resource: 'User',
    properties: USER_PROPERTIES,
    filterable: USER_FILTERABLE,
    orderable: ['displayName', 'userPrincipalName'],
    eventual: isEventual(request),
  });
}

function listUsers(
  request: GraphRequest,
  directory: Directory,
  users: User[],
  fragment: string,
): GraphResponse {
  const query = userListQuery(request);
  const filtered = query.filter
    ? users.filter((u) => userMatches(directory, u, query.filter!.clauses))
    : users;
  const sorted = sortBy(filtered, query, (u, p) => (u as unknown as Record<string, unknown>)[p]);
  const items = sorted.map((u) => {
    const json = userJson(directory, u, query.select);
    return fragment === 'users' ? json : { '@odata.type': '#microsoft.graph.user', ...json };
  });
  return pageResponse(request, query, items, selectFragment(fragment, query));
}

function countResponse(request: GraphRequest, count: number): GraphResponse {
  if (!isEventual(request)) throw badRequest('Count is not currently supported.');
  return { status: 200, headers: { 'content-type': 'text/plain' }, body: String(count) };
}

const SUBSCRIBED_SKU_PROPERTIES = [
  'accountName',
  'accountId',
  'appliesTo',
  'capabilityStatus',
  'consumedUnits',
  'id',
  'skuId',
  'skuPartNumber',
  'subscriptionIds',
  'prepaidUnits',
  'servicePlans',
];

const skuListCache = new WeakMap<Directory, { key: string; body: unknown; text: string }>();

function skuOperation(request: GraphRequest, directory: Directory, rest: string[]): Operation {
  if (request.method !== 'GET') throw methodNotAllowed();
  if (rest.length === 0) {
    return read('readSkus', 3, () => {
      if (request.query.has('$filter')) throw badRequest('Query filter expressions are not supported.');
      const select = parseSelect(request.query, 'subscribedSku', SUBSCRIBED_SKU_PROPERTIES);
      // The list is large (every plan of every SKU) and read often: cache it while nothing it shows changes.
      const skus = [...directory.skus.values()];
      const consumed = skus.map((s) => directory.consumedUnits(s.skuId)).join(',');
      const key = `${request.baseUrl}|${request.version}|${select?.join(',')}|${consumed}`;
      const cached = skuListCache.get(directory);
      if (cached?.key === key) return { ...jsonResponse(200, cached.body), rawJson: cached.text };
      const value = skus.map((sku) => {
        const json = subscribedSkuJson(directory, sku);
        return select ? Object.fromEntries(select.map((k) => [k, json[k]])) : json;
      });
      const body = {
        '@odata.context': contextUrl(
          request,
          select ? `subscribedSkus(${select.join(',')})` : 'subscribedSkus',
        ),
        value,
      };
      skuListCache.set(directory, { key, body, text: JSON.stringify(body) });
      return jsonResponse(200, body);
    });
  }
  const id = rest[0]!;
  if (rest.length > 1) throw segmentNotFound(rest[1]!);
  return read('readSkus', 1, () => {
    const [tenantId, skuId] = id.toLowerCase().split('_');
    const sku = tenantId === directory.tenant.id && skuId ? directory.skus.get(skuId) : undefined;
    if (!sku) throw notFound(id);
    return jsonResponse(200, {
      '@odata.context': contextUrl(request, 'subscribedSkus/$entity'),
      ...subscribedSkuJson(directory, sku),
    });
  });
}

function userOperation(request: GraphRequest, directory: Directory, rest: string[]): Operation {
  const { method } = request;
  if (rest.length === 0) {
    if (method !== 'GET') throw methodNotAllowed();
    return read('readUsers', 2, () => listUsers(request, directory, directory.listUsers(), 'users'));
  }
  const [id, action, sub] = rest as [string, string | undefined, string | undefined];
  if (id === '$count') {
    if (method !== 'GET') throw methodNotAllowed();
    return read('readUsers', 1, () => countResponse(request, directory.listUsers().length));
  }
  if (action === undefined) {
    if (method === 'GET') {
      return read('readUsers', 2, () => {
        const user = findUser(directory, id);
        const select = parseSelect(request.query, 'User', USER_PROPERTIES);
        return jsonResponse(200, {
          '@odata.context': contextUrl(request, `${selectFragment('users', { select })}/$entity`),
          ...userJson(directory, user, select),
        });
      });
    }
    if (method === 'PATCH') {
      return write('writeUsers', directory.findUser(id)?.id ?? id, () => {
        const user = findUser(directory, id);
        patchUser(user, request.body);
        return emptyResponse(204);
      });
    }
    throw methodNotAllowed();
  }
  const name = action.replace(/^microsoft\.graph\./, '');
  if (name === 'assignLicense' || name === 'reprocessLicenseAssignment') {
    if (rest.length > 2) throw segmentNotFound(rest[2]!);
    if (method !== 'POST') throw methodNotAllowed();
    return write('assignUserLicenses', directory.findUser(id)?.id ?? id, () => {
      const user = findUser(directory, id);
      if (name === 'assignLicense') directory.assignUserLicenses(user, parseAssignLicenseBody(request.body));
      else directory.reprocessUser(user);
      return jsonResponse(200, {
        '@odata.context': contextUrl(request, 'users/$entity'),
        ...userJson(directory, user),
      });
    });
  }
  if (action === 'licenseDetails') {
    if (method !== 'GET') throw methodNotAllowed();
    return read('readLicenseDetails', 2, () => {
      const user = findUser(directory, id);
      const details = licenseDetailsJson(directory, user);
      if (sub !== undefined) {
        const one = details.find((d) => d.id === sub);
        if (!one) throw notFound(sub);
        return jsonResponse(200, {
          '@odata.context': contextUrl(request, `users('${user.id}')/licenseDetails/$entity`),
          ...one,
        });
      }
      return jsonResponse(200, {
        '@odata.context': contextUrl(request, `users('${user.id}')/licenseDetails`),
        value: details,
      });
    });
  }
  throw segmentNotFound(action);
}

const PATCHABLE_USER: Record<string, (value: unknown) => boolean> = {
  usageLocation: (v) => v === null || (typeof v === 'string' && /^[A-Za-z]{2}$/.test(v)),
  displayName: (v) => typeof v === 'string' && v.length > 0,
  jobTitle: (v) => v === null || typeof v === 'string',
  givenName: (v) => v === null || typeof v === 'string',
  surname: (v) => v === null || typeof v === 'string',
  accountEnabled: (v) => typeof v === 'boolean',
};

function patchUser(user: User, body: unknown): void {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw badRequest('The request body must be a JSON object.');
  }
  const entries = Object.entries(body);
  for (const [key, value] of entries) {
    const valid = PATCHABLE_USER[key];
    if (!valid) throw badRequest(`Property '${key}' cannot be updated by this emulator.`);
    if (!valid(value)) throw badRequest(`Invalid value specified for property '${key}' of resource 'User'.`);
  }
  for (const [key, value] of entries) {
    const v = key === 'usageLocation' && typeof value === 'string' ? value.toUpperCase() : value;
    (user as unknown as Record<string, unknown>)[key] = v;
  }
}

function memberIdFromRef(body: unknown): string {
  const ref =
    typeof body === 'object' && body !== null ? (body as Record<string, unknown>)['@odata.id'] : undefined;
  if (typeof ref !== 'string') throw badRequest("The request body must contain '@odata.id'.");
  const id = /([^/]+)$/.exec(ref)?.[1] ?? '';
  if (!isGuid(id)) throw badRequest(`Invalid object identifier '${id}'.`);
  return id.toLowerCase();
}

function groupOperation(request: GraphRequest, directory: Directory, rest: string[]): Operation {
  const { method } = request;
  if (rest.length === 0) {
    if (method !== 'GET') throw methodNotAllowed();
    return read('readGroups', 1, () => {
      const query = parseListQuery(request.query, {
        resource: 'Group',
        properties: GROUP_PROPERTIES,
        filterable: GROUP_FILTERABLE,
        orderable: ['displayName'],
        eventual: isEventual(request),
      });
      const groups = directory.listGroups();
      const filtered = query.filter
        ? groups.filter((g) => groupMatches(directory, g, query.filter!.clauses))
        : groups;
      const sorted = sortBy(filtered, query, (g, p) => (g as unknown as Record<string, unknown>)[p]);
      const items = sorted.map((g) => groupJson(directory, g, query.select));
      return pageResponse(request, query, items, selectFragment('groups', query));
    });
  }
  const [id, action, memberId, ref] = rest as [
    string,
    string | undefined,
    string | undefined,
    string | undefined,
  ];
  if (id === '$count') {
    if (method !== 'GET') throw methodNotAllowed();
    return read('readGroups', 1, () => countResponse(request, directory.listGroups().length));
  }
  if (action === undefined) {
    if (method !== 'GET') throw methodNotAllowed();
    return read('readGroups', 1, () => {
      const group = findGroup(directory, id);
      const select = parseSelect(request.query, 'Group', GROUP_PROPERTIES);
      return jsonResponse(200, {
        '@odata.context': contextUrl(request, `${selectFragment('groups', { select })}/$entity`),
        ...groupJson(directory, group, select),
      });
    });
  }
  const name = action.replace(/^microsoft\.graph\./, '');
  if (name === 'assignLicense') {
    if (rest.length > 2) throw segmentNotFound(rest[2]!);
    if (method !== 'POST') throw methodNotAllowed();
    return write('assignGroupLicenses', id.toLowerCase(), () => {
      const group = findGroup(directory, id);
      directory.assignGroupLicenses(group, parseAssignLicenseBody(request.body));
      // The documented answer: 202, the group's key properties, and AAD's internal location.
      return jsonResponse(
        202,
        {
          id: group.id,
          createdDateTime: group.createdDateTime,
          groupTypes: [...group.groupTypes],
          securityEnabled: group.securityEnabled,
        },
        {
          location: `https://graph.microsoft.com/v2/${directory.tenant.id}/directoryObjects/${group.id}/Microsoft.DirectoryServices.Group`,
        },
      );
    });
  }
  if (action === 'members' || action === 'membersWithLicenseErrors') {
    if (memberId === '$ref' && action === 'members') {
      if (method !== 'POST') throw methodNotAllowed();
      return write('writeMembers', id.toLowerCase(), () => {
        const group = findGroup(directory, id);
        const userId = memberIdFromRef(request.body);
        const user = directory.users.get(userId);
        if (!user) throw notFound(userId);
        directory.addMember(group, user);
        return emptyResponse(204);
      });
    }
    if (memberId !== undefined && ref === '$ref' && action === 'members') {
      if (method !== 'DELETE') throw methodNotAllowed();
      return write('writeMembers', id.toLowerCase(), () => {
        const group = findGroup(directory, id);
        const user = directory.findUser(memberId);
        if (!user || !directory.removeMember(group, user)) throw notFound(memberId);
        return emptyResponse(204);
      });
    }
    if (method !== 'GET') throw methodNotAllowed();
    if (memberId === '$count') {
      return read('readGroups', 1, () => {
        const group = findGroup(directory, id);
        const n =
          action === 'members' ? group.memberIds.length : directory.membersWithLicenseErrors(group).length;
        return countResponse(request, n);
      });
    }
    if (memberId !== undefined && memberId !== 'microsoft.graph.user') throw segmentNotFound(memberId);
    return read('readGroups', action === 'members' ? 3 : 1, () => {
      const group = findGroup(directory, id);
      const users =
        action === 'members'
          ? group.memberIds.map((m) => directory.users.get(m)).filter((u): u is User => u !== undefined)
          : directory.membersWithLicenseErrors(group);
      return listUsers(request, directory, users, 'directoryObjects');
    });
  }
  throw segmentNotFound(action);
}

/** Routes a Graph request (v1.0 and beta share the licensing surface). */
export function resolveOperation(directory: Directory, request: GraphRequest): Operation {
  const [head, ...rest] = request.segments;
  switch (head) {
    case 'subscribedSkus':
      return skuOperation(request, directory, rest);
    case 'users':
      return userOperation(request, directory, rest);
    case 'groups':
      return groupOperation(request, directory, rest);
    case 'me':
      throw new GraphError(
        400,
        'BadRequest',
        '/me request is only valid with delegated authentication flow.',
      );
    default:
      throw segmentNotFound(head ?? '');
  }
}
