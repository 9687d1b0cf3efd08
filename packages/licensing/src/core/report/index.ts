export { checkBaseline } from './baseline.js';
export { buildLicenseReport, type LicenseReportInput } from './build-report.js';
export { reportModelOf } from './from-tenant-model.js';
export { isFoundationPlan } from './holdings.js';
export { EXPIRING_CRITICAL_DAYS, EXPIRING_WITHIN_DAYS } from './lifecycle.js';
export { checkPriceTable, PRICE_PERIODS, type Price, type PricePeriod, type PriceTable } from './prices.js';
export * from './types.js';
