import { beforeEach, describe, expect, it } from 'vitest';
import type { RequestLogEntry } from './request-log.js';
import { defaultSeed } from './seed/default-seed.js';
import { manualClock, useEmulator, withEmulator } from './test-support/harness.js';
import { parseThrottleSpec } from './throttling/throttle-profile.js';

const { ids } = defaultSeed;
const reprocess = `/users/${ids.users.isaiah}/reprocessLicenseAssignment`;

describe('throttling: token buckets after Graph directory limits', () => {
  // 10 writes per 10 s per app: the bucket refills one write per second. 15 writes per 100 s per tenant.
  // Graph's clock moves only when a test moves it, so a slow machine refills nothing between two requests.
  const clock = manualClock();
  const h = useEmulator({
    throttle: 'graph,appWrite=10/10s,tenantWrite=15/100s',
    timeScale: 1,
    clock: clock.now,
  });
  beforeEach(async () => {
    await h.token('licensing-admin');
    await h.token('directory-admin');
  });

  // Source: Microsoft Graph throttling guidance (learn.microsoft.com/graph/throttling): "all requests accrue
  // against your usage limits", so retrying before Retry-After only makes the wait longer.
  it('charges a throttled request: Retry-After counts it, an early retry waits longer, a patient one passes', async () => {
    for (let i = 0; i < 10; i++) expect((await h.graph('POST', reprocess)).status).toBe(200);
    clock.advance(250); // a quarter of a write refilled: Retry-After is not a whole number of seconds
    const throttled = await h.graph('POST', reprocess);
    expect(throttled.status).toBe(429);
    expect(throttled.body.error).toMatchObject({
      code: 'TooManyRequests',
      message: 'Please retry again later.',
      innerError: { code: '429', message: 'Please retry after', status: '429' },
    });
    const first = Number(throttled.headers.get('retry-after'));
    // The bucket held a quarter of a write and the refused write was charged: 1.75 refills before the next slot.
    expect(first).toBe(1.75);
    expect(Number.isInteger(first)).toBe(false);
    expect(throttled.headers.get('x-ms-throttle-scope')).toBe(
      `Tenant_Application/Write/${ids.apps.licensingAdmin.clientId}/${ids.tenantId}`,
    );
    expect(throttled.headers.get('x-ms-throttle-information')).toBe('WriteLimitExceeded');
    const early = await h.graph('POST', reprocess);
    expect(early.status).toBe(429);
    const second = Number(early.headers.get('retry-after'));
    expect(second).toBeGreaterThan(first);
    clock.advance(second * 1000 + 5);
    expect((await h.graph('POST', reprocess)).status).toBe(200);
  });

  it('shares the tenant write bucket between apps', async () => {
    for (let i = 0; i < 10; i++) expect((await h.graph('POST', reprocess)).status).toBe(200);
    const other = 'directory-admin';
    for (let i = 0; i < 5; i++) expect((await h.graph('POST', reprocess, { app: other })).status).toBe(200);
    const refused = await h.graph('POST', reprocess, { app: other });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('x-ms-throttle-scope')).toBe(`Tenant/Write/${ids.tenantId}`);
    // Reads are not writes: they still pass.
    expect((await h.graph('GET', '/subscribedSkus', { app: other })).status).toBe(200);
  });

  it('logs throttled requests with their scope and Retry-After', async () => {
    for (let i = 0; i < 11; i++) await h.graph('POST', reprocess);
    const log = (await (await fetch(`${h.emulator.url}/_emulator/requests`)).json()) as RequestLogEntry[];
    const throttled = log.filter((e) => e.throttled);
    expect(throttled).toHaveLength(1);
    expect(throttled[0]).toMatchObject({
      status: 429,
      write: true,
      clientId: ids.apps.licensingAdmin.clientId,
      throttleScope: `Tenant_Application/Write/${ids.apps.licensingAdmin.clientId}/${ids.tenantId}`,
      target: ids.users.isaiah,
    });
    expect(throttled[0]?.retryAfter).toBeGreaterThan(0);
    expect(throttled[0]?.scopes).toContain(`Tenant/Write/${ids.tenantId}`);
    expect(throttled[0]?.time).toMatch(/\.\d{3}Z$/);
  });
});

