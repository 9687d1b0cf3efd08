import type { AssignedLicenseLike } from './graph-models.js';
import { normalizeGuid } from './guid.js';
import { LicensingError } from './licensing-error.js';
import {
  checkPlanOptions,
  diffLicenses,
  type LicensePlan,
  type NormalizedLicense,
  normalizeLicenses,
} from './plan.js';

/** What one SKU should become. `disabledPlans` (exact list) comes only from `set`; otherwise the current list is kept. */
export interface SkuChangeRequest {
  skuId: string;
  present: boolean;
  /** Exact disabled plans (from `set`); undefined = start from the current list ([] for a new SKU). */
  disabledPlans?: string[];
  /** Plans to switch off on top of the starting list. */
  disable: string[];
  /** Plans to switch back on. */
  enable: string[];
  /** The SKU must already be assigned (or added by the same change set) — plan updates. */
  mustBeAssigned: boolean;
  /** The caller's field for this SKU, named in errors. */
  field: string;
  /** The SKU as the caller wrote it (GUID, part number or name), shown in errors; defaults to the skuId. */
  ref?: string;
  /** A readable name for messages, e.g. "Microsoft 365 E3 (SPE_E3)"; defaults to the skuId. */
  label?: string;
}

/** "Microsoft 365 E3 (SPE_E3)" as resolved, or the GUID when the request came without names. */
function nameOf(request: SkuChangeRequest): string {
  return request.label ?? request.skuId;
}

/**
 * A GUID-level description of what the caller asked for, produced by every intent and merged per target in bulk.
 * `exclusive` removes every current SKU the change set does not mention.
 */
export interface LicenseChangeSet {
  skus: SkuChangeRequest[];
  exclusive: boolean;
  /**
   * Made from a `set` intent ("exactly these licenses"): the only kind that is never merged with others for the same
   * target.
   */
  fromSet: boolean;
}

function sameMembers(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return [...new Set(a)].sort().join() === [...new Set(b)].sort().join();
}

function conflict(
  field: string,
  value: unknown,
  message: string,
  code: 'CONFLICTING_INTENTS' | 'SKU_ADD_AND_REMOVE',
) {
  return new LicensingError({ code, field, value, message });
}

/** Adds one SKU request to a list, merging with an earlier one for the same SKU or refusing a contradiction. */
export function addSkuRequest(
  list: SkuChangeRequest[],
  request: SkuChangeRequest,
  code: 'CONFLICTING_INTENTS' | 'SKU_ADD_AND_REMOVE' = 'SKU_ADD_AND_REMOVE',
): void {
  const seen = list.find((r) => r.skuId === request.skuId);
  if (!seen) {
    list.push({ ...request, disable: [...request.disable], enable: [...request.enable] });
    return;
  }
  if (seen.present !== request.present) {
    throw conflict(
      request.field,
      request.ref ?? request.skuId,
      `SKU ${nameOf(request)} is both added and removed (${seen.field} and ${request.field}); a SKU cannot be in both lists.`,
      code,
    );
  }
  if (seen.disabledPlans !== undefined && request.disabledPlans !== undefined) {
    if (!sameMembers(seen.disabledPlans, request.disabledPlans)) {
      throw conflict(
        request.field,
        request.skuId,
        `SKU ${request.skuId} is given two different disabled-plan lists (${seen.field} and ${request.field}).`,
        'CONFLICTING_INTENTS',
      );
    }
  }
  seen.disabledPlans = seen.disabledPlans ?? request.disabledPlans;
  const disable = new Set([...seen.disable, ...request.disable]);
  const enable = new Set([...seen.enable, ...request.enable]);
  for (const plan of disable) {
    if (enable.has(plan)) {
      throw conflict(
        request.field,
        plan,
        `Service plan ${plan} of SKU ${request.skuId} is both disabled and enabled (${seen.field} and ${request.field}).`,
        'CONFLICTING_INTENTS',
      );
    }
  }
  seen.disable = [...disable];
  seen.enable = [...enable];
  seen.mustBeAssigned = seen.mustBeAssigned && request.mustBeAssigned;
}

/** Merges the change sets of several intents for one target, refusing contradictions (field names the later one). */
export function mergeChangeSets(sets: readonly LicenseChangeSet[]): LicenseChangeSet {
  if (sets.length === 1 && sets[0]) return sets[0];
  const setIntents = sets.filter((s) => s.fromSet);
  if (setIntents.length > 0 && sets.length > 1) {
    throw new LicensingError({
      code: 'CONFLICTING_INTENTS',
      field: 'intent',
      value: 'set',
      message:
        'A "set" intent states the whole desired state of its target and cannot be merged with other intents for the same target.',
    });
  }
  const merged: LicenseChangeSet = { skus: [], exclusive: false, fromSet: false };
  for (const set of sets) {
    for (const request of set.skus) addSkuRequest(merged.skus, request, 'CONFLICTING_INTENTS');
  }
  return merged;
}

