import { createGraphClient, type FetchLike } from '@entra-licensing/graph-client';
import type { RequestLogEntry } from '@entra-licensing/graph-emulator';
import { afterEach, describe, expect, it } from 'vitest';
import { createLicensingService } from '../service/licensing-service.js';
import { bulkGroupId, seedWithGroups } from '../test-support/bulk-seed.js';
import { cuttingFetch } from '../test-support/cutting-fetch.js';
import { type EmulatorHarness, seedIds, startHarness } from '../test-support/emulator.js';
import { planIdOf } from '../test-support/tenant-skus.js';
import type { BulkItem, BulkProgressEvent } from './run-bulk.js';

const G = seedIds.groups;
const S = seedIds.skus;
const P = seedIds.plans;
let h: EmulatorHarness | undefined;

afterEach(async () => {
  await h?.emulator.stop();
  h = undefined;
});

function assignWrites(log: readonly RequestLogEntry[]): RequestLogEntry[] {
  return log.filter((r) => r.write && r.path.endsWith('/assignLicense'));
}

function groupLicenses(harness: EmulatorHarness, id: string) {
  return harness.service.getGroupLicenses(id).then((g) =>
    g.licenses
      .map(
        (l) =>
          `${l.skuPartNumber}:${l.disabledPlans
            .map((p) => p.servicePlanName)
            .sort()
            .join('+')}`,
      )
      .sort(),
  );
}

/**
 * The client's own view of throttling, to check that it never sends a write into a scope it knows is closed: when it
 * learned of each 429 (the engine's `throttled` event, emitted as it closes the scope) and when each `$batch` holding
 * writes left it (its fetch was called). The emulator's log cannot tell this: on a busy machine a request the client
 * sent before it read a 429 can reach the emulator well after that 429 left.
 */
function clientThrottleTrace() {
  const closures: { at: number; scope: string; retryAfterMs: number }[] = [];
  const writeSends: { at: number; writes: number }[] = [];
  const fetch: FetchLike = (url, init) => {
    if (url.endsWith('/$batch') && typeof init.body === 'string') {
      const { requests } = JSON.parse(init.body) as { requests: { url: string }[] };
      const writes = requests.filter((r) => r.url.endsWith('/assignLicense')).length;
      if (writes > 0) writeSends.push({ at: performance.now(), writes });
    }
    return globalThis.fetch(url, init);
  };
  const onProgress = (event: BulkProgressEvent) => {
    if (event.type === 'throttled')
      closures.push({ at: performance.now(), scope: event.scope, retryAfterMs: event.retryAfterMs });
  };
  const limitsWrites = (scope: string) => scope === '*' || /^[^/]*\/(Write|ReadWrite)\//.test(scope);
  return {
    fetch,
    onProgress,
    closures,
    /** Write batches sent after the client learned of a 429 in a write scope and before its Retry-After passed. */
    sentIntoKnownClosedScope: () =>
      writeSends.filter((send) =>
        closures.some((c) => limitsWrites(c.scope) && send.at > c.at && send.at < c.at + c.retryAfterMs),
      ),
  };
}

