import type { SubscribedSkuLike } from './graph-models.js';
import { isGuid } from './guid.js';
import { LicensingError, shownValue } from './licensing-error.js';
import {
  catalogSkuIndex,
  planLabel,
  type ResolvedServicePlan,
  type ResolvedSku,
  type SkuIndex,
  skuLabel,
  tenantSkuIndex,
} from './sku-index.js';
import { nameKey, suggest } from './text-match.js';

/** The longest SKU or plan reference accepted: real names are under 100 characters; longer input is refused at once. */
export const MAX_REFERENCE_LENGTH = 256;

/** Refuses a reference that is not a non-empty string of at most 256 characters, before any lookup. */
function checkReference(ref: unknown, field: string, what: string): asserts ref is string {
  if (typeof ref !== 'string' || ref.trim().length === 0) {
    throw new LicensingError({
      code: 'INVALID_INPUT',
      field,
      value: ref,
      message: `${field} must be ${what}, got ${shownValue(ref)}.`,
    });
  }
  if (ref.length > MAX_REFERENCE_LENGTH) {
    throw new LicensingError({
      code: 'INVALID_INPUT',
      field,
      value: ref,
      message: `${field} is ${ref.length} characters long; a reference has at most ${MAX_REFERENCE_LENGTH} (got ${shownValue(ref)}).`,
    });
  }
}

export interface ResolveOptions {
  /** The input field the reference came from, named in errors (default `sku`). */
  field?: string;
}

function describeCandidates(skus: readonly ResolvedSku[]): string {
  return skus.map((s) => `${skuLabel(s)} [${s.skuId}]`).join('; ');
}

function ambiguous(ref: string, field: string, skus: readonly ResolvedSku[]): LicensingError {
  return new LicensingError({
    code: 'SKU_AMBIGUOUS',
    field,
    value: ref,
    message: `${field} ${shownValue(ref)} matches ${skus.length} SKUs: ${describeCandidates(skus)}. Use the skuId or the part number.`,
    suggestions: skus.map((s) => s.skuId),
  });
}

function pick(
  ref: string,
  field: string,
  found: readonly ResolvedSku[] | undefined,
): ResolvedSku | undefined {
  if (!found || found.length === 0) return undefined;
  if (found.length === 1) return found[0];
  const unique = [...new Map(found.map((s) => [s.skuId, s])).values()];
  if (unique.length > 1) throw ambiguous(ref, field, unique);
  return unique[0];
}

function withTenantFlag(sku: ResolvedSku, tenantGiven: boolean): ResolvedSku {
  return tenantGiven && sku.inTenant === undefined ? { ...sku, inTenant: false } : sku;
}

/**
 * Resolves a SKU reference: a skuId, a part number (case-insensitive) or a product display name (case-, space- and
 * punctuation-insensitive). The tenant's SKUs are searched first, then Microsoft's catalog; an exact skuId or part
 * number wins over a name. Throws `SKU_NOT_FOUND` (with "did you mean" suggestions) or `SKU_AMBIGUOUS`.
 */
export function resolveSku(
  ref: string,
  tenantSkus?: readonly SubscribedSkuLike[],
  options: ResolveOptions = {},
): ResolvedSku {
  const field = options.field ?? 'sku';
  checkReference(ref, field, 'a skuId, a part number or a product name');
  const trimmed = ref.trim();
  const indexes: SkuIndex[] = tenantSkus
    ? [tenantSkuIndex(tenantSkus), catalogSkuIndex()]
    : [catalogSkuIndex()];
  const tenantGiven = tenantSkus !== undefined;

  if (isGuid(trimmed)) {
    for (const index of indexes) {
      const sku = index.bySkuId.get(trimmed.toLowerCase());
      if (sku) return withTenantFlag(sku, tenantGiven);
    }
    throw new LicensingError({
      code: 'SKU_NOT_FOUND',
      field,
      value: ref,
      message: `${field}: no SKU has skuId ${trimmed} ${tenantGiven ? "in the tenant's subscriptions or " : 'in '}Microsoft's catalog.`,
    });
  }
  for (const index of indexes) {
    const sku = pick(ref, field, index.byPartNumber.get(trimmed.toUpperCase()));
    if (sku) return withTenantFlag(sku, tenantGiven);
  }
  const key = nameKey(trimmed);
  for (const index of indexes) {
    const sku = pick(ref, field, index.byNameKey.get(key));
    if (sku) return withTenantFlag(sku, tenantGiven);
  }
  const suggestions = [
    ...new Set(
      indexes.flatMap((index) =>
        suggest(
          trimmed,
          index.skus.map((s) => ({ label: skuLabel(s), names: [s.skuPartNumber, ...s.displayNames] })),
        ),
      ),
    ),
  ].slice(0, 5);
  throw new LicensingError({
    code: 'SKU_NOT_FOUND',
    field,
    value: ref,
    message:
      `${field}: no SKU matches ${shownValue(trimmed)} by skuId, part number or product name.` +
      (suggestions.length > 0 ? ` Did you mean: ${suggestions.join(', ')}?` : ''),
    suggestions,
  });
}