describe('throttling: not charging throttled requests (--no-charge-throttled)', () => {
  const h = useEmulator({
    throttle: 'graph,appWrite=10/10s,tenantWrite=15/100s',
    timeScale: 1,
    chargeThrottledRequests: false,
  });

  it('answers a fractional Retry-After of what is left of the next refill, and retries cost nothing', async () => {
    await h.token();
    const firstWriteAt = Date.now();
    for (let i = 0; i < 10; i++) expect((await h.graph('POST', reprocess)).status).toBe(200);
    const throttled = await h.graph('POST', reprocess);
    const elapsedSeconds = (Date.now() - firstWriteAt) / 1000;
    expect(throttled.status).toBe(429);
    const retryAfter = Number(throttled.headers.get('retry-after'));
    // One write is refilled per second, counted from the first write: what is left of that second, and no more.
    expect(retryAfter).toBeGreaterThanOrEqual(Math.max(0, 1 - elapsedSeconds) - 0.01);
    expect(retryAfter).toBeLessThanOrEqual(1);
    expect(Number.isInteger(retryAfter)).toBe(false);
    const again = await h.graph('POST', reprocess);
    expect(again.status).toBe(429);
    expect(Number(again.headers.get('retry-after'))).toBeLessThanOrEqual(retryAfter);
    await new Promise((r) => setTimeout(r, retryAfter * 1000 + 5));
    expect((await h.graph('POST', reprocess)).status).toBe(200);
  });
});

describe('throttling: resource units', () => {
  const h = useEmulator({ throttle: 'graph,appRu=5/10s', timeScale: 1, chargeThrottledRequests: false });

  it('charges Graph’s costs (subscribedSkus 3, $select −1, users 2, other 1) and refuses when units run out', async () => {
    const skus = await h.graph('GET', '/subscribedSkus');
    expect(skus.headers.get('x-ms-resource-unit')).toBe('3');
    const refused = await h.graph('GET', '/subscribedSkus');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('x-ms-throttle-information')).toBe('ResourceUnitLimitExceeded');
    expect(refused.headers.get('x-ms-throttle-scope')).toBe(
      `Tenant_Application/ReadWrite/${ids.apps.licensingAdmin.clientId}/${ids.tenantId}`,
    );
    // 2 units left: the cheaper request passes and reports the usage above 80 %.
    const selected = await h.graph('GET', '/subscribedSkus?$select=skuId');
    expect(selected.status).toBe(200);
    expect(selected.headers.get('x-ms-resource-unit')).toBe('2');
    expect(Number(selected.headers.get('x-ms-throttle-limit-percentage'))).toBeGreaterThan(0.8);
  });
});

describe('throttling: x-ms-throttle-limit-percentage', () => {
  // Source: Graph throttling limits, "Identity and access service limits": x-ms-throttle-limit-percentage is
  // "returned only when the application consumed more than 0.8 of its limit", values from 0.8 to 1.8.
  const h = useEmulator({ throttle: 'graph,appRu=10/10s', timeScale: 1 });

  it('is absent up to 0.8 of the resource units and sent (0.8 < value ≤ 0.9) once the third read takes 9 of 10', async () => {
    const one = await h.graph('GET', '/subscribedSkus');
    const two = await h.graph('GET', '/subscribedSkus');
    const three = await h.graph('GET', '/subscribedSkus');
    expect([one.status, two.status, three.status]).toEqual([200, 200, 200]);
    expect(one.headers.get('x-ms-throttle-limit-percentage')).toBeNull();
    expect(two.headers.get('x-ms-throttle-limit-percentage')).toBeNull();
    const percentage = Number(three.headers.get('x-ms-throttle-limit-percentage'));
    expect(percentage).toBeGreaterThan(0.8);
    expect(percentage).toBeLessThanOrEqual(0.9);
  });
});

describe('throttling: charged by default, on resource units too', () => {
  const h = useEmulator({ throttle: 'graph,appRu=5/10s', timeScale: 1 });

  it('a refused read takes its units: a cheaper read that would have fitted is refused afterwards', async () => {
    expect((await h.graph('GET', '/subscribedSkus')).status).toBe(200); // 3 of 5
    expect((await h.graph('GET', '/subscribedSkus')).status).toBe(429); // refused, yet charged: −1 left
    const cheaper = await h.graph('GET', '/subscribedSkus?$select=skuId'); // 2 units would have fitted before
    expect(cheaper.status).toBe(429);
    expect(cheaper.headers.get('x-ms-throttle-information')).toBe('ResourceUnitLimitExceeded');
    expect(cheaper.headers.get('x-ms-resource-unit')).toBe('2');
  });
});

