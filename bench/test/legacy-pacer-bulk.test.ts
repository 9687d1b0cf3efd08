import { createGraphClient, type GraphClient } from '@entra-licensing/graph-client';
import {
  defaultSeed,
  type RequestLogEntry,
  type RunningEmulator,
  type Seed,
  startEmulator,
} from '@entra-licensing/graph-emulator';
import { type BulkItem, createLicensingService, runBulk } from '@entra-licensing/licensing';
import { withPacer } from '@entra-licensing/licensing/pacing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LegacyPacer } from '../src/pacing/legacy-pacer.js';

const G = defaultSeed.ids.groups;
let emulator: RunningEmulator;
let client: GraphClient;

beforeAll(async () => {
  emulator = await startEmulator({ timeScale: 100, processingDelayMs: 2000, throttle: 'off' });
  const app = defaultSeed.ids.apps.licensingAdmin;
  client = createGraphClient({
    baseUrl: emulator.url,
    loginBaseUrl: emulator.url,
    scope: `${emulator.url}/.default`,
    credentials: { tenantId: emulator.tenantId, clientId: app.clientId, clientSecret: app.clientSecret },
    maxRetries: 0,
  });
});
afterAll(async () => {
  await emulator?.stop();
});

const items: BulkItem[] = [
  { target: { kind: 'group', id: G.licensingPilot }, intent: { action: 'assign', skus: ['AAD_PREMIUM'] } },
  { target: { kind: 'group', id: G.projectFalcon }, intent: { action: 'assign', skus: ['AAD_PREMIUM'] } },
  { target: { kind: 'group', id: G.licensingPilot }, intent: { action: 'assign', skus: ['Nope'] } },
];

describe("the legacy pacer (0.1's in-flight cap) through the library's withPacer seam", () => {
  it('runs every stage of a bulk run to one result per item, its writes through $batch', async () => {
    let made = 0;
    const run = await runBulk(
      { client, tenantSkus: async () => (await client.subscribedSkus.get())?.value ?? [] },
      items,
      withPacer({}, () => {
        made += 1;
        return new LegacyPacer();
      }),
    );
    expect(made).toBe(1);
    expect(run.results.map((r) => r.status)).toEqual(['applied', 'applied', 'failed']);
    expect(run.results[2]?.error?.field).toBe('intent.skus[0]');
    expect(run.stats).toMatchObject({ targets: 2, writes: 2 });
    const writes = emulator.requests().filter((r) => r.write);
    expect(writes.map((w) => w.batch !== null)).toEqual([true, true]);
  });
});

/** A GUID for the n-th generated group (stable across runs). */
const bulkGroupId = (n: number) => `b0000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

/** The default tenant plus `count` empty security groups, half of them already holding AAD_PREMIUM. */
function seedWithGroups(count: number): Seed {
  const groups = Array.from({ length: count }, (_, n) => ({
    id: bulkGroupId(n),
    displayName: `Bulk ${n}`,
    kind: 'security' as const,
    members: [],
    ...(n % 2 === 0 ? { licenses: [{ sku: 'AAD_PREMIUM' }] } : {}),
  }));
  const { ids: _ids, ...seed } = defaultSeed;
  return { ...seed, groups: [...(seed.groups ?? []), ...groups] };
}

/**
 * Requests that arrived in a scope after its 429 answer had left, before that answer's Retry-After elapsed. Requests
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

describe('the legacy pacer under write throttling (moved from the library with the pacer)', () => {
  it('every target applied, Retry-After honoured per scope', async () => {
    const throttled = await startEmulator({
      seed: seedWithGroups(150),
      throttle: 'off,appWrite=40/4s',
      timeScale: 4,
      processingDelayMs: 2000,
    });
    try {
      const app = defaultSeed.ids.apps.licensingAdmin;
      const service = createLicensingService({
        client: createGraphClient({
          baseUrl: throttled.url,
          loginBaseUrl: throttled.url,
          scope: `${throttled.url}/.default`,
          credentials: {
            tenantId: throttled.tenantId,
            clientId: app.clientId,
            clientSecret: app.clientSecret,
          },
          maxRetries: 0,
        }),
      });
      const items: BulkItem[] = Array.from({ length: 150 }, (_, n) => ({
        target: { kind: 'group', id: bulkGroupId(n) },
        intent: { action: 'assign', skus: ['SPE_E5'] },
      }));
      // The legacy pacer still meets 429s here (the library's signal pacer avoids them).
      const run = await service.applyBulk(
        items,
        withPacer({ concurrency: 4 }, () => new LegacyPacer()),
      );
      expect(run.summary).toMatchObject({ applied: 150, failed: 0 });
      expect(run.stats.throttled).toBeGreaterThan(0);
      const log = throttled.requests();
      expect(sentIntoClosedScope(log)).toEqual([]);
      expect(
        log.filter((r) => r.write && r.path.endsWith('/assignLicense')).filter((w) => w.status === 202),
      ).toHaveLength(150);
    } finally {
      await throttled.stop();
    }
  });
});
