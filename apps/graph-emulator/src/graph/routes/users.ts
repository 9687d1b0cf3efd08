import { graphErrors } from '../../errors/graph-errors.js';
import type { User } from '../../model/types.js';
import { emptyResponse, type GraphResponse, jsonResponse } from '../graph-response.js';
import { parseAssignLicenseBody } from '../license-body.js';
import { contextUrl } from '../list.js';
import { parseSelect } from '../odata-query.js';
import { licenseDetailsJson, USER_PROPERTIES, userJson } from '../projections.js';
import { listGroups } from './group-lists.js';
import { countResponse, findUser, selectFragment } from './lookups.js';
import type { RouteContext } from './route-table.js';
import { checkSignInActivityAccess, selectsSignInActivity } from './sign-in-activity.js';
import { listUsers } from './user-lists.js';

/** The object a user write targets: the user's id when known, else the id or UPN as sent. */
export const userTarget = ({ directory, params }: RouteContext): string =>
  directory.findUser(params.userId!)?.id ?? params.userId!;

export const listAllUsers = ({ request, directory }: RouteContext): GraphResponse =>
  listUsers(request, directory, directory.listUsers(), 'users');

export const countUsers = ({ request, directory }: RouteContext): GraphResponse =>
  countResponse(request, directory.listUsers().length);

export function getUser({ request, directory, params }: RouteContext): GraphResponse {
  const user = findUser(directory, params.userId!);
  const select = parseSelect(request.query, 'User', USER_PROPERTIES);
  if (selectsSignInActivity(select)) checkSignInActivityAccess(request, directory);
  return jsonResponse(200, {
    '@odata.context': contextUrl(request, `${selectFragment('users', { select })}/$entity`),
    ...userJson(directory, user, select),
  });
}

export function updateUser({ request, directory, params }: RouteContext): GraphResponse {
  patchUser(findUser(directory, params.userId!), request.body);
  return emptyResponse(204);
}

function userAnswer({ request, directory }: RouteContext, user: User): GraphResponse {
  return jsonResponse(200, {
    '@odata.context': contextUrl(request, 'users/$entity'),
    ...userJson(directory, user),
  });
}

/** `POST /users/{id}/assignLicense`: validated and applied synchronously (200 and the user, or 400). */
export function assignUserLicense(context: RouteContext): GraphResponse {
  const { request, directory, params } = context;
  const user = findUser(directory, params.userId!);
  const input = parseAssignLicenseBody(request.body);
  // Graph refuses a user assignLicense that changes nothing (msgraph-sdk-powershell #3286).
  if (input.addLicenses.length === 0 && input.removeLicenses.length === 0) {
    throw graphErrors.badRequest(
      'No license changes provided. At least one license to add or remove must be specified.',
    );
  }
  directory.assignUserLicenses(user, input);
  return userAnswer(context, user);
}

/** `POST /users/{id}/reprocessLicenseAssignment`: re-runs group-based licensing for the user now. */
export function reprocessUser(context: RouteContext): GraphResponse {
  const user = findUser(context.directory, context.params.userId!);
  context.directory.reprocessUser(user);
  return userAnswer(context, user);
}

/** `GET /users/{id}/memberOf`: the user's direct groups as directoryObjects. */
export function listMemberOf({ request, directory, params }: RouteContext): GraphResponse {
  const user = findUser(directory, params.userId!);
  const groups = directory.listGroups().filter((g) => directory.isMember(g, user));
  return listGroups(request, directory, groups, 'directoryObjects');
}

export function listLicenseDetails({ request, directory, params }: RouteContext): GraphResponse {
  const user = findUser(directory, params.userId!);
  return jsonResponse(200, {
    '@odata.context': contextUrl(request, `users('${user.id}')/licenseDetails`),
    value: licenseDetailsJson(directory, user),
  });
}

export function getLicenseDetails({ request, directory, params }: RouteContext): GraphResponse {
  const user = findUser(directory, params.userId!);
  const one = licenseDetailsJson(directory, user).find((d) => d.id === params.licenseDetailsId);
  if (!one) throw graphErrors.notFound(params.licenseDetailsId!);
  return jsonResponse(200, {
    '@odata.context': contextUrl(request, `users('${user.id}')/licenseDetails/$entity`),
    ...one,
  });
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
    throw graphErrors.badRequest('The request body must be a JSON object.');
  }
  const entries = Object.entries(body);
  for (const [key, value] of entries) {
    const valid = PATCHABLE_USER[key];
    if (!valid) throw graphErrors.badRequest(`Property '${key}' cannot be updated by this emulator.`);
    if (!valid(value)) {
      throw graphErrors.badRequest(`Invalid value specified for property '${key}' of resource 'User'.`);
    }
  }
  for (const [key, value] of entries) {
    const v = key === 'usageLocation' && typeof value === 'string' ? value.toUpperCase() : value;
    (user as unknown as Record<string, unknown>)[key] = v;
  }
}
