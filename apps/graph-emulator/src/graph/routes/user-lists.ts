import { graphErrors } from '../../errors/graph-errors.js';
import type { Directory } from '../../model/directory.js';
import type { Group, User } from '../../model/types.js';
import type { GraphResponse } from '../graph-response.js';
import { pageResponse, sortBy } from '../list.js';
import { type ListQuery, parseListQuery } from '../odata-query.js';
import { GROUP_PROPERTIES, groupJson, USER_PROPERTIES, userJson } from '../projections.js';
import { type GraphRequest, isEventual } from '../request.js';
import { USER_FILTERABLE, userMatches } from './filters.js';
import { selectFragment } from './lookups.js';
import {
  checkSignInActivityAccess,
  SIGN_IN_ACTIVITY_PAGE_SIZE,
  selectsSignInActivity,
} from './sign-in-activity.js';

export function userListQuery(request: GraphRequest): ListQuery {
  return parseListQuery(request.query, {
    resource: 'User',
    properties: USER_PROPERTIES,
    filterable: USER_FILTERABLE,
    orderable: ['displayName', 'userPrincipalName'],
    eventual: isEventual(request),
  });
}

/**
 * A page of users (as `directoryObjects` unless `fragment` is `users`); `groups` (nested members) follow them,
 * unless a `$filter` asks for user properties. `$select` picks what a group has of the selected properties.
 */
export function listUsers(
  request: GraphRequest,
  directory: Directory,
  users: User[],
  fragment: string,
  groups: readonly Group[] = [],
): GraphResponse {
  const query = userListQuery(request);
  let maxPageSize: number | undefined;
  if (selectsSignInActivity(query.select) || query.filter?.clauses.some((c) => c.kind === 'signIn')) {
    if (fragment !== 'users') {
      throw graphErrors.unsupportedQuery(
        "The property 'signInActivity' can be selected or filtered on /users only, not on a directoryObject collection.",
      );
    }
    checkSignInActivityAccess(request, directory);
    maxPageSize = SIGN_IN_ACTIVITY_PAGE_SIZE;
  }
  const filtered = query.filter
    ? users.filter((u) => userMatches(directory, u, query.filter!.clauses))
    : users;
  const sorted = sortBy(filtered, query, (u, p) => (u as unknown as Record<string, unknown>)[p]);
  const entries: Array<User | Group> = query.filter ? sorted : [...sorted, ...groups];
  const groupSelect = query.select?.filter((name) => GROUP_PROPERTIES.includes(name));
  const project = (entry: User | Group): Record<string, unknown> => {
    if (!isUser(entry)) {
      return { '@odata.type': '#microsoft.graph.group', ...groupJson(directory, entry, groupSelect) };
    }
    const json = userJson(directory, entry, query.select);
    return fragment === 'users' ? json : { '@odata.type': '#microsoft.graph.user', ...json };
  };
  return pageResponse(request, query, entries, project, selectFragment(fragment, query), maxPageSize);
}

const isUser = (entry: User | Group): entry is User => 'userPrincipalName' in entry;
