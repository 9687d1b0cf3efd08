/** One Graph request as the emulator saw it (`GET /_emulator/requests`). */
export interface RequestLogEntry {
  /** Arrival order, from 1. */
  seq: number;
  /** Arrival time, ISO 8601 with milliseconds. */
  time: string;
  /** Arrival time in epoch milliseconds (fractional), for arithmetic. */
  timeMs: number;
  /** When the answer was sent, epoch milliseconds. */
  completedMs: number;
  /** The calling app (null when the token was missing or invalid). */
  clientId: string | null;
  method: string;
  /** Path with version, without query, e.g. `/v1.0/groups/{id}/assignLicense`. */
  path: string;
  /** The object a write targets (group or user id), if any. */
  target: string | null;
  status: number;
  /** True when the emulator answered 429. */
  throttled: boolean;
  /** The Retry-After sent, in seconds, or null. */
  retryAfter: number | null;
  /** Whether the request is a write (counts against write quotas). */
  write: boolean;
  /** The throttle scopes the request passed through (`x-ms-throttle-scope` format). */
  scopes: string[];
  /** On a 429: the scope that refused it. */
  throttleScope: string | null;
  /** An injected fault, if any: 429, 503, 504, reset, slow, concurrency. */
  fault: string | null;
  /**
   * Resource units charged (`x-ms-resource-unit`): the route's cost after `$select`/`$top` adjustments; null when the
   * request never reached throttling (no token, unknown path, missing permission).
   */
  resourceUnits: number | null;
  /** For `$batch` items: the outer request's request-id and the item's id. */
  batch: { requestId: string; id: string } | null;
  requestId: string;
}

export class RequestLog {
  private entries: RequestLogEntry[] = [];
  private seq = 0;

  constructor(private readonly capacity = 100_000) {}

  nextSeq(): number {
    this.seq += 1;
    return this.seq;
  }

  add(entry: RequestLogEntry): void {
    this.entries.push(entry);
    // Trim in chunks: one splice per tenth of the capacity, not one per request.
    if (this.entries.length > this.capacity * 1.1)
      this.entries.splice(0, this.entries.length - this.capacity);
  }

  list(): readonly RequestLogEntry[] {
    return this.entries;
  }

  clear(): void {
    this.entries = [];
  }
}
