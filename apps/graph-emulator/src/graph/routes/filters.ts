import type { Directory } from '../../model/directory.js';
import type { Group, User } from '../../model/types.js';
import type { FilterClause } from '../odata-query.js';

export const USER_FILTERABLE = [
  'id',
  'displayName',
  'userPrincipalName',
  'mail',
  'usageLocation',
  'accountEnabled',
  'userType',
  'jobTitle',
  'givenName',
  'surname',
];
export const GROUP_FILTERABLE = [
  'id',
  'displayName',
  'mailNickname',
  'mail',
  'mailEnabled',
  'securityEnabled',
];

export function matchText(actual: unknown, clause: FilterClause): boolean {
  if (clause.kind === 'equals') {
    if (typeof actual === 'string' && typeof clause.value === 'string') {
      return actual.toLowerCase() === clause.value.toLowerCase();
    }
    return actual === clause.value;
  }
  if (clause.kind === 'in') {
    return typeof actual === 'string' && clause.values.some((v) => v.toLowerCase() === actual.toLowerCase());
  }
  if (clause.kind === 'startsWith') {
    return typeof actual === 'string' && actual.toLowerCase().startsWith(clause.value.toLowerCase());
  }
  return false;
}

export function userMatches(directory: Directory, user: User, clauses: FilterClause[]): boolean {
  return clauses.every((clause) => {
    switch (clause.kind) {
      case 'licenseSku':
        return directory.readUserAssignedLicenses(user).some((l) => l.skuId === clause.skuId);
      case 'anyLicense':
        return directory.readUserAssignedLicenses(user).length > 0;
      case 'licenseCount': {
        const n = directory.readUserAssignedLicenses(user).length;
        return clause.op === 'eq' ? n === clause.value : n !== clause.value;
      }
      case 'equals':
      case 'in':
      case 'startsWith':
        return matchText((user as unknown as Record<string, unknown>)[clause.property], clause);
      case 'signIn':
        return matchSignIn(user, clause);
      default:
        return false;
    }
  });
}

function matchSignIn(user: User, clause: Extract<FilterClause, { kind: 'signIn' }>): boolean {
  const raw = user.signInActivity?.[clause.property] ?? null;
  const actual = raw === null ? null : Date.parse(raw);
  switch (clause.op) {
    case 'eq':
      return actual === clause.value;
    case 'ne':
      return actual !== clause.value;
    case 'ge':
      return actual !== null && clause.value !== null && actual >= clause.value;
    case 'le':
      return actual !== null && clause.value !== null && actual <= clause.value;
  }
}

export function groupMatches(directory: Directory, group: Group, clauses: FilterClause[]): boolean {
  return clauses.every((clause) => {
    switch (clause.kind) {
      case 'licenseSku':
        return directory.readGroupLicenses(group).some((l) => l.skuId === clause.skuId);
      case 'anyLicense':
        return directory.readGroupLicenses(group).length > 0;
      case 'hasMembersWithLicenseErrors':
        return directory.hasMembersWithLicenseErrors(group) === clause.value;
      case 'groupType':
        return group.groupTypes.includes(clause.value);
      case 'equals':
      case 'in':
      case 'startsWith':
        return matchText((group as unknown as Record<string, unknown>)[clause.property], clause);
      default:
        return false;
    }
  });
}
