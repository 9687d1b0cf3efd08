import type { AssignedLicenseLike, AssignLicenseBody } from './graph-models.js';
import { guidText, normalizeGuid } from './guid.js';
import { LicensingError } from './licensing-error.js';
import { boolean, checkOptions, type Schema } from './options-check.js';

/** What happens to one SKU: `kept` = assigned and not managed by this plan (left alone). */
export type SkuChangeAction = 'add' | 'remove' | 'update' | 'unchanged' | 'kept';

export interface SkuChange {
  skuId: string;
  action: SkuChangeAction;
  /** Disabled plans before (null when the SKU was not assigned). */
  disabledPlansBefore: string[] | null;
  /** Disabled plans after (null when the SKU is removed or stays unassigned). */
  disabledPlansAfter: string[] | null;
  /** Plans switched off by this plan (for an added SKU: all its disabled plans). */
  plansDisabled: string[];
  /** Plans switched back on by this plan. */
  plansEnabled: string[];
}

export interface PlanWarning {
  code: 'SEAT_SHORTFALL' | 'SKU_NOT_ASSIGNED' | 'INHERITED_LICENSE_SKIPPED';
  skuId: string;
  field: string;
  message: string;
}

export interface LicensePlan {
  /** The `assignLicense` body, or null when nothing changes. Both arrays are always present; no SKU is in both. */
  body: AssignLicenseBody | null;
  /** One entry per SKU the plan looked at, in a stable order (current SKUs first, then added ones). */
  changes: SkuChange[];
  warnings: PlanWarning[];
}

export interface NormalizedLicense {
  skuId: string;
  disabledPlans: string[];
}

function sortedUnique(values: readonly string[]): string[] {
  if (values.length < 2) return [...values];
  return [...new Set(values)].sort();
}

/** Checks and lower-cases a list of assigned licenses; duplicate SKUs must agree. */
export function normalizeLicenses(
  licenses: readonly AssignedLicenseLike[],
  field: string,
): NormalizedLicense[] {
  if (!Array.isArray(licenses)) {
    throw new LicensingError({
      code: 'INVALID_INPUT',
      field,
      value: licenses,
      message: `${field} must be an array of { skuId, disabledPlans }.`,
    });
  }
  const bySku = new Map<string, NormalizedLicense>();
  licenses.forEach((license, i) => {
    const skuId = guidText(license?.skuId) ?? normalizeGuid(license?.skuId, `${field}[${i}].skuId`);
    const plans = license.disabledPlans ?? [];
    if (!Array.isArray(plans)) {
      throw new LicensingError({
        code: 'INVALID_INPUT',
        field: `${field}[${i}].disabledPlans`,
        value: plans,
        message: `${field}[${i}].disabledPlans must be an array of service plan ids.`,
      });
    }
    const disabledPlans = sortedUnique(
      plans.map((p, j) => guidText(p) ?? normalizeGuid(p, `${field}[${i}].disabledPlans[${j}]`)),
    );
    const seen = bySku.get(skuId);
    if (seen && seen.disabledPlans.join() !== disabledPlans.join()) {
      throw new LicensingError({
        code: 'DUPLICATE_SKU',
        field: `${field}[${i}].skuId`,
        value: license.skuId,
        message: `${field} lists SKU ${skuId} twice with different disabled plans.`,
      });
    }
    bySku.set(skuId, { skuId, disabledPlans });
  });
  return [...bySku.values()];
}

function difference(a: readonly string[], b: readonly string[]): string[] {
  if (a.length === 0) return [];
  if (b.length < 16) return a.filter((x) => !b.includes(x));
  const set = new Set(b);
  return a.filter((x) => !set.has(x));
}

/**
 * The core diff: `desired` SKUs get exactly their disabled plans, `removals` are removed if assigned, every other
 * current SKU is kept untouched.
 */
