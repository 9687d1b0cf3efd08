import type { GraphClient, SubscribedSku } from '@entra-licensing/graph-client';
import type { PrepareOptions } from '../core/prepare.js';
import type { GroupWriteLog } from './group-write-log.js';
import type { RetryLimits } from './next-action.js';
import type { SeatLedger } from './seat-ledger.js';
import type { ThrottleScopes } from './throttle-scopes.js';
import type { BulkProgressEvent, BulkStats } from './types.js';

/** What every stage of one run shares: read-only settings, the tenant's SKUs, the seat ledger and the counters. */
export interface RunContext {
  client: GraphClient;
  /** The tenant's SKUs as read at the start of the run (the ledger adds the service's own writes). */
  skus: readonly SubscribedSku[];
  seats: SeatLedger;
  /** Where accepted group writes are noted (the service's, so that a later wait knows what to look for). */
  groupWrites: GroupWriteLog;
  /** Every scope a 429 closed, until its Retry-After (shared with the service's single reads). */
  scopes: ThrottleScopes;
  settings: EngineSettings;
  limits: RetryLimits;
  stats: BulkStats;
  emit: (event: BulkProgressEvent) => void;
}

export interface EngineSettings {
  prepare: PrepareOptions;
  dryRun: boolean;
  concurrency: number;
  batchSize: number;
  groupSeatCheck: boolean;
  /** Read the display names of the groups a user inherits from, for messages (single-target calls). */
  nameInheritingGroups: boolean;
  /** `https://graph.microsoft.com`: the only origin next links may lead to. */
  origin: string;
  /** `/v1.0`: the version root of `$batch` step URLs. */
  versionRoot: string;
}
