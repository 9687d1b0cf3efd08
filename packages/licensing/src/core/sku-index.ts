import { type CatalogProduct, getCatalog } from '@entra-licensing/sku-catalog';
import type { SubscribedSkuLike } from './graph-models.js';
import { guidText } from './guid.js';
import { nameKey } from './text-match.js';

/** A service plan of a resolved SKU, with every name it is known by. */
export interface ResolvedServicePlan {
  servicePlanId: string;
  /** Graph's `servicePlanName`, e.g. `TEAMS1`. */
  servicePlanName: string;
  /** Microsoft's friendly name, e.g. `Microsoft Teams` (the plan name when the catalog has none). */
  friendlyName: string;
  /** Every plan name and friendly name the catalog and the tenant give this id. */
  names: string[];
  /** `User` or `Company`, when the tenant says so. */
  appliesTo?: string;
}

/** Seats of a tenant SKU. `available` = `prepaidUnits.enabled` − `consumedUnits` (never below 0). */
export interface SkuSeats {
  enabled: number;
  consumed: number;
  available: number;
  warning: number;
  suspended: number;
  lockedOut: number;
}

export interface ResolvedSku {
  skuId: string;
  skuPartNumber: string;
  /** Product name from Microsoft's catalog, or the part number for a SKU the catalog lacks. */
  displayName: string;
  /** Every product name the catalog gives this skuId (a few SKUs carry an old and a new name). */
  displayNames: string[];
  servicePlans: ResolvedServicePlan[];
  inCatalog: boolean;
  /** Whether the tenant subscribes to it; absent when no tenant SKUs were given. */
  inTenant?: boolean;
  /** Present when tenant data was given and the tenant has this SKU. */
  seats?: SkuSeats;
  capabilityStatus?: string;
  /** `User` or `Company` (only `User` SKUs can be assigned). */
  appliesTo?: string;
}

export interface SkuIndex {
  skus: ResolvedSku[];
  bySkuId: Map<string, ResolvedSku>;
  byPartNumber: Map<string, ResolvedSku[]>;
  byNameKey: Map<string, ResolvedSku[]>;
}

function pushUnique<T>(map: Map<string, T[]>, key: string, value: T): void {
  if (key.length === 0) return;
  const list = map.get(key);
  if (!list) map.set(key, [value]);
  else if (!list.includes(value)) list.push(value);
}

function buildIndex(skus: ResolvedSku[]): SkuIndex {
  const bySkuId = new Map<string, ResolvedSku>();
  const byPartNumber = new Map<string, ResolvedSku[]>();
  const byNameKey = new Map<string, ResolvedSku[]>();
  for (const sku of skus) {
    bySkuId.set(sku.skuId, sku);
    pushUnique(byPartNumber, sku.skuPartNumber.toUpperCase(), sku);
    for (const name of sku.displayNames) pushUnique(byNameKey, nameKey(name), sku);
  }
  return { skus, bySkuId, byPartNumber, byNameKey };
}

function planNames(servicePlanId: string, ownNames: readonly string[]): string[] {
  const catalogPlan = getCatalog().servicePlanById.get(servicePlanId);
  const names = [
    ...ownNames,
    ...(catalogPlan?.servicePlanNames ?? []),
    ...(catalogPlan?.friendlyNames ?? []),
  ];
  return [...new Set(names.filter((n) => n.length > 0))];
}

function fromCatalog(product: CatalogProduct): ResolvedSku {
  return {
    skuId: product.skuId,
    skuPartNumber: product.skuPartNumber,
    displayName: product.displayName,
    displayNames: [...product.displayNames],
    inCatalog: true,
    servicePlans: dedupePlans(
      product.servicePlans.map((plan) => ({
        servicePlanId: plan.servicePlanId,
        servicePlanName: plan.servicePlanName,
        friendlyName: plan.friendlyName,
        names: planNames(plan.servicePlanId, [plan.servicePlanName, plan.friendlyName]),
      })),
    ),
  };
}

function dedupePlans(plans: ResolvedServicePlan[]): ResolvedServicePlan[] {
  const byId = new Map<string, ResolvedServicePlan>();
  for (const plan of plans) {
    const seen = byId.get(plan.servicePlanId);
    if (seen) seen.names = [...new Set([...seen.names, ...plan.names])];
    else byId.set(plan.servicePlanId, plan);
  }
  return [...byId.values()];
}

function count(value: number | null | undefined): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

/** Seats of a tenant SKU; `available` uses `prepaidUnits.enabled − consumedUnits` (warning units are not counted as free). */
export function seatsOf(sku: SubscribedSkuLike): SkuSeats {
  const enabled = count(sku.prepaidUnits?.enabled);
  const consumed = count(sku.consumedUnits);
  return {
    enabled,
    consumed,
    available: Math.max(0, enabled - consumed),
    warning: count(sku.prepaidUnits?.warning),
    suspended: count(sku.prepaidUnits?.suspended),
    lockedOut: count(sku.prepaidUnits?.lockedOut),
  };
}

