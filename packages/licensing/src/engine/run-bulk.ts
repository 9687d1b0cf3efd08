import { runEngine } from './run-engine.js';
import {
  type BulkContext,
  type BulkItem,
  type BulkOptions,
  type BulkRun,
  checkBulkOptions,
  type EngineContext,
} from './types.js';

export type {
  BulkContext,
  BulkError,
  BulkItem,
  BulkItemOptions,
  BulkItemResult,
  BulkOptions,
  BulkProgressEvent,
  BulkRun,
  BulkStats,
  BulkStatus,
} from './types.js';

/**
 * Applies many intents: resolves and checks each item locally, merges items per target (refusing contradictions
 * per item), reads each target, plans, and writes through `$batch` with bounded concurrency. 429s close their
 * throttle scope until Retry-After has passed; 5xx, resets and concurrency violations are retried with jittered
 * backoff, re-reading the target first when a write may have been applied. One result per item, in input order.
 * The stages live in `engine/` (see `engine/run-engine.ts`).
 */
export async function runBulk(
  context: BulkContext,
  items: readonly BulkItem[],
  options: BulkOptions = {},
): Promise<BulkRun> {
  return runBulkIn(context, items, options);
}

/** `runBulk` with the service's own seat ledger and group-write log (inside the package). */
export async function runBulkIn(
  context: EngineContext,
  items: readonly BulkItem[],
  options: BulkOptions = {},
): Promise<BulkRun> {
  checkBulkOptions(options);
  return (await runEngine(context, items, options)).run;
}
