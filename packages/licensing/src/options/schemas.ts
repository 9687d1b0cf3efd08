import type { BulkItemOptions, BulkOptions } from '../bulk/run-bulk.js';
import type { PlanOptions } from '../plan.js';
import type { WaitOptions } from '../service/group-processing.js';
import type { ApplyOptions, LicensingServiceOptions } from '../service/licensing-service.js';
import type { MigrationOptions } from '../service/migration.js';
import {
  boolean,
  checkOptions,
  func,
  integer,
  list,
  object,
  oneOf,
  type Rule,
  type Schema,
  text,
} from './check.js';
import { targetIdProblem } from './ids.js';

/**
 * One schema per public function that takes options, with every option's range. The README's option table is
 * these numbers. Each public function checks its options first, before any request.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Options of the write operations (`apply`, `assign`, `remove`, `swap`, `updatePlans`, `set`, `plan`). */
export const APPLY_OPTIONS: Schema<ApplyOptions & { exclusive?: boolean }> = {
  dryRun: boolean,
  maxRemovals: integer(0, 1000),
  strictSeats: boolean,
  usageLocation: text(/^[A-Za-z]{2}$/, 'a two-letter ISO 3166 country code such as US'),
  exclusive: boolean,
  allowDataLoss: boolean,
  impact: boolean,
};

export const BULK_OPTIONS: Schema<BulkOptions> = {
  dryRun: boolean,
  maxRemovals: APPLY_OPTIONS.maxRemovals,
  strictSeats: boolean,
  usageLocation: APPLY_OPTIONS.usageLocation,
  concurrency: integer(1, 64),
  batchSize: integer(1, 20),
  maxRetries: integer(0, 20),
  maxThrottleRetries: integer(0, 1000),
  backoffBaseMs: integer(0, MINUTE),
  backoffMaxMs: integer(0, 10 * MINUTE),
  onProgress: func,
  random: func,
  groupSeatCheck: boolean,
  pacing: oneOf([true, false, 'legacy', 'signal']),
  allowDataLoss: boolean,
};

/** A bulk item's own options (over the run's). */
export const BULK_ITEM_OPTIONS: Schema<BulkItemOptions> = {
  maxRemovals: APPLY_OPTIONS.maxRemovals,
  strictSeats: boolean,
  usageLocation: APPLY_OPTIONS.usageLocation,
  dryRun: boolean,
  allowDataLoss: boolean,
};

export const SERVICE_OPTIONS: Schema<LicensingServiceOptions> = {
  client: object,
  skuCacheMs: integer(0, DAY),
  sleep: func,
};

export const WAIT_OPTIONS: Schema<WaitOptions> = {
  timeoutMs: integer(0, DAY),
  initialIntervalMs: integer(1, HOUR),
  maxIntervalMs: integer(1, HOUR),
  settleMs: integer(0, HOUR),
  writtenAt: (value) =>
    (typeof value === 'number' && Number.isFinite(value) && value >= 0) ||
    (value instanceof Date && Number.isFinite(value.getTime()))
      ? undefined
      : 'a time (a Date or milliseconds since 1970)',
};

export const PLAN_OPTIONS: Schema<PlanOptions> = { exclusive: boolean };

export const LIST_SKUS_OPTIONS: Schema<{ refresh?: boolean }> = { refresh: boolean };

const userId: Rule = (value) =>
  targetIdProblem('user', value) ? 'a user object id or principal name' : undefined;
const skuRef: Rule = (value) =>
  typeof value === 'string' && value.length > 0 ? undefined : 'a SKU reference';

export const MIGRATION_OPTIONS: Schema<MigrationOptions> = {
  skus: list(skuRef, 500, 'SKU references'),
  userIds: list(userId, 10_000, 'user ids'),
};

export const checkApplyOptions = (options: unknown) => checkOptions(options, APPLY_OPTIONS);
export const checkBulkItemOptions = (options: unknown) => checkOptions(options, BULK_ITEM_OPTIONS);
export const checkBulkOptions = (options: unknown) => checkOptions(options, BULK_OPTIONS);
export const checkServiceOptions = (options: unknown) => checkOptions(options, SERVICE_OPTIONS);
export const checkWaitOptions = (options: unknown) => checkOptions(options, WAIT_OPTIONS);
export const checkPlanOptions = (options: unknown) => checkOptions(options, PLAN_OPTIONS);
export const checkListSkusOptions = (options: unknown) => checkOptions(options, LIST_SKUS_OPTIONS);
export const checkMigrationOptions = (options: unknown) => checkOptions(options, MIGRATION_OPTIONS);
