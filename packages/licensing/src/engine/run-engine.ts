import type { SubscribedSku } from '@entra-licensing/graph-client';
import { LicensingError } from '../core/licensing-error.js';
import { type CollectedItems, collectItems, refuseAll } from './collect-items.js';
import { Dispatcher } from './dispatch.js';
import { GroupWriteLog } from './group-write-log.js';
import type { Job, Outcome } from './job.js';
import type { RetryLimits } from './next-action.js';
import { choosePacer } from './pacing/choose-pacer.js';
import { customPacer } from './pacing/custom-pacer.js';
import { readOp } from './requests.js';
import { buildResults, emptyStats } from './results.js';
import type { EngineSettings, RunContext } from './run-context.js';
import { SeatLedger } from './seat-ledger.js';
import { RETRY_AFTER_MARGIN_MS, ThrottleScopes } from './throttle-scopes.js';
import type { BulkItem, BulkOptions, BulkProgressEvent, BulkRun, BulkStats, EngineContext } from './types.js';

/** How the caller wants items named and described: a bulk run, or a single-target call. */
export interface EngineMode {
  /** Prefix of intent fields in errors (`intent` for bulk runs; none for single-target calls). */
  intentField?: string;
  /** Read inheriting groups' names for messages (single-target calls). */
  nameInheritingGroups?: boolean;
}

export interface EngineReport {
  run: BulkRun;
  collected: CollectedItems;
  /** The tenant's SKUs the run planned with. */
  skus: readonly SubscribedSku[];
}

/** A run's settings from its options (also used by the member-removal write). */
export function settingsOf(
  context: Pick<EngineContext, 'client'>,
  options: BulkOptions,
  mode: EngineMode,
): EngineSettings {
  const {
    dryRun,
    concurrency,
    batchSize,
    maxRetries: _r,
    maxThrottleRetries: _t,
    backoffBaseMs: _b,
    backoffMaxMs: _m,
    onProgress: _p,
    random: _j,
    groupSeatCheck,
    pacing: _pacing,
    stopOnInvalid: _s,
    ...prepare
  } = options;
  return {
    prepare,
    dryRun: dryRun === true,
    concurrency: Math.max(1, Math.floor(concurrency ?? 10)),
    batchSize: Math.min(20, Math.max(1, Math.floor(batchSize ?? 20))),
    groupSeatCheck: groupSeatCheck !== false,
    nameInheritingGroups: mode.nameInheritingGroups === true,
    origin: context.client.graphOrigin,
    versionRoot: new URL(context.client.graphBaseUrl).pathname.replace(/\/+$/, ''),
  };
}

/** A run's retry limits from its options (also used by the member-removal write). */
export function retryLimitsOf(options: BulkOptions): RetryLimits {
  return {
    maxRetries: options.maxRetries ?? 6,
    maxThrottleRetries: options.maxThrottleRetries ?? 200,
    backoffBaseMs: options.backoffBaseMs ?? 500,
    backoffMaxMs: options.backoffMaxMs ?? 30_000,
    random: options.random ?? Math.random,
  };
}

/**
 * The one write path of the package. Stages: collect and merge items per target → read targets → plan → pre-flight
 * (seats, eligibility, usage location) → write → verify after an ambiguous answer → results. Every request goes
 * through `$batch` and every answer through the one decision function (`next-action.ts`).
 */
export async function runEngine(
  context: EngineContext,
  items: readonly BulkItem[],
  options: BulkOptions = {},
  mode: EngineMode = { intentField: 'intent' },
): Promise<EngineReport> {
  const started = Date.now();
  if (!Array.isArray(items)) {
    throw new LicensingError({
      code: 'INVALID_INPUT',
      field: 'items',
      value: items,
      message: 'items must be an array.',
    });
  }
  const emit = (event: BulkProgressEvent) => {
    try {
      options.onProgress?.(event);
    } catch {
      // a failing progress listener must not break the run
    }
  };
  const stats: BulkStats = emptyStats();
  const seats = context.seats ?? new SeatLedger();
  let skus: readonly SubscribedSku[] = [];
  let collected: CollectedItems;
  const settings = settingsOf(context, options, mode);
  try {
    skus = items.length > 0 ? await context.tenantSkus(seats.needsReread()) : [];
    collected = collectItems(items, skus, {
      ...(mode.intentField ? { intentField: mode.intentField } : {}),
      dryRun: settings.dryRun,
    });
  } catch (error) {
    // Without the tenant's SKUs nothing can be checked: every item fails with the reason, none is sent.
    collected = refuseAll(items, error);
  }
  const { jobs } = collected;
  const held = options.stopOnInvalid === true && collected.refused.size > 0;
  if (held) {
    const refused = [...collected.refused.keys()];
    for (const job of jobs) {
      job.outcome = {
        status: 'skipped',
        reason: `Not sent: item(s) ${refused.join(', ')} were refused before any request, and stopOnInvalid sends nothing then.`,
      };
    }
  }
  stats.targets = jobs.length;
  emit({ type: 'start', items: items.length, targets: jobs.length, invalidItems: collected.refused.size });

  const run: RunContext = {
    client: context.client,
    skus,
    seats,
    groupWrites: context.groupWrites ?? new GroupWriteLog(),
    scopes: context.scopes ?? new ThrottleScopes(RETRY_AFTER_MARGIN_MS),
    settings,
    limits: retryLimitsOf(options),
    stats,
    emit,
  };
  let done = 0;
  const finish = (job: Job, outcome: Outcome) => {
    job.outcome = outcome;
    // A target that ends without its write frees its seats (after an ambiguous answer the ledger is stale: the
    // tenant's counts are read again before the next run plans with them).
    if (outcome.status !== 'applied' && outcome.status !== 'planned' && job.seats) seats.release(job.seats);
    done += 1;
    emit({ type: 'target-done', target: job.target, status: outcome.status, done, total: jobs.length });
  };
  const dispatcher = new Dispatcher(
    run,
    held ? [] : jobs,
    choosePacer(options.pacing, customPacer(options)),
    finish,
  );
  if (!held) for (const job of jobs) dispatcher.enqueue(readOp(job));
  try {
    await dispatcher.drain();
  } finally {
    // Seats held by writes that were never sent (dry runs, failures) are free again once the run ends.
    for (const job of jobs) if (job.seats?.open) seats.release(job.seats);
  }
  const { results, summary } = buildResults(items, collected, skus);
  stats.elapsedMs = Date.now() - started;
  emit({ type: 'end', summary, stats });
  return { run: { results, summary, stats }, collected, skus };
}