function uniquePlans(plans: readonly ResolvedServicePlan[]): ResolvedServicePlan[] {
  return [...new Map(plans.map((p) => [p.servicePlanId, p])).values()];
}

/**
 * Resolves a service plan of one SKU by plan id, `servicePlanName` or friendly name (case-, space- and
 * punctuation-insensitive). A plan the SKU does not contain → `PLAN_NOT_IN_SKU` / `PLAN_NOT_FOUND` naming the SKU and
 * listing its plans; a name shared by several plans of the SKU → `PLAN_AMBIGUOUS`.
 */
export function resolveServicePlan(
  sku: ResolvedSku,
  ref: string,
  options: ResolveOptions = {},
): ResolvedServicePlan {
  const field = options.field ?? 'plan';
  checkReference(ref, field, 'a service plan id, plan name or friendly name');
  const trimmed = ref.trim();
  // The whole list is in `suggestions`; the message names the first few.
  const labels = sku.servicePlans.map(planLabel);
  const planList =
    labels.length > 12
      ? `${labels.slice(0, 12).join(', ')} and ${labels.length - 12} more`
      : labels.join(', ');
  if (isGuid(trimmed)) {
    const id = trimmed.toLowerCase();
    const plan = sku.servicePlans.find((p) => p.servicePlanId === id);
    if (plan) return plan;
    throw new LicensingError({
      code: 'PLAN_NOT_IN_SKU',
      field,
      value: ref,
      message: `${field}: service plan ${id} is not part of ${skuLabel(sku)}. Its plans are: ${planList}.`,
      suggestions: sku.servicePlans.map((p) => p.servicePlanName),
    });
  }
  const upper = trimmed.toUpperCase();
  const byPlanName = uniquePlans(sku.servicePlans.filter((p) => p.servicePlanName.toUpperCase() === upper));
  const key = nameKey(trimmed);
  const byAnyName =
    byPlanName.length > 0
      ? byPlanName
      : uniquePlans(sku.servicePlans.filter((p) => p.names.some((n) => nameKey(n) === key)));
  if (byAnyName.length === 1 && byAnyName[0]) return byAnyName[0];
  if (byAnyName.length > 1) {
    throw new LicensingError({
      code: 'PLAN_AMBIGUOUS',
      field,
      value: ref,
      message: `${field} ${shownValue(trimmed)} matches ${byAnyName.length} plans of ${skuLabel(sku)}: ${byAnyName
        .map((p) => `${planLabel(p)} [${p.servicePlanId}]`)
        .join('; ')}. Use the plan name or id.`,
      suggestions: byAnyName.map((p) => p.servicePlanName),
    });
  }
  const suggestions = suggest(
    trimmed,
    sku.servicePlans.map((p) => ({ label: p.servicePlanName, names: p.names })),
  );
  throw new LicensingError({
    code: 'PLAN_NOT_FOUND',
    field,
    value: ref,
    message:
      `${field}: ${skuLabel(sku)} has no service plan ${shownValue(trimmed)}.` +
      (suggestions.length > 0 ? ` Did you mean: ${suggestions.join(', ')}?` : '') +
      ` Its plans are: ${planList}.`,
    suggestions: suggestions.length > 0 ? suggestions : sku.servicePlans.map((p) => p.servicePlanName),
  });
}