describe('throttle specs', () => {
  it('reads profiles and overrides, and names the bad part of a spec', () => {
    expect(parseThrottleSpec(undefined).appWrite).toEqual({ limit: 3000, windowMs: 150_000 });
    expect(parseThrottleSpec('graph').tenantWrite).toEqual({ limit: 18_000, windowMs: 300_000 });
    expect(parseThrottleSpec('off').appWrite).toBeNull();
    expect(parseThrottleSpec('graph,appWrite=100/10s').appWrite).toEqual({ limit: 100, windowMs: 10_000 });
    expect(() => parseThrottleSpec('graph,appWrite=fast')).toThrow(/appWrite=fast/);
    expect(() => parseThrottleSpec('warp')).toThrow(/'warp'/);
  });
});

describe('faults', () => {
  async function statuses(faults: string, randomSeed: number, count: number): Promise<number[]> {
    return withEmulator({ faults, randomSeed, timeScale: 1000 }, async (emulator, token) => {
      const out: number[] = [];
      for (let i = 0; i < count; i++) {
        const response = await fetch(`${emulator.url}/v1.0${reprocess}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}` },
        });
        await response.arrayBuffer();
        out.push(response.status);
        if (response.status === 429)
          await new Promise((r) => setTimeout(r, Number(response.headers.get('retry-after')) * 1000 + 2));
      }
      return out;
    });
  }

  it('injects 429, 503, 504 and concurrency faults with the given probabilities, deterministically under a seed', async () => {
    const spec = '429:0.1,503:0.1,504:0.1,concurrency:0.1';
    const first = await statuses(spec, 42, 60);
    const second = await statuses(spec, 42, 60);
    expect(first).toEqual(second);
    for (const status of [429, 503, 504, 409, 200]) expect(first).toContain(status);
    const other = await statuses(spec, 7, 60);
    expect(other).not.toEqual(first);
  });

  it('applies faults to writes only by default, to reads with on=all', async () => {
    await withEmulator({ faults: '503:1', randomSeed: 1 }, async (emulator, token) => {
      const headers = { authorization: `Bearer ${token}` };
      expect((await fetch(`${emulator.url}/v1.0/subscribedSkus`, { headers })).status).toBe(200);
      const write = await fetch(`${emulator.url}/v1.0${reprocess}`, { method: 'POST', headers });
      expect(write.status).toBe(503);
      expect(Number(write.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(((await write.json()) as { error: { code: string } }).error.code).toBe('serviceNotAvailable');
    });
  });

  it('an injected 429 closes its scope until Retry-After has elapsed', async () => {
    await withEmulator({ faults: '429:1@300', randomSeed: 3, timeScale: 1 }, async (emulator, token) => {
      const headers = { authorization: `Bearer ${token}` };
      const first = await fetch(`${emulator.url}/v1.0${reprocess}`, { method: 'POST', headers });
      expect(first.status).toBe(429);
      expect(first.headers.get('retry-after')).toBe('0.3');
      expect(emulator.requests().at(-1)).toMatchObject({ fault: '429', throttled: true, retryAfter: 0.3 });
      // The scope stays closed: the next write is refused by throttling itself (no fault drawn).
      const second = await fetch(`${emulator.url}/v1.0${reprocess}`, { method: 'POST', headers });
      expect(second.status).toBe(429);
      expect(Number(second.headers.get('retry-after'))).toBeLessThanOrEqual(0.3);
      expect(emulator.requests().at(-1)).toMatchObject({ fault: null, throttled: true });
    });
  });

  it('resets the connection and slows answers on demand', async () => {
    await withEmulator({ faults: 'reset:1', randomSeed: 1 }, async (reset, token) => {
      const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
      const body = JSON.stringify({ addLicenses: [{ skuId: ids.skus.AAD_PREMIUM }], removeLicenses: [] });
      await expect(
        fetch(`${reset.url}/v1.0/groups/${ids.groups.empty}/assignLicense`, {
          method: 'POST',
          headers,
          body,
        }),
      ).rejects.toThrow();
      expect(reset.requests().at(-1)).toMatchObject({ status: 0, fault: 'reset', write: true });
      // The write was processed before the connection dropped: a client retrying it must be idempotent.
      expect(reset.state.groups.get(ids.groups.empty)?.assignedLicenses).toEqual([
        { skuId: ids.skus.AAD_PREMIUM, disabledPlans: [] },
      ]);
      // A $batch is one HTTP exchange: its items run, then the connection drops.
      const batch = JSON.stringify({ requests: [{ id: '1', method: 'POST', url: reprocess }] });
      await expect(
        fetch(`${reset.url}/v1.0/$batch`, { method: 'POST', headers, body: batch }),
      ).rejects.toThrow();
      const log = reset.requests();
      expect(log.at(-1)).toMatchObject({ path: '/v1.0/$batch', status: 0, fault: 'reset' });
      expect(log.at(-2)).toMatchObject({ batch: { id: '1' }, status: 200 });
    });
    await withEmulator({ faults: 'slow:1@300,on=all', randomSeed: 1 }, async (slow, token) => {
      const start = Date.now();
      const response = await fetch(`${slow.url}/v1.0/subscribedSkus`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(response.status).toBe(200);
      expect(Date.now() - start).toBeGreaterThanOrEqual(290);
    });
  });

  it('adds the configured latency to every answer', async () => {
    await withEmulator({ latency: '120-150', randomSeed: 5 }, async (emulator, token) => {
      const start = Date.now();
      const response = await fetch(`${emulator.url}/v1.0/subscribedSkus`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(response.status).toBe(200);
      expect(Date.now() - start).toBeGreaterThanOrEqual(115);
    });
  });

  it('answers Directory_ConcurrencyViolation to overlapping writes on one object when switched on', async () => {
    await withEmulator({ concurrencyViolations: true, latency: 150 }, async (emulator, token) => {
      const write = () =>
        fetch(`${emulator.url}/v1.0${reprocess}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}` },
        });
      const [a, b] = await Promise.all([write(), write()]);
      expect([a.status, b.status].sort()).toEqual([200, 409]);
      const loser = a.status === 409 ? a : b;
      expect(((await loser.json()) as { error: { code: string } }).error.code).toBe(
        'Directory_ConcurrencyViolation',
      );
      expect((await write()).status).toBe(200);
    });
  });
});

