import { ThrottleScopes } from '../throttle-scopes.js';
import { InFlightWindow } from './in-flight-window.js';
import type { WriteAnswerSignal, WriteGrant, WritePacer } from './write-pacing.js';

/**
 * Paces writes at the rate Graph's own signals show, instead of probing with full batches until refused.
 *
 * Graph's write limits are token buckets: capacity C, refilled at R writes/s. Every answer says how full the bucket
 * is: `x-ms-throttle-limit-percentage` (sent above 0.8 of a limit) on accepted writes, and a 429 means it is
 * empty. Between two such readings (level p₀ at t₀, p₁ at t₁) the writes this run got accepted are
 * `ΔA = R·Δt + C·Δp` — the refill plus what the bucket gave up. A least-squares fit of R and C over the recent
 * readings gives the rate this run can have: other runs of the same app and tenant drain the same bucket, so what
 * is learnt is this run's share, with no state shared between processes.
 *
 * The send rate is that rate plus a correction that steers the level towards {@link targetLevel}: more when the
 * bucket has tokens to spare (or Graph stops sending the header: below 0.8), less when it nears empty. Tokens a
 * bucket holds are not lost until it is full again, so sending a little below R costs nothing as long as the
 * correction spends them later. Until the first reading the bucket is assumed full and used at once (with a few
 * batches in flight, a window halved at each 429 and grown as writes are accepted, so that runs which meet an empty
 * bucket with no reading yet do not burst into it at every reopening); a 429 closes its scope until `Retry-After`
 * has passed, as Graph asks, and halves the fitted rate (once per round; a reading restores it), so that runs whose
 * fits add up to more than the refill cannot keep the bucket empty with no reading ever coming back to correct them.
 */
export interface SignalPacerOptions {
  /**
   * Bucket level (fraction used) to steer towards. Default 0.95: inside the band where Graph reports it, and what
   * is left unused when the run ends is small.
   */
  readonly targetLevel?: number;
  /** Seconds over which a level error is corrected. Default 2. */
  readonly correctionS?: number;
  /** Readings kept for the fit, and their age limit in ms. Defaults 48 and 15,000. */
  readonly maxReadings?: number;
  readonly readingAgeMs?: number;
  /** Writes in flight before the first reading (the burst into a full bucket), at most. Default 40. */
  readonly burstInFlight?: number;
  /** Largest grant at once while paced (writes). Default 20: one `$batch`. */
  readonly maxGrant?: number;
}

interface Reading {
  readonly at: number;
  /** Writes of this run accepted up to and including this answer. */
  readonly accepted: number;
  /** Bucket level as a fraction used (1 = empty). */
  readonly level: number;
}

/** Graph reports the level only above this fraction. */
const REPORTED_FROM = 0.8;
const MIN_RATE = 0.5;
const MAX_RATE = 10_000;
const LOW_DOUBLING_MS = 1000;
/** What a 429 leaves of the fitted rate. */
const RATE_CUT = 0.5;

export class SignalPacer implements WritePacer {
  private readonly targetLevel: number;
  private readonly correctionS: number;
  private readonly maxReadings: number;
  private readonly readingAgeMs: number;
  private readonly maxGrant: number;
  /** Writes in flight allowed before the first reading. */
  private readonly burst: InFlightWindow;

  private readonly scopes = new ThrottleScopes();
  private readonly readings: Reading[] = [];
  private accepted = 0;
  /** Undefined until Graph first said something about the bucket (a level or a 429). */
  private paced:
    | {
        rate: number;
        capacity: number;
        level: number;
        levelAt: number;
        /** Since when Graph has stopped reporting the level (below 0.8), and the send rate then. */
        low?: { since: number; rate: number };
      }
    | undefined;
  /** The capacity seen in the burst: the fit may refine it within half to twice this. */
  private burstCapacity = 0;
  private allowance = 0;
  private allowanceAt = 0;
  /** The scope that last refused a write: a different one means another limit binds, so the fit starts again. */
  private bindingScope: string | undefined;
  /** The most writes asked for at once so far: fewer than that means the queue is draining. */
  private largestWanted = 0;
  /** A 429 came after the last reading. */
  private refusedSinceReading = false;
  /** Writes sent since the level was last read (the level does not include them yet). */
  private sentSinceLevel = 0;
  /** When the rate was last cut for a 429: refusals of writes sent before then do not cut it again. */
  private cutAt = Number.NEGATIVE_INFINITY;

