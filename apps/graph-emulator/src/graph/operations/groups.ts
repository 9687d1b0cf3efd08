import { isGuid } from '../../ids.js';
import type { Directory } from '../../model/directory.js';
import type { Group, User } from '../../model/types.js';
import { badRequest, notFound } from '../errors.js';
import { emptyResponse, jsonResponse } from '../graph-response.js';
import { parseAssignLicenseBody } from '../license-body.js';
import { contextUrl } from '../list.js';
import { parseSelect } from '../odata-query.js';
import { GROUP_PROPERTIES, groupJson } from '../projections.js';
import type { GraphRequest } from '../request.js';
import { listGroups } from './group-lists.js';
import {
  countResponse,
  findGroup,
  methodNotAllowed,
  type Operation,
  read,
  segmentNotFound,
  selectFragment,
  write,
} from './operation.js';
import { listUsers } from './user-lists.js';

export function memberIdFromRef(body: unknown): string {
  const ref =
    typeof body === 'object' && body !== null ? (body as Record<string, unknown>)['@odata.id'] : undefined;
  if (typeof ref !== 'string') throw badRequest("The request body must contain '@odata.id'.");
  const id = /([^/]+)$/.exec(ref)?.[1] ?? '';
  if (!isGuid(id)) throw badRequest(`Invalid object identifier '${id}'.`);
  return id.toLowerCase();
}

/** Entra refuses direct membership changes on a dynamic group (its rule decides its members). */
function refuseDynamic(group: Group): void {
  if (group.membershipRule !== null) {
    throw badRequest(
      `Membership of the dynamic group '${group.id}' cannot be changed directly: its members follow its membershipRule.`,
    );
  }
}

export function groupOperation(request: GraphRequest, directory: Directory, rest: string[]): Operation {
  const { method } = request;
  if (rest.length === 0) {
    if (method !== 'GET') throw methodNotAllowed();
    return read('readGroups', 1, () => listGroups(request, directory, directory.listGroups(), 'groups'));
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
      // 202, the group's default properties (the docs' example shows four of them, "…"), AAD's internal location.
      return jsonResponse(202, groupJson(directory, group), {
        location: `https://graph.microsoft.com/v2/${directory.tenant.id}/directoryObjects/${group.id}/Microsoft.DirectoryServices.Group`,
      });
    });
  }
  if (action === 'assignedLicenses') {
    // Undocumented but served by Graph (microsoft-graph-docs #20524): the group's licenses as a collection.
    if (rest.length > 2) throw segmentNotFound(rest[2]!);
    if (method !== 'GET') throw methodNotAllowed();
    return read('readGroups', 1, () => {
      const group = findGroup(directory, id);
      return jsonResponse(200, {
        '@odata.context': contextUrl(request, `groups('${group.id}')/assignedLicenses`),
        value: directory
          .readGroupLicenses(group)
          .map((l) => ({ disabledPlans: [...l.disabledPlans], skuId: l.skuId })),
      });
    });
  }
  if (action === 'members' || action === 'membersWithLicenseErrors') {
    if (memberId === '$ref' && action === 'members') {
      if (method !== 'POST') throw methodNotAllowed();
      return write('writeMembers', id.toLowerCase(), () => {
        const group = findGroup(directory, id);
        refuseDynamic(group);
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
        refuseDynamic(group);
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
      // Nested groups are members too (not under the /microsoft.graph.user cast), after the users.
      const nested =
        action === 'members' && memberId === undefined
          ? group.memberGroupIds
              .map((g) => directory.groups.get(g))
              .filter((g): g is Group => g !== undefined)
          : [];
      return listUsers(request, directory, users, 'directoryObjects', nested);
    });
  }
  throw segmentNotFound(action);
}
