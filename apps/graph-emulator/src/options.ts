import type { FaultSpec } from './faults/fault-spec.js';
import type { Seed } from './seed/seed-types.js';
import type { ThrottleLimits } from './throttling/throttle-profile.js';

export interface EmulatorOptions {
  /** 0 (default) = any free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** A seed object, or the path of a seed JSON file. Default: the built-in Contoso seed. */
  seed?: Seed | string;
  /** Artificial latency per answer: ms, or `min-max` ms (drawn from the seeded source). Default 0. */
  latency?: number | string;
  /** Throttle windows, processing delays and injected Retry-After values are divided by this. Default 1. */
  timeScale?: number;
  /** Throttle profile/overrides (`graph`, `off`, `tight`, `graph,appWrite=100/10s`), or limits. Default `graph`. */
  throttle?: string | ThrottleLimits;
  /** Fault spec (`429:0.05,503:0.05,reset:0.02,on=all`), or a parsed spec. Default none. */
  faults?: string | FaultSpec;
  /** Seed for fault injection and latency draws (deterministic runs). */
  randomSeed?: number;
  /** Serve HTTPS with a self-signed certificate (written to a file, see `caCertificatePath`). */
  tls?: boolean;
  /** Graph time for a group's license processing (queued → in progress → complete), before time scale. Default 2000. */
  processingDelayMs?: number;
  /**
   * Entra's replication delay, before time scale: for this long after a write, reads of a user's or group's license
   * state (assignedLicenses, licenseAssignmentStates, licenseProcessingState, licenseDetails, license filters)
   * return the state as it was before. Default 0 (reads always see the latest write).
   */
  replicationDelayMs?: number;
  /** Lifetime of issued access tokens, in seconds. Default 3599. */
  tokenLifetimeSeconds?: number;
  /** Answer Directory_ConcurrencyViolation to a write on an object another write is still processing. Default false. */
  concurrencyViolations?: boolean;
  /**
   * Charge throttled (429) requests against the limits, as Graph does ("all requests accrue against your usage
   * limits"): a client that retries before Retry-After pushes its next slot further out. Default true.
   */
  chargeThrottledRequests?: boolean;
  /**
   * Graph's clock in epoch milliseconds: throttle buckets, license processing, replication and the request log
   * read it. Default `Date.now`. A test passes a clock it moves by hand, so that its verdict never depends on how
   * fast the machine runs (tokens still expire on the wall clock).
   */
  clock?: () => number;
}

/** What `POST /_emulator/settings` (or `configure()`) can change on a running emulator; spec strings as on the command line. */
export interface EmulatorSettings {
  throttle?: string;
  faults?: string;
  latency?: number | string;
  concurrencyViolations?: boolean;
  chargeThrottledRequests?: boolean;
  /** Milliseconds (before time scale), as `replicationDelayMs`. */
  replicationDelay?: number;
}

/** Reads a replication delay (milliseconds, ≥ 0). */
export function parseReplicationDelay(value: number | undefined, name = 'replicationDelay'): number {
  if (value === undefined) return 0;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new Error(`${name}: '${String(value)}' must be a non-negative number of milliseconds`);
  }
  return value;
}

/** Reads `--latency`: `25` or `10-50` (milliseconds). */
export function parseLatency(value: number | string | undefined): { min: number; max: number } {
  if (value === undefined || value === '') return { min: 0, max: 0 };
  if (typeof value === 'number') {
    if (!(value >= 0)) throw new Error(`latency: '${value}' must be a non-negative number of milliseconds`);
    return { min: value, max: value };
  }
  const m = /^(\d+(?:\.\d+)?)(?:-(\d+(?:\.\d+)?))?$/.exec(value.trim());
  if (!m) throw new Error(`--latency: '${value}' must read <ms> or <min>-<max> (milliseconds)`);
  const min = Number(m[1]);
  const max = m[2] === undefined ? min : Number(m[2]);
  if (max < min) throw new Error(`--latency: '${value}': the maximum is below the minimum`);
  return { min, max };
}
