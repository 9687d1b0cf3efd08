import { explainGraphRefusal } from '../core/refusals/explain-graph-refusal.js';
import type { BatchResponse } from './batch-transport.js';
import { errorOf, graphErrorOf } from './errors.js';
import type { GroupWrite } from './group-write-log.js';
import type { Op, Step } from './job.js';
import type { WriteAnswerSignal } from './pacing/write-pacing.js';
import { limitPercentage, retryAfterMs } from './retry-policy.js';
import type { RunContext } from './run-context.js';

/**
 * Stage "write", accepted answer: a usage location queues the assignment that waited for it; an assignment ends the
 * job as applied, and the seats it held are taken (those its removals free are given back).
 */
export function onWriteAccepted(run: RunContext, op: Op): Step {
  const { job } = op;
  if (op.stage === 'usageLocation') {
    const body = op.body as { usageLocation?: string } | undefined;
    if (body?.usageLocation) job.usageLocationSet = body.usageLocation;
    return { ops: op.followUp ? [op.followUp] : [] };
  }
  job.wrote = true;
  if (job.target.kind === 'group') run.groupWrites.note(job.target.id, op.body as GroupWrite['body']);
  if (job.seats) run.seats.settle(job.seats);
  for (const [skuId, n] of job.frees ?? []) run.seats.free(skuId, n);
  return { outcome: { status: 'applied' } };
}

/** Stage "write", refused for good: the job fails with Graph's answer; the seats it held are free again. */
export function onWriteRefused(
  run: RunContext,
  op: Op,
  response: BatchResponse | undefined,
  cause: unknown,
): Step {
  const { job } = op;
  if (job.seats) run.seats.release(job.seats);
  const error = explainGraphRefusal(response ? graphErrorOf(response) : cause, {
    operation: op.stage === 'assign' ? 'assignLicense' : 'setUsageLocation',
    target: job.target,
    skus: job.changeSet.skus,
    tenantSkus: run.skus,
  });
  const bulkError = errorOf(error);
  return { outcome: { status: 'failed', error: bulkError, reason: bulkError.message, cause: error } };
}

/**
 * What one answer told the pacer about the writes it carried: how many were throttled, the longest Retry-After and
 * their scopes, and the highest `x-ms-throttle-limit-percentage` of the others. `responses[i]` answers `ops[i]`
 * (undefined when the item is missing; `failedStatus` when the whole `$batch` failed).
 */
export function writeSignal(
  ops: readonly Op[],
  responses: readonly (BatchResponse | undefined)[],
  at: number,
  failedStatus?: { status: number | undefined; retryAfterMs: number | undefined },
  sentAt?: number,
): WriteAnswerSignal | undefined {
  let throttled = 0;
  let unthrottled = 0;
  let longest: number | undefined;
  let highest: number | undefined;
  const scopes = new Set<string>();
  ops.forEach((op, i) => {
    if (op.kind !== 'write') return;
    const response = responses[i];
    const status = response ? response.status : failedStatus?.status;
    if (status === 429) {
      throttled += 1;
      const wait = response ? retryAfterMs(response.headers['retry-after'], at) : failedStatus?.retryAfterMs;
      if (wait !== undefined) longest = Math.max(longest ?? 0, wait);
      const scope = response?.headers['x-ms-throttle-scope'];
      if (scope) scopes.add(scope);
      return;
    }
    unthrottled += 1;
    const percentage = limitPercentage(response?.headers['x-ms-throttle-limit-percentage']);
    if (percentage !== undefined) highest = Math.max(highest ?? 0, percentage);
  });
  if (throttled + unthrottled === 0) return undefined;
  return {
    at,
    ...(sentAt === undefined ? {} : { sentAt }),
    throttled,
    unthrottled,
    scopes: [...scopes],
    ...(longest === undefined ? {} : { retryAfterMs: longest }),
    ...(highest === undefined ? {} : { limitPercentage: highest }),
  };
}
