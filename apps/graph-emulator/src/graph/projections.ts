import { createHash } from 'node:crypto';
import type { Directory } from '../model/directory.js';
import type { Group, Sku, User } from '../model/types.js';

/** User properties Graph v1.0 returns without `$select`. */
export const USER_DEFAULT_PROPERTIES = [
  'businessPhones',
  'displayName',
  'givenName',
  'jobTitle',
  'mail',
  'mobilePhone',
  'officeLocation',
  'preferredLanguage',
  'surname',
  'userPrincipalName',
  'id',
] as const;

export const USER_PROPERTIES: readonly string[] = [
  ...USER_DEFAULT_PROPERTIES,
  'accountEnabled',
  'assignedLicenses',
  'licenseAssignmentStates',
  'usageLocation',
  'userType',
  'createdDateTime',
  'signInActivity',
];

/** Group properties returned without `$select` (licensing properties are "returned only on $select"). */
export const GROUP_DEFAULT_PROPERTIES = [
  'id',
  'deletedDateTime',
  'classification',
  'createdDateTime',
  'description',
  'displayName',
  'groupTypes',
  'mail',
  'mailEnabled',
  'mailNickname',
  'securityEnabled',
  'visibility',
] as const;

/** Selectable group properties (`hasMembersWithLicenseErrors` is filter-only: selecting it is a 400). */
export const GROUP_PROPERTIES: readonly string[] = [
  ...GROUP_DEFAULT_PROPERTIES,
  'assignedLicenses',
  'licenseProcessingState',
  'membershipRule',
  'membershipRuleProcessingState',
];

function pick(all: Record<string, unknown>, names: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of names) if (name in all) out[name] = all[name];
  return out;
}

export function userJson(
  directory: Directory,
  user: User,
  select?: readonly string[],
): Record<string, unknown> {
  const all: Record<string, unknown> = {
    businessPhones: [],
    displayName: user.displayName,
    givenName: user.givenName,
    jobTitle: user.jobTitle,
    mail: user.mail,
    mobilePhone: null,
    officeLocation: null,
    preferredLanguage: null,
    surname: user.surname,
    userPrincipalName: user.userPrincipalName,
    id: user.id,
  };
  const names = select ?? USER_DEFAULT_PROPERTIES;
  if (select) {
    all.accountEnabled = user.accountEnabled;
    all.usageLocation = user.usageLocation;
    all.userType = user.userType;
    all.createdDateTime = user.createdDateTime;
    if (select.includes('signInActivity')) all.signInActivity = signInActivityJson(user);
    if (select.includes('assignedLicenses')) all.assignedLicenses = directory.readUserAssignedLicenses(user);
    if (select.includes('licenseAssignmentStates')) {
      all.licenseAssignmentStates = directory.readUserStates(user).map((s) => ({
        assignedByGroup: s.assignedByGroup,
        disabledPlans: [...s.disabledPlans],
        error: s.error,
        lastUpdatedDateTime: s.lastUpdatedDateTime,
        skuId: s.skuId,
        state: s.state,
      }));
    }
  }
  return pick(all, names);
}

/** Graph's signInActivity: each date with the id of the sign-in request (stable per user and date); null if never. */
function signInActivityJson(user: User): Record<string, string | null> | null {
  const activity = user.signInActivity;
  if (!activity) return null;
  const requestId = (kind: string, date: string | null): string | null =>
    date === null ? null : stableRequestId(`${user.id}|${kind}|${date}`);
  return {
    lastSignInDateTime: activity.lastSignInDateTime,
    lastSignInRequestId: requestId('interactive', activity.lastSignInDateTime),
    lastNonInteractiveSignInDateTime: activity.lastNonInteractiveSignInDateTime,
    lastNonInteractiveSignInRequestId: requestId('nonInteractive', activity.lastNonInteractiveSignInDateTime),
    lastSuccessfulSignInDateTime: activity.lastSuccessfulSignInDateTime,
    lastSuccessfulSignInRequestId: requestId('successful', activity.lastSuccessfulSignInDateTime),
  };
}

function stableRequestId(name: string): string {
  const hex = createHash('sha1').update(name).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

export function groupJson(
  directory: Directory,
  group: Group,
  select?: readonly string[],
): Record<string, unknown> {
  const all: Record<string, unknown> = {
    id: group.id,
    deletedDateTime: null,
    classification: null,
    createdDateTime: group.createdDateTime,
    description: group.description,
    displayName: group.displayName,
    groupTypes: [...group.groupTypes],
    mail: group.mail,
    mailEnabled: group.mailEnabled,
    mailNickname: group.mailNickname,
    securityEnabled: group.securityEnabled,
    visibility: group.visibility,
    membershipRule: group.membershipRule,
    membershipRuleProcessingState: group.membershipRule === null ? null : 'On',
  };
  if (select?.includes('assignedLicenses')) {
    all.assignedLicenses = directory.readGroupLicenses(group).map((l) => ({
      disabledPlans: [...l.disabledPlans],
      skuId: l.skuId,
    }));
  }
  if (select?.includes('licenseProcessingState')) {
    const state = directory.readProcessingState(group);
    all.licenseProcessingState = state === null ? null : { state };
  }
  return pick(all, select ?? GROUP_DEFAULT_PROPERTIES);
}

export function subscribedSkuJson(directory: Directory, sku: Sku): Record<string, unknown> {
  return {
    accountName: directory.tenant.displayName,
    accountId: directory.tenant.id,
    appliesTo: sku.appliesTo,
    capabilityStatus: sku.capabilityStatus,
    consumedUnits: directory.consumedUnits(sku.skuId),
    id: `${directory.tenant.id}_${sku.skuId}`,
    skuId: sku.skuId,
    skuPartNumber: sku.skuPartNumber,
    subscriptionIds: [...sku.subscriptionIds],
    prepaidUnits: { ...sku.prepaidUnits },
    servicePlans: sku.servicePlans.map((p) => ({
      servicePlanId: p.servicePlanId,
      servicePlanName: p.servicePlanName,
      provisioningStatus: 'Success',
      appliesTo: sku.appliesTo,
    })),
  };
}

/** licenseDetails ids are opaque strings in Graph; here a stable hash of user and SKU. */
export function licenseDetailsId(userId: string, skuId: string): string {
  return createHash('sha256').update(`${userId}|${skuId}`).digest('base64url').slice(0, 43);
}

export function licenseDetailsJson(directory: Directory, user: User): Record<string, unknown>[] {
  return directory.readUserAssignedLicenses(user).map((license) => {
    const sku = directory.skus.get(license.skuId);
    const disabled = new Set(license.disabledPlans);
    return {
      id: licenseDetailsId(user.id, license.skuId),
      skuId: license.skuId,
      skuPartNumber: sku?.skuPartNumber ?? null,
      servicePlans: (sku?.servicePlans ?? []).map((p) => ({
        servicePlanId: p.servicePlanId,
        servicePlanName: p.servicePlanName,
        provisioningStatus: disabled.has(p.servicePlanId) ? 'Disabled' : 'Success',
        appliesTo: 'User',
      })),
    };
  });
}
