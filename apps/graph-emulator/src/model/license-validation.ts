/** The synchronous checks of an assignLicense body against the tenant's subscriptions (Graph's 400s). */
import { graphErrors } from '../errors/graph-errors.js';
import { isActive } from './license-evaluation.js';
import { checkPlans, enabledPlanIds, type LicenseRules } from './license-rules.js';
import type { AssignedLicense, Sku, User } from './types.js';

export interface AssignLicenseInput {
  addLicenses: AssignedLicense[];
  removeLicenses: string[];
}

/** Every SKU known and assignable, plans its own, no SKU twice or both added and removed. */
export function validateLicenseLists(
  skus: ReadonlyMap<string, Sku>,
  input: AssignLicenseInput,
  target: 'group' | 'user',
): void {
  const seen = new Set<string>();
  for (const add of input.addLicenses) {
    const sku = skus.get(add.skuId);
    if (!sku)
      throw graphErrors.badRequest(`License ${add.skuId} does not correspond to a valid company License.`);
    if (sku.appliesTo !== 'User')
      throw graphErrors.badRequest(`License ${add.skuId} cannot be assigned to a ${target}.`);
    if (seen.has(add.skuId)) {
      throw graphErrors.badRequest(`License ${add.skuId} is specified more than once in addLicenses.`);
    }
    seen.add(add.skuId);
    const plans = new Set(sku.servicePlans.map((p) => p.servicePlanId));
    for (const plan of add.disabledPlans) {
      if (!plans.has(plan)) {
        throw graphErrors.badRequest(
          `Service plan ${plan} does not belong to the subscription ${sku.skuPartNumber} (${sku.skuId}).`,
        );
      }
    }
    if (input.removeLicenses.includes(add.skuId)) {
      throw graphErrors.badRequest(
        `License ${add.skuId} cannot be both added and removed in the same request.`,
      );
    }
  }
  for (const skuId of input.removeLicenses) {
    if (!skus.has(skuId)) {
      throw graphErrors.badRequest(`License ${skuId} does not correspond to a valid company License.`);
    }
  }
}

export interface UserAssignmentContext {
  skus: ReadonlyMap<string, Sku>;
  rules: LicenseRules;
  availableUnits(skuId: string): number;
}

/**
 * A user's assignLicense, all or nothing: removals of licenses the user holds directly, a usage location for
 * additions, a free seat, no plan conflict, prerequisite or location violation (Graph's 400 texts).
 */
export function validateUserAssignment(
  input: AssignLicenseInput,
  user: User,
  context: UserAssignmentContext,
): void {
  const { skus } = context;
  validateLicenseLists(skus, input, 'user');
  for (const skuId of input.removeLicenses) {
    if (!user.directLicenses.some((l) => l.skuId === skuId)) {
      if (user.licenseAssignmentStates.some((s) => s.skuId === skuId && s.assignedByGroup !== null)) {
        throw graphErrors.badRequest(
          'User license is inherited from a group membership and it cannot be removed directly from the user.',
        );
      }
      throw graphErrors.badRequest('User does not have a corresponding license.');
    }
  }
  if (input.addLicenses.length > 0 && !user.usageLocation) {
    throw graphErrors.badRequest('License assignment cannot be done for user with invalid usage location.');
  }
  const changing = new Set([...input.removeLicenses, ...input.addLicenses.map((l) => l.skuId)]);
  const keptStates = user.licenseAssignmentStates.filter(
    (s) => isActive(s) && !(s.assignedByGroup === null && changing.has(s.skuId)),
  );
  const otherPlans = new Set<string>();
  for (const state of keptStates) {
    const sku = skus.get(state.skuId);
    if (sku) for (const plan of enabledPlanIds(sku, state)) otherPlans.add(plan);
  }
  const newPlans = new Set<string>();
  const resolved = input.addLicenses.map((add) => {
    const sku = skus.get(add.skuId)!;
    const plans = enabledPlanIds(sku, add);
    for (const plan of plans) newPlans.add(plan);
    return { add, sku, plans };
  });
  for (const { add, sku, plans } of resolved) {
    const holds = user.licenseAssignmentStates.some((s) => s.skuId === add.skuId && isActive(s));
    if (!holds && context.availableUnits(sku.skuId) <= 0) {
      throw graphErrors.badRequest(
        `Subscription with SKU ${sku.skuId} does not have any available licenses.`,
      );
    }
    const violation = checkPlans(context.rules, plans, otherPlans, newPlans, user.usageLocation ?? '');
    if (violation) throw graphErrors.badRequest(violation.message);
  }
}
