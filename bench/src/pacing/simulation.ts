/**
 * A pure, deterministic simulation of writers sharing one Graph write limit, for testing write pacers: virtual
 * clock, seeded latency, no timers.
 */
import type { WritePacer } from '@entra-licensing/licensing/pacing';

/**
 * Graph's write limit as a token bucket on a simulated clock: starts full, refills continuously, charges refused
 * requests too (Graph: all requests accrue against the limits), reports `x-ms-throttle-limit-percentage` above 0.8.
 */
export class SimulatedBucket {
  private tokens: number;
  private last = 0;
  constructor(
    readonly capacity: number,
    readonly perSecond: number,
  ) {
    this.tokens = capacity;
  }
  private refill(now: number): void {
    this.tokens = Math.min(this.capacity, this.tokens + ((now - this.last) / 1000) * this.perSecond);
    this.last = now;
  }
  admit(now: number): { ok: true; percentage?: number } | { ok: false; retryAfterMs: number } {
    this.refill(now);
    const ok = this.tokens >= 1;
    this.tokens -= 1;
    if (!ok) return { ok: false, retryAfterMs: ((1 - this.tokens) / this.perSecond) * 1000 };
    const usage = 1 - this.tokens / this.capacity;
    return usage > 0.8 ? { ok: true, percentage: usage } : { ok: true };
  }
}

/** A deterministic pseudo-random source (LCG), so every run of the test is the same. */
export function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

export interface ClientSim {
  pacer: WritePacer;
  pending: number;
  inFlightBatches: number;
  finishedAt?: number;
  requests: number;
  throttled: number;
}

export interface SimulationOptions {
  /** Round trip of one `$batch` in ms, drawn uniformly from [min, max]. Default 100–300. */
  readonly latencyMs?: readonly [number, number];
  /** When each client starts, in ms (default: all at 0). */
  readonly startsMs?: readonly number[];
  /** Chance that a batch's round trip is stalled, by up to `ms` more (a loaded machine). */
  readonly stall?: { readonly chance: number; readonly ms: number };
}

/**
 * Runs clients against one bucket in virtual time. Each client behaves as the engine's write stage: it asks its
 * pacer for up to one `$batch` (20 writes) at a time, keeps up to 10 batches in flight (the engine's default concurrency), puts throttled writes back
 * and asks again at the time the pacer names. Latency 100–300 ms per batch (or `options.latencyMs`); each write reaches the bucket half-way.
 */
export function simulate(
  bucket: SimulatedBucket,
  clients: ClientSim[],
  seed = 7,
  trace?: (client: ClientSim, at: number) => void,
  options: SimulationOptions = {},
): { endedAt: number; requests: number; throttled: number } {
  const random = lcg(seed);
  type Event = { at: number; run: () => void };
  const events: Event[] = [];
  const schedule = (at: number, run: () => void) => {
    // Ordered insert (after events of the same time, so that equal times keep their order).
    let lo = 0;
    let hi = events.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (events[mid]!.at <= at) lo = mid + 1;
      else hi = mid;
    }
    events.splice(lo, 0, { at, run });
  };
  const wake = new Map<ClientSim, number>();
  const tryClient = (client: ClientSim, now: number) => {
    while (client.pending > 0 && client.inFlightBatches < 10) {
      const grant = client.pacer.grant(now, Math.min(20, client.pending));
      if (grant.writes < 1) {
        if (
          Number.isFinite(grant.retryAt) &&
          (wake.get(client) ?? Number.POSITIVE_INFINITY) > grant.retryAt
        ) {
          wake.set(client, grant.retryAt);
          schedule(Math.max(now + 1, grant.retryAt), () => {
            wake.delete(client);
            tryClient(client, Math.max(now + 1, grant.retryAt));
          });
        }
        return;
      }
      const writes = grant.writes;
      client.pacer.onSent(now, writes);
      client.pending -= writes;
      client.inFlightBatches += 1;
      client.requests += writes;
      const [low, high] = options.latencyMs ?? [100, 300];
      let latency = low + random() * (high - low);
      if (options.stall && random() < options.stall.chance) latency += random() * options.stall.ms;
      schedule(now + latency / 2, () => {
        let accepted = 0;
        let refused = 0;
        let retryAfterMs: number | undefined;
        let percentage: number | undefined;
        for (let i = 0; i < writes; i++) {
          const answer = bucket.admit(now + latency / 2);
          if (answer.ok) {
            accepted += 1;
            if (answer.percentage !== undefined) percentage = Math.max(percentage ?? 0, answer.percentage);
          } else {
            refused += 1;
            retryAfterMs = Math.max(retryAfterMs ?? 0, answer.retryAfterMs);
          }
        }
        schedule(now + latency, () => {
          const at = now + latency;
          client.inFlightBatches -= 1;
          client.throttled += refused;
          client.pending += refused;
          client.pacer.onAnswer({
            at,
            unthrottled: accepted,
            throttled: refused,
            scopes: refused > 0 ? ['Tenant_Application/Write/app/tenant'] : [],
            ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
            ...(percentage === undefined ? {} : { limitPercentage: percentage }),
          });
          trace?.(client, at);
          if (client.pending === 0 && client.inFlightBatches === 0) client.finishedAt = at;
          tryClient(client, at);
        });
      });
    }
  };
  clients.forEach((client, i) => {
    const start = options.startsMs?.[i] ?? 0;
    schedule(start, () => tryClient(client, start));
  });
  let steps = 0;
  while (events.length > 0) {
    const next = events.shift()!;
    next.run();
    if (++steps > 2_000_000) throw new Error('simulation did not end');
  }
  const unfinished = clients.filter((c) => c.finishedAt === undefined);
  if (unfinished.length > 0) throw new Error(`${unfinished.length} clients never finished`);
  return {
    endedAt: Math.max(...clients.map((c) => c.finishedAt!)),
    requests: clients.reduce((s, c) => s + c.requests, 0),
    throttled: clients.reduce((s, c) => s + c.throttled, 0),
  };
}
