import { type LicenseChangeSet, mergeChangeSets } from '../core/change-set.js';
import type { SubscribedSkuLike } from '../core/graph-models.js';
import { resolveIntent } from '../core/intent.js';
import { LicensingError, shownValue } from '../core/licensing-error.js';
import { checkTarget, describeTarget, targetKey } from '../core/target.js';
import { errorOf } from './errors.js';
import type { Job, Outcome } from './job.js';
import { type BulkItem, type BulkItemOptions, checkBulkItemOptions } from './types.js';

export interface CollectOptions {
  /**
   * Prefix of the fields named in an item's intent errors (`intent` → `intent.skus[0]`). A bulk run names fields
   * inside the item; a single-target call names them as the caller passed them (`skus[0]`).
   */
  intentField?: string;
  /** The run's `dryRun` (an item's own `dryRun` overrides it). */
  dryRun?: boolean;
}

export interface CollectedItems {
  /** One job per target, in the order targets first appear. */
  jobs: Job[];
  /** The job each input item joined (undefined for items refused locally). */
  jobOfItem: (Job | undefined)[];
  /** Items refused before any request, by input index. */
  refused: Map<number, Outcome>;
}

function refusal(error: unknown): Outcome {
  const bulkError = errorOf(error);
  return { status: 'failed', error: bulkError, reason: bulkError.message, cause: error };
}

function listed(indexes: readonly number[], max = 5): string {
  const shown = indexes.slice(0, max).join(', ');
  return indexes.length > max ? `${shown} and ${indexes.length - max} more` : shown;
}

/** A target's job as it enters the engine: one item, nothing read or sent yet. */
export function newJob(
  target: Job['target'],
  index: number,
  changeSet: LicenseChangeSet,
  own: BulkItemOptions = {},
): Job {
  return {
    target,
    items: [index],
    changeSet,
    own,
    warnings: [],
    wrote: false,
    maybeWrote: false,
    faultRetries: 0,
    throttleRetries: 0,
    requests: 0,
  };
}

/** An item's own options, checked (the error names `options.<name>`), without the ones left undefined. */
function ownOptions(item: BulkItem): BulkItemOptions {
  const given = checkBulkItemOptions(item.options) ?? {};
  const own: BulkItemOptions = {};
  if (given.maxRemovals !== undefined) own.maxRemovals = given.maxRemovals;
  if (given.strictSeats !== undefined) own.strictSeats = given.strictSeats;
  if (given.usageLocation !== undefined) own.usageLocation = given.usageLocation;
  if (given.dryRun !== undefined) own.dryRun = given.dryRun;
  return own;
}

/**
 * The options of one target's call when an item joins it: the smallest `maxRemovals`, `strictSeats` if any asks.
 * Items that disagree on `dryRun` or `usageLocation` cannot share one write: the name of the option, or undefined.
 */
function mergeOwn(
  a: BulkItemOptions,
  b: BulkItemOptions,
  runDryRun: boolean,
): { merged: BulkItemOptions } | { clash: 'dryRun' | 'usageLocation' } {
  if ((a.dryRun ?? runDryRun) !== (b.dryRun ?? runDryRun)) return { clash: 'dryRun' };
  const locations = [a.usageLocation, b.usageLocation].filter((l) => l !== undefined);
  if (new Set(locations.map((l) => l.toUpperCase())).size > 1) return { clash: 'usageLocation' };
  const merged: BulkItemOptions = { ...a, ...b };
  if (a.maxRemovals !== undefined && b.maxRemovals !== undefined) {
    merged.maxRemovals = Math.min(a.maxRemovals, b.maxRemovals);
  }
  if (a.strictSeats === true || b.strictSeats === true) merged.strictSeats = true;
  return { merged };
}

/**
 * The first stage: checks and resolves each item locally and merges the items of one target into one change set,
 * refusing a contradiction on the item that brings it. Linear in the items: each item is merged once into its
 * target's running change set (never the whole list again).
 */
export function collectItems(
  items: readonly BulkItem[],
  skus: readonly SubscribedSkuLike[],
  collect: CollectOptions = {},
): CollectedItems {
  const byTarget = new Map<string, Job>();
  const jobs: Job[] = [];
  const jobOfItem: (Job | undefined)[] = new Array(items.length);
  const refused = new Map<number, Outcome>();
  const prefix = collect.intentField;
  items.forEach((item, index) => {
    try {
      const target = checkTarget(item?.target);
      const own = ownOptions(item);
      let changeSet: LicenseChangeSet;
      try {
        const resolved = resolveIntent(item.intent, skus);
        changeSet = prefix
          ? { ...resolved, skus: resolved.skus.map((r) => ({ ...r, field: `${prefix}.${r.field}` })) }
          : resolved;
      } catch (error) {
        throw prefix && error instanceof LicensingError ? error.withFieldPrefix(prefix) : error;
      }
      const key = targetKey(target);
      const job = byTarget.get(key);
      if (!job) {
        const created = newJob(target, index, changeSet, own);
        byTarget.set(key, created);
        jobs.push(created);
        jobOfItem[index] = created;
        return;
      }
      const options = mergeOwn(job.own, own, collect.dryRun === true);
      if ('clash' in options) {
        throw new LicensingError({
          code: 'CONFLICTING_INTENTS',
          field: `options.${options.clash}`,
          value: item.options?.[options.clash],
          message: `Item ${index} asks options.${options.clash} ${shownValue(item.options?.[options.clash])} for the same ${describeTarget(target)} as item(s) ${listed(job.items)}, which ask otherwise: one call cannot do both, so it was not merged.`,
        });
      }
      try {
        job.changeSet = mergeChangeSets([job.changeSet, changeSet]);
        job.own = options.merged;
      } catch (error) {
        const reason = error instanceof LicensingError ? error.message : String(error);
        throw new LicensingError({
          code: 'CONFLICTING_INTENTS',
          field: prefix ?? 'intent',
          value: item.intent?.action,
          message: `Item ${index} contradicts item(s) ${listed(job.items)} for the same ${describeTarget(target)} and was not merged: ${reason}`,
        });
      }
      job.items.push(index);
      jobOfItem[index] = job;
    } catch (error) {
      refused.set(index, refusal(error));
    }
  });
  return { jobs, jobOfItem, refused };
}

/** Every item refused with the same reason (the tenant's SKUs could not be read: nothing can be checked). */
export function refuseAll(items: readonly BulkItem[], error: unknown): CollectedItems {
  const base = errorOf(error);
  const outcome: Outcome = {
    status: 'failed',
    error: { ...base, message: `Could not read the tenant's subscribed SKUs: ${base.message}` },
    reason: `Could not read the tenant's subscribed SKUs: ${base.message}`,
    cause: error,
  };
  return {
    jobs: [],
    jobOfItem: new Array(items.length),
    refused: new Map(items.map((_, index) => [index, outcome])),
  };
}