/** A tenant SKU merged with what the catalog knows of it (names). The tenant's plan list wins. */
export function fromTenant(sku: SubscribedSkuLike): ResolvedSku | undefined {
  const skuId = guidText(sku.skuId);
  if (!skuId) return undefined;
  const product = getCatalog().productBySkuId.get(skuId);
  const catalogPlans = new Map(product?.servicePlans.map((p) => [p.servicePlanId, p]) ?? []);
  const skuPartNumber = sku.skuPartNumber ?? product?.skuPartNumber ?? skuId;
  const servicePlans: ResolvedServicePlan[] = [];
  for (const plan of sku.servicePlans ?? []) {
    const servicePlanId = guidText(plan.servicePlanId);
    if (!servicePlanId) continue;
    const catalogPlan = catalogPlans.get(servicePlanId);
    const servicePlanName = plan.servicePlanName ?? catalogPlan?.servicePlanName ?? servicePlanId;
    const friendlyName =
      catalogPlan?.friendlyName ??
      getCatalog().servicePlanById.get(servicePlanId)?.friendlyNames[0] ??
      servicePlanName;
    servicePlans.push({
      servicePlanId,
      servicePlanName,
      friendlyName,
      names: planNames(servicePlanId, [servicePlanName, friendlyName]),
      ...(plan.appliesTo ? { appliesTo: plan.appliesTo } : {}),
    });
  }
  return {
    skuId,
    skuPartNumber,
    displayName: product?.displayName ?? skuPartNumber,
    displayNames: product ? [...product.displayNames] : [skuPartNumber],
    servicePlans: dedupePlans(servicePlans),
    inCatalog: product !== undefined,
    inTenant: true,
    seats: seatsOf(sku),
    ...(sku.capabilityStatus ? { capabilityStatus: sku.capabilityStatus } : {}),
    ...(sku.appliesTo ? { appliesTo: sku.appliesTo } : {}),
  };
}

let catalogIndex: SkuIndex | undefined;
const tenantIndexes = new WeakMap<readonly SubscribedSkuLike[], SkuIndex>();

/** Microsoft's whole catalog as resolved SKUs (built once). */
export function catalogSkuIndex(): SkuIndex {
  if (!catalogIndex) catalogIndex = buildIndex(getCatalog().products.map(fromCatalog));
  return catalogIndex;
}

/** The tenant's SKUs, merged with the catalog's names (cached per array). */
export function tenantSkuIndex(tenantSkus: readonly SubscribedSkuLike[]): SkuIndex {
  let index = tenantIndexes.get(tenantSkus);
  if (!index) {
    const skus = tenantSkus.map(fromTenant).filter((s): s is ResolvedSku => s !== undefined);
    index = buildIndex(skus);
    tenantIndexes.set(tenantSkus, index);
  }
  return index;
}

/** Looks a skuId up in the tenant first, then the catalog; for labels and plan rendering. */
export function describeSkuId(
  skuId: string,
  tenantSkus?: readonly SubscribedSkuLike[],
): ResolvedSku | undefined {
  const key = skuId.toLowerCase();
  const fromTenantIndex = tenantSkus ? tenantSkuIndex(tenantSkus).bySkuId.get(key) : undefined;
  return fromTenantIndex ?? catalogSkuIndex().bySkuId.get(key);
}

/** "Microsoft 365 E3 (SPE_E3)", or the part number alone when it is the only name. */
export function skuLabel(sku: Pick<ResolvedSku, 'displayName' | 'skuPartNumber'>): string {
  return sku.displayName === sku.skuPartNumber
    ? sku.skuPartNumber
    : `${sku.displayName} (${sku.skuPartNumber})`;
}

/** "Microsoft Teams (TEAMS1)", or the plan name alone when it is the only name. */
export function planLabel(plan: Pick<ResolvedServicePlan, 'friendlyName' | 'servicePlanName'>): string {
  return plan.friendlyName === plan.servicePlanName
    ? plan.servicePlanName
    : `${plan.friendlyName} (${plan.servicePlanName})`;
}

/** A label for any plan id, from the given SKU, the catalog, or the id itself. */
export function describePlanId(servicePlanId: string, sku?: ResolvedSku): string {
  const id = servicePlanId.toLowerCase();
  const own = sku?.servicePlans.find((p) => p.servicePlanId === id);
  if (own) return planLabel(own);
  const catalogPlan = getCatalog().servicePlanById.get(id);
  if (catalogPlan) {
    const name = catalogPlan.servicePlanNames[0] ?? id;
    return planLabel({ servicePlanName: name, friendlyName: catalogPlan.friendlyNames[0] ?? name });
  }
  return id;
}
