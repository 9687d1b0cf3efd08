import type { TenantPlan } from './model.js';

/** The plans an admin switched off on SKU A, carried over to SKU B by service plan name. */
export interface CarriedPlans {
  /** Plan ids of B to disable (B's plans with the name of a plan disabled on A). */
  disabledPlans: string[];
  /** Their names. */
  carried: string[];
  /** Names of plans disabled on A that B does not have (nothing to carry: listed for the admin). */
  notInTarget: string[];
}

/** Carries A's disabled plans to B where B has a plan of the same name. */
export function carryDisabledPlans(
  from: { plans: readonly TenantPlan[] },
  to: { plans: readonly TenantPlan[] },
  disabledOnFrom: readonly string[],
): CarriedPlans {
  const toByName = new Map(to.plans.map((p) => [p.servicePlanName.toUpperCase(), p]));
  const carried: TenantPlan[] = [];
  const notInTarget: string[] = [];
  for (const planId of disabledOnFrom) {
    const name = from.plans.find((p) => p.servicePlanId === planId)?.servicePlanName ?? planId;
    const target = toByName.get(name.toUpperCase());
    if (target) carried.push(target);
    else notInTarget.push(name);
  }
  return {
    disabledPlans: carried.map((p) => p.servicePlanId).sort(),
    carried: carried.map((p) => p.servicePlanName).sort(),
    notInTarget: notInTarget.sort(),
  };
}
