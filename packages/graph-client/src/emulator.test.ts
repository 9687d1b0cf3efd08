// The client against the Graph emulator (apps/graph-emulator) over real HTTP: token acquisition,
// the seed page's assign/remove, reads with $select and paging, error mapping and throttling.
import { defaultSeed, type RunningEmulator, startEmulator } from '@entra-licensing/graph-emulator';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createGraphClient, type GraphClient } from './create-graph-client.js';
import { GraphError } from './errors.js';
import type { User } from './generated/models/index.js';

const { ids } = defaultSeed;
const PILOT = ids.groups.licensingPilot;
const EMS = ids.skus.EMSPREMIUM;
const E5 = ids.skus.ENTERPRISEPREMIUM;

let emulator: RunningEmulator;

function clientFor(app: keyof typeof ids.apps, extra: { maxRetries?: number } = {}): GraphClient {
  const { clientId, clientSecret } = ids.apps[app];
  return createGraphClient({
    baseUrl: emulator.url,
    loginBaseUrl: emulator.url,
    credentials: { tenantId: emulator.tenantId, clientId, clientSecret },
    ...extra,
  });
}

async function rejection(promise: Promise<unknown>): Promise<GraphError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(GraphError);
  return error as GraphError;
}

beforeAll(async () => {
  emulator = await startEmulator({ timeScale: 100, throttle: 'off' });
});
afterAll(() => emulator.stop());
beforeEach(() => emulator.reset());

describe('against the Graph emulator', () => {
  it('assigns and removes the seed page licenses on a group, acquiring one token', async () => {
    const graph = clientFor('licensingAdmin');
    const assigned = await graph.groups.byGroupId(PILOT).assignLicense.post({
      addLicenses: [
        { skuId: EMS, disabledPlans: [ids.plans.EXCHANGE_S_FOUNDATION, ids.plans.ATA] },
        { skuId: E5, disabledPlans: [ids.plans.MICROSOFT_COMMUNICATION_COMPLIANCE] },
      ],
      removeLicenses: [],
    });
    expect(assigned?.id).toBe(PILOT);

    const group = await graph.groups
      .byGroupId(PILOT)
      .get({ queryParameters: { select: ['id', 'assignedLicenses', 'licenseProcessingState'] } });
    expect(group?.assignedLicenses?.map((l) => [l.skuId, l.disabledPlans])).toEqual(
      expect.arrayContaining([
        [EMS, [ids.plans.EXCHANGE_S_FOUNDATION, ids.plans.ATA]],
        [E5, [ids.plans.MICROSOFT_COMMUNICATION_COMPLIANCE]],
      ]),
    );

    await graph.groups.byGroupId(PILOT).assignLicense.post({ addLicenses: [], removeLicenses: [E5, EMS] });
    const after = await graph.groups
      .byGroupId(PILOT)
      .get({ queryParameters: { select: ['id', 'assignedLicenses'] } });
    expect(after?.assignedLicenses).toEqual([]);

    const log = emulator.requests();
    expect(log.map((e) => `${e.method} ${e.status}`)).toEqual(['POST 202', 'GET 200', 'POST 202', 'GET 200']);
    expect(new Set(log.map((e) => e.clientId))).toEqual(new Set([ids.apps.licensingAdmin.clientId]));
  });

  it('lists SKUs, and group members (directoryObjects deserialized as users) with paging', async () => {
    const graph = clientFor('licensingAdmin');
    const skus = await graph.subscribedSkus.get();
    expect(skus?.value?.map((s) => s.skuId)).toEqual(expect.arrayContaining([EMS, E5]));

    // (members/graph.user is the cast Graph also accepts; the emulator serves members/microsoft.graph.user only)
    const members = graph.groups.byGroupId(ids.groups.sales).members;
    const first = await members.get({ queryParameters: { top: 5 } });
    expect(first?.value).toHaveLength(5);
    const user = first?.value?.[0] as User | undefined;
    expect(user?.odataType).toBe('#microsoft.graph.user');
    expect(user?.userPrincipalName).toMatch(/@contoso\.onmicrosoft\.com$/);
    expect(first?.odataNextLink?.startsWith(emulator.url)).toBe(true);
    const second = await members.withUrl(first?.odataNextLink ?? '').get();
    expect(second?.value?.length).toBeGreaterThan(0);
    expect(second?.value?.[0]?.id).not.toBe(first?.value?.[0]?.id);
  });

  it('reads a user by UPN with licenseAssignmentStates', async () => {
    const user = await clientFor('licensingAdmin')
      .users.byUserId('patti@contoso.onmicrosoft.com')
      .get({
        queryParameters: { select: ['id', 'assignedLicenses', 'licenseAssignmentStates', 'usageLocation'] },
      });
    expect(user?.id).toBe(ids.users.patti);
    expect(user?.licenseAssignmentStates?.map((s) => s.skuId)).toContain(ids.skus.ENTERPRISEPACK);
  });

  it('maps 404, 403 and 400 answers to GraphError', async () => {
    const missing = await rejection(
      clientFor('licensingAdmin').groups.byGroupId('00000000-0000-4000-8000-000000000000').get(),
    );
    expect(missing).toMatchObject({ kind: 'graph', status: 404, code: 'Request_ResourceNotFound' });
    expect(missing.requestId).toBeTruthy();

    const denied = await rejection(
      clientFor('licensingReader')
        .groups.byGroupId(PILOT)
        .assignLicense.post({ addLicenses: [], removeLicenses: [E5] }),
    );
    expect(denied).toMatchObject({ status: 403, code: 'Authorization_RequestDenied' });

    const badSku = await rejection(
      clientFor('licensingAdmin')
        .groups.byGroupId(PILOT)
        .assignLicense.post({
          addLicenses: [{ skuId: '00000000-0000-4000-8000-0000000000aa', disabledPlans: [] }],
          removeLicenses: [],
        }),
    );
    expect(badSku).toMatchObject({ status: 400 });
  });

  it('reports a wrong client secret as a token GraphError without the secret', async () => {
    const graph = createGraphClient({
      baseUrl: emulator.url,
      loginBaseUrl: emulator.url,
      credentials: {
        tenantId: emulator.tenantId,
        clientId: ids.apps.licensingAdmin.clientId,
        clientSecret: 'wrong~secret',
      },
    });
    const error = await rejection(graph.subscribedSkus.get());
    expect(error).toMatchObject({ kind: 'token', code: 'invalid_client' });
    expect(JSON.stringify(error) + error.message).not.toContain('wrong~secret');
    expect(emulator.requests()).toHaveLength(0);
  });
});

