import { graphErrors } from '../../errors/graph-errors.js';
import type { Directory } from '../../model/directory.js';
import { type GraphResponse, jsonResponse } from '../graph-response.js';
import { contextUrl } from '../list.js';
import type { RouteContext } from './route-table.js';

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

/** `GET /organization`: the tenant's id, name, country and initial domain. */
export function listOrganization({ request, directory }: RouteContext): GraphResponse {
  return jsonResponse(200, {
    '@odata.context': contextUrl(request, 'organization'),
    value: [organizationJson(directory)],
  });
}

/** `GET /organization/{tenantId}`. */
export function getOrganization({ request, directory, params }: RouteContext): GraphResponse {
  const id = params.organizationId!;
  if (id.toLowerCase() !== directory.tenant.id) throw graphErrors.notFound(id);
  return jsonResponse(200, {
    '@odata.context': contextUrl(request, 'organization/$entity'),
    ...organizationJson(directory),
  });
}
