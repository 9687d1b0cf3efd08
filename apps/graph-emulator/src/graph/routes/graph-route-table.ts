/**
 * Every Graph request the emulator serves (v1.0 and beta alike), as one table. Path names are matched
 * case-insensitively; actions may be namespace-qualified (`microsoft.graph.assignLicense`), casts must be
 * (`microsoft.graph.user`, or `graph.user`); parameters keep
 * their case. Costs are Graph's resource units for reads (writes cost 1 unit and 1 write).
 */
import { graphErrors } from '../../errors/graph-errors.js';
import * as groups from './groups.js';
import * as organization from './organization.js';
import { type GraphRoute, RouteTable } from './route-table.js';
import * as skus from './skus.js';
import * as subscriptions from './subscriptions.js';
import * as users from './users.js';

const meRefused = (): never => {
  throw graphErrors.meNeedsDelegatedToken();
};

// biome-ignore format: one route per line reads as a table
export const GRAPH_ROUTES: readonly GraphRoute[] = [
  { method: 'GET',    path: '/subscribedSkus',                                     permission: 'readSkus',            cost: 3, handler: skus.listSubscribedSkus },
  { method: 'GET',    path: '/subscribedSkus/{subscribedSkuId}',                   permission: 'readSkus',            cost: 1, handler: skus.getSubscribedSku },

  { method: 'GET',    path: '/users',                                              permission: 'readUsers',           cost: 2, handler: users.listAllUsers },
  { method: 'GET',    path: '/users/$count',                                       permission: 'readUsers',           cost: 1, handler: users.countUsers },
  { method: 'GET',    path: '/users/{userId}',                                     permission: 'readUsers',           cost: 2, handler: users.getUser },
  { method: 'PATCH',  path: '/users/{userId}',                                     permission: 'writeUsers',          cost: 1, handler: users.updateUser, writes: users.userTarget },
  { method: 'POST',   path: '/users/{userId}/assignLicense',                       permission: 'assignUserLicenses',  cost: 1, handler: users.assignUserLicense, writes: users.userTarget },
  { method: 'POST',   path: '/users/{userId}/reprocessLicenseAssignment',          permission: 'assignUserLicenses',  cost: 1, handler: users.reprocessUser, writes: users.userTarget },
  { method: 'GET',    path: '/users/{userId}/memberOf',                            permission: 'readGroups',          cost: 1, handler: users.listMemberOf },
  { method: 'GET',    path: '/users/{userId}/memberOf/microsoft.graph.group',     permission: 'readGroups',          cost: 1, handler: users.listMemberOf },
  { method: 'GET',    path: '/users/{userId}/licenseDetails',                      permission: 'readLicenseDetails',  cost: 2, handler: users.listLicenseDetails },
  { method: 'GET',    path: '/users/{userId}/licenseDetails/{licenseDetailsId}',   permission: 'readLicenseDetails',  cost: 2, handler: users.getLicenseDetails },

  { method: 'GET',    path: '/groups',                                             permission: 'readGroups',          cost: 1, handler: groups.listAllGroups },
  { method: 'GET',    path: '/groups/$count',                                      permission: 'readGroups',          cost: 1, handler: groups.countGroups },
  { method: 'GET',    path: '/groups/{groupId}',                                   permission: 'readGroups',          cost: 1, handler: groups.getGroup },
  { method: 'POST',   path: '/groups/{groupId}/assignLicense',                     permission: 'assignGroupLicenses', cost: 1, handler: groups.assignGroupLicense, writes: groups.groupTarget },
  { method: 'GET',    path: '/groups/{groupId}/assignedLicenses',                  permission: 'readGroups',          cost: 1, handler: groups.listGroupAssignedLicenses },
  { method: 'GET',    path: '/groups/{groupId}/members',                           permission: 'readGroups',          cost: 3, handler: groups.listMembers },
  { method: 'GET',    path: '/groups/{groupId}/members/microsoft.graph.user',     permission: 'readGroups',          cost: 3, handler: groups.listUserMembers },
  { method: 'GET',    path: '/groups/{groupId}/members/$count',                    permission: 'readGroups',          cost: 1, handler: groups.countMembers },
  { method: 'POST',   path: '/groups/{groupId}/members/$ref',                      permission: 'writeMembers',        cost: 1, handler: groups.addMember, writes: groups.groupTarget },
  { method: 'DELETE', path: '/groups/{groupId}/members/{memberId}/$ref',           permission: 'writeMembers',        cost: 1, handler: groups.removeMember, writes: groups.groupTarget },
  { method: 'GET',    path: '/groups/{groupId}/membersWithLicenseErrors',          permission: 'readGroups',          cost: 1, handler: groups.listMembersWithLicenseErrors },
  { method: 'GET',    path: '/groups/{groupId}/membersWithLicenseErrors/microsoft.graph.user',     permission: 'readGroups',          cost: 1, handler: groups.listMembersWithLicenseErrors },
  { method: 'GET',    path: '/groups/{groupId}/membersWithLicenseErrors/$count',   permission: 'readGroups',          cost: 1, handler: groups.countMembersWithLicenseErrors },

  { method: 'GET',    path: '/directory/subscriptions',                            permission: 'readSubscriptions',   cost: 1, handler: subscriptions.listSubscriptions },
  { method: 'GET',    path: '/directory/subscriptions/{subscriptionId}',           permission: 'readSubscriptions',   cost: 1, handler: subscriptions.getSubscription },

  { method: 'GET',    path: '/organization',                                       permission: 'readOrganization',    cost: 1, handler: organization.listOrganization },
  { method: 'GET',    path: '/organization/{organizationId}',                      permission: 'readOrganization',    cost: 1, handler: organization.getOrganization },

  // An app token has no signed-in user: every /me request is refused, before permissions.
  { method: 'ANY',    path: '/me/{*rest}',                                         permission: 'readUsers',           cost: 1, handler: meRefused, refuse: graphErrors.meNeedsDelegatedToken },
];

export const graphRouteTable = new RouteTable(GRAPH_ROUTES);
