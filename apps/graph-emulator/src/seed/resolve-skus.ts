/**
 * The tenant's SKUs and their commercial subscriptions from a seed: a SKU's `prepaidUnits` are the sums of its
 * subscriptions' `totalLicenses` by status, so `/subscribedSkus` and `/directory/subscriptions` always agree.
 */
import { getCatalog } from '@entra-licensing/sku-catalog';
import { isGuid, stableGuid } from '../ids.js';
import type { ServicePlan, Sku, Subscription, SubscriptionStatus } from '../model/types.js';
import type { Seed, SeedSku, SeedSubscription } from './seed-types.js';

/** A seed that cannot be resolved against the catalog: names the field and the value. */
export class SeedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SeedError';
  }
}

const DAY = 86_400_000;
const DEFAULT_CREATED = '2020-01-01T00:00:00Z';
const STATUSES = ['Enabled', 'Warning', 'Suspended', 'LockedOut'] as const;
type SeedStatus = (typeof STATUSES)[number];
const UNITS: Record<SeedStatus, 'enabled' | 'warning' | 'suspended' | 'lockedOut'> = {
  Enabled: 'enabled',
  Warning: 'warning',
  Suspended: 'suspended',
  LockedOut: 'lockedOut',
};
/** Days until the next state for subscriptions the emulator makes up for SKUs the seed gives counts only. */
const SYNTHESIZED_LIFECYCLE_DAYS: Record<SeedStatus, number> = {
  Enabled: 200,
  Warning: 25,
  Suspended: 70,
  LockedOut: 20,
};

export function resolveProduct(
  ref: string,
  field: string,
): { skuId: string; skuPartNumber: string; plans: ServicePlan[] } {
  const catalog = getCatalog();
  const product = isGuid(ref)
    ? catalog.productBySkuId.get(ref.toLowerCase())
    : catalog.productsByPartNumber.get(String(ref).toUpperCase())?.[0];
  if (!product) throw new SeedError(`${field}: '${ref}' is neither a skuId nor a part number of the catalog`);
  const seen = new Set<string>();
  const plans: ServicePlan[] = [];
  for (const plan of product.servicePlans) {
    if (seen.has(plan.servicePlanId)) continue;
    seen.add(plan.servicePlanId);
    plans.push({ servicePlanId: plan.servicePlanId, servicePlanName: plan.servicePlanName });
  }
  return { skuId: product.skuId, skuPartNumber: product.skuPartNumber, plans };
}

/** An ISO 8601 date and time, normalized to Graph's form (`2026-11-03T08:15:00Z`). */
export function isoDate(value: unknown, field: string): string {
  const ms = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(ms)) throw new SeedError(`${field}: '${String(value)}' is not an ISO 8601 date and time`);
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

function count(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new SeedError(`${field}: '${String(value)}' is not a non-negative integer`);
  }
  return value;
}

interface ParsedSubscription {
  entry: SeedSubscription;
  index: number;
  status: SeedStatus;
  totalLicenses: number;
}

function parseSubscription(entry: SeedSubscription, index: number): ParsedSubscription {
  const field = `subscriptions[${index}]`;
  if (!STATUSES.includes(entry.status)) {
    throw new SeedError(`${field}.status: '${String(entry.status)}' is not one of ${STATUSES.join(', ')}`);
  }
  if (entry.isTrial !== undefined && typeof entry.isTrial !== 'boolean') {
    throw new SeedError(`${field}.isTrial: '${String(entry.isTrial)}' is not true or false`);
  }
  if (entry.id !== undefined && !isGuid(entry.id))
    throw new SeedError(`${field}.id: '${entry.id}' is not a GUID`);
  return {
    entry,
    index,
    status: entry.status,
    totalLicenses: count(entry.totalLicenses, `${field}.totalLicenses`),
  };
}

function extraPlans(entry: SeedSku, index: number, plans: ServicePlan[]): ServicePlan[] {
  const out = [...plans];
  (entry.extraServicePlans ?? []).forEach((plan, j) => {
    const field = `skus[${index}].extraServicePlans[${j}]`;
    if (typeof plan?.servicePlanName !== 'string' || plan.servicePlanName.trim() === '') {
      throw new SeedError(`${field}.servicePlanName: '${String(plan?.servicePlanName)}' is not a plan name`);
    }
    if (!isGuid(plan.servicePlanId)) {
      throw new SeedError(`${field}.servicePlanId: '${String(plan.servicePlanId)}' is not a GUID`);
    }
    const id = plan.servicePlanId.toLowerCase();
    if (out.some((p) => p.servicePlanId === id)) {
      throw new SeedError(`${field}.servicePlanId: '${id}' is already a plan of ${entry.sku}`);
    }
    out.push({ servicePlanId: id, servicePlanName: plan.servicePlanName });
  });
  return out;
}

/** The best state a SKU's subscriptions are in: Enabled, then Warning, Suspended, LockedOut. */
function capabilityOf(subscriptions: readonly { status: SeedStatus }[]): Sku['capabilityStatus'] {
  return STATUSES.find((status) => subscriptions.some((s) => s.status === status)) ?? 'Enabled';
}

