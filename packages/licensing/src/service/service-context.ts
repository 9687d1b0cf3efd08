import type { GraphClient, SubscribedSku } from '@entra-licensing/graph-client';
import type { LicenseTarget } from '../core/target.js';
import type { TargetState } from '../core/target-state.js';
import type { ReadPace } from '../engine/graph-call.js';
import type { GroupWriteLog } from '../engine/group-write-log.js';
import type { SeatLedger } from '../engine/seat-ledger.js';

/** What the service's read-only helpers (holders, export, migration, group processing) share. */
export type ServiceContext = {
  client: GraphClient;
  tenantSkus: (refresh?: boolean) => Promise<SubscribedSku[]>;
  sleep: (ms: number) => Promise<void>;
  /** How single reads wait: `sleep`, and the throttle scopes shared with the service's bulk runs. */
  reads: ReadPace;
  readTarget: (target: LicenseTarget) => Promise<TargetState>;
  /** Seats the service's own writes took or freed since the tenant's counts were read. */
  seats: SeatLedger;
  /** The group writes this service's runs sent (for `waitForGroupProcessing`). */
  groupWrites: GroupWriteLog;
};