/** Plans a change set against the current assignments (GUIDs). */
export function planChangeSet(
  current: readonly AssignedLicenseLike[],
  changeSet: LicenseChangeSet,
): LicensePlan {
  const normalizedCurrent = normalizeLicenses(current, 'current');
  const currentBySku = new Map(normalizedCurrent.map((l) => [l.skuId, l]));
  const desired: NormalizedLicense[] = [];
  const removals = new Set<string>();
  const warnings: LicensePlan['warnings'] = [];
  const mentioned = new Set(changeSet.skus.map((r) => r.skuId));
  for (const request of changeSet.skus) {
    const existing = currentBySku.get(request.skuId);
    if (!request.present) {
      removals.add(request.skuId);
      if (!existing) {
        warnings.push({
          code: 'SKU_NOT_ASSIGNED',
          skuId: request.skuId,
          field: request.field,
          message: `SKU ${nameOf(request)} is not assigned to the target; nothing to remove.`,
        });
      }
      continue;
    }
    if (request.mustBeAssigned && !existing && request.disabledPlans === undefined) {
      throw new LicensingError({
        code: 'SKU_NOT_ASSIGNED',
        field: request.field,
        value: request.ref ?? request.skuId,
        message: `SKU ${nameOf(request)} is not assigned to the target, so its service plans cannot be updated. Assign it first.`,
      });
    }
    const start = request.disabledPlans ?? existing?.disabledPlans ?? [];
    const enable = new Set(request.enable);
    const disabledPlans = [...new Set([...start, ...request.disable])].filter((p) => !enable.has(p)).sort();
    desired.push({ skuId: request.skuId, disabledPlans });
  }
  if (changeSet.exclusive) {
    for (const license of normalizedCurrent) if (!mentioned.has(license.skuId)) removals.add(license.skuId);
  }
  const plan = diffLicenses(normalizedCurrent, desired, removals);
  return { ...plan, warnings: [...plan.warnings, ...warnings] };
}

// ---- GUID-level intent helpers: each produces a LicensePlan ----

export interface AddLicense {
  skuId: string;
  /** Plans to disable. For a SKU already assigned they are added to its disabled plans (nothing is re-enabled). */
  disabledPlans?: string[];
}

function addRequests(adds: readonly AddLicense[], field: string): SkuChangeRequest[] {
  const list: SkuChangeRequest[] = [];
  adds.forEach((add, i) => {
    addSkuRequest(list, {
      skuId: normalizeGuid(add?.skuId, `${field}[${i}].skuId`),
      present: true,
      disable: (add.disabledPlans ?? []).map((p, j) =>
        normalizeGuid(p, `${field}[${i}].disabledPlans[${j}]`),
      ),
      enable: [],
      mustBeAssigned: false,
      field: `${field}[${i}]`,
    });
  });
  return list;
}

function removeRequests(skuIds: readonly string[], field: string): SkuChangeRequest[] {
  return skuIds.map((skuId, i) => ({
    skuId: normalizeGuid(skuId, `${field}[${i}]`),
    present: false,
    disable: [],
    enable: [],
    mustBeAssigned: false,
    field: `${field}[${i}]`,
  }));
}

function nonEmpty<T>(list: readonly T[] | undefined, field: string): readonly T[] {
  if (!Array.isArray(list) || list.length === 0) {
    throw new LicensingError({
      code: 'INVALID_INPUT',
      field,
      value: list,
      message: `${field} must list at least one SKU.`,
    });
  }
  return list;
}

export function planAddLicenses(
  current: readonly AssignedLicenseLike[],
  adds: readonly AddLicense[],
): LicensePlan {
  return planChangeSet(current, {
    skus: addRequests(nonEmpty(adds, 'add'), 'add'),
    exclusive: false,
    fromSet: false,
  });
}

export function planRemoveLicenses(
  current: readonly AssignedLicenseLike[],
  skuIds: readonly string[],
): LicensePlan {
  return planChangeSet(current, {
    skus: removeRequests(nonEmpty(skuIds, 'remove'), 'remove'),
    exclusive: false,
    fromSet: false,
  });
}

/** Removes `remove` and adds `add` in one body (never remove-then-add). */
export function planSwapLicenses(
  current: readonly AssignedLicenseLike[],
  swap: { remove: readonly string[]; add: readonly AddLicense[] },
): LicensePlan {
  const skus = addRequests(nonEmpty(swap.add, 'add'), 'add');
  for (const request of removeRequests(nonEmpty(swap.remove, 'remove'), 'remove'))
    addSkuRequest(skus, request);
  return planChangeSet(current, { skus, exclusive: false, fromSet: false });
}

/** Disables and/or enables plans of an assigned SKU, keeping every other disabled plan as it is. */
export function planUpdateServicePlans(
  current: readonly AssignedLicenseLike[],
  update: { skuId: string; disable?: readonly string[]; enable?: readonly string[] },
): LicensePlan {
  const skuId = normalizeGuid(update.skuId, 'skuId');
  const disable = (update.disable ?? []).map((p, i) => normalizeGuid(p, `disable[${i}]`));
  const enable = (update.enable ?? []).map((p, i) => normalizeGuid(p, `enable[${i}]`));
  const both = disable.find((p) => enable.includes(p));
  if (both) {
    throw new LicensingError({
      code: 'PLAN_DISABLE_AND_ENABLE',
      field: 'enable',
      value: both,
      message: `Service plan ${both} is in both disable and enable.`,
    });
  }
  return planChangeSet(current, {
    skus: [{ skuId, present: true, disable, enable, mustBeAssigned: true, field: 'skuId' }],
    exclusive: false,
    fromSet: false,
  });
}

/** Sets the listed SKUs to exactly the given disabled plans; with `exclusive`, removes every other SKU. */
export function planSetLicenses(
  current: readonly AssignedLicenseLike[],
  desired: readonly AssignedLicenseLike[],
  options: { exclusive?: boolean } = {},
): LicensePlan {
  checkPlanOptions(options);
  const skus = normalizeLicenses(desired, 'desired').map((l, i) => ({
    skuId: l.skuId,
    present: true,
    disabledPlans: l.disabledPlans,
    disable: [],
    enable: [],
    mustBeAssigned: false,
    field: `desired[${i}]`,
  }));
  return planChangeSet(current, { skus, exclusive: options.exclusive === true, fromSet: true });
}
