import { graphErrors } from '../../errors/graph-errors.js';
import { isGuid } from '../../ids.js';
import type { Group, User } from '../../model/types.js';
import { emptyResponse, type GraphResponse, jsonResponse } from '../graph-response.js';
import { parseAssignLicenseBody } from '../license-body.js';
import { contextUrl } from '../list.js';
import { parseSelect } from '../odata-query.js';
import { GROUP_PROPERTIES, groupJson } from '../projections.js';
import { listGroups } from './group-lists.js';
import { countResponse, findGroup, selectFragment } from './lookups.js';
import type { RouteContext } from './route-table.js';
import { listUsers } from './user-lists.js';

export const groupTarget = ({ params }: RouteContext): string => params.groupId!.toLowerCase();

export function memberIdFromRef(body: unknown): string {
  const ref =
    typeof body === 'object' && body !== null ? (body as Record<string, unknown>)['@odata.id'] : undefined;
  if (typeof ref !== 'string') throw graphErrors.badRequest("The request body must contain '@odata.id'.");
  const id = /([^/]+)$/.exec(ref)?.[1] ?? '';
  if (!isGuid(id)) throw graphErrors.badRequest(`Invalid object identifier '${id}'.`);
  return id.toLowerCase();
}

/** Entra refuses direct membership changes on a dynamic group (its rule decides its members). */
function refuseDynamic(group: Group): void {
  if (group.membershipRule !== null) {
    throw graphErrors.badRequest(
      `Membership of the dynamic group '${group.id}' cannot be changed directly: its members follow its membershipRule.`,
    );
  }
}

export const listAllGroups = ({ request, directory }: RouteContext): GraphResponse =>
  listGroups(request, directory, directory.listGroups(), 'groups');

export const countGroups = ({ request, directory }: RouteContext): GraphResponse =>
  countResponse(request, directory.listGroups().length);

export function getGroup({ request, directory, params }: RouteContext): GraphResponse {
  const group = findGroup(directory, params.groupId!);
  const select = parseSelect(request.query, 'Group', GROUP_PROPERTIES);
  return jsonResponse(200, {
    '@odata.context': contextUrl(request, `${selectFragment('groups', { select })}/$entity`),
    ...groupJson(directory, group, select),
  });
}

/** `POST /groups/{id}/assignLicense`: 202, the group's default properties, AAD's internal location; processed later. */
export function assignGroupLicense({ request, directory, params }: RouteContext): GraphResponse {
  const group = findGroup(directory, params.groupId!);
  directory.assignGroupLicenses(group, parseAssignLicenseBody(request.body));
  // The docs' example shows four of the default properties, then "…".
  return jsonResponse(202, groupJson(directory, group), {
    location: `https://graph.microsoft.com/v2/${directory.tenant.id}/directoryObjects/${group.id}/Microsoft.DirectoryServices.Group`,
  });
}

/** `GET /groups/{id}/assignedLicenses`: undocumented but served by Graph (microsoft-graph-docs #20524). */
export function listGroupAssignedLicenses({ request, directory, params }: RouteContext): GraphResponse {
  const group = findGroup(directory, params.groupId!);
  return jsonResponse(200, {
    '@odata.context': contextUrl(request, `groups('${group.id}')/assignedLicenses`),
    value: directory
      .readGroupLicenses(group)
      .map((l) => ({ disabledPlans: [...l.disabledPlans], skuId: l.skuId })),
  });
}

export function addMember({ request, directory, params }: RouteContext): GraphResponse {
  const group = findGroup(directory, params.groupId!);
  refuseDynamic(group);
  const userId = memberIdFromRef(request.body);
  const user = directory.users.get(userId);
  if (!user) throw graphErrors.notFound(userId);
  directory.addMember(group, user);
  return emptyResponse(204);
}

export function removeMember({ directory, params }: RouteContext): GraphResponse {
  const group = findGroup(directory, params.groupId!);
  refuseDynamic(group);
  const user = directory.findUser(params.memberId!);
  if (!user || !directory.removeMember(group, user)) throw graphErrors.notFound(params.memberId!);
  return emptyResponse(204);
}

function directUsers(context: RouteContext, group: Group): User[] {
  return group.memberIds.map((m) => context.directory.users.get(m)).filter((u): u is User => u !== undefined);
}

/** `GET /groups/{id}/members`: users, then nested groups (which do not pass their licenses on). */
export function listMembers(context: RouteContext): GraphResponse {
  const group = findGroup(context.directory, context.params.groupId!);
  const nested = group.memberGroupIds
    .map((g) => context.directory.groups.get(g))
    .filter((g): g is Group => g !== undefined);
  return listUsers(
    context.request,
    context.directory,
    directUsers(context, group),
    'directoryObjects',
    nested,
  );
}

/** `GET /groups/{id}/members/microsoft.graph.user`: the user members only. */
export function listUserMembers(context: RouteContext): GraphResponse {
  const group = findGroup(context.directory, context.params.groupId!);
  return listUsers(context.request, context.directory, directUsers(context, group), 'directoryObjects');
}

export function countMembers({ request, directory, params }: RouteContext): GraphResponse {
  return countResponse(request, findGroup(directory, params.groupId!).memberIds.length);
}

export function listMembersWithLicenseErrors({ request, directory, params }: RouteContext): GraphResponse {
  const group = findGroup(directory, params.groupId!);
  return listUsers(request, directory, directory.membersWithLicenseErrors(group), 'directoryObjects');
}

export function countMembersWithLicenseErrors({ request, directory, params }: RouteContext): GraphResponse {
  return countResponse(
    request,
    directory.membersWithLicenseErrors(findGroup(directory, params.groupId!)).length,
  );
}
