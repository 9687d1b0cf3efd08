import type { Directory } from '../../model/directory.js';
import type { User } from '../../model/types.js';
import type { GraphResponse } from '../graph-response.js';
import { pageResponse, sortBy } from '../list.js';
import { type ListQuery, parseListQuery } from '../odata-query.js';
import { USER_PROPERTIES, userJson } from '../projections.js';
import { type GraphRequest, isEventual } from '../request.js';
import { USER_FILTERABLE, userMatches } from './filters.js';
import { selectFragment } from './operation.js';

export function userListQuery(request: GraphRequest): ListQuery {
  return parseListQuery(request.query, {
    resource: 'User',
    properties: USER_PROPERTIES,
    filterable: USER_FILTERABLE,
    orderable: ['displayName', 'userPrincipalName'],
    eventual: isEventual(request),
  });
}

export function listUsers(
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
