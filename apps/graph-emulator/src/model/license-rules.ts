import type {
  AssignedLicense,
  LicenseError,
  MutualExclusions,
  PlanDependencies,
  ProhibitedLocations,
  Sku,
} from './types.js';

/** The tenant-wide rules a license must satisfy for one user. */
export interface LicenseRules {
  mutualExclusions: MutualExclusions;
  dependencies: PlanDependencies;
  prohibitedLocations: ProhibitedLocations;
}

/** Per SKU object and disabled-plan list: the enabled plans (large tenants repeat the same few licenses). */
const enabledCache = new WeakMap<
  Sku,
  Map<string, { plans: readonly { servicePlanId: string }[]; ids: string[] }>
>();

export function enabledPlanIds(sku: Sku, license: AssignedLicense): string[] {
  let bySku = enabledCache.get(sku);
  if (!bySku) {
    bySku = new Map();
    enabledCache.set(sku, bySku);
  }
  const key = license.disabledPlans.join(',');
  const cached = bySku.get(key);
  // A plan added to the SKU while running (a new servicePlans array) invalidates the entry.
  if (cached && cached.plans === sku.servicePlans) return cached.ids;
  const disabled = new Set(license.disabledPlans);
  const ids = [...new Set(sku.servicePlans.map((p) => p.servicePlanId))].filter((id) => !disabled.has(id));
  bySku.set(key, { plans: sku.servicePlans, ids });
  return ids;
}

export interface RuleViolation {
  error: Exclude<LicenseError, 'None' | 'Other' | 'CountViolation' | 'UniquenessViolation'>;
  /** Human-readable, in the words Graph uses for direct assignments. */
  message: string;
}

/**
 * Checks the plans a license would enable against the plans the user already has (`otherPlans`) and the
 * plans granted together with it (`companionPlans`, e.g. the other products of the same group).
 */
export function checkPlans(
  rules: LicenseRules,
  plans: readonly string[],
  otherPlans: ReadonlySet<string>,
  companionPlans: ReadonlySet<string>,
  usageLocation: string,
): RuleViolation | undefined {
  for (const plan of plans) {
    const countries = rules.prohibitedLocations.get(plan);
    if (countries?.has(usageLocation.toUpperCase())) {
      return {
        error: 'ProhibitedInUsageLocationViolation',
        message: `License assignment failed because service plan ${plan} is not available in usage location ${usageLocation}.`,
      };
    }
  }
  for (const plan of plans) {
    const conflicts = rules.mutualExclusions.get(plan);
    if (!conflicts) continue;
    for (const other of conflicts) {
      if (other !== plan && (otherPlans.has(other) || companionPlans.has(other))) {
        return {
          error: 'MutuallyExclusiveViolation',
          message: `License assignment failed because service plans ${plan},${other} are mutually exclusive.`,
        };
      }
    }
  }
  for (const plan of plans) {
    const required = rules.dependencies.get(plan);
    if (!required) continue;
    const satisfied = required.some((r) => otherPlans.has(r) || companionPlans.has(r) || plans.includes(r));
    if (!satisfied) {
      return {
        error: 'DependencyViolation',
        message: `License assignment failed because service plan ${plan} depends on the service plan(s) ${required.join(', ')}.`,
      };
    }
  }
  return undefined;
}
