import type { GraphClient, GraphError, SubscribedSku } from '@entra-licensing/graph-client';
import type { LicenseIntent } from '../core/intent.js';
import type { LicensingError } from '../core/licensing-error.js';
import { boolean, checkOptions, func, integer, oneOf, type Schema } from '../core/options-check.js';
import type { PlanWarning } from '../core/plan.js';
import { PREPARE_OPTIONS, type PrepareOptions } from '../core/prepare.js';
import type { LicensePlanJson } from '../core/render.js';
import type { LicenseTarget } from '../core/target.js';
import type { GroupWriteLog } from './group-write-log.js';
import type { SeatLedger } from './seat-ledger.js';
import type { ThrottleScopes } from './throttle-scopes.js';

/**
 * One item's own options: they override the run's options of the same name for this item only, so that one run
 * carries items with different limits (a front-end never splits its items into several runs by options). Items
 * merged into one target's call share one write: their `maxRemovals` is the smallest given, `strictSeats` holds if
 * any asks for it, and items that disagree on `dryRun` or `usageLocation` are refused as `CONFLICTING_INTENTS`.
 */
export interface BulkItemOptions {
  /** Refuse this item's plan when it removes more than this many SKUs from the target (0–1000). */
  maxRemovals?: number;
  /** For groups: a seat shortfall is an error instead of a warning. */
  strictSeats?: boolean;
  /** For users without a usage location: set it (ISO 3166 alpha-2, e.g. `US`) before assigning. */
  usageLocation?: string;
  /** Plan and validate this item (reads only); its result has status `planned` and nothing is sent for it. */
  dryRun?: boolean;
  /** Let this item take a mailbox or files from people who hold it through no other path (over the run's option). */
  allowDataLoss?: boolean;
}

/** One input of a bulk run: what to do to which target. `key` is echoed in the result (default: the index). */
export interface BulkItem {
  target: LicenseTarget;
  intent: LicenseIntent;
  key?: string;
  /** This item's own options (over the run's). A wrong one fails this item only, named `options.<name>`. */
  options?: BulkItemOptions;
}

export interface BulkOptions extends PrepareOptions {
  /** Plan and validate every target (reads only), send no write; results have status `planned`. */
  dryRun?: boolean;
  /**
   * When an item is refused before any request (a SKU or plan that does not resolve, a malformed target, items that
   * contradict each other), send nothing at all: the other items end `skipped`, their reason naming the refused
   * ones. For front-ends that stop at the first bad input (n8n without Continue On Fail). Default false.
   */
  stopOnInvalid?: boolean;
  /** `$batch` requests in flight at once. Default 10. */
  concurrency?: number;
  /** Requests per `$batch` (1–20). Default 20. */
  batchSize?: number;
  /** Retries per target after 5xx, 408, resets and `Directory_ConcurrencyViolation`. Default 6. */
  maxRetries?: number;
  /** Retries per target after 429 (each waits its Retry-After). Default 200. */
  maxThrottleRetries?: number;
  /** First backoff delay in ms (doubles per retry, jittered). Default 500. */
  backoffBaseMs?: number;
  /** Longest backoff delay in ms. Default 30,000. */
  backoffMaxMs?: number;
  onProgress?: (event: BulkProgressEvent) => void;
  /** Random source for jitter (tests pass a seeded one). */
  random?: () => number;
  /**
   * For groups gaining a SKU: read the members and compare those without it to the free seats (a warning, or an
   * error with `strictSeats`). One extra read per such group. Default true.
   */
  groupSeatCheck?: boolean;
  /**
   * How writes are paced: `'signal'` (learns the scope's rate from Graph's throttling headers) or `false` (no pacer:
   * only each 429's Retry-After is honoured). `true` means the default. Default `'signal'`.
   */
  pacing?: boolean | 'signal';
  /**
   * Let the run take a mailbox or files (a data-bearing plan) from group members or users who hold it through no
   * other path. Default false: such an item fails with `DATA_LOSS` before any write for its target, the others run
   * (see `service/tenant-apply.ts`).
   */
  allowDataLoss?: boolean;
}

