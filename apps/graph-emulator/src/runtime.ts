import type { FaultInjector } from './faults/fault-injector.js';
import type { TokenService } from './identity/token-service.js';
import type { Directory, DirectorySnapshot } from './model/directory.js';
import type { RequestLog } from './request-log.js';
import type { Throttler } from './throttling/throttler.js';

/** The live state of one emulator: shared by the HTTP routes, replaced piecewise by reset. */
export interface Runtime {
  baseUrl: string;
  snapshot: DirectorySnapshot;
  directory: Directory;
  throttler: Throttler;
  faults: FaultInjector;
  tokens: TokenService;
  log: RequestLog;
  /** Milliseconds of artificial latency for the next answer. */
  latency: () => number;
  /** Graph's clock (epoch ms): `Date.now` unless a test passes its own (`EmulatorOptions.clock`). */
  now: () => number;
  timeScale: number;
  tokenLifetimeSeconds: number;
  concurrencyViolations: boolean;
  /** Throttled requests still cost their units (Graph's behaviour); see `chargeThrottledRequests`. */
  chargeThrottledRequests: boolean;
  /** Write targets currently being processed (for Directory_ConcurrencyViolation). */
  inFlight: Map<string, number>;
}