  constructor(options: SignalPacerOptions = {}) {
    this.targetLevel = options.targetLevel ?? 0.95;
    this.correctionS = options.correctionS ?? 2;
    this.maxReadings = options.maxReadings ?? 48;
    this.readingAgeMs = options.readingAgeMs ?? 15_000;
    this.burst = new InFlightWindow(options.burstInFlight ?? 40);
    this.maxGrant = options.maxGrant ?? 20;
  }

  /** The send rate in writes/s (undefined before the first reading), for tests and progress. */
  get rate(): number | undefined {
    return this.paced ? this.sendRate(this.paced.levelAt) : undefined;
  }

  grant(now: number, wanted: number): WriteGrant {
    const openAt = this.scopes.openAt('write');
    if (openAt > now) return { writes: 0, retryAt: openAt };
    if (wanted <= 0) return { writes: 0, retryAt: now };
    if (wanted > this.largestWanted) this.largestWanted = wanted;
    if (!this.paced) {
      // No level reported after A accepted writes: the bucket was under 0.8 used, so it holds more than A ÷ 4 still.
      const safe = Math.max(this.maxGrant, Math.floor(this.accepted / 4)) - this.burst.outstanding;
      const room = Math.min(this.burst.room(), safe);
      return room >= 1
        ? { writes: Math.min(wanted, room), retryAt: now }
        : { writes: 0, retryAt: Number.POSITIVE_INFINITY };
    }
    const rate = this.sendRate(now);
    this.refill(now, rate);
    // The queue is draining (fewer writes ready than before): what the bucket still holds beyond the writes in
    // flight may go at once, so that the reserve the target level keeps is not left unused at the end.
    // Not after a 429 until the next reading: the bucket is then in deficit by an unknown amount (Graph charges
    // refused writes), so what it holds cannot be told from the rate.
    if (wanted > 1 && wanted < this.largestWanted && !this.refusedSinceReading) {
      const p = this.paced;
      const held =
        (1 - p.level) * p.capacity + (p.rate * Math.max(0, now - p.levelAt)) / 1000 - this.sentSinceLevel;
      if (held >= wanted) return { writes: wanted, retryAt: now };
    }
    const writes = Math.min(wanted, Math.floor(this.allowance));
    if (writes >= 1) return { writes, retryAt: now };
    return { writes: 0, retryAt: now + Math.ceil(((1 - this.allowance) / rate) * 1000) };
  }

  onSent(now: number, writes: number): void {
    this.burst.onSent(writes);
    this.sentSinceLevel += writes;
    if (this.paced) {
      this.refill(now, this.sendRate(now));
      this.allowance -= writes;
    }
  }

  onAnswer(signal: WriteAnswerSignal): void {
    this.accepted += signal.unthrottled;
    this.burst.onAnswer({
      sentAt: signal.sentAt ?? signal.at,
      at: signal.at,
      answered: signal.throttled + signal.unthrottled,
      accepted: signal.unthrottled,
      emptied: signal.throttled > 0,
      levelReported: signal.limitPercentage !== undefined,
    });
    if (signal.throttled > 0) {
      // Part of the answer accepted with a level: that is this run's first (or latest) reading, before the 429.
      // Ignoring it left a run that met a nearly empty bucket unpaced, bursting at every Retry-After (a storm).
      if (signal.limitPercentage !== undefined) this.read(signal.at, Math.min(1, signal.limitPercentage));
      this.refusedSinceReading = true;
      const scope = signal.scopes[0];
      if (scope !== undefined && this.bindingScope !== undefined && scope !== this.bindingScope)
        this.readings.length = 0;
      if (scope !== undefined) this.bindingScope = scope;
      const wait = signal.retryAfterMs ?? 1000;
      for (const s of signal.scopes.length > 0 ? signal.scopes : [undefined])
        this.scopes.close(s, wait, signal.at);
      if (this.paced) {
        const p = this.paced;
        // This run sent faster than its share: cut the rate, once per round (writes sent after the last cut).
        // A reading restores the fitted rate, so a lone refusal costs one round; refusals with no reading
        // between them (the bucket kept empty by this run and others) compound until the bucket refills.
        if ((signal.sentAt ?? signal.at) >= this.cutAt) {
          p.rate = Math.max(MIN_RATE, p.rate * RATE_CUT);
          this.cutAt = signal.at;
        }
        p.level = 1;
        p.levelAt = signal.at;
        p.low = undefined;
        // Nothing saved up while the scope is closed: sending restarts from an empty allowance when it reopens.
        this.allowance = 0;
        this.allowanceAt = Math.max(this.allowanceAt, this.scopes.openAt('write'));
      }
    } else if (signal.limitPercentage !== undefined) {
      this.read(signal.at, Math.min(1, signal.limitPercentage));
    } else if (this.paced) {
      // Accepted with no header: the bucket is below the reported band, by an unknown amount.
      if (!this.paced.low) this.paced.low = { since: signal.at, rate: this.sendRate(signal.at) };
      this.paced.level = Math.min(this.paced.level, REPORTED_FROM);
      this.paced.levelAt = signal.at;
    }
  }

