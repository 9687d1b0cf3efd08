import type { SubscribedSku } from '@entra-licensing/graph-client';
import { planToJson } from '../core/render.js';
import { describeTarget } from '../core/target.js';
import type { CollectedItems } from './collect-items.js';
import { raisedError } from './errors.js';
import type { Outcome } from './job.js';
import type { BulkItem, BulkItemResult, BulkStats, BulkStatus } from './types.js';

/** A run's counters before its first request. */
export function emptyStats(): BulkStats {
  return {
    targets: 0,
    batches: 0,
    requests: 0,
    writes: 0,
    throttled: 0,
    retries: 0,
    rereads: 0,
    elapsedMs: 0,
  };
}

export function emptySummary(): Record<BulkStatus, number> {
  return { applied: 0, unchanged: 0, skipped: 0, failed: 0, planned: 0 };
}

const NO_RESULT: Outcome = {
  status: 'failed',
  error: { code: 'InternalError', message: 'No result.' },
  reason: 'No result.',
};

/** A failed result carries the error as raised, not enumerable (JSON output and spreads leave it out). */
function withCause(result: BulkItemResult, outcome: Outcome): BulkItemResult {
  if (result.status === 'failed') {
    Object.defineProperty(result, 'cause', { value: raisedError(outcome), enumerable: false });
  }
  return result;
}

/** Stage "results": exactly one result per input item, in input order (merged items share their target's). */
export function buildResults(
  items: readonly BulkItem[],
  collected: CollectedItems,
  skus: readonly SubscribedSku[],
): { results: BulkItemResult[]; summary: Record<BulkStatus, number> } {
  const summary = emptySummary();
  const plans = new Map<object, BulkItemResult['plan']>();
  const results = items.map((item, index): BulkItemResult => {
    const key = item?.key ?? String(index);
    const refused = collected.refused.get(index);
    const job = collected.jobOfItem[index];
    if (refused || !job) {
      const outcome = refused ?? NO_RESULT;
      summary.failed += 1;
      return withCause(
        {
          index,
          key,
          target: item?.target,
          status: 'failed',
          ...(outcome.reason ? { reason: outcome.reason } : {}),
          ...(outcome.error ? { error: outcome.error } : {}),
          warnings: [],
          mergedWith: [],
          requests: 0,
        },
        outcome,
      );
    }
    const outcome = job.outcome ?? NO_RESULT;
    summary[outcome.status] += 1;
    let plan = plans.get(job);
    if (plan === undefined && job.first) {
      plan = planToJson(job.first.prepared.plan, { tenantSkus: skus, target: describeTarget(job.target) });
      plans.set(job, plan);
    }
    return withCause(
      {
        index,
        key,
        target: job.target,
        status: outcome.status,
        ...(outcome.reason ? { reason: outcome.reason } : {}),
        ...(outcome.error ? { error: outcome.error } : {}),
        ...(plan ? { plan } : {}),
        ...(job.first ? { displayName: job.first.state.displayName } : {}),
        warnings: job.warnings,
        mergedWith: job.items.length > 1 ? job.items.filter((i) => i !== index) : [],
        requests: job.requests,
      },
      outcome,
    );
  });
  return { results, summary };
}
