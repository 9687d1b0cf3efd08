import { describe, expect, it } from 'vitest';
import type { RequestLogEntry } from './request-log.js';
import { defaultSeed } from './seed/default-seed.js';
import { useEmulator } from './test-support/harness.js';

const { ids } = defaultSeed;
const json = { 'Content-Type': 'application/json' };

describe('POST /$batch', () => {
  const h = useEmulator();

  it('runs each item, answers per-item statuses inside an outer 200, and logs items one by one', async () => {
    const answer = await h.graph('POST', '/$batch', {
      body: {
        requests: [
          {
            id: '1',
            method: 'POST',
            url: `/groups/${ids.groups.e5Rollout}/assignLicense`,
            headers: json,
            body: { addLicenses: [{ skuId: ids.skus.AAD_PREMIUM, disabledPlans: [] }], removeLicenses: [] },
          },
          {
            id: '2',
            method: 'POST',
            url: `/groups/${ids.groups.allStaff}/assignLicense`,
            headers: json,
            body: { addLicenses: [{ skuId: ids.skus.AAD_PREMIUM, disabledPlans: [] }], removeLicenses: [] },
          },
          { id: '3', method: 'GET', url: `/subscribedSkus/${ids.tenantId}_${ids.skus.AAD_PREMIUM}` },
        ],
      },
    });
    expect(answer.status).toBe(200);
    const byId = new Map(answer.body.responses.map((r: { id: string }) => [r.id, r]));
    const one = byId.get('1') as { status: number; headers: Record<string, string>; body: { id: string } };
    expect(one.status).toBe(202);
    expect(one.headers.Location).toContain(ids.groups.e5Rollout);
    expect(one.headers['Content-Type']).toMatch(/^application\/json/);
    expect(one.body.id).toBe(ids.groups.e5Rollout);
    const two = byId.get('2') as { status: number; body: { error: { code: string } } };
    expect(two.status).toBe(400);
    expect(two.body.error.code).toBe('Request_BadRequest');
    expect((byId.get('3') as { status: number }).status).toBe(200);
    const log = (await (await fetch(`${h.emulator.url}/_emulator/requests`)).json()) as RequestLogEntry[];
    const items = log.filter((e) => e.batch !== null);
    expect(items.map((e) => [e.batch?.id, e.status, e.write])).toEqual([
      ['1', 202, true],
      ['2', 400, true],
      ['3', 200, false],
    ]);
    expect(items[0]?.target).toBe(ids.groups.e5Rollout);
    const outer = log.find((e) => e.path === '/v1.0/$batch');
    expect(outer?.write).toBe(false);
    expect(items.every((e) => e.batch?.requestId === outer?.requestId)).toBe(true);
  });

  it('answers 424 to the dependents of a failed request', async () => {
    const answer = await h.graph('POST', '/$batch', {
      body: {
        requests: [
          { id: 'a', method: 'GET', url: '/groups/99999999-9999-4999-8999-999999999999' },
          { id: 'b', method: 'GET', url: '/subscribedSkus', dependsOn: ['a'] },
          { id: 'c', method: 'GET', url: '/subscribedSkus', dependsOn: ['b'] },
          { id: 'd', method: 'GET', url: '/subscribedSkus' },
        ],
      },
    });
    expect(answer.status).toBe(200);
    const status = Object.fromEntries(
      answer.body.responses.map((r: { id: string; status: number }) => [r.id, r.status]),
    );
    expect(status).toEqual({ a: 404, b: 424, c: 424, d: 200 });
  });

  it('rejects more than 20 requests, duplicate ids and unknown dependencies as a whole (400)', async () => {
    const item = (id: string) => ({ id, method: 'GET', url: '/subscribedSkus' });
    const big = await h.graph('POST', '/$batch', {
      body: { requests: Array.from({ length: 21 }, (_, i) => item(String(i))) },
    });
    expect(big.status).toBe(400);
    expect(big.body.error.message).toContain('20');
    const twenty = await h.graph('POST', '/$batch', {
      body: { requests: Array.from({ length: 20 }, (_, i) => item(String(i))) },
    });
    expect(twenty.status).toBe(200);
    const duplicate = await h.graph('POST', '/$batch', { body: { requests: [item('1'), item('1')] } });
    expect(duplicate.status).toBe(400);
    expect(duplicate.body.error.message).toContain("'1'");
    const dangling = await h.graph('POST', '/$batch', {
      body: { requests: [{ ...item('1'), dependsOn: ['9'] }] },
    });
    expect(dangling.status).toBe(400);
  });

  it('requires a Content-Type for an item with a body', async () => {
    const answer = await h.graph('POST', '/$batch', {
      body: {
        requests: [
          {
            id: '1',
            method: 'POST',
            url: `/groups/${ids.groups.e5Rollout}/assignLicense`,
            body: { addLicenses: [], removeLicenses: [] },
          },
        ],
      },
    });
    expect(answer.body.responses[0].status).toBe(400);
  });
});

describe('POST /$batch: resource units on error items', () => {
  const h = useEmulator();

  // Source: Graph throttling guidance ("all requests accrue against your usage limits") and the replay of
  // batch answers: every evaluated item, failed or not, reports its cost in x-ms-resource-unit.
  it('a 404 item and a 400 item carry x-ms-resource-unit like the successful ones', async () => {
    const answer = await h.graph('POST', '/$batch', {
      body: {
        requests: [
          { id: 'missing', method: 'GET', url: '/groups/99999999-9999-4999-8999-999999999999' },
          {
            id: 'bad',
            method: 'POST',
            url: `/groups/${ids.groups.e5Rollout}/assignLicense`,
            headers: json,
            body: { addLicenses: [{ skuId: '99999999-9999-4999-8999-999999999999' }], removeLicenses: [] },
          },
          { id: 'ok', method: 'GET', url: '/subscribedSkus' },
        ],
      },
    });
    const byId = Object.fromEntries(
      answer.body.responses.map((r: { id: string; status: number; headers: Record<string, string> }) => [
        r.id,
        [r.status, r.headers['x-ms-resource-unit']],
      ]),
    );
    expect(byId).toEqual({ missing: [404, '1'], bad: [400, '1'], ok: [200, '3'] });
  });
});

describe('POST /$batch: per-item throttling', () => {
  const h = useEmulator({ throttle: 'graph,appWrite=3/150s', timeScale: 1 });

  it('throttles items one by one, each 429 with its own Retry-After', async () => {
    const requests = Array.from({ length: 5 }, (_, i) => ({
      id: String(i + 1),
      method: 'POST',
      url: `/users/${ids.users.isaiah}/reprocessLicenseAssignment`,
    }));
    const answer = await h.graph('POST', '/$batch', { body: { requests } });
    expect(answer.status).toBe(200);
    const statuses = answer.body.responses.map((r: { status: number }) => r.status);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    const throttled = answer.body.responses[3];
    expect(Number(throttled.headers['Retry-After'])).toBeGreaterThan(0);
    expect(throttled.headers['x-ms-throttle-scope']).toBe(
      `Tenant_Application/Write/${ids.apps.licensingAdmin.clientId}/${ids.tenantId}`,
    );
    expect(throttled.body.error.code).toBe('TooManyRequests');
  });
});