describe('applyBulk against the emulator', () => {
  it('merges intents per target, refuses contradictions per item, and returns one result per item in order', async () => {
    h = await startHarness();
    const items: BulkItem[] = [
      {
        target: { kind: 'group', id: G.licensingPilot },
        intent: { action: 'assign', skus: ['SPE_E3'] },
        key: 'a',
      },
      { target: { kind: 'group', id: G.projectFalcon }, intent: { action: 'assign', skus: ['AAD_PREMIUM'] } },
      {
        target: { kind: 'group', id: G.licensingPilot.toUpperCase() },
        intent: { action: 'updatePlans', sku: 'Microsoft 365 E3', disable: ['Microsoft Teams'] },
      },
      { target: { kind: 'group', id: G.licensingPilot }, intent: { action: 'remove', skus: ['SPE_E3'] } },
      { target: { kind: 'group', id: G.sales }, intent: { action: 'assign', skus: ['Nope 365'] } },
      {
        target: { kind: 'user', id: seedIds.users.isaiah ?? '' },
        intent: { action: 'remove', skus: ['SPE_E3'] },
      },
      { target: { kind: 'group', id: G.sales }, intent: { action: 'assign', skus: ['SPE_E3'] } },
      { target: { kind: 'group', id: 'bad/id' }, intent: { action: 'assign', skus: ['SPE_E3'] } },
    ];
    const events: BulkProgressEvent[] = [];
    const run = await h.service.applyBulk(items, { onProgress: (e) => events.push(e) });
    expect(run.results.map((r) => [r.index, r.key, r.status])).toEqual([
      [0, 'a', 'applied'],
      [1, '1', 'applied'],
      [2, '2', 'applied'],
      [3, '3', 'failed'],
      [4, '4', 'failed'],
      [5, '5', 'skipped'],
      [6, '6', 'unchanged'],
      [7, '7', 'failed'],
    ]);
    expect(run.results[0]?.mergedWith).toEqual([2]);
    expect(run.results[3]?.error?.code).toBe('CONFLICTING_INTENTS');
    expect(run.results[4]?.error).toMatchObject({
      code: 'SKU_NOT_FOUND',
      field: 'intent.skus[0]',
      value: 'Nope 365',
    });
    expect(run.results[5]?.reason).toContain(G.sales);
    expect(run.results[7]?.error?.field).toBe('target.id');
    expect(await groupLicenses(h, G.licensingPilot)).toEqual(['SPE_E3:TEAMS1']);
    const writes = assignWrites(h.emulator.requests());
    expect(writes.map((w) => w.target).sort()).toEqual([G.licensingPilot, G.projectFalcon].sort());
    expect(writes.every((w) => w.batch !== null)).toBe(true);
    expect(events.filter((e) => e.type === 'target-done')).toHaveLength(4);
    expect(events.at(-1)?.type).toBe('end');
  });

  it('dry run reads and plans but writes nothing; applying the same desired state twice writes nothing the second time', async () => {
    h = await startHarness({ seed: seedWithGroups(60) });
    const items: BulkItem[] = Array.from({ length: 60 }, (_, n) => ({
      target: { kind: 'group', id: bulkGroupId(n) },
      intent: {
        action: 'set',
        licenses: [{ sku: 'SPE_E3', disabledPlans: ['SWAY'] }],
        exclusive: n % 3 === 0,
      },
    }));
    const dry = await h.service.applyBulk(items, { dryRun: true });
    expect(dry.summary).toMatchObject({ planned: 60, failed: 0 });
    expect(h.emulator.requests().filter((r) => r.write)).toEqual([]);
    const first = await h.service.applyBulk(items);
    expect(first.summary).toMatchObject({ applied: 60, failed: 0 });
    const writesAfterFirst = h.emulator.requests().filter((r) => r.write).length;
    expect(writesAfterFirst).toBe(60);
    const second = await h.service.applyBulk(items);
    expect(second.summary).toMatchObject({ unchanged: 60 });
    expect(h.emulator.requests().filter((r) => r.write).length).toBe(writesAfterFirst);
    expect(await groupLicenses(h, bulkGroupId(0))).toEqual(['SPE_E3:SWAY']);
    expect(await groupLicenses(h, bulkGroupId(2))).toEqual(['AAD_PREMIUM:', 'SPE_E3:SWAY']);
  });

  it('several hundred targets under 429/503/504/concurrency faults end in their desired state, one result each', async () => {
    const count = 400;
    const trace = clientThrottleTrace();
    h = await startHarness(
      {
        seed: seedWithGroups(count),
        faults: '429:0.05@400,503:0.05@200,504:0.04,concurrency:0.03,on=all',
        randomSeed: 7,
        concurrencyViolations: true,
      },
      'licensingAdmin',
      { maxRetries: 8, retryDelaySeconds: 0, fetch: trace.fetch },
    );
    const items: BulkItem[] = Array.from({ length: count }, (_, n) => ({
      target: { kind: 'group', id: bulkGroupId(n) },
      intent:
        n % 4 === 0
          ? { action: 'swap', remove: ['AAD_PREMIUM'], add: [{ sku: 'SPE_E3', disabledPlans: ['TEAMS1'] }] }
          : { action: 'assign', skus: [{ sku: 'EMSPREMIUM', disabledPlans: [P.ATA] }] },
      key: `k${n}`,
    }));
    const started = Date.now();
    const run = await h.service.applyBulk(items, {
      backoffBaseMs: 5,
      backoffMaxMs: 50,
      maxRetries: 12,
      onProgress: trace.onProgress,
    });
    console.log(`fault run: ${Date.now() - started} ms`, run.stats);
    expect(run.results).toHaveLength(count);
    expect(run.results.map((r) => r.key)).toEqual(items.map((i) => i.key));
    expect(run.summary).toMatchObject({ applied: count, failed: 0 });
    const log = h.emulator.requests();
    expect(log.some((r) => r.fault === '504')).toBe(true);
    expect(trace.closures.length).toBeGreaterThan(0);
    expect(trace.sentIntoKnownClosedScope()).toEqual([]);
    const teams = planIdOf('SPE_E3', 'TEAMS1');
    for (let n = 0; n < count; n++) {
      const expected =
        n % 4 === 0
          ? [`${S.SPE_E3}:${teams}`]
          : n % 2 === 0
            ? [`${S.AAD_PREMIUM}:`, `${S.EMSPREMIUM}:${P.ATA}`]
            : [`${S.EMSPREMIUM}:${P.ATA}`];
      const group = h.emulator.state.groups.get(bulkGroupId(n));
      const actual = (group?.assignedLicenses ?? []).map(
        (l) => `${l.skuId}:${[...l.disabledPlans].sort().join('+')}`,
      );
      expect(actual.sort()).toEqual(expected.sort());
    }
    const accepted = assignWrites(log).filter((w) => w.status === 202);
    expect(new Set(accepted.map((w) => w.target)).size).toBe(count);
    expect(accepted.length).toBeLessThanOrEqual(count + run.stats.retries);
  });
});

