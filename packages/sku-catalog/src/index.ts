import type { CompiledCatalog } from './compiled-catalog.js';
import { expandExclusions, expandPlans, expandProducts } from './compiled-catalog.js';
import compiled from './data/catalog.json' with { type: 'json' };
import type { Catalog, CatalogProduct } from './types.js';

export type {
  Catalog,
  CatalogProduct,
  CatalogProductPlan,
  CatalogServicePlan,
  MutualExclusionGroup,
} from './types.js';

let catalog: Catalog | undefined;

/**
 * Microsoft's product and service-plan catalog, indexed. Built on first call (a few milliseconds) and shared.
 */
export function getCatalog(): Catalog {
  if (catalog) return catalog;
  const data = compiled as CompiledCatalog;
  const plans = expandPlans(data);
  const products = expandProducts(data, plans);
  const productsByPartNumber = new Map<string, CatalogProduct[]>();
  for (const product of products) {
    const key = product.skuPartNumber.toUpperCase();
    const list = productsByPartNumber.get(key);
    if (list) list.push(product);
    else productsByPartNumber.set(key, [product]);
  }
  const mutualExclusionGroups = expandExclusions(data);
  const mutuallyExclusivePlans = new Map<string, string[]>();
  for (const group of mutualExclusionGroups) {
    for (const plan of group.plans) {
      const others = group.plans
        .filter((p) => p.servicePlanId !== plan.servicePlanId)
        .map((p) => p.servicePlanId);
      mutuallyExclusivePlans.set(plan.servicePlanId, [
        ...(mutuallyExclusivePlans.get(plan.servicePlanId) ?? []),
        ...others,
      ]);
    }
  }
  catalog = {
    products,
    productBySkuId: new Map(products.map((p) => [p.skuId, p])),
    productsByPartNumber,
    servicePlanById: new Map(plans.map((p) => [p.servicePlanId, p])),
    mutualExclusionGroups,
    mutuallyExclusivePlans,
  };
  return catalog;
}

/** Where the data comes from and how many rows it was built from. */
export const catalogSource: CompiledCatalog['source'] = (compiled as CompiledCatalog).source;
