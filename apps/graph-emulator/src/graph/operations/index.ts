import type { Directory } from '../../model/directory.js';
import { GraphError } from '../errors.js';
import type { GraphRequest } from '../request.js';
import { groupOperation } from './groups.js';
import { type Operation, segmentNotFound } from './operation.js';
import { organizationOperation } from './organization.js';
import { skuOperation } from './skus.js';
import { userOperation } from './users.js';

export { type Operation, resourceUnitCost } from './operation.js';

/** Graph's path segments are case-insensitive: the names this emulator routes on, by lower case. */
const CANONICAL = new Map(
  [
    'subscribedSkus',
    'users',
    'groups',
    'organization',
    'me',
    'assignLicense',
    'assignedLicenses',
    'reprocessLicenseAssignment',
    'licenseDetails',
    'memberOf',
    'members',
    'membersWithLicenseErrors',
    'microsoft.graph.assignLicense',
    'microsoft.graph.reprocessLicenseAssignment',
    'microsoft.graph.user',
  ]
    .map((name): [string, string] => [name.toLowerCase(), name])
    // "graph" is the alias Graph declares for the microsoft.graph namespace: /members/graph.user is a type cast too.
    .concat(
      ['assignLicense', 'reprocessLicenseAssignment', 'user'].map((name): [string, string] => [
        `graph.${name}`.toLowerCase(),
        `microsoft.graph.${name}`,
      ]),
    ),
);

const canonical = (segment: string | undefined): string | undefined =>
  segment === undefined ? undefined : (CANONICAL.get(segment.toLowerCase()) ?? segment);

/** Routes a Graph request (v1.0 and beta share the licensing surface). */
export function resolveOperation(directory: Directory, request: GraphRequest): Operation {
  // Entity-set names, actions, navigations and type casts are matched case-insensitively (ids are left alone).
  const [first, second, third, ...more] = request.segments;
  const head = canonical(first);
  const rest = [second, canonical(third), ...more.map(canonical)].filter((s): s is string => s !== undefined);
  switch (head) {
    case 'subscribedSkus':
      return skuOperation(request, directory, rest);
    case 'users':
      return userOperation(request, directory, rest);
    case 'groups':
      return groupOperation(request, directory, rest);
    case 'organization':
      return organizationOperation(request, directory, rest);
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
