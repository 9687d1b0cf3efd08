import type { RequestLogEntry } from '@entra-licensing/graph-emulator';
import { afterEach, describe, expect, it } from 'vitest';
import { mapLimit } from '../core/map-limit.js';
import { type EmulatorHarness, seedIds, startHarness } from '../test-support/emulator.js';

let h: EmulatorHarness | undefined;

afterEach(async () => {
  await h?.emulator.stop();
  h = undefined;
});

/**
 * Requests that arrived in a scope after a 429 of that scope had left, before its Retry-After elapsed. Requests
 * arriving within `slackMs` of the answer may have been sent before the client read it.
 */
function sentIntoClosedScope(log: readonly RequestLogEntry[], slackMs = 100): RequestLogEntry[] {
  const violations: RequestLogEntry[] = [];
  for (const refusal of log.filter((r) => r.throttled && r.throttleScope && r.retryAfter !== null)) {
    const opens = refusal.completedMs + (refusal.retryAfter ?? 0) * 1000;
    for (const later of log) {
      if (later === refusal || !later.scopes.includes(refusal.throttleScope ?? '')) continue;
      if (later.timeMs > refusal.completedMs + slackMs && later.timeMs < opens - 1) violations.push(later);
    }
  }
  return violations;
}

describe('reads pace and wait like writes (one service, many reads at once)', () => {
  it('a 429 on a read closes its scope for every read of the service until its Retry-After', async () => {
    // 10 resource units per 2 s (20 s ÷ time scale 10): 24 reads, 6 at a time, are throttled again and again
    h = await startHarness({ timeScale: 10, throttle: 'off,appRu=10/20s' });
    const service = h.service;
    const groups = Object.values(seedIds.groups);
    const ids = Array.from({ length: 24 }, (_, i) => groups[i % groups.length] as string);
    const read = await mapLimit(ids, 6, (id) => service.getGroupLicenses(id));
    expect(read.map((g) => g.groupId)).toEqual(ids.map((id) => id.toLowerCase()));
    const log = h.emulator.requests();
    expect(log.filter((r) => r.throttled).length).toBeGreaterThan(0);
    expect(sentIntoClosedScope(log)).toEqual([]);
  }, 120_000);
});
