import { describe, expect, it } from 'vitest';
import { defaultSeed } from './seed/default-seed.js';
import { eventually, useEmulator } from './test-support/harness.js';
import {
  EXAMPLE_1_REQUEST,
  EXAMPLE_2_REQUEST,
  EXAMPLE_RESPONSE_BODY,
  EXAMPLE_RESPONSE_LOCATION,
  SEED_PAGE_GROUP_ID,
} from './test-support/seed-page.js';

const { ids } = defaultSeed;

describe("Microsoft's group assignLicense page, verbatim", () => {
  const h = useEmulator({ timeScale: 100 }, false);

  /** The 202 body: the page's four properties, verbatim, within the group's default properties (GET /groups/{id}). */
  async function expectPageBody(text: string): Promise<void> {
    const body = JSON.parse(text) as Record<string, unknown>;
    expect(body).toMatchObject(JSON.parse(EXAMPLE_RESPONSE_BODY));
    const { '@odata.context': _context, ...group } = (await h.graph('GET', `/groups/${SEED_PAGE_GROUP_ID}`))
      .body;
    expect(body).toEqual(group);
  }

  async function consumed(skuId: string): Promise<number> {
    const answer = await h.graph('GET', `/subscribedSkus/${ids.tenantId}_${skuId}`);
    return answer.body.consumedUnits;
  }

  it('example 1 (add two licenses with disabled plans) answers 202, the Location header and the group (the page’s properties within its default ones)', async () => {
    const answer = await h.graph('POST', `/groups/${SEED_PAGE_GROUP_ID}/assignLicense`, {
      version: 'beta',
      body: EXAMPLE_1_REQUEST,
    });
    expect(answer.status).toBe(202);
    expect(answer.headers.get('location')).toBe(EXAMPLE_RESPONSE_LOCATION);
    expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
    await expectPageBody(answer.text);
    expect(answer.headers.get('request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('then processes the group: every member gets both products with the requested plans disabled', async () => {
    await eventually(async () => {
      const g = await h.graph('GET', `/groups/${SEED_PAGE_GROUP_ID}?$select=id,licenseProcessingState`);
      return g.body.licenseProcessingState.state === 'ProcessingComplete' ? true : undefined;
    });
    const group = await h.graph('GET', `/groups/${SEED_PAGE_GROUP_ID}?$select=id,assignedLicenses`);
    expect(group.body.assignedLicenses).toEqual([
      {
        disabledPlans: ['113feb6c-3fe4-4440-bddc-54d774bf0318', '14ab5db5-e6c4-4b20-b4bc-13e36fd2227f'],
        skuId: 'b05e124f-c7cc-45a0-a6aa-8cf78c946968',
      },
      {
        disabledPlans: ['a413a9ff-720c-4822-98ef-2f37c2a21f4c'],
        skuId: 'c7df2760-2c81-4ef7-b578-5b5392b571df',
      },
    ]);
    const adele = await h.graph('GET', `/users/${ids.users.adele}?$select=id,licenseAssignmentStates`);
    const fromGroup = adele.body.licenseAssignmentStates.filter(
      (s: { assignedByGroup: string }) => s.assignedByGroup === SEED_PAGE_GROUP_ID,
    );
    expect(fromGroup).toHaveLength(2);
    expect(
      fromGroup.every((s: { state: string; error: string }) => s.state === 'Active' && s.error === 'None'),
    ).toBe(true);
    expect(await consumed(ids.skus.EMSPREMIUM)).toBe(12);
    expect(await consumed(ids.skus.ENTERPRISEPREMIUM)).toBe(12);
  });

  it('example 2 (remove both licenses) answers the same 202 and the members lose the licenses', async () => {
    const answer = await h.graph('POST', `/groups/${SEED_PAGE_GROUP_ID}/assignLicense`, {
      version: 'beta',
      body: EXAMPLE_2_REQUEST,
    });
    expect(answer.status).toBe(202);
    expect(answer.headers.get('location')).toBe(EXAMPLE_RESPONSE_LOCATION);
    await expectPageBody(answer.text);
    await eventually(async () => ((await consumed(ids.skus.EMSPREMIUM)) === 0 ? true : undefined));
    expect(await consumed(ids.skus.ENTERPRISEPREMIUM)).toBe(0);
    const adele = await h.graph('GET', `/users/${ids.users.adele}?$select=licenseAssignmentStates`);
    expect(
      adele.body.licenseAssignmentStates.some(
        (s: { assignedByGroup: string }) => s.assignedByGroup === SEED_PAGE_GROUP_ID,
      ),
    ).toBe(false);
  });

  it('the same requests succeed on v1.0', async () => {
    const add = await h.graph('POST', `/groups/${SEED_PAGE_GROUP_ID}/assignLicense`, {
      body: EXAMPLE_1_REQUEST,
    });
    expect(add.status).toBe(202);
    const remove = await h.graph('POST', `/groups/${SEED_PAGE_GROUP_ID}/assignLicense`, {
      body: EXAMPLE_2_REQUEST,
    });
    expect(remove.status).toBe(202);
    await expectPageBody(remove.text);
  });
});
