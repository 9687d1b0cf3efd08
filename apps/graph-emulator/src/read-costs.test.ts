import { describe, expect, it } from 'vitest';
import { defaultSeed } from './seed/default-seed.js';
import { useEmulator } from './test-support/harness.js';
import { connectEmulator } from './testing/emulator-client.js';

const { ids } = defaultSeed;

describe('read costs: what a benchmark needs to compute the read floor', () => {
  const h = useEmulator({ timeScale: 100 });

  it('publishes the buckets in force, windows after the time scale', async () => {
    const client = await connectEmulator(h.emulator.url);
    // 38 users (< 50): 3,500 resource units per 10 s, here 100 real ms at time scale 100.
    expect(client.config.throttleLimits).toEqual({
      appResourceUnits: { limit: 3500, windowMs: 100 },
      appWrite: { limit: 3000, windowMs: 1500 },
      tenantWrite: { limit: 18000, windowMs: 3000 },
    });
  });

  it('logs each request’s resource units, as x-ms-resource-unit says', async () => {
    const client = await connectEmulator(h.emulator.url);
    await client.clearRequests();
    const reads: [string, number][] = [
      ['/users?$top=999&$select=id,assignedLicenses,licenseAssignmentStates', 1], // users 2, $select −1
      ['/users?$top=999', 2],
      [`/groups/${ids.groups.sales}/members?$select=id`, 2], // members 3, $select −1
      [`/groups/${ids.groups.sales}/members?$select=id&$top=10`, 1], // … and $top < 20 −1
      ['/subscribedSkus', 3],
      ['/directory/subscriptions', 1],
      [`/users/${ids.users.patti}/licenseDetails`, 2],
    ];
    for (const [path, cost] of reads) {
      const answer = await h.graph('GET', path);
      expect(answer.status).toBe(200);
      expect(answer.headers.get('x-ms-resource-unit')).toBe(String(cost));
    }
    const log = await client.requests();
    expect(log.map((e) => e.resourceUnits)).toEqual(reads.map(([, cost]) => cost));
  });
});
