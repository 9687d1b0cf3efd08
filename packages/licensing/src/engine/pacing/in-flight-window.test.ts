import { afterEach, describe, expect, it } from 'vitest';
import { bulkGroupId, seedWithGroups } from '../../test-support/bulk-seed.js';
import { type EmulatorHarness, startHarness } from '../../test-support/emulator.js';
import { InFlightWindow, type WindowAnswer } from './in-flight-window.js';

const answer = (over: Partial<WindowAnswer>): WindowAnswer => ({
  sentAt: 0,
  at: 10,
  answered: 0,
  accepted: 0,
  emptied: false,
  levelReported: false,
  ...over,
});

describe('InFlightWindow', () => {
  it('allows up to its size in flight, and frees room as answers come', () => {
    const w = new InFlightWindow(40);
    expect(w.room()).toBe(40);
    w.onSent(30);
    expect([w.room(), w.outstanding]).toEqual([10, 30]);
    w.onAnswer(answer({ answered: 30, accepted: 30 }));
    expect([w.room(), w.outstanding, w.size]).toEqual([40, 0, 40]);
  });

  it('halves once per throttling event: answers to requests sent before the cut do not cut again', () => {
    const w = new InFlightWindow(200);
    w.onSent(200);
    w.onAnswer(answer({ sentAt: 0, at: 40, answered: 20, emptied: true }));
    expect(w.size).toBe(100);
    w.onAnswer(answer({ sentAt: 0, at: 41, answered: 20, emptied: true }));
    expect(w.size).toBe(100);
    w.onAnswer(answer({ sentAt: 45, at: 90, answered: 20, emptied: true }));
    expect(w.size).toBe(50);
  });

  it('never below its minimum', () => {
    const w = new InFlightWindow(8);
    for (let i = 0; i < 10; i++) w.onAnswer(answer({ sentAt: i * 100, at: i * 100 + 50, emptied: true }));
    expect(w.size).toBe(1);
  });

  it('grows by one per accepted request while no level is reported, by one per window once it is', () => {
    const w = new InFlightWindow(200);
    w.onAnswer(answer({ sentAt: 0, at: 10, emptied: true }));
    w.onAnswer(answer({ sentAt: 20, at: 30, emptied: true }));
    expect(w.size).toBe(50);
    w.onAnswer(answer({ sentAt: 40, at: 50, answered: 10, accepted: 10 }));
    expect(w.size).toBe(60);
    w.onAnswer(answer({ sentAt: 60, at: 70, answered: 60, accepted: 60, levelReported: true }));
    expect(w.size).toBe(61);
    w.onAnswer(answer({ sentAt: 80, at: 90, answered: 500, accepted: 500 }));
    expect(w.size).toBe(200);
  });
});

describe('the read window in bulk runs against the emulator (real HTTP, throttled requests charged)', () => {
  let h: EmulatorHarness | undefined;
  afterEach(async () => {
    await h?.emulator.stop();
    h = undefined;
  });

  it('three runs of one app on a small resource-unit limit: no read storm, every group written once', async () => {
    h = await startHarness({ seed: seedWithGroups(600), throttle: 'off,appRu=400/2s', timeScale: 1 });
    const service = h.service;
    const runs = await Promise.all(
      [0, 1, 2].map((r) =>
        service.applyBulk(
          Array.from({ length: 200 }, (_, n) => ({
            target: { kind: 'group' as const, id: bulkGroupId(r * 200 + n) },
            intent: { action: 'assign' as const, skus: ['SPE_E5'] },
          })),
        ),
      ),
    );
    expect(runs.map((run) => run.summary.applied)).toEqual([200, 200, 200]);
    const log = h.emulator.requests();
    const reads = log.filter((r) => !r.write && r.batch !== null);
    const refusedReads = reads.filter((r) => r.status === 429).length;
    // 600 group reads and 600 member reads are needed. Without the window and the spread, the three runs kept the
    // bucket empty (every read refused, no end); with no latency here the window alone cannot bound the rate, so
    // the bounds are loose: the run ends, and refused reads stay below the reads needed.
    expect(reads.length).toBeLessThan(3600);
    expect(refusedReads).toBeLessThan(1800);
    const accepted = log.filter((r) => r.write && r.status === 202);
    expect(new Set(accepted.map((r) => r.target)).size).toBe(600);
    expect(accepted).toHaveLength(600);
  }, 60_000);
});
