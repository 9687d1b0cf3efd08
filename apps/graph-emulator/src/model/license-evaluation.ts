/** Group-based licensing's evaluation of one user: the license states their direct and group licenses give. */
import { checkPlans, enabledPlanIds, type LicenseRules } from './license-rules.js';
import type { AssignedLicense, Group, LicenseAssignmentState, Sku, User } from './types.js';

export const isActive = (s: LicenseAssignmentState): boolean =>
  s.state === 'Active' || s.state === 'ActiveWithError';

export interface EvaluationInput {
  user: User;
  /** The licensed groups the user is a direct member of, in group order (nested groups give nothing). */
  groups: readonly Group[];
  skus: ReadonlyMap<string, Sku>;
  rules: LicenseRules;
  /** The usage location for users without one. */
  tenantCountry: string;
  consumedUnits(skuId: string): number;
  now: number;
}

/**
 * The user's license states: direct licenses are active; each group's products are checked (plan conflicts,
 * prerequisites, usage location, a free seat) and, when one fails, all of that group's products are withheld (the
 * failing one with its error, the others `Other`).
 */
export function evaluateLicenseStates(input: EvaluationInput): LicenseAssignmentState[] {
  const { user, skus } = input;
  const nowIso = new Date(input.now).toISOString();
  const previous = user.licenseAssignmentStates;
  const heldBefore = new Set(previous.filter(isActive).map((s) => s.skuId));
  const states: LicenseAssignmentState[] = [];
  const held = new Set<string>();
  const activePlans = new Set<string>();
  for (const license of user.directLicenses) {
    states.push(stateEntry(previous, license, null, 'Active', 'None', nowIso));
    held.add(license.skuId);
    const sku = skus.get(license.skuId);
    if (sku) for (const plan of enabledPlanIds(sku, license)) activePlans.add(plan);
  }
  const location = user.usageLocation ?? input.tenantCountry;
  for (const group of input.groups) {
    const groupPlans = new Set<string>();
    for (const license of group.appliedLicenses) {
      const sku = skus.get(license.skuId);
      if (sku) for (const plan of enabledPlanIds(sku, license)) groupPlans.add(plan);
    }
    let failure: { skuId: string; error: LicenseAssignmentState['error'] } | undefined;
    for (const license of group.appliedLicenses) {
      const sku = skus.get(license.skuId);
      if (sku?.appliesTo !== 'User') {
        failure = { skuId: license.skuId, error: 'Other' };
        break;
      }
      const violation = checkPlans(
        input.rules,
        enabledPlanIds(sku, license),
        activePlans,
        groupPlans,
        location,
      );
      if (violation) {
        failure = { skuId: license.skuId, error: violation.error };
        break;
      }
      const othersConsuming = input.consumedUnits(sku.skuId) - (heldBefore.has(sku.skuId) ? 1 : 0);
      if (!held.has(sku.skuId) && sku.prepaidUnits.enabled - othersConsuming <= 0) {
        failure = { skuId: license.skuId, error: 'CountViolation' };
        break;
      }
    }
    for (const license of group.appliedLicenses) {
      if (failure) {
        const error = license.skuId === failure.skuId ? failure.error : 'Other';
        states.push(stateEntry(previous, license, group.id, 'Error', error, nowIso));
      } else {
        states.push(stateEntry(previous, license, group.id, 'Active', 'None', nowIso));
        held.add(license.skuId);
      }
    }
    if (!failure) for (const plan of groupPlans) activePlans.add(plan);
  }
  return states;
}

/** A state entry; keeps the previous timestamp when nothing changed for that source. */
function stateEntry(
  previous: readonly LicenseAssignmentState[],
  license: AssignedLicense,
  assignedByGroup: string | null,
  state: LicenseAssignmentState['state'],
  error: LicenseAssignmentState['error'],
  nowIso: string,
): LicenseAssignmentState {
  const before = previous.find((s) => s.skuId === license.skuId && s.assignedByGroup === assignedByGroup);
  const same =
    before !== undefined &&
    before.state === state &&
    before.error === error &&
    before.disabledPlans.join() === license.disabledPlans.join();
  return {
    skuId: license.skuId,
    disabledPlans: [...license.disabledPlans],
    assignedByGroup,
    state,
    error,
    lastUpdatedDateTime: same ? before.lastUpdatedDateTime : nowIso,
  };
}

/** `assignedLicenses` from license states: active licenses from every source, one per SKU (enabled plans = union). */
export function mergeActive(states: readonly LicenseAssignmentState[]): AssignedLicense[] {
  const bySku = new Map<string, Set<string>>();
  for (const state of states) {
    if (!isActive(state)) continue;
    const disabled = bySku.get(state.skuId);
    if (!disabled) bySku.set(state.skuId, new Set(state.disabledPlans));
    else for (const plan of [...disabled]) if (!state.disabledPlans.includes(plan)) disabled.delete(plan);
  }
  return [...bySku].map(([skuId, disabled]) => ({ disabledPlans: [...disabled], skuId }));
}
