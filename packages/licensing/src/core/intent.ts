import type { LicenseChangeSet, SkuChangeRequest } from './change-set.js';
import { addSkuRequest } from './change-set.js';
import type { SubscribedSkuLike } from './graph-models.js';
import { LicensingError, shownValue } from './licensing-error.js';
import { resolveServicePlan, resolveSku } from './resolve.js';
import { type ResolvedSku, skuLabel } from './sku-index.js';

/** A SKU by skuId, part number or display name, optionally with plans (id, plan name or friendly name) to disable. */
export type SkuSpec = string | { sku: string; disabledPlans?: readonly string[] };

/**
 * What a caller wants done to one target, in names. Nothing is removed unless the intent says so
 * (`remove`, `swap`, or `set` with `exclusive`).
 * - `assign`: add SKUs. `disabledPlans` of a SKU already assigned are added to its disabled plans (none re-enabled).
 * - `remove`: remove SKUs (a SKU not assigned is reported, not an error).
 * - `swap`: remove and add in one call.
 * - `updatePlans`: disable and/or enable plans of an assigned SKU, keeping its other disabled plans.
 * - `set`: the listed SKUs get exactly the listed disabled plans; `exclusive` removes every other SKU.
 */
export type LicenseIntent =
  | { action: 'assign'; skus: readonly SkuSpec[] }
  | { action: 'remove'; skus: readonly string[] }
  | { action: 'swap'; remove: readonly string[]; add: readonly SkuSpec[] }
  | { action: 'updatePlans'; sku: string; disable?: readonly string[]; enable?: readonly string[] }
  | { action: 'set'; licenses: readonly SkuSpec[]; exclusive?: boolean };

export type LicenseIntentAction = LicenseIntent['action'];

export const INTENT_ACTIONS: readonly LicenseIntentAction[] = [
  'assign',
  'remove',
  'swap',
  'updatePlans',
  'set',
];

function invalid(field: string, value: unknown, message: string): LicensingError {
  return new LicensingError({
    code: 'INVALID_INPUT',
    field,
    value,
    message: `${message} Got ${shownValue(value)}.`,
  });
}

function list<T>(value: readonly T[] | undefined, field: string, allowEmpty = false): readonly T[] {
  if (value === undefined && allowEmpty) return [];
  if (!Array.isArray(value)) throw invalid(field, value, `${field} must be a list.`);
  if (!allowEmpty && value.length === 0)
    throw invalid(field, value, `${field} must list at least one entry.`);
  if (value.length > 500)
    throw invalid(field, value.length, `${field} lists too many entries (at most 500).`);
  return value;
}

function specParts(spec: SkuSpec, field: string): { ref: string; plans: readonly string[]; field: string } {
  if (typeof spec === 'string') return { ref: spec, plans: [], field };
  if (spec && typeof spec === 'object' && typeof spec.sku === 'string') {
    return {
      ref: spec.sku,
      plans: list(spec.disabledPlans, `${field}.disabledPlans`, true),
      field: `${field}.sku`,
    };
  }
  throw invalid(field, spec, `${field} must be a SKU reference or { sku, disabledPlans }.`);
}

function planIds(sku: ResolvedSku, refs: readonly string[], field: string): string[] {
  return refs.map((ref, i) => resolveServicePlan(sku, ref, { field: `${field}[${i}]` }).servicePlanId);
}

function resolveSpec(
  spec: SkuSpec,
  field: string,
  tenantSkus: readonly SubscribedSkuLike[] | undefined,
  exact: boolean,
): SkuChangeRequest {
  const parts = specParts(spec, field);
  const sku = resolveSku(parts.ref, tenantSkus, { field: parts.field });
  const plans = planIds(sku, parts.plans, `${field}.disabledPlans`);
  return {
    skuId: sku.skuId,
    present: true,
    ...(exact ? { disabledPlans: [...new Set(plans)].sort() } : {}),
    disable: exact ? [] : plans,
    enable: [],
    mustBeAssigned: false,
    field,
    ref: parts.ref,
    label: skuLabel(sku),
  };
}

function resolveRemoval(
  ref: string,
  field: string,
  tenantSkus?: readonly SubscribedSkuLike[],
): SkuChangeRequest {
  const sku = resolveSku(ref, tenantSkus, { field });
  return {
    skuId: sku.skuId,
    present: false,
    disable: [],
    enable: [],
    mustBeAssigned: false,
    field,
    ref,
    label: skuLabel(sku),
  };
}

/**
 * Resolves a name-level intent against the tenant's SKUs (and the catalog) into a GUID-level change set.
 * Every error names the field inside the intent (`skus[1]`, `add[0].disabledPlans[2]`, …).
 */
export function resolveIntent(
  intent: LicenseIntent,
  tenantSkus?: readonly SubscribedSkuLike[],
): LicenseChangeSet {
  if (!intent || typeof intent !== 'object') throw invalid('intent', intent, 'intent must be an object.');
  const skus: SkuChangeRequest[] = [];
  switch (intent.action) {
    case 'assign':
      list(intent.skus, 'skus').forEach((spec, i) => {
        addSkuRequest(skus, resolveSpec(spec, `skus[${i}]`, tenantSkus, false));
      });
      return { skus, exclusive: false, fromSet: false };
    case 'remove':
      list(intent.skus, 'skus').forEach((ref, i) => {
        addSkuRequest(skus, resolveRemoval(ref, `skus[${i}]`, tenantSkus));
      });
      return { skus, exclusive: false, fromSet: false };
    case 'swap':
      list(intent.add, 'add').forEach((spec, i) => {
        addSkuRequest(skus, resolveSpec(spec, `add[${i}]`, tenantSkus, false));
      });
      list(intent.remove, 'remove').forEach((ref, i) => {
        addSkuRequest(skus, resolveRemoval(ref, `remove[${i}]`, tenantSkus));
      });
      return { skus, exclusive: false, fromSet: false };
    case 'updatePlans': {
      const sku = resolveSku(intent.sku, tenantSkus, { field: 'sku' });
      const disable = planIds(sku, list(intent.disable, 'disable', true), 'disable');
      const enable = planIds(sku, list(intent.enable, 'enable', true), 'enable');
      if (disable.length === 0 && enable.length === 0) {
        throw invalid('disable', intent.disable, 'updatePlans needs at least one plan in disable or enable.');
      }
      const both = disable.findIndex((p) => enable.includes(p));
      if (both >= 0) {
        throw new LicensingError({
          code: 'PLAN_DISABLE_AND_ENABLE',
          field: `disable[${both}]`,
          value: intent.disable?.[both],
          message: `Service plan ${intent.disable?.[both]} is in both disable and enable.`,
        });
      }
      skus.push({
        skuId: sku.skuId,
        present: true,
        disable,
        enable,
        mustBeAssigned: true,
        field: 'sku',
        ref: intent.sku,
        label: skuLabel(sku),
      });
      return { skus, exclusive: false, fromSet: false };
    }
    case 'set':
      list(intent.licenses, 'licenses', intent.exclusive === true).forEach((spec, i) => {
        addSkuRequest(skus, resolveSpec(spec, `licenses[${i}]`, tenantSkus, true), 'CONFLICTING_INTENTS');
      });
      return { skus, exclusive: intent.exclusive === true, fromSet: true };
    default:
      throw invalid(
        'action',
        (intent as { action?: unknown }).action,
        `action must be one of ${INTENT_ACTIONS.join(', ')}.`,
      );
  }
}
