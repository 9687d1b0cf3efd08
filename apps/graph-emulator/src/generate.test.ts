import { describe, expect, it } from 'vitest';
import { resolveSeed, SeedError } from './seed/load-seed.js';
import type { Seed } from './seed/seed-types.js';
import { type GraphAnswer, type Harness, useEmulator } from './test-support/harness.js';
import { spawnEmulatorCli } from './testing/spawn-cli.js';

const small: Seed = {
  generate: { randomSeed: 7, users: 300, groups: 20, skus: 5, referenceDate: '2026-12-01T00:00:00Z' },
};

async function count(h: Harness, path: string): Promise<number> {
  const answer = await h.graph('GET', path, { headers: { ConsistencyLevel: 'eventual' } });
  expect(answer.status).toBe(200);
  return Number(answer.text);
}

async function readAll(h: Harness, path: string): Promise<Record<string, unknown>[]> {
  const all: Record<string, unknown>[] = [];
  let next: string | undefined = path;
  while (next) {
    const answer: GraphAnswer = await h.graph('GET', next);
    expect(answer.status).toBe(200);
    all.push(...answer.body.value);
    const link: string | undefined = answer.body['@odata.nextLink'];
    next = link?.slice(`${h.emulator.url}/v1.0`.length);
  }
  return all;
}

describe('seed generator: deterministic tenants from a few numbers', () => {
  it('gives the same tenant for the same section, another for another randomSeed', () => {
    const a = resolveSeed(small);
    expect(resolveSeed(small)).toEqual(a);
    const b = resolveSeed({ generate: { ...small.generate!, randomSeed: 8 } });
    expect(b.users.map((u) => u.usageLocation)).not.toEqual(a.users.map((u) => u.usageLocation));
  });

  it('keeps the seed’s own entry for a product it also generates (named by skuId or part number)', () => {
    const e3 = '05e9a617-0261-4cee-bb44-138d3ef5d965';
    const { skus } = resolveSeed({ ...small, skus: [{ sku: e3, enabled: 7 }] });
    expect(skus.filter((s) => s.skuId === e3).map((s) => s.prepaidUnits.enabled)).toEqual([7]);
    expect(skus).toHaveLength(5);
  });

  it('names the field and the value of a bad section', () => {
    expect(() => resolveSeed({ generate: { users: -1, groups: 2 } })).toThrow(
      new SeedError("generate.users: '-1' is not a non-negative integer"),
    );
    expect(() => resolveSeed({ generate: { users: 1, groups: 2, guests: 2 } })).toThrow(
      new SeedError("generate.guests: '2' is not a fraction between 0 and 1"),
    );
    expect(() => resolveSeed({ generate: { users: 1, groups: 2, skus: ['E99'] } })).toThrow(
      new SeedError("generate.skus[0]: 'E99' is not a product of the catalog"),
    );
  });
});

describe('seed generator over HTTP: the seed’s own entries plus the generated ones', () => {
  const h = useEmulator({
    seed: {
      ...small,
      users: [{ userPrincipalName: 'ann@contoso.onmicrosoft.com', displayName: 'Ann', usageLocation: 'DE' }],
    },
  });

  it('serves the seed’s user and the generated ones, and none of the default tenant', async () => {
    expect(await count(h, '/users/$count')).toBe(301);
    expect(await count(h, '/groups/$count')).toBe(20);
    const users = await readAll(h, '/users?$top=999&$select=userPrincipalName,userType,createdDateTime');
    expect(users[0]).toEqual({
      userPrincipalName: 'ann@contoso.onmicrosoft.com',
      userType: 'Member',
      createdDateTime: '2020-01-01T00:00:00Z',
    });
    expect(users.some((u) => u.userPrincipalName === 'adele@contoso.onmicrosoft.com')).toBe(false);
    expect(users.filter((u) => u.userType === 'Guest').length).toBeGreaterThan(0);
    for (const u of users.slice(1)) {
      expect((u.createdDateTime as string) < '2026-12-01T00:00:00Z').toBe(true);
    }
  });

  it('gives every generated SKU its seats, consumed by the users holding it', async () => {
    const skus = (await h.graph('GET', '/subscribedSkus')).body.value as {
      skuId: string;
      consumedUnits: number;
      prepaidUnits: { enabled: number };
    }[];
    expect(skus).toHaveLength(5);
    const users = await readAll(h, '/users?$top=999&$select=id,assignedLicenses');
    for (const sku of skus) {
      const holding = users.filter((u) =>
        (u.assignedLicenses as { skuId: string }[]).some((l) => l.skuId === sku.skuId),
      ).length;
      expect(sku.consumedUnits).toBe(holding);
      expect(sku.consumedUnits).toBeLessThanOrEqual(sku.prepaidUnits.enabled);
    }
  });
});

describe('seed generator through the bin (a seed file with a generate section)', () => {
  it('serves the generated tenant', async () => {
    const emulator = await spawnEmulatorCli({ seed: small, timeScale: 100 });
    try {
      const page = await emulator.readGraph('/users?$top=999&$select=id,userType', 'licensing-admin');
      expect((page.value as unknown[]).length).toBe(300);
      const skus = await emulator.readGraph('/subscribedSkus?$select=skuPartNumber', 'licensing-admin');
      expect((skus.value as { skuPartNumber: string }[]).map((s) => s.skuPartNumber)).toEqual([
        'SPE_E3',
        'SPE_E5',
        'ENTERPRISEPACK',
        'ENTERPRISEPREMIUM',
        'STANDARDPACK',
      ]);
    } finally {
      await emulator.stop();
    }
  });
});

describe('seed generator: a 50,000-user tenant', () => {
  const h = useEmulator({ seed: { generate: { users: 50_000, groups: 2_000, skus: 30 } } }, false, 300_000);

  it('serves 50,000 users, 2,000 groups and 30 SKUs', { timeout: 180_000 }, async () => {
    expect(await count(h, '/users/$count')).toBe(50_000);
    expect(await count(h, '/groups/$count')).toBe(2_000);
    expect((await h.graph('GET', '/subscribedSkus?$select=skuId')).body.value).toHaveLength(30);
    const page = await h.graph('GET', '/users?$top=999&$select=id,licenseAssignmentStates');
    expect(page.body.value).toHaveLength(999);
    expect(page.body['@odata.nextLink']).toContain('$skiptoken=');
  });
});
