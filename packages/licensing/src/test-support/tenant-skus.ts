import { getCatalog } from '@entra-licensing/sku-catalog';
import type { SubscribedSkuLike } from '../core/graph-models.js';

/** A tenant SKU built from Microsoft's catalog, as Graph's `subscribedSkus` would return it. */
export function tenantSku(
  partNumber: string,
  options: { enabled?: number; consumed?: number; capabilityStatus?: string; appliesTo?: string } = {},
): SubscribedSkuLike {
  const product = getCatalog().productsByPartNumber.get(partNumber.toUpperCase())?.[0];
  if (!product) throw new Error(`test fixture: no catalog product ${partNumber}`);
  return {
    skuId: product.skuId,
    skuPartNumber: product.skuPartNumber,
    appliesTo: options.appliesTo ?? 'User',
    capabilityStatus: options.capabilityStatus ?? 'Enabled',
    consumedUnits: options.consumed ?? 0,
    prepaidUnits: { enabled: options.enabled ?? 25, warning: 0, suspended: 0, lockedOut: 0 },
    servicePlans: product.servicePlans.map((p) => ({
      servicePlanId: p.servicePlanId,
      servicePlanName: p.servicePlanName,
      appliesTo: 'User',
      provisioningStatus: 'Success',
    })),
  };
}

export function skuIdOf(partNumber: string): string {
  const product = getCatalog().productsByPartNumber.get(partNumber.toUpperCase())?.[0];
  if (!product) throw new Error(`test fixture: no catalog product ${partNumber}`);
  return product.skuId;
}

export function planIdOf(partNumber: string, planName: string): string {
  const product = getCatalog().productsByPartNumber.get(partNumber.toUpperCase())?.[0];
  const plan = product?.servicePlans.find((p) => p.servicePlanName === planName);
  if (!plan) throw new Error(`test fixture: ${partNumber} has no plan ${planName}`);
  return plan.servicePlanId;
}
