import { isGuid } from '../../ids.js';
import type { Directory } from '../../model/directory.js';
import type { User } from '../../model/types.js';
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
