import {
  ThrottleScopes,
  type WriteAnswerSignal,
  type WriteGrant,
  type WritePacer,
} from '@entra-licensing/licensing/pacing';

/**
 * Caps the writes in flight once Graph has started refusing them, so that a long throttled run does not keep
 * hundreds of requests on the wire that will come back 429. Graph's token bucket still does the pacing; the cap only
 * keeps the waste bounded. Before the first write 429 nothing is capped: the bucket starts full and should be used at
 * once.
 *
 * The cap is twice the demonstrated throughput × round-trip time (Little's law with 100 % headroom): if Graph accepts
 * Â writes/s and a batch takes L seconds, Â·L writes in flight are enough to keep up, and 2·Â·L lets the accepted rate
 * double per window if the estimate was low. Â is the larger of the last window's rate and the average since the
 * first 429, so a quiet moment cannot talk the cap down.
 */
export class InFlightCap {
  private readonly accepted: number[] = [];
  private readonly roundTrips: number[] = [];
  private throttledSince: number | undefined;
  private acceptedSinceThrottled = 0;

  constructor(
    /** Fewest writes ever allowed in flight. */
    private readonly minimum = 4,
    private readonly windowMs = 2000,
    private readonly warmupMs = 250,
  ) {}

  onAccepted(now: number): void {
    this.accepted.push(now);
    if (this.throttledSince !== undefined) this.acceptedSinceThrottled += 1;
    const horizon = now - this.windowMs;
    let drop = 0;
    while (drop < this.accepted.length && (this.accepted[drop] ?? horizon) < horizon) drop += 1;
    if (drop > 0) this.accepted.splice(0, drop);
  }

  onThrottled(now: number): void {
    this.throttledSince ??= now;
  }

  /** The round-trip time of a batch that carried writes, in ms. */
  onRoundTrip(ms: number): void {
    this.roundTrips.push(ms);
    if (this.roundTrips.length > 32) this.roundTrips.shift();
  }

  /** Writes allowed in flight at once (Infinity while not capped). */
  limit(now: number): number {
    if (this.throttledSince === undefined) return Number.POSITIVE_INFINITY;
    const since = now - this.throttledSince;
    if (since < this.warmupMs || this.roundTrips.length === 0) return Number.POSITIVE_INFINITY;
    const span = Math.min(this.windowMs, since);
    const recent = this.accepted.filter((t) => t > now - span).length / (span / 1000);
    const average = this.acceptedSinceThrottled / (since / 1000);
    const sorted = [...this.roundTrips].sort((a, b) => a - b);
    const roundTrip = (sorted[Math.floor(sorted.length / 2)] ?? 0) / 1000;
    return Math.max(this.minimum, Math.ceil(2 * Math.max(recent, average) * roundTrip));
  }
}

/**
 * 0.1's write pacing behind the pacer contract: write throttle scopes stay closed until the Retry-After of their
 * 429 has passed, and once Graph has throttled writes the writes in flight are capped by {@link InFlightCap}.
 */
export class LegacyPacer implements WritePacer {
  private readonly cap = new InFlightCap();
  private readonly scopes = new ThrottleScopes();
  private inFlight = 0;

  grant(now: number, wanted: number): WriteGrant {
    const openAt = this.scopes.openAt('write');
    if (openAt > now) return { writes: 0, retryAt: openAt };
    const room = this.cap.limit(now) - this.inFlight;
    if (room < 1) return { writes: 0, retryAt: Number.POSITIVE_INFINITY };
    return { writes: Math.min(wanted, room), retryAt: now };
  }

  onSent(_now: number, writes: number): void {
    if (writes <= 0) return;
    this.inFlight += writes;
  }

  onAnswer(signal: WriteAnswerSignal): void {
    const writes = signal.throttled + signal.unthrottled;
    this.inFlight = Math.max(0, this.inFlight - writes);
    if (signal.sentAt !== undefined) this.cap.onRoundTrip(signal.at - signal.sentAt);
    if (signal.throttled > 0) {
      this.cap.onThrottled(signal.at);
      const wait = signal.retryAfterMs ?? 0;
      if (signal.scopes.length === 0) this.scopes.close(undefined, wait, signal.at);
      for (const scope of signal.scopes) this.scopes.close(scope, wait, signal.at);
    }
    for (let i = 0; i < signal.unthrottled; i++) this.cap.onAccepted(signal.at);
  }
}
