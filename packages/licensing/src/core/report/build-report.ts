import { compareWithBaseline } from './baseline.js';
import { allHoldings, buildTenantView } from './holdings.js';
import { disabledAccountFindings, duplicateFindings, guestFindings } from './hygiene.js';
import { lifecycleFindings } from './lifecycle.js';
import { backlogFindings, memberErrorFindings } from './member-errors.js';
import { newServicePlanFindings } from './new-service-plan.js';
import { overlapFindings } from './overlap.js';
import { type PriceTable, spendOf } from './prices.js';
import type {
  CompanySubscriptionLike,
  Finding,
  LicenseReport,
  ReportSku,
  ReportTenantModel,
  Severity,
} from './types.js';
import { FINDING_KINDS } from './types.js';

export interface LicenseReportInput {
  model: ReportTenantModel;
  /** `GET /directory/subscriptions` (none: lifecycle comes from `prepaidUnits` alone, without dates). */
  subscriptions?: readonly CompanySubscriptionLike[];
  /** An earlier report (`--format json`), for what changed, new service plans and the runway. */
  baseline?: LicenseReport;
  prices?: PriceTable;
  /** The report's time (default: now). */
  now?: Date;
}

const SEVERITY_ORDER: Record<Severity, number> = { critical: 0, warning: 1, info: 2 };

/** Findings most severe first, then in the order of the kinds, then by SKU and group. */
function byImportance(a: Finding, b: Finding): number {
  return (
    SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
    FINDING_KINDS.indexOf(a.kind) - FINDING_KINDS.indexOf(b.kind) ||
    (a.skuPartNumber ?? '').localeCompare(b.skuPartNumber ?? '') ||
    (a.groupName ?? '').localeCompare(b.groupName ?? '')
  );
}

/**
 * The license health report of a tenant: per SKU its seats and backlog, and the findings (each with severity,
 * meaning and fix). Pure: reads nothing, the model and subscriptions are given.
 */
export function buildLicenseReport(input: LicenseReportInput): LicenseReport {
  const now = input.now ?? new Date();
  const view = buildTenantView(input.model);
  const subscriptions = input.subscriptions ?? [];

  const freed = new Map<string, number>();
  for (const h of allHoldings(view)) {
    if (h.held && h.user.accountEnabled === false) freed.set(h.skuId, (freed.get(h.skuId) ?? 0) + 1);
  }
  const { findings: backlog, backlog: perSku } = backlogFindings(view, freed);
  const findings: Finding[] = [
    ...backlog,
    ...view.skus.flatMap((sku) => lifecycleFindings(sku, subscriptions, now.getTime())),
    ...(input.baseline ? newServicePlanFindings(view, input.baseline.details?.skuPlans ?? []) : []),
    ...duplicateFindings(view),
    ...overlapFindings(view),
    ...disabledAccountFindings(view),
    ...guestFindings(view),
    ...memberErrorFindings(view),
  ].sort(byImportance);

  const skus: ReportSku[] = view.skus
    .map((sku) => {
      const seats = sku.seats;
      const waiting = perSku.get(sku.skuId);
      return {
        skuId: sku.skuId,
        skuPartNumber: sku.skuPartNumber,
        productName: sku.displayName,
        enabled: seats?.enabled ?? 0,
        consumed: seats?.consumed ?? 0,
        warning: seats?.warning ?? 0,
        suspended: seats?.suspended ?? 0,
        lockedOut: seats?.lockedOut ?? 0,
        available: seats?.available ?? 0,
        backlog: { members: waiting?.members.length ?? 0, seatsNeeded: waiting?.seatsNeeded ?? 0 },
      };
    })
    .sort((a, b) => a.productName.localeCompare(b.productName));

  const generatedAt = now.toISOString();
  const report: LicenseReport = {
    generatedAt,
    tenant: { id: input.model.tenant.id, displayName: input.model.tenant.displayName },
    skus,
    findings,
    details: {
      skuPlans: view.skus.map((s) => ({
        skuPartNumber: s.skuPartNumber,
        servicePlans: s.servicePlans.map((p) => ({
          servicePlanId: p.servicePlanId,
          servicePlanName: p.servicePlanName,
        })),
      })),
    },
  };
  if (input.baseline) report.details.comparison = compareWithBaseline(view, report, input.baseline);
  if (input.prices) report.details.spend = spendOf(view, input.prices);
  return report;
}
