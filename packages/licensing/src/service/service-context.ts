import type { GraphClient, SubscribedSku } from '@entra-licensing/graph-client';
import type { SeatLedger } from '../engine/seat-ledger.js';
import type { LicenseTarget } from './target.js';
import type { TargetState } from './target-state.js';

/** What the service's read-only helpers (holders, export, migration, group processing) share. */
export type ServiceContext = {
  client: GraphClient;
  tenantSkus: (refresh?: boolean) => Promise<SubscribedSku[]>;
  sleep: (ms: number) => Promise<void>;
  readTarget: (target: LicenseTarget) => Promise<TargetState>;
  /** Seats the service's own writes took or freed since the tenant's counts were read. */
  seats: SeatLedger;
};
