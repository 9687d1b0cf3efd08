import { guidText } from './guid.js';
import type { NormalizedLicense } from './plan.js';

/** An assigned license as read from Graph or Kiota, in the planner's shape. */
export interface GraphAssignedLicense {
  skuId?: unknown;
  disabledPlans?: unknown[] | null;
}

export interface GraphLicenseState {
  skuId?: unknown;
  assignedByGroup?: string | null;
  disabledPlans?: unknown[] | null;
  error?: string | null;
  /** Kiota's name for `error` (a reserved word in its generator). */
  errorEscaped?: string | null;
  state?: string | null;
}

export function toLicenses(
  licenses: readonly GraphAssignedLicense[] | null | undefined,
): NormalizedLicense[] {
  const result: NormalizedLicense[] = [];
  for (const license of licenses ?? []) {
    const skuId = guidText(license.skuId);
    if (!skuId) continue;
    const disabledPlans = (license.disabledPlans ?? [])
      .map(guidText)
      .filter((p): p is string => p !== undefined)
      .sort();
    result.push({ skuId, disabledPlans });
  }
  return result;
}

export interface LicenseStateView {
  skuId: string;
  assignedByGroup: string | null;
  disabledPlans: string[];
  state: string | null;
  error: string | null;
}

export function toStates(states: readonly GraphLicenseState[] | null | undefined): LicenseStateView[] {
  const result: LicenseStateView[] = [];
  for (const state of states ?? []) {
    const skuId = guidText(state.skuId);
    if (!skuId) continue;
    result.push({
      skuId,
      assignedByGroup: state.assignedByGroup ? state.assignedByGroup.toLowerCase() : null,
      disabledPlans: (state.disabledPlans ?? [])
        .map(guidText)
        .filter((p): p is string => p !== undefined)
        .sort(),
      state: state.state ?? null,
      error: state.error ?? state.errorEscaped ?? null,
    });
  }
  return result;
}

/** A user's direct assignments: the `licenseAssignmentStates` entries without `assignedByGroup`. */
export function directLicenses(
  states: readonly LicenseStateView[],
  assigned: readonly NormalizedLicense[],
  statesKnown: boolean,
): NormalizedLicense[] {
  if (!statesKnown) return [...assigned];
  return states
    .filter((s) => s.assignedByGroup === null)
    .map((s) => ({ skuId: s.skuId, disabledPlans: s.disabledPlans }));
}
