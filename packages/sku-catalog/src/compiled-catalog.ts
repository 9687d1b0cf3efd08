import type { CatalogProduct, CatalogServicePlan, MutualExclusionGroup } from './types.js';

/** The compact on-disk form written by scripts/build-catalog.mjs. */
export interface CompiledCatalog {
  source: { catalog: string; mutualExclusions: string; rows: number };
  /** [servicePlanId, names, friendlyNames] */
  plans: [string, string[], string[]][];
  /** [skuId, partNumber, displayNames, [planIndex, friendlyName][]] */
  products: [string, string, string[], [number, string][]][];
  /** [service, group, [servicePlanName, servicePlanId][]] */
  mutualExclusions: [string, string, [string, string][]][];
}

export function expandPlans(compiled: CompiledCatalog): CatalogServicePlan[] {
  return compiled.plans.map(([servicePlanId, servicePlanNames, friendlyNames]) => ({
    servicePlanId,
    servicePlanNames,
    friendlyNames,
  }));
}

export function expandProducts(
  compiled: CompiledCatalog,
  plans: readonly CatalogServicePlan[],
): CatalogProduct[] {
  return compiled.products.map(([skuId, skuPartNumber, displayNames, productPlans]) => ({
    skuId,
    skuPartNumber,
    displayName: displayNames[0] ?? skuPartNumber,
    displayNames,
    servicePlans: productPlans.map(([index, friendlyName]) => {
      const plan = plans[index];
      if (!plan) throw new Error(`catalog data is corrupt: product ${skuId} names plan #${index}`);
      return {
        servicePlanId: plan.servicePlanId,
        servicePlanName: plan.servicePlanNames[0] ?? plan.servicePlanId,
        friendlyName: friendlyName || plan.friendlyNames[0] || (plan.servicePlanNames[0] ?? ''),
      };
    }),
  }));
}

export function expandExclusions(compiled: CompiledCatalog): MutualExclusionGroup[] {
  return compiled.mutualExclusions.map(([service, group, plans]) => ({
    service,
    group,
    plans: plans.map(([servicePlanName, servicePlanId]) => ({ servicePlanName, servicePlanId })),
  }));
}
