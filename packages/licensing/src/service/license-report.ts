import type { GraphClient } from '@entra-licensing/graph-client';
import type { SubscribedSkuLike } from '../core/graph-models.js';
import { buildLicenseReport } from '../core/report/build-report.js';
import { reportModelOf } from '../core/report/from-tenant-model.js';
import type { PriceTable } from '../core/report/prices.js';
import type { LicenseReport } from '../core/report/types.js';
import type { ResolvedSku } from '../core/sku-index.js';
import type { TenantModel } from '../core/tenant/model.js';
import { readReportExtras } from '../engine/report-read.js';

export interface LicenseReportOptions {
  /** An earlier report (checked with `checkBaseline`). */
  baseline?: LicenseReport;
  prices?: PriceTable;
  /** The tenant's id when `/organization` may not be read (e.g. the one signed in to). */
  tenantId?: string;
  now?: Date;
}

/** What the report reads through: the licensing service's tenant model and SKUs, and the client. */
export interface LicenseReportSource {
  client: GraphClient;
  service: { readTenantModel(): Promise<TenantModel>; listSkus(): Promise<readonly ResolvedSku[]> };
}

/** A resolved SKU back in `subscribedSku`'s shape (seats and plans as the tenant reported them). */
function asSubscribedSku(sku: ResolvedSku): SubscribedSkuLike {
  return {
    skuId: sku.skuId,
    skuPartNumber: sku.skuPartNumber,
    appliesTo: sku.appliesTo ?? null,
    capabilityStatus: sku.capabilityStatus ?? null,
    consumedUnits: sku.seats?.consumed ?? 0,
    prepaidUnits: {
      enabled: sku.seats?.enabled ?? 0,
      warning: sku.seats?.warning ?? 0,
      suspended: sku.seats?.suspended ?? 0,
      lockedOut: sku.seats?.lockedOut ?? 0,
    },
    servicePlans: sku.servicePlans.map((p) => ({
      servicePlanId: p.servicePlanId,
      servicePlanName: p.servicePlanName,
      appliesTo: p.appliesTo ?? null,
    })),
  };
}

/**
 * Reads the tenant once (the tenant license model, its SKUs, `/directory/subscriptions` and the organization's
 * name) and builds the license health report.
 */
export async function readLicenseReport(
  source: LicenseReportSource,
  options: LicenseReportOptions = {},
): Promise<LicenseReport> {
  const [model, extras] = await Promise.all([
    source.service.readTenantModel(),
    readReportExtras({ client: source.client }),
  ]);
  const skus = (await source.service.listSkus()).filter((s) => s.inTenant !== false).map(asSubscribedSku);
  const tenant = extras.organization ?? {
    id: options.tenantId ?? 'unknown',
    displayName: options.tenantId ?? 'this tenant',
  };
  return buildLicenseReport({
    model: reportModelOf(model, skus, tenant),
    subscriptions: extras.subscriptions,
    ...(options.baseline ? { baseline: options.baseline } : {}),
    ...(options.prices ? { prices: options.prices } : {}),
    ...(options.now ? { now: options.now } : {}),
  });
}
