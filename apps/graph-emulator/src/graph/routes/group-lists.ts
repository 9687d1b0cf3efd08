import type { Directory } from '../../model/directory.js';
import type { Group } from '../../model/types.js';
import type { GraphResponse } from '../graph-response.js';
import { pageResponse, sortBy } from '../list.js';
import { parseListQuery } from '../odata-query.js';
import { GROUP_PROPERTIES, groupJson } from '../projections.js';
import { type GraphRequest, isEventual } from '../request.js';
import { GROUP_FILTERABLE, groupMatches } from './filters.js';
import { selectFragment } from './lookups.js';

/** A page of groups with Graph's query options; as `directoryObjects` (typed items) unless `fragment` is `groups`. */
export function listGroups(
  request: GraphRequest,
  directory: Directory,
  groups: Group[],
  fragment: 'groups' | 'directoryObjects',
): GraphResponse {
  const query = parseListQuery(request.query, {
    resource: 'Group',
    properties: GROUP_PROPERTIES,
    filterable: GROUP_FILTERABLE,
    orderable: ['displayName'],
    eventual: isEventual(request),
  });
  const filtered = query.filter
    ? groups.filter((g) => groupMatches(directory, g, query.filter!.clauses))
    : groups;
  const sorted = sortBy(filtered, query, (g, p) => (g as unknown as Record<string, unknown>)[p]);
  const project = (g: Group): Record<string, unknown> => {
    const json = groupJson(directory, g, query.select);
    return fragment === 'groups' ? json : { '@odata.type': '#microsoft.graph.group', ...json };
  };
  return pageResponse(request, query, sorted, project, selectFragment(fragment, query));
}
