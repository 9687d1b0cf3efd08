/**
 * The tenant license model: SKUs with their plans, license-holding groups, and each relevant user's license paths.
 * Pure data and indexes; reading it from Graph is `engine/tenant-read.ts`.
 */

/** A service plan of a SKU, by id and Microsoft's name (`EXCHANGE_S_ENTERPRISE`). */
export interface TenantPlan {
  servicePlanId: string;
  servicePlanName: string;
}

export interface TenantSku {
  skuId: string;
  skuPartNumber: string;
  plans: TenantPlan[];
}

/** A SKU given to a group or a user directly, with the plan ids switched off. */
export interface LicenseGrant {
  skuId: string;
  disabledPlans: string[];
}

export interface TenantGroup {
  id: string;
  displayName: string | null;
  licenses: LicenseGrant[];
}

/** One path by which a user holds (or failed to get) a SKU: one `licenseAssignmentStates` entry. */
export interface LicensePath {
  skuId: string;
  /** The granting group, or null for a direct assignment. */
  groupId: string | null;
  disabledPlans: string[];
  /** `Active`, `ActiveWithSolutionConflicts`, `Disabled`, `Error` (null when Graph gave none). */
  state: string | null;
  /** `None`, `CountViolation`, `MutuallyExclusiveViolation`, … (null when Graph gave none). */
  error: string | null;
  lastUpdatedDateTime: string | null;
}

export interface TenantUser {
  id: string;
  userPrincipalName: string | null;
  displayName: string | null;
  accountEnabled: boolean | null;
  userType: string | null;
  usageLocation: string | null;
  /** Graph's merged view (enabled plans = union of the paths). */
  assignedLicenses: LicenseGrant[];
  paths: LicensePath[];
}

export interface TenantModel {
  skus: ReadonlyMap<string, TenantSku>;
  groups: ReadonlyMap<string, TenantGroup>;
  users: ReadonlyMap<string, TenantUser>;
  /** Lower-cased UPN → user id. */
  usersByUpn: ReadonlyMap<string, string>;
  /**
   * Direct user members of each license-holding group, known from the members' `licenseAssignmentStates`
   * (`assignedByGroup`): Entra writes one state per member and product, so no members read is needed for them.
   */
  attributedMembers: ReadonlyMap<string, ReadonlySet<string>>;
}

/** Builds the model's indexes from its parts (ids are compared lower-cased). */
export function buildTenantModel(parts: {
  skus: readonly TenantSku[];
  groups: readonly TenantGroup[];
  users: readonly TenantUser[];
}): TenantModel {
  const skus = new Map(parts.skus.map((s) => [s.skuId, s]));
  const groups = new Map(parts.groups.map((g) => [g.id, g]));
  const users = new Map<string, TenantUser>();
  const usersByUpn = new Map<string, string>();
  const attributedMembers = new Map<string, Set<string>>();
  for (const user of parts.users) {
    users.set(user.id, user);
    if (user.userPrincipalName) usersByUpn.set(user.userPrincipalName.toLowerCase(), user.id);
    for (const path of user.paths) {
      if (path.groupId === null) continue;
      const members = attributedMembers.get(path.groupId);
      if (members) members.add(user.id);
      else attributedMembers.set(path.groupId, new Set([user.id]));
    }
  }
  return { skus, groups, users, usersByUpn, attributedMembers };
}

/** A user by object id or UPN (case-insensitive), or undefined. */
export function findUser(model: TenantModel, ref: string): TenantUser | undefined {
  const key = ref.trim().toLowerCase();
  return model.users.get(key) ?? model.users.get(model.usersByUpn.get(key) ?? '');
}

/** The plan's name in a SKU of the model (the id itself when the SKU or plan is unknown). */
export function planName(model: TenantModel, skuId: string, servicePlanId: string): string {
  return (
    model.skus.get(skuId)?.plans.find((p) => p.servicePlanId === servicePlanId)?.servicePlanName ??
    servicePlanId
  );
}

export function skuPartNumber(model: TenantModel, skuId: string): string {
  return model.skus.get(skuId)?.skuPartNumber ?? skuId;
}