describe('POST /_emulator/settings', () => {
  it('changes throttling and faults of a running emulator, and refuses a bad spec naming it', async () => {
    await withEmulator({ randomSeed: 9 }, async (emulator, token) => {
      const write = async () =>
        (
          await fetch(`${emulator.url}/v1.0${reprocess}`, {
            method: 'POST',
            headers: { authorization: `Bearer ${token}` },
          })
        ).status;
      const settings = (body: unknown) =>
        fetch(`${emulator.url}/_emulator/settings`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
      expect(await write()).toBe(200);
      expect((await settings({ faults: '503:1' })).status).toBe(204);
      expect(await write()).toBe(503);
      expect((await settings({ faults: '', throttle: 'graph,appWrite=1/150s' })).status).toBe(204);
      expect(await write()).toBe(200);
      expect(await write()).toBe(429);
      // Charging throttled requests can be switched off and on again while running (fresh buckets each time).
      const retryAfter = async () =>
        Number(
          (
            await fetch(`${emulator.url}/v1.0${reprocess}`, {
              method: 'POST',
              headers: { authorization: `Bearer ${token}` },
            })
          ).headers.get('retry-after'),
        );
      expect((await settings({ chargeThrottledRequests: false })).status).toBe(204);
      expect(await write()).toBe(200);
      expect(await retryAfter()).toBeLessThanOrEqual(150);
      expect(await retryAfter()).toBeLessThanOrEqual(150);
      expect((await settings({ chargeThrottledRequests: true })).status).toBe(204);
      expect(await write()).toBe(200);
      expect(await retryAfter()).toBeGreaterThan(150);
      const bad = await settings({ throttle: 'graph,appWrite=lots' });
      expect(bad.status).toBe(400);
      expect(((await bad.json()) as { error: string }).error).toContain('appWrite=lots');
      const unknown = await settings({ speed: 'fast' });
      expect(unknown.status).toBe(400);
      const notBoolean = await settings({ chargeThrottledRequests: 'no' });
      expect(notBoolean.status).toBe(400);
      expect(((await notBoolean.json()) as { error: string }).error).toBe(
        'chargeThrottledRequests must be true or false, got "no"',
      );
    });
  });
});