describe('against a throttling emulator', () => {
  let throttled: RunningEmulator;
  beforeAll(async () => {
    throttled = await startEmulator({ timeScale: 20, throttle: 'graph,appWrite=2/10s' });
  });
  afterAll(() => throttled.stop());

  it('waits out the fractional Retry-After of a 429 and completes every write', async () => {
    const { clientId, clientSecret } = ids.apps.licensingAdmin;
    const graph = createGraphClient({
      baseUrl: throttled.url,
      loginBaseUrl: throttled.url,
      credentials: { tenantId: throttled.tenantId, clientId, clientSecret },
      maxRetries: 5,
    });
    for (const skuId of [EMS, E5, ids.skus.SPE_E5]) {
      await graph.groups.byGroupId(PILOT).assignLicense.post({
        addLicenses: [{ skuId, disabledPlans: [] }],
        removeLicenses: [],
      });
    }
    const log = throttled.requests();
    const refusals = log.filter((e) => e.status === 429);
    expect(refusals.length).toBeGreaterThan(0);
    expect(log.filter((e) => e.status === 202)).toHaveLength(3);
    for (const refusal of refusals) {
      expect(refusal.retryAfter).not.toBeNull();
      const retry = log.find((e) => e.seq > refusal.seq);
      // the client did not come back before the Retry-After it was given
      expect((retry?.timeMs ?? 0) - refusal.completedMs).toBeGreaterThanOrEqual(
        (refusal.retryAfter ?? 0) * 1000 - 5,
      );
    }
  });
});
