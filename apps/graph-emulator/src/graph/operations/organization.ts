import type { Directory } from '../../model/directory.js';
import { notFound } from '../errors.js';
import { type GraphResponse, jsonResponse } from '../graph-response.js';
import { contextUrl } from '../list.js';
import type { GraphRequest } from '../request.js';
import { methodNotAllowed, type Operation, read, segmentNotFound } from './operation.js';

function organizationJson(directory: Directory): Record<string, unknown> {
  const { tenant } = directory;
  return {
    id: tenant.id,
    displayName: tenant.displayName,
    countryLetterCode: tenant.countryLetterCode,
    tenantType: 'AAD',
    verifiedDomains: [
      {
        capabilities: 'Email, OfficeCommunicationsOnline',
        isDefault: true,
        isInitial: true,
        name: tenant.domain,
        type: 'Managed',
      },
    ],
  };
}

/** `GET /organization` and `/organization/{tenantId}`: the tenant's id, name, country and initial domain. */
export function organizationOperation(
  request: GraphRequest,
  directory: Directory,
  rest: string[],
): Operation {
  if (request.method !== 'GET') throw methodNotAllowed();
  if (rest.length > 1) throw segmentNotFound(rest[1]!);
  const id = rest[0];
  return read('readOrganization', 1, (): GraphResponse => {
    if (id === undefined) {
      return jsonResponse(200, {
        '@odata.context': contextUrl(request, 'organization'),
        value: [organizationJson(directory)],
      });
    }
    if (id.toLowerCase() !== directory.tenant.id) throw notFound(id);
    return jsonResponse(200, {
      '@odata.context': contextUrl(request, 'organization/$entity'),
      ...organizationJson(directory),
    });
  });
}
