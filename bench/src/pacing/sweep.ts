/**
 * A seeded sweep of the pacing simulation over the shapes the pacer meets: alone, several runs started together or
 * a few seconds apart, round trips stalled now and then (a loaded machine running n8n). Each shape runs once per
 * seed; the first run starts at 0, the others at random times within 0, 0.5, 2 or 4 s (by seed).
 */
import type { WritePacer } from '@entra-licensing/licensing/pacing';
import { type ClientSim, lcg, SimulatedBucket, type SimulationOptions, simulate } from './simulation.js';

export interface SweepShape {
  readonly name: string;
  /** Writes of each run. */
  readonly runs: readonly number[];
  /** The shared write bucket: capacity and refill per second. */
  readonly capacity: number;
  readonly rate: number;
  readonly latencyMs: readonly [number, number];
  readonly stall?: SimulationOptions['stall'];
}

/** The queue-mode suite's shape: three executions of 500 on a bucket of 375 at 40 writes/s, round trips 20–60 ms. */
const QUEUE_MODE = { runs: [500, 500, 500], capacity: 375, rate: 40, latencyMs: [20, 60] } as const;

export const SWEEP_SHAPES: readonly SweepShape[] = [
  { name: 'queue mode: 3 × 500, bucket 375 at 40/s', ...QUEUE_MODE },
  { name: 'queue mode, 5 % of round trips stalled ≤ 0.5 s', ...QUEUE_MODE, stall: { chance: 0.05, ms: 500 } },
  {
    name: 'queue mode, 20 % of round trips stalled ≤ 1.5 s',
    ...QUEUE_MODE,
    stall: { chance: 0.2, ms: 1500 },
  },
  {
    name: 'beside others: 3 × 1,000, bucket 750 at 20/s',
    runs: [1000, 1000, 1000],
    capacity: 750,
    rate: 20,
    latencyMs: [100, 300],
  },
  { name: 'alone: 1,000, bucket 250 at 20/s', runs: [1000], capacity: 250, rate: 20, latencyMs: [100, 300] },
  {
    name: 'alone: 5,000, bucket 1,250 at 100/s',
    runs: [5000],
    capacity: 1250,
    rate: 100,
    latencyMs: [100, 300],
  },
  {
    name: '5 × 300, bucket 375 at 40/s, 10 % stalled ≤ 0.8 s',
    ...QUEUE_MODE,
    runs: [300, 300, 300, 300, 300],
    stall: { chance: 0.1, ms: 800 },
  },
];

export interface SweepRow {
  readonly shape: string;
  readonly runs: number;
  /** Runs that never ended (the simulation's step limit: a storm that does not stop). */
  readonly neverEnded: number;
  /** Worst end time ÷ floor, and worst share of write requests answered 429, among the runs that ended. */
  readonly worstRatio: number;
  readonly worstThrottledShare: number;
  readonly medianRatio: number;
}

/** Runs every shape with seeds 1…`seeds`, each run with a pacer of its own from `pacer()`. */
export function sweep(pacer: () => WritePacer, seeds: number, shapes = SWEEP_SHAPES): SweepRow[] {
  return shapes.map((shape) => {
    const ratios: number[] = [];
    let worstThrottledShare = 0;
    let neverEnded = 0;
    for (let seed = 1; seed <= seeds; seed++) {
      const random = lcg(seed * 31);
      const spread = [0, 500, 2000, 4000][seed % 4] ?? 0;
      const startsMs = shape.runs.map((_, i) => (i === 0 ? 0 : random() * spread));
      const clients: ClientSim[] = shape.runs.map((pending) => ({
        pacer: pacer(),
        pending,
        inFlightBatches: 0,
        requests: 0,
        throttled: 0,
      }));
      const total = shape.runs.reduce((a, b) => a + b, 0);
      const floorMs = ((total - shape.capacity) / shape.rate) * 1000;
      try {
        const run = simulate(new SimulatedBucket(shape.capacity, shape.rate), clients, seed, undefined, {
          latencyMs: shape.latencyMs,
          startsMs,
          ...(shape.stall ? { stall: shape.stall } : {}),
        });
        ratios.push(run.endedAt / floorMs);
        worstThrottledShare = Math.max(worstThrottledShare, run.throttled / run.requests);
      } catch (error) {
        // Only the simulation's own "never ended" verdicts count here; anything else is a bug to show.
        if (!/did not end|never finished/.test(String(error))) throw error;
        neverEnded += 1;
      }
    }
    const sorted = [...ratios].sort((a, b) => a - b);
    return {
      shape: shape.name,
      runs: seeds,
      neverEnded,
      worstRatio: sorted.at(-1) ?? Number.NaN,
      worstThrottledShare,
      medianRatio: sorted[Math.floor(sorted.length / 2)] ?? Number.NaN,
    };
  });
}
