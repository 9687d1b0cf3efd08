import type { Directory } from '../../model/directory.js';
import { GraphError } from '../errors.js';
import type { GraphRequest } from '../request.js';
import { groupOperation } from './groups.js';
import { type Operation, segmentNotFound } from './operation.js';
import { organizationOperation } from './organization.js';
import { skuOperation } from './skus.js';
import { userOperation } from './users.js';

export { type Operation, resourceUnitCost } from './operation.js';

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
