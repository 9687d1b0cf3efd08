import { afterEach, describe, expect, it } from 'vitest';
import { mapLimit } from '../core/map-limit.js';
import { type EmulatorHarness, seedIds, startHarness } from '../test-support/emulator.js';

let h: EmulatorHarness | undefined;

afterEach(async () => {
  await h?.emulator.stop();
  h = undefined;
});

interface Closure {
  /** When the 429's body was in the client's hands (the client's clock). */
  receivedAt: number;
  until: number;
}

/**
 * A fetch that records, on the client's own clock, when each Graph request was sent and when each 429 (with its
 * Retry-After) was in the client's hands; `early()` lists the requests sent while a 429 received before them still
 * held (the resource-unit scope covers every read). `toleranceMs` covers the order in which the client and this
 * recorder read the same answer; the emulator's windows here are seconds long.
 */
function recordingFetch() {
  const closures: Closure[] = [];
  const sent: { url: string; at: number }[] = [];
  const fetch = async (url: string, init: RequestInit): Promise<Response> => {
    const graph = url.includes('/v1.0/');
    if (graph) sent.push({ url, at: Date.now() });
    const response = await globalThis.fetch(url, init);
    if (!graph || response.status !== 429) return response;
    const body = await response.text();
    const receivedAt = Date.now();
    const seconds = Number(response.headers.get('retry-after') ?? '0');
    closures.push({ receivedAt, until: receivedAt + seconds * 1000 });
    return new Response(body, { status: response.status, headers: response.headers });
  };
  const early = (toleranceMs = 25) =>
    sent.filter((r) =>
      closures.some((c) => r.at > c.receivedAt + toleranceMs && r.at < c.until - toleranceMs),
    );
  return { fetch, early, throttled: () => closures.length };
}

describe('reads pace and wait like writes (one service, many reads at once)', () => {
  it('a 429 on a read closes its scope for every read of the service until its Retry-After', async () => {
    // 10 resource units per 2 s (20 s ÷ time scale 10): 24 reads, 6 at a time, are throttled again and again
    const recorder = recordingFetch();
    h = await startHarness({ timeScale: 10, throttle: 'off,appRu=10/20s' }, 'licensingAdmin', {
      fetch: recorder.fetch,
    });
    const service = h.service;
    const groups = Object.values(seedIds.groups);
    const ids = Array.from({ length: 24 }, (_, i) => groups[i % groups.length] as string);
    const read = await mapLimit(ids, 6, (id) => service.getGroupLicenses(id));
    expect(read.map((g) => g.groupId)).toEqual(ids.map((id) => id.toLowerCase()));
    expect(recorder.throttled()).toBeGreaterThan(0);
    expect(h.emulator.requests().filter((r) => r.throttled).length).toBe(recorder.throttled());
    expect(recorder.early()).toEqual([]);
  }, 120_000);
});
