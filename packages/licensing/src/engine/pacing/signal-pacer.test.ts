import { afterEach, describe, expect, it } from 'vitest';
import { bulkGroupId, seedWithGroups } from '../../test-support/bulk-seed.js';
import { type EmulatorHarness, startHarness } from '../../test-support/emulator.js';
import type { BulkItem } from '../types.js';
import { fitRateAndCapacity } from './signal-pacer.js';

describe('fitRateAndCapacity', () => {
  it('a bucket of known capacity drained faster than it refills: R is what the level does not explain', () => {
    // C = 500, R = 20/s; the run got 30 writes/s accepted: the level rises by 10/500 per second.
    const readings = Array.from({ length: 10 }, (_, i) => ({
      at: i * 500,
      accepted: 30 * i * 0.5,
      level: 0.8 + (10 * i * 0.5) / 500,
    }));
    const fit = fitRateAndCapacity(readings, 500)!;
    expect(fit.rate).toBeCloseTo(20, 6);
    expect(fit.capacity).toBe(500);
  });

  it('levels that move independently of time: R and C are both fitted', () => {
    // C = 400, R = 15/s; the level goes up and down as the run sends faster and slower.
    const levels = [0.85, 0.9, 0.88, 0.95, 0.86, 0.93, 0.99, 0.9];
    const readings = levels.map((level, i) => ({
      at: i * 1000,
      accepted: 15 * i + 400 * (level - levels[0]!),
      level,
    }));
    const fit = fitRateAndCapacity(readings, 100)!;
    expect(fit.rate).toBeCloseTo(15, 6);
    expect(fit.capacity).toBeCloseTo(400, 6);
  });

  it('with a constant level, the rate is the accepted writes per second', () => {
    const readings = Array.from({ length: 5 }, (_, i) => ({ at: i * 1000, accepted: 12 * i, level: 1 }));
    expect(fitRateAndCapacity(readings, 300)).toEqual({ rate: 12, capacity: 300 });
  });

  it('readings spanning under half a second tell nothing yet', () => {
    expect(
      fitRateAndCapacity(
        [
          { at: 0, accepted: 0, level: 0.9 },
          { at: 400, accepted: 8, level: 0.9 },
        ],
        300,
      ),
    ).toBeUndefined();
  });
});

describe('SignalPacer in a bulk run against the emulator (real HTTP, throttled requests charged)', () => {
  let h: EmulatorHarness | undefined;
  afterEach(async () => {
    await h?.emulator.stop();
    h = undefined;
  });

  // The share of refused writes depends on how promptly this process's event loop runs (the emulator shares it):
  // 0–2 % on a quiet machine, more with the cores kept busy. Its target (≤ 2 %) is the pacing benchmark's, measured
  // quiet and busy (bench/src/benchmarks/pacing.ts); here, what holds on any machine: no 429 storm (0.1's pacer:
  // about 25 %), every write applied once.
  it('400 group writes through a bucket of 100: all applied, each once, no storm of 429s (≤ 10 %)', async () => {
    h = await startHarness({ seed: seedWithGroups(400), throttle: 'off,appWrite=100/5s', timeScale: 2 });
    const items: BulkItem[] = Array.from({ length: 400 }, (_, n) => ({
      target: { kind: 'group', id: bulkGroupId(n) },
      intent: { action: 'assign', skus: ['SPE_E5'] },
    }));
    const run = await h.service.applyBulk(items);
    expect(run.summary).toMatchObject({ applied: 400, failed: 0 });
    const writes = h.emulator.requests().filter((r) => r.write);
    const refused = writes.filter((r) => r.status === 429).length;
    expect(refused / writes.length).toBeLessThanOrEqual(0.1);
    const accepted = writes.filter((r) => r.status === 202);
    expect(new Set(accepted.map((r) => r.target)).size).toBe(400);
    expect(accepted).toHaveLength(400);
  }, 60_000);
});