export function resolveSkusAndSubscriptions(
  seed: Seed,
  tenantId: string,
  now: number,
): { skus: Sku[]; subscriptions: Subscription[] } {
  const bySku = new Map<string, ParsedSubscription[]>();
  const productOf = new Map<string, ReturnType<typeof resolveProduct>>();
  (seed.subscriptions ?? []).forEach((entry, i) => {
    const product = resolveProduct(entry.sku, `subscriptions[${i}].sku`);
    productOf.set(product.skuId, product);
    const list = bySku.get(product.skuId) ?? [];
    list.push(parseSubscription(entry, i));
    bySku.set(product.skuId, list);
  });

  const skus = new Map<string, Sku>();
  (seed.skus ?? []).forEach((entry, i) => {
    const product = resolveProduct(entry.sku, `skus[${i}].sku`);
    const subscriptions = bySku.get(product.skuId);
    const units = { enabled: 0, warning: 0, suspended: 0, lockedOut: 0 };
    if (subscriptions) {
      for (const s of subscriptions) units[UNITS[s.status]] += s.totalLicenses;
      for (const key of Object.keys(units) as (keyof typeof units)[]) {
        const given = entry[key];
        if (given !== undefined && given !== units[key]) {
          throw new SeedError(
            `skus[${i}].${key}: '${String(given)}' disagrees with the subscriptions of ${product.skuPartNumber} (${units[key]})`,
          );
        }
      }
    } else {
      units.enabled = count(entry.enabled, `skus[${i}].enabled`);
      units.warning = count(entry.warning ?? 0, `skus[${i}].warning`);
      units.suspended = count(entry.suspended ?? 0, `skus[${i}].suspended`);
      units.lockedOut = count(entry.lockedOut ?? 0, `skus[${i}].lockedOut`);
    }
    skus.set(product.skuId, {
      skuId: product.skuId,
      skuPartNumber: product.skuPartNumber,
      servicePlans: extraPlans(entry, i, product.plans),
      appliesTo: entry.appliesTo ?? 'User',
      capabilityStatus: entry.capabilityStatus ?? (subscriptions ? capabilityOf(subscriptions) : 'Enabled'),
      prepaidUnits: units,
      subscriptionIds: [],
    });
  });
  // Subscriptions of SKUs the seed does not list add the SKU.
  for (const [skuId, subscriptions] of bySku) {
    if (skus.has(skuId)) continue;
    const product = productOf.get(skuId)!;
    const units = { enabled: 0, warning: 0, suspended: 0, lockedOut: 0 };
    for (const s of subscriptions) units[UNITS[s.status]] += s.totalLicenses;
    skus.set(skuId, {
      skuId,
      skuPartNumber: product.skuPartNumber,
      servicePlans: product.plans,
      appliesTo: 'User',
      capabilityStatus: capabilityOf(subscriptions),
      prepaidUnits: units,
      subscriptionIds: [],
    });
  }

  const today = Math.floor(now / DAY) * DAY;
  const subscriptions: Subscription[] = [];
  for (const sku of skus.values()) {
    const given = bySku.get(sku.skuId);
    if (given) {
      given.forEach((s, j) => {
        const id = (
          s.entry.id ?? stableGuid(`graph-emulator:subscription:${tenantId}:${sku.skuId}:${j}`)
        ).toLowerCase();
        const field = `subscriptions[${s.index}]`;
        subscriptions.push({
          id,
          commerceSubscriptionId:
            s.entry.commerceSubscriptionId ?? stableGuid(`graph-emulator:commerce:${id}`),
          skuId: sku.skuId,
          status: s.status,
          totalLicenses: s.totalLicenses,
          isTrial: s.entry.isTrial ?? false,
          createdDateTime:
            s.entry.createdDateTime === undefined
              ? DEFAULT_CREATED
              : isoDate(s.entry.createdDateTime, `${field}.createdDateTime`),
          nextLifecycleDateTime:
            s.entry.nextLifecycleDateTime === undefined || s.entry.nextLifecycleDateTime === null
              ? null
              : isoDate(s.entry.nextLifecycleDateTime, `${field}.nextLifecycleDateTime`),
        });
      });
    } else {
      // Counts only: one subscription per non-zero count (the first keeps the id SKUs always had).
      const statuses = STATUSES.filter((status) => sku.prepaidUnits[UNITS[status]] > 0);
      (statuses.length > 0 ? statuses : (['Enabled'] as const)).forEach((status, j) => {
        const name = `graph-emulator:subscription:${tenantId}:${sku.skuId}`;
        const id = stableGuid(j === 0 ? name : `${name}:${status}`);
        subscriptions.push({
          id,
          commerceSubscriptionId: stableGuid(`graph-emulator:commerce:${id}`),
          skuId: sku.skuId,
          status: status as SubscriptionStatus,
          totalLicenses: sku.prepaidUnits[UNITS[status]],
          isTrial: false,
          createdDateTime: DEFAULT_CREATED,
          nextLifecycleDateTime: new Date(today + SYNTHESIZED_LIFECYCLE_DAYS[status] * DAY)
            .toISOString()
            .replace('.000Z', 'Z'),
        });
      });
    }
    sku.subscriptionIds = subscriptions.filter((s) => s.skuId === sku.skuId).map((s) => s.id);
  }
  return { skus: [...skus.values()], subscriptions };
}
