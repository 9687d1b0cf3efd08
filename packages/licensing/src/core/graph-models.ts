import type { GuidValue } from './guid.js';

/**
 * The slices of Graph's models that the pure parts read. They are structural: the generated client's
 * `SubscribedSku`, `AssignedLicense`, `LicenseAssignmentState` … fit them, and so does plain JSON from Graph.
 */
export interface ServicePlanInfoLike {
  servicePlanId?: GuidValue | null;
  servicePlanName?: string | null;
  appliesTo?: string | null;
  provisioningStatus?: string | null;
}

export interface LicenseUnitsDetailLike {
  enabled?: number | null;
  warning?: number | null;
  suspended?: number | null;
  lockedOut?: number | null;
}

export interface SubscribedSkuLike {
  skuId?: GuidValue | null;
  skuPartNumber?: string | null;
  appliesTo?: string | null;
  capabilityStatus?: string | null;
  consumedUnits?: number | null;
  prepaidUnits?: LicenseUnitsDetailLike | null;
  servicePlans?: ServicePlanInfoLike[] | null;
}

export interface AssignedLicenseLike {
  skuId?: GuidValue | null;
  disabledPlans?: GuidValue[] | null;
}

export interface LicenseAssignmentStateLike {
  skuId?: GuidValue | null;
  assignedByGroup?: string | null;
  disabledPlans?: GuidValue[] | null;
  error?: string | null;
  state?: string | null;
  lastUpdatedDateTime?: Date | string | null;
}

/** The body of `assignLicense`, always with both arrays (Graph rejects a missing one). */
export interface AssignLicenseBody {
  addLicenses: { skuId: string; disabledPlans: string[] }[];
  removeLicenses: string[];
}
