/**
 * `$select=signInActivity` on users: Graph answers it only to an app with `AuditLog.Read.All`, in a tenant with
 * Entra ID P1 (a SKU carrying the AAD_PREMIUM plan), and pages such lists by at most 120 users.
 */

import { graphErrors } from '../../errors/graph-errors.js';
import type { Directory } from '../../model/directory.js';
import type { GraphRequest } from '../request.js';

/** Entra ID P1's service plan (AAD_PREMIUM), carried by AAD_PREMIUM, AAD_PREMIUM_P2, EMS, SPE_E3, SPE_E5, … */
export const ENTRA_ID_P1_PLAN = '41781fb2-bc02-4b7c-bd55-b576c07bb09d';

/**
 * "When you specify $select=signInActivity or $filter=signInActivity while listing users, the maximum page size is
 * 120 users. Requests with $top set higher than 120 will return pages with up to 120 users." (user resource, v1.0)
 */
export const SIGN_IN_ACTIVITY_PAGE_SIZE = 120;

export function selectsSignInActivity(select: readonly string[] | undefined): boolean {
  return select?.includes('signInActivity') ?? false;
}

/** Throws Graph's refusal when the caller may not read sign-in activity here. */
export function checkSignInActivityAccess(request: GraphRequest, directory: Directory): void {
  if (!request.app.roles.includes('AuditLog.Read.All'))
    throw graphErrors.permissionMissing('AuditLog.Read.All');
  if (!tenantHasEntraIdP1(directory)) throw graphErrors.nonPremiumTenant();
}

/** A SKU of the tenant, active or in its grace period, carries the Entra ID P1 plan. */
export function tenantHasEntraIdP1(directory: Directory): boolean {
  for (const sku of directory.skus.values()) {
    if (sku.capabilityStatus !== 'Enabled' && sku.capabilityStatus !== 'Warning') continue;
    if (sku.servicePlans.some((p) => p.servicePlanId === ENTRA_ID_P1_PLAN)) return true;
  }
  return false;
}