/** `planned`: dry run. `skipped`: nothing could be done (e.g. only inherited licenses to remove). */
export type BulkStatus = 'applied' | 'unchanged' | 'skipped' | 'failed' | 'planned';

export interface BulkError {
  code: string;
  message: string;
  field?: string;
  value?: unknown;
  /** HTTP status, when Graph refused. */
  status?: number;
  /** Graph's own error code, when Graph refused (`code` is then this package's, e.g. `PERMISSION_DENIED`). */
  graphCode?: string;
  suggestions?: readonly string[];
}

export interface BulkItemResult {
  index: number;
  key: string;
  target: LicenseTarget;
  status: BulkStatus;
  /** Why it was skipped, unchanged with notes, or failed. */
  reason?: string;
  error?: BulkError;
  /**
   * For a failed item: the error as raised, intact (a LicensingError with its code, field, value and suggestions,
   * or the GraphError of Graph's refusal), to show or rethrow without rebuilding it. Not enumerable: JSON output
   * and object spreads of a result leave it out (`error` is its JSON form).
   */
  readonly cause?: LicensingError | GraphError;
  /** The plan of the call this item took part in (shared by merged items). */
  plan?: LicensePlanJson;
  warnings: PlanWarning[];
  /** Other input indexes merged into the same Graph call. */
  mergedWith: number[];
  /** The target's display name as the run read it (null: Graph gave none; absent: the target was not read). */
  displayName?: string | null;
  /** Graph requests sent for this item's target (reads and writes, retries included). */
  requests: number;
}

export interface BulkStats {
  targets: number;
  batches: number;
  requests: number;
  writes: number;
  throttled: number;
  retries: number;
  rereads: number;
  elapsedMs: number;
}

export interface BulkRun {
  /** Exactly one result per input item, in input order. */
  results: BulkItemResult[];
  summary: Record<BulkStatus, number>;
  stats: BulkStats;
}

export type BulkProgressEvent =
  | { type: 'start'; items: number; targets: number; invalidItems: number }
  | { type: 'target-done'; target: LicenseTarget; status: BulkStatus; done: number; total: number }
  | { type: 'throttled'; scope: string; retryAfterMs: number }
  | { type: 'retry'; target: LicenseTarget; reason: string; attempt: number; delayMs: number }
  | { type: 'end'; summary: Record<BulkStatus, number>; stats: BulkStats };

/** What a bulk run works with: the Graph client and the tenant's SKUs (read once per run, `refresh` to re-read). */
export interface BulkContext {
  client: GraphClient;
  tenantSkus: (refresh?: boolean) => Promise<SubscribedSku[]>;
}

/** A run's context inside the package: the service passes its own seat ledger and group-write log. */
export interface EngineContext extends BulkContext {
  /**
   * The service's seat ledger (seats its own writes took or freed since the tenant's counts were read). Without
   * one, the run keeps its own.
   */
  seats?: SeatLedger;
  /** The service's log of accepted group writes. Without one, the run keeps its own. */
  groupWrites?: GroupWriteLog;
  /** The service's throttle scopes, shared with its single reads. Without them, the run keeps its own. */
  scopes?: ThrottleScopes;
}

const MINUTE = 60_000;

/** A bulk item's own options (over the run's). */
export const BULK_ITEM_OPTIONS: Schema<BulkItemOptions> = {
  ...PREPARE_OPTIONS,
  dryRun: boolean,
  allowDataLoss: boolean,
};

export const BULK_OPTIONS: Schema<BulkOptions> = {
  dryRun: boolean,
  stopOnInvalid: boolean,
  ...PREPARE_OPTIONS,
  concurrency: integer(1, 64),
  batchSize: integer(1, 20),
  maxRetries: integer(0, 20),
  maxThrottleRetries: integer(0, 1000),
  backoffBaseMs: integer(0, MINUTE),
  backoffMaxMs: integer(0, 10 * MINUTE),
  onProgress: func,
  random: func,
  groupSeatCheck: boolean,
  pacing: oneOf([true, false, 'signal']),
  allowDataLoss: boolean,
};

export const checkBulkItemOptions = (options: unknown) => checkOptions(options, BULK_ITEM_OPTIONS);
export const checkBulkOptions = (options: unknown) => checkOptions(options, BULK_OPTIONS);
