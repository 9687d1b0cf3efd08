/** A service plan as it appears inside one product of Microsoft's catalog. */
export interface CatalogProductPlan {
  /** Lower-case GUID (`servicePlanInfo.servicePlanId` in Graph). */
  readonly servicePlanId: string;
  /** The plan's name (`servicePlanInfo.servicePlanName` in Graph), e.g. `TEAMS1`. */
  readonly servicePlanName: string;
  /** Microsoft's friendly name for the plan inside this product, e.g. `Microsoft Teams`. */
  readonly friendlyName: string;
}

/** A product (SKU) of Microsoft's catalog. */
export interface CatalogProduct {
  /** Lower-case GUID (`subscribedSku.skuId` in Graph). */
  readonly skuId: string;
  /** String id (`subscribedSku.skuPartNumber` in Graph), e.g. `SPE_E3`. */
  readonly skuPartNumber: string;
  /** The product name shown in admin centres, e.g. `Microsoft 365 E3`. */
  readonly displayName: string;
  /** Every name Microsoft's file gives this GUID (a few products carry an old and a new name). */
  readonly displayNames: readonly string[];
  readonly servicePlans: readonly CatalogProductPlan[];
}

/** A service plan across the whole catalog, grouped by id. */
export interface CatalogServicePlan {
  readonly servicePlanId: string;
  /** Every name seen for this id (a handful of ids carry two spellings). The first is the usual one. */
  readonly servicePlanNames: readonly string[];
  /** Every friendly name seen for this id across products. */
  readonly friendlyNames: readonly string[];
}

/** Plans of which a user can hold at most one ("Service plans that cannot be assigned at the same time"). */
export interface MutualExclusionGroup {
  readonly service: string;
  readonly group: string;
  readonly plans: readonly { readonly servicePlanName: string; readonly servicePlanId: string }[];
}

export interface Catalog {
  readonly products: readonly CatalogProduct[];
  /** Key: lower-case skuId. */
  readonly productBySkuId: ReadonlyMap<string, CatalogProduct>;
  /** Key: upper-case part number. A part number may name more than one product (e.g. `MCOPSTN5`). */
  readonly productsByPartNumber: ReadonlyMap<string, readonly CatalogProduct[]>;
  /** Key: lower-case servicePlanId. */
  readonly servicePlanById: ReadonlyMap<string, CatalogServicePlan>;
  readonly mutualExclusionGroups: readonly MutualExclusionGroup[];
  /** For each plan id in an exclusion group: the ids it cannot be combined with. */
  readonly mutuallyExclusivePlans: ReadonlyMap<string, readonly string[]>;
}
