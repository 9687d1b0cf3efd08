import type { SubscribedSkuLike } from '../graph-models.js';
import type { TenantModel } from '../tenant/model.js';
import type { ReportTenantModel } from './types.js';

/**
 * The report's view of the tenant license model. The model keeps plans, not seats: the seats come from the
 * `subscribedSkus` read beside it.
 */
export function reportModelOf(
  model: TenantModel,
  subscribedSkus: readonly SubscribedSkuLike[],
  tenant: { id: string; displayName: string },
): ReportTenantModel {
  return {
    tenant,
    skus: subscribedSkus,
    groups: [...model.groups.values()].map((g) => ({
      id: g.id,
      displayName: g.displayName,
      assignedLicenses: g.licenses.map((l) => ({ skuId: l.skuId, disabledPlans: l.disabledPlans })),
    })),
    users: [...model.users.values()].map((u) => ({
      id: u.id,
      userPrincipalName: u.userPrincipalName ?? u.id,
      displayName: u.displayName,
      accountEnabled: u.accountEnabled,
      userType: u.userType,
      usageLocation: u.usageLocation,
      assignedLicenses: u.assignedLicenses.map((l) => ({ skuId: l.skuId, disabledPlans: l.disabledPlans })),
      licenseAssignmentStates: u.paths.map((p) => ({
        skuId: p.skuId,
        assignedByGroup: p.groupId,
        disabledPlans: p.disabledPlans,
        state: p.state,
        error: p.error,
        lastUpdatedDateTime: p.lastUpdatedDateTime,
      })),
    })),
  };
}
