import { describe, expect, it } from 'vitest';
import { seedIds, startHarness } from '../test-support/emulator.js';
import { droppingFetch, staleFetch } from '../test-support/stale-fetch.js';
import { completionTrusted } from './group-processing.js';

const G = seedIds.groups;
const rollout = { kind: 'group', id: G.e5Rollout } as const;
const readsProcessing = (url: string) =>
  url.includes('licenseProcessingState') || url.includes('/membersWithLicenseErrors');

describe('waitForGroupProcessing cannot be fooled by a stale read', () => {
  it('trusts ProcessingComplete only after seeing processing, or after the settle time', () => {
    const base = { writtenAt: 1000, processingSeen: false, writeSeen: false, settleMs: 5000 };
    expect(completionTrusted({ ...base, now: 5999 })).toBe(false);
    expect(completionTrusted({ ...base, now: 6000 })).toBe(true);
    expect(completionTrusted({ ...base, now: 1001, processingSeen: true })).toBe(true);
    expect(completionTrusted({ ...base, now: 1001, writeSeen: true })).toBe(true);
    expect(completionTrusted({ ...base, writtenAt: undefined, now: 0 })).toBe(true);
  });

  it("does not report the previous run's member errors while Graph still serves the previous state", async () => {
    const lagging = staleFetch(readsProcessing, 400);
    const h = await startHarness({}, 'licensingAdmin', { fetch: lagging.fetch });
    try {
      // Run 1: 14 members, 10 seats: 4 members fail with CountViolation.
      await h.service.assign(rollout, ['SPE_E5']);
      const first = await h.service.waitForGroupProcessing(G.e5Rollout, {
        initialIntervalMs: 5,
        timeoutMs: 20_000,
      });
      expect([first.completed, first.membersWithErrors.length]).toEqual([true, 4]);
      // Run 2 removes the product: no member can be in error afterwards. For 400 ms, reads show the old state.
      lagging.arm();
      await h.service.remove(rollout, ['SPE_E5'], { allowDataLoss: true });
      const second = await h.service.waitForGroupProcessing(G.e5Rollout, {
        initialIntervalMs: 5,
        // Far longer than the lag: the wait ends because it saw the write's effect, not because time passed.
        settleMs: 60_000,
        timeoutMs: 20_000,
      });
      expect(lagging.state.staleAnswers).toBeGreaterThan(0);
      expect(second.completed).toBe(true);
      expect(second.membersWithErrors).toEqual([]);
      expect(second.polls).toBeGreaterThan(1);
      expect(second.elapsedMs).toBeLessThan(20_000);
    } finally {
      await h.emulator.stop();
    }
  });

  it('reads member errors through the users-only cast, and each member alone when Graph drops licenseAssignmentStates', async () => {
    const dropping = droppingFetch(
      (url) => url.includes('/membersWithLicenseErrors'),
      'licenseAssignmentStates',
    );
    const h = await startHarness({}, 'licensingAdmin', { fetch: dropping.fetch });
    try {
      await h.service.assign(rollout, ['SPE_E5']);
      const report = await h.service.waitForGroupProcessing(G.e5Rollout, {
        initialIntervalMs: 5,
        timeoutMs: 20_000,
      });
      expect(dropping.state.dropped).toBe(4);
      expect(report.membersWithErrors).toHaveLength(4);
      expect(report.membersWithErrors.every((m) => m.errors[0]?.error === 'CountViolation')).toBe(true);
      const paths = h.emulator.requests().map((r) => r.path);
      expect(
        paths.some((p) => p.endsWith(`/groups/${G.e5Rollout}/membersWithLicenseErrors/graph.user`)),
      ).toBe(true);
      const memberReads = paths.filter((p) => /\/users\/[0-9a-f-]{36}$/.test(p));
      expect(memberReads).toHaveLength(4);
    } finally {
      await h.emulator.stop();
    }
  });
});