  /** A level Graph reported (`x-ms-throttle-limit-percentage`): the fit's input. */
  private read(at: number, level: number): void {
    this.readings.push({ at, accepted: this.accepted, level });
    while (
      this.readings.length > this.maxReadings ||
      (this.readings.length > 2 && (this.readings[0]?.at ?? at) < at - this.readingAgeMs)
    ) {
      this.readings.shift();
    }
    if (!this.paced) {
      // First word from Graph: the bucket was full when the run started and is `level` used now.
      const capacity = Math.max(this.maxGrant, this.accepted / Math.max(level, REPORTED_FROM));
      this.burstCapacity = capacity;
      this.paced = { rate: capacity / 60, capacity, level, levelAt: at };
      this.allowance = 0;
      this.allowanceAt = at;
      return;
    }
    this.paced.level = level;
    this.paced.levelAt = at;
    this.paced.low = undefined;
    this.sentSinceLevel = 0;
    this.refusedSinceReading = false;
    const fit = fitRateAndCapacity(this.readings, this.paced.capacity);
    if (fit) {
      this.paced.rate = fit.rate;
      this.paced.capacity = Math.min(
        2 * this.burstCapacity,
        Math.max(0.5 * this.burstCapacity, fit.capacity),
      );
    }
  }

  /**
   * The rate the fit gives, corrected towards the target level; while Graph reports no level (the bucket is below
   * 0.8 by an unknown amount) at least the rate of that moment, doubled every {@link LOW_DOUBLING_MS}.
   */
  private sendRate(now: number): number {
    const p = this.paced;
    if (!p) return Number.POSITIVE_INFINITY;
    const spare = ((this.targetLevel - p.level) * p.capacity) / this.correctionS;
    const fitted = Math.max(MIN_RATE, p.rate + spare);
    if (!p.low) return fitted;
    const grown = p.low.rate * 2 ** (Math.max(0, now - p.low.since) / LOW_DOUBLING_MS);
    return Math.max(fitted, Math.min(grown, MAX_RATE));
  }

  private refill(now: number, rate: number): void {
    if (now > this.allowanceAt) {
      this.allowance = Math.min(this.maxGrant, this.allowance + ((now - this.allowanceAt) / 1000) * rate);
      this.allowanceAt = now;
    }
  }
}

/**
 * The rate this run gets from a bucket of (estimated) capacity `capacity`, from readings relative to the first:
 * least squares of `ΔA − C·Δp = R·Δt`. When the levels vary independently of time enough to tell, C is fitted
 * too (`ΔA = R·Δt + C·Δp`). Undefined while the readings span less than half a second.
 */
export function fitRateAndCapacity(
  readings: readonly Reading[],
  capacity: number,
): { rate: number; capacity: number } | undefined {
  const first = readings[0];
  const last = readings.at(-1);
  if (!first || !last || last.at - first.at < 500) return undefined;
  let stt = 0;
  let spp = 0;
  let stp = 0;
  let sta = 0;
  let spa = 0;
  for (const r of readings) {
    const t = (r.at - first.at) / 1000;
    const p = r.level - first.level;
    const a = r.accepted - first.accepted;
    stt += t * t;
    spp += p * p;
    stp += t * p;
    sta += t * a;
    spa += p * a;
  }
  const det = stt * spp - stp * stp;
  // Well conditioned only when the level moved in a way time alone does not explain (|cos| < 0.95).
  if (spp > 1e-4 && det > 0.1 * stt * spp) {
    const rate = (sta * spp - spa * stp) / det;
    const fitted = (stt * spa - stp * sta) / det;
    if (rate > 0 && fitted > 0) return { rate, capacity: fitted };
  }
  const rate = (sta - capacity * stp) / stt;
  return { rate: Math.max(MIN_RATE, rate), capacity };
}
