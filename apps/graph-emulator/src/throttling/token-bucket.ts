/** A token bucket that starts full and refills continuously: `capacity` tokens per `windowMs`. */
export class TokenBucket {
  private tokens: number;
  private last: number;
  private readonly ratePerMs: number;

  constructor(
    readonly capacity: number,
    readonly windowMs: number,
    now: number,
  ) {
    this.tokens = capacity;
    this.last = now;
    this.ratePerMs = capacity / windowMs;
  }

  private refill(now: number): void {
    if (now > this.last) {
      this.tokens = Math.min(this.capacity, this.tokens + (now - this.last) * this.ratePerMs);
      this.last = now;
    }
  }

  /** Milliseconds until `cost` tokens are available (0 = now). */
  waitFor(cost: number, now: number): number {
    this.refill(now);
    if (this.tokens >= cost) return 0;
    return (cost - this.tokens) / this.ratePerMs;
  }

  take(cost: number, now: number): void {
    this.refill(now);
    this.tokens -= cost;
  }

  /** Fraction of the capacity in use (0 = full bucket). */
  usage(now: number): number {
    this.refill(now);
    return 1 - this.tokens / this.capacity;
  }
}
