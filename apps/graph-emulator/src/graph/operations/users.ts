import type { Directory } from '../../model/directory.js';
import type { User } from '../../model/types.js';
import { badRequest, notFound } from '../errors.js';
import { emptyResponse, jsonResponse } from '../graph-response.js';
import { parseAssignLicenseBody } from '../license-body.js';
import { contextUrl } from '../list.js';
import { parseSelect } from '../odata-query.js';
import { licenseDetailsJson, USER_PROPERTIES, userJson } from '../projections.js';
import type { GraphRequest } from '../request.js';
import { listGroups } from './group-lists.js';
import {
  countResponse,
  findUser,
  methodNotAllowed,
  type Operation,
  read,
  segmentNotFound,
  selectFragment,
  write,
} from './operation.js';
import { listUsers } from './user-lists.js';

export function userOperation(request: GraphRequest, directory: Directory, rest: string[]): Operation {
  const { method } = request;
  if (rest.length === 0) {
    if (method !== 'GET') throw methodNotAllowed();
    return read('readUsers', 2, () => listUsers(request, directory, directory.listUsers(), 'users'));
  }
  const [id, action, sub] = rest as [string, string | undefined, string | undefined];
  if (id === '$count') {
    if (method !== 'GET') throw methodNotAllowed();
    return read('readUsers', 1, () => countResponse(request, directory.listUsers().length));
  }
  if (action === undefined) {
    if (method === 'GET') {
      return read('readUsers', 2, () => {
        const user = findUser(directory, id);
        const select = parseSelect(request.query, 'User', USER_PROPERTIES);
        return jsonResponse(200, {
          '@odata.context': contextUrl(request, `${selectFragment('users', { select })}/$entity`),
          ...userJson(directory, user, select),
        });
      });
    }
    if (method === 'PATCH') {
      return write('writeUsers', directory.findUser(id)?.id ?? id, () => {
        const user = findUser(directory, id);
        patchUser(user, request.body);
        return emptyResponse(204);
      });
    }
    throw methodNotAllowed();
  }
  const name = action.replace(/^microsoft\.graph\./, '');
  if (name === 'assignLicense' || name === 'reprocessLicenseAssignment') {
    if (rest.length > 2) throw segmentNotFound(rest[2]!);
    if (method !== 'POST') throw methodNotAllowed();
    return write('assignUserLicenses', directory.findUser(id)?.id ?? id, () => {
      const user = findUser(directory, id);
      if (name === 'assignLicense') {
        const input = parseAssignLicenseBody(request.body);
        // Graph refuses a user assignLicense that changes nothing (msgraph-sdk-powershell #3286).
        if (input.addLicenses.length === 0 && input.removeLicenses.length === 0) {
          throw badRequest(
            'No license changes provided. At least one license to add or remove must be specified.',
          );
        }
        directory.assignUserLicenses(user, input);
      } else directory.reprocessUser(user);
      return jsonResponse(200, {
        '@odata.context': contextUrl(request, 'users/$entity'),
        ...userJson(directory, user),
      });
    });
  }
  if (action === 'memberOf') {
    if (method !== 'GET') throw methodNotAllowed();
    if (sub !== undefined && sub !== 'microsoft.graph.group') throw segmentNotFound(sub);
    return read('readGroups', 1, () => {
      const user = findUser(directory, id);
      const groups = directory.listGroups().filter((g) => directory.isMember(g, user));
      return listGroups(request, directory, groups, 'directoryObjects');
    });
  }
  if (action === 'licenseDetails') {
    if (method !== 'GET') throw methodNotAllowed();
    return read('readLicenseDetails', 2, () => {
      const user = findUser(directory, id);
      const details = licenseDetailsJson(directory, user);
      if (sub !== undefined) {
        const one = details.find((d) => d.id === sub);
        if (!one) throw notFound(sub);
        return jsonResponse(200, {
          '@odata.context': contextUrl(request, `users('${user.id}')/licenseDetails/$entity`),
          ...one,
        });
      }
      return jsonResponse(200, {
        '@odata.context': contextUrl(request, `users('${user.id}')/licenseDetails`),
        value: details,
      });
    });
  }
  throw segmentNotFound(action);
}

export const PATCHABLE_USER: Record<string, (value: unknown) => boolean> = {
  usageLocation: (v) => v === null || (typeof v === 'string' && /^[A-Za-z]{2}$/.test(v)),
  displayName: (v) => typeof v === 'string' && v.length > 0,
  jobTitle: (v) => v === null || typeof v === 'string',
  givenName: (v) => v === null || typeof v === 'string',
  surname: (v) => v === null || typeof v === 'string',
  accountEnabled: (v) => typeof v === 'boolean',
};

export function patchUser(user: User, body: unknown): void {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw badRequest('The request body must be a JSON object.');
  }
  const entries = Object.entries(body);
  for (const [key, value] of entries) {
    const valid = PATCHABLE_USER[key];
    if (!valid) throw badRequest(`Property '${key}' cannot be updated by this emulator.`);
    if (!valid(value)) throw badRequest(`Invalid value specified for property '${key}' of resource 'User'.`);
  }
  for (const [key, value] of entries) {
    const v = key === 'usageLocation' && typeof value === 'string' ? value.toUpperCase() : value;
    (user as unknown as Record<string, unknown>)[key] = v;
  }
}
