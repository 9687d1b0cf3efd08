import { LicensingError } from '../licensing-error.js';
import type { TenantView } from './holdings.js';
import { newPlansSince } from './new-service-plan.js';
import type { Finding, LicenseReport, ReportComparison, ReportSku, SkuTrend } from './types.js';

const DAY_MS = 86_400_000;

/** Checks that a parsed file is a report of this shape (before anything is computed from it). */
export function checkBaseline(value: unknown, field = 'baseline'): LicenseReport {
  const report = value as Partial<LicenseReport> | null;
  const problem = (what: string, got: unknown) =>
    new LicensingError({
      code: 'INVALID_INPUT',
      field,
      value: got,
      message: `${field} must be an earlier \`entra-licensing report --format json\`: ${what}.`,
    });
  if (!report || typeof report !== 'object') throw problem('not an object', value);
  if (typeof report.generatedAt !== 'string' || !Number.isFinite(Date.parse(report.generatedAt)))
    throw problem('generatedAt is not a date', report.generatedAt);
  if (!Array.isArray(report.skus)) throw problem('skus is not a list', report.skus);
  if (!Array.isArray(report.findings)) throw problem('findings is not a list', report.findings);
  return report as LicenseReport;
}

function findingKey(f: Finding): string {
  return [f.kind, f.skuPartNumber ?? '', f.groupId ?? ''].join('|');
}

function trendOf(before: ReportSku, now: ReportSku, days: number): SkuTrend {
  const perDay = days > 0 ? (now.consumed - before.consumed) / days : 0;
  const base = {
    skuPartNumber: now.skuPartNumber,
    consumedBefore: before.consumed,
    consumedNow: now.consumed,
    enabledBefore: before.enabled,
    enabledNow: now.enabled,
    perDay: Math.round(perDay * 100) / 100,
  };
  const period = `the last ${Math.round(days)} days`;
  if (perDay <= 0) {
    return {
      ...base,
      message: `${now.skuPartNumber}: ${now.consumed} used (${now.consumed - before.consumed >= 0 ? '+' : ''}${now.consumed - before.consumed} over ${period}); not rising.`,
    };
  }
  const runwayDays = now.available / perDay;
  return {
    ...base,
    runwayDays: Math.round(runwayDays),
    message:
      now.available === 0
        ? `${now.skuPartNumber} has no free seat left, and use grew by ${now.consumed - before.consumed} over ${period}.`
        : `At ${period}' rate, ${now.skuPartNumber} runs out in about ${Math.max(1, Math.round(runwayDays))} days.`,
  };
}

/** What changed since `baseline`: findings new and gone, SKUs, new service plans, consumption and runway. */
export function compareWithBaseline(
  view: TenantView,
  current: Pick<LicenseReport, 'generatedAt' | 'skus' | 'findings'>,
  baseline: LicenseReport,
): ReportComparison {
  const days = Math.max(0, (Date.parse(current.generatedAt) - Date.parse(baseline.generatedAt)) / DAY_MS);
  const beforeKeys = new Set(baseline.findings.map(findingKey));
  const nowKeys = new Set(current.findings.map(findingKey));
  const beforeSkus = new Map(baseline.skus.map((s) => [s.skuPartNumber, s]));
  const nowParts = new Set(current.skus.map((s) => s.skuPartNumber));
  return {
    baselineGeneratedAt: baseline.generatedAt,
    days: Math.round(days * 10) / 10,
    newFindings: current.findings
      .filter((f) => !beforeKeys.has(findingKey(f)))
      .map((f) => ({ kind: f.kind, message: f.message })),
    resolvedFindings: baseline.findings
      .filter((f) => !nowKeys.has(findingKey(f)))
      .map((f) => ({ kind: f.kind, message: f.message })),
    newSkus: current.skus.filter((s) => !beforeSkus.has(s.skuPartNumber)).map((s) => s.skuPartNumber),
    removedSkus: baseline.skus.filter((s) => !nowParts.has(s.skuPartNumber)).map((s) => s.skuPartNumber),
    newServicePlans: newPlansSince(view, baseline.details?.skuPlans ?? []).map((p) => ({
      skuPartNumber: view.skuById.get(p.skuId)?.skuPartNumber ?? p.skuId,
      servicePlanName: p.servicePlanName,
      servicePlanId: p.servicePlanId,
    })),
    trends: current.skus.flatMap((now) => {
      const before = beforeSkus.get(now.skuPartNumber);
      return before ? [trendOf(before, now, days)] : [];
    }),
  };
}