describe('applyBulk when the tenant cannot be read', () => {
  it('fails every item with the reason and sends nothing', async () => {
    h = await startHarness();
    const reader = createLicensingService({
      client: createGraphClient({
        baseUrl: h.emulator.url,
        loginBaseUrl: h.emulator.url,
        scope: `${h.emulator.url}/.default`,
        credentials: {
          tenantId: h.emulator.tenantId,
          clientId: seedIds.apps.directoryAdmin.clientId,
          clientSecret: 'sentinel-Secret-9f3a',
        },
        maxRetries: 0,
      }),
    });
    const run = await reader.applyBulk([
      { target: { kind: 'group', id: G.sales }, intent: { action: 'assign', skus: ['SPE_E5'] } },
      { target: { kind: 'group', id: G.e5Rollout }, intent: { action: 'assign', skus: ['SPE_E5'] } },
    ]);
    expect(run.results.map((r) => r.status)).toEqual(['failed', 'failed']);
    expect(run.results[0]?.error?.message).toContain("Could not read the tenant's subscribed SKUs");
    expect(JSON.stringify(run)).not.toContain('sentinel-Secret-9f3a');
    expect(h.emulator.requests().filter((r) => r.write)).toEqual([]);
  });
});

describe('applyBulk seat pre-flight for groups', () => {
  it('warns about a shortfall, or refuses it with strictSeats before any write', async () => {
    h = await startHarness();
    const item: BulkItem = {
      target: { kind: 'group', id: G.e5Rollout },
      intent: { action: 'assign', skus: ['SPE_E5'] },
    };
    const strict = await h.service.applyBulk([item], { strictSeats: true });
    expect(strict.results[0]?.error).toMatchObject({ code: 'SEATS_EXHAUSTED', field: 'intent.skus[0]' });
    expect(strict.results[0]?.error?.message).toContain('14 member(s)');
    expect(h.emulator.requests().filter((r) => r.write)).toEqual([]);
    const lenient = await h.service.applyBulk([item]);
    expect(lenient.results[0]?.status).toBe('applied');
    expect(lenient.results[0]?.warnings.map((w) => w.code)).toEqual(['SEAT_SHORTFALL']);
    expect(lenient.results[0]?.warnings[0]?.message).toContain('4 member(s) would fail with CountViolation');
  });
});

describe('applyBulk after an ambiguous failure', () => {
  it('re-reads a target whose batch was cut after sending, and does not write it twice', async () => {
    const cutting = cuttingFetch((url, body) => url.endsWith('/$batch') && body.includes('assignLicense'), 2);
    h = await startHarness({ seed: seedWithGroups(40) }, 'licensingAdmin', { fetch: cutting.fetch });
    const items: BulkItem[] = Array.from({ length: 40 }, (_, n) => ({
      target: { kind: 'group', id: bulkGroupId(n) },
      intent: { action: 'assign', skus: ['SPE_E3'] },
    }));
    const run = await h.service.applyBulk(items, { backoffBaseMs: 5, concurrency: 2 });
    expect(cutting.state.cut).toBe(2);
    expect(run.summary).toMatchObject({ applied: 40, failed: 0 });
    expect(run.stats.rereads).toBeGreaterThan(0);
    const writes = assignWrites(h.emulator.requests());
    expect(writes).toHaveLength(40);
    expect(new Set(writes.map((w) => w.target)).size).toBe(40);
  });
});

describe('applyBulk for users', () => {
  it('counts seats across the run, and sets usageLocation when asked', async () => {
    h = await startHarness({}, 'directoryAdmin');
    const users = seedIds.users as unknown as Record<string, string>;
    // The first twelve seed users all have a usage location; SPE_E5 has ten seats.
    const licensed = Object.keys(users).slice(0, 12);
    const items: BulkItem[] = [
      ...licensed.map((key) => ({
        target: { kind: 'user' as const, id: users[key] ?? '' },
        intent: { action: 'assign' as const, skus: ['SPE_E5'] },
      })),
      { target: { kind: 'user', id: users.dana ?? '' }, intent: { action: 'assign', skus: ['EMSPREMIUM'] } },
    ];
    const run = await h.service.applyBulk(items, { usageLocation: 'DE' });
    expect(run.results.slice(0, 10).every((r) => r.status === 'applied')).toBe(true);
    expect(run.results.slice(10, 12).map((r) => r.error?.code)).toEqual([
      'SEATS_EXHAUSTED',
      'SEATS_EXHAUSTED',
    ]);
    expect(run.results[12]?.status).toBe('applied');
    const writes = h.emulator.requests().filter((r) => r.write);
    expect(writes.filter((w) => w.path.endsWith('/assignLicense'))).toHaveLength(11);
    expect(writes.filter((w) => w.method === 'PATCH').map((w) => w.target)).toEqual([users.dana]);
    expect((await h.service.getUserLicenses(users.dana ?? '')).usageLocation).toBe('DE');
  });
});