export function diffLicenses(
  current: readonly NormalizedLicense[],
  desired: readonly NormalizedLicense[],
  removals: ReadonlySet<string>,
): LicensePlan {
  const currentBySku = new Map(current.map((l) => [l.skuId, l]));
  const desiredBySku = new Map(desired.map((l) => [l.skuId, l]));
  for (const skuId of removals) {
    if (desiredBySku.has(skuId)) {
      throw new LicensingError({
        code: 'SKU_ADD_AND_REMOVE',
        field: 'removeLicenses',
        value: skuId,
        message: `SKU ${skuId} is both desired and to be removed; a SKU cannot be added and removed in one call.`,
      });
    }
  }
  const changes: SkuChange[] = [];
  const addLicenses: AssignLicenseBody['addLicenses'] = [];
  const removeLicenses: string[] = [];
  for (const license of current) {
    const wanted = desiredBySku.get(license.skuId);
    if (wanted) {
      const plansDisabled = difference(wanted.disabledPlans, license.disabledPlans);
      const plansEnabled = difference(license.disabledPlans, wanted.disabledPlans);
      const changed = plansDisabled.length > 0 || plansEnabled.length > 0;
      if (changed) addLicenses.push({ skuId: license.skuId, disabledPlans: [...wanted.disabledPlans] });
      changes.push({
        skuId: license.skuId,
        action: changed ? 'update' : 'unchanged',
        disabledPlansBefore: license.disabledPlans,
        disabledPlansAfter: wanted.disabledPlans,
        plansDisabled,
        plansEnabled,
      });
    } else if (removals.has(license.skuId)) {
      removeLicenses.push(license.skuId);
      changes.push({
        skuId: license.skuId,
        action: 'remove',
        disabledPlansBefore: license.disabledPlans,
        disabledPlansAfter: null,
        plansDisabled: [],
        plansEnabled: [],
      });
    } else {
      changes.push({
        skuId: license.skuId,
        action: 'kept',
        disabledPlansBefore: license.disabledPlans,
        disabledPlansAfter: license.disabledPlans,
        plansDisabled: [],
        plansEnabled: [],
      });
    }
  }
  for (const wanted of desired) {
    if (currentBySku.has(wanted.skuId)) continue;
    addLicenses.push({ skuId: wanted.skuId, disabledPlans: [...wanted.disabledPlans] });
    changes.push({
      skuId: wanted.skuId,
      action: 'add',
      disabledPlansBefore: null,
      disabledPlansAfter: wanted.disabledPlans,
      plansDisabled: wanted.disabledPlans,
      plansEnabled: [],
    });
  }
  for (const skuId of removals) {
    if (currentBySku.has(skuId)) continue;
    changes.push({
      skuId,
      action: 'unchanged',
      disabledPlansBefore: null,
      disabledPlansAfter: null,
      plansDisabled: [],
      plansEnabled: [],
    });
  }
  const body = addLicenses.length > 0 || removeLicenses.length > 0 ? { addLicenses, removeLicenses } : null;
  return { body, changes, warnings: [] };
}

export interface PlanOptions {
  /** Remove every current SKU that `desired` does not list (default false: unlisted SKUs are left alone). */
  exclusive?: boolean;
}

export const PLAN_OPTIONS: Schema<PlanOptions> = { exclusive: boolean };
export const checkPlanOptions = (options: unknown) => checkOptions(options, PLAN_OPTIONS);

/**
 * Plans the `assignLicense` call that turns `current` into `desired` for the SKUs `desired` lists (with exactly
 * their `disabledPlans`). SKUs only in `current` are left alone unless `exclusive` is set. For a user, pass only the
 * direct assignments as `current`.
 */
export function planLicenseChanges(
  current: readonly AssignedLicenseLike[],
  desired: readonly AssignedLicenseLike[],
  options: PlanOptions = {},
): LicensePlan {
  checkPlanOptions(options);
  const normalizedCurrent = normalizeLicenses(current, 'current');
  const normalizedDesired = normalizeLicenses(desired, 'desired');
  const desiredIds = new Set(normalizedDesired.map((l) => l.skuId));
  const removals = options.exclusive
    ? new Set(normalizedCurrent.filter((l) => !desiredIds.has(l.skuId)).map((l) => l.skuId))
    : new Set<string>();
  return diffLicenses(normalizedCurrent, normalizedDesired, removals);
}

/** Applies an `assignLicense` body with Graph's semantics: remove listed SKUs, then add/replace each added SKU. */
export function applyAssignLicenseBody(
  current: readonly AssignedLicenseLike[],
  body: AssignLicenseBody | null,
): NormalizedLicense[] {
  const result = new Map(normalizeLicenses(current, 'current').map((l) => [l.skuId, l]));
  if (!body) return [...result.values()];
  for (const skuId of body.removeLicenses) result.delete(guidText(skuId) ?? skuId);
  for (const license of body.addLicenses) {
    const skuId = guidText(license.skuId) ?? license.skuId;
    result.set(skuId, {
      skuId,
      disabledPlans: sortedUnique(license.disabledPlans.map((p) => guidText(p) ?? p)),
    });
  }
  return [...result.values()];
}
