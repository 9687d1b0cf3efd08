import { createGraphClient, type GraphClientOptions } from '@entra-licensing/graph-client';
import { defaultSeed } from '@entra-licensing/graph-emulator';
import { type SpawnedEmulator, spawnEmulatorCli } from '@entra-licensing/graph-emulator/testing';
import {
  type BulkItem,
  createLicensingService,
  type LicenseIntent,
  type LicenseTarget,
  type LicensingService,
  planLicenseChanges,
  resolveSku,
} from '@entra-licensing/licensing';
import { getCatalog } from '@entra-licensing/sku-catalog';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writerApp } from '../src/lib/seed.js';

/**
 * Bad-input campaign: malformed inputs across the library API, against the emulator's default tenant. Each must
 * fail with an error that names the field and the offending value, and none may send a write: every one of them
 * can be known before writing (locally, or from reads of the tenant and the target).
 */
const ids = defaultSeed.ids;
const group = (id: string): LicenseTarget => ({ kind: 'group', id });
const user = (id: string): LicenseTarget => ({ kind: 'user', id });
/** A value as it arrives from an n8n expression or JSON: the type system cannot stop it. */
const untyped = <T>(value: unknown): T => value as T;

/** A display name that the catalog gives to more than one skuId. */
function ambiguousName(): string {
  const byName = new Map<string, Set<string>>();
  for (const p of getCatalog().products) {
    for (const name of p.displayNames) {
      const key = name.toLowerCase().replaceAll(/[^a-z0-9]/g, '');
      byName.set(key, (byName.get(key) ?? new Set()).add(p.skuId));
    }
  }
  for (const p of getCatalog().products) {
    const key = p.displayName.toLowerCase().replaceAll(/[^a-z0-9]/g, '');
    if ((byName.get(key)?.size ?? 0) > 1 && !Object.values(ids.skus).includes(p.skuId as never))
      return p.displayName;
  }
  throw new Error('the catalog has no ambiguous display name');
}

interface Case {
  name: string;
  /** Fragment the error's field must contain (the error's `field`, or its message for client options). */
  field: string;
  /** The offending value: its text must be in the message, or the error must carry it as `value`. */
  value: unknown;
  run: (svc: LicensingService, options: GraphClientOptions) => Promise<unknown> | unknown;
}

const huge = Array.from({ length: 501 }, () => 'SPE_E3');

const cases: Case[] = [
  // Targets
  {
    name: 'group id is not a GUID',
    field: 'id',
    value: 'not-a-guid',
    run: (s) => s.assign(group('not-a-guid'), ['SPE_E3']),
  },
  {
    name: 'group id walks the path',
    field: 'id',
    value: '../users',
    run: (s) => s.assign(group('../users'), ['SPE_E3']),
  },
  { name: 'group id is empty', field: 'id', value: '', run: (s) => s.assign(group(''), ['SPE_E3']) },
  {
    name: 'group id with a query string',
    field: 'id',
    value: '?$select',
    run: (s) => s.assign(group(`${ids.groups.empty}?$select=id`), ['SPE_E3']),
  },
  {
    name: 'target kind is not group or user',
    field: 'kind',
    value: 'device',
    run: (s) => s.assign(untyped({ kind: 'device', id: ids.groups.empty }), ['SPE_E3']),
  },
  { name: 'target is null', field: 'target', value: null, run: (s) => s.assign(untyped(null), ['SPE_E3']) },
  {
    name: 'unknown group',
    field: 'id',
    value: '0f0f0f0f-0000-4000-8000-000000000000',
    run: (s) => s.assign(group('0f0f0f0f-0000-4000-8000-000000000000'), ['SPE_E3']),
  },
  {
    name: 'unknown user principal name',
    field: 'id',
    value: 'nobody@contoso.onmicrosoft.com',
    run: (s) => s.assign(user('nobody@contoso.onmicrosoft.com'), ['SPE_E3']),
  },
  // SKU references
  {
    name: 'unknown product name',
    field: 'skus[0]',
    value: 'Microsoft 365 E9',
    run: (s) => s.assign(group(ids.groups.empty), ['Microsoft 365 E9']),
  },
  {
    name: 'ambiguous product name',
    field: 'skus[0]',
    value: ambiguousName(),
    run: (s) => s.assign(group(ids.groups.empty), [ambiguousName()]),
  },
  {
    name: 'skuId with a digit missing',
    field: 'skus[0]',
    value: 'c7df2760-2c81-4ef7-b578-5b5392b571d',
    run: (s) => s.assign(group(ids.groups.empty), ['c7df2760-2c81-4ef7-b578-5b5392b571d']),
  },
  {
    name: 'skuId not in the tenant nor the catalog',
    field: 'skus[0]',
    value: '12345678-1234-4234-8234-123456789012',
    run: (s) => s.assign(group(ids.groups.empty), ['12345678-1234-4234-8234-123456789012']),
  },
  {
    name: 'empty SKU reference',
    field: 'skus[0]',
    value: '""',
    run: (s) => s.assign(group(ids.groups.empty), ['']),
  },
  {
    name: 'SKU reference is a number (expression)',
    field: 'skus[0]',
    value: 42,
    run: (s) => s.assign(group(ids.groups.empty), untyped([42])),
  },
  {
    name: 'SKU reference is null (expression)',
    field: 'skus[0]',
    value: null,
    run: (s) => s.assign(group(ids.groups.empty), untyped([null])),
  },
  {
    name: 'SKU list is a string (expression)',
    field: 'skus',
    value: 'SPE_E3',
    run: (s) => s.assign(group(ids.groups.empty), untyped('SPE_E3')),
  },
  { name: 'empty SKU list', field: 'skus', value: [], run: (s) => s.assign(group(ids.groups.empty), []) },
  { name: 'huge SKU list', field: 'skus', value: '501', run: (s) => s.assign(group(ids.groups.empty), huge) },
  {
    name: 'SKU spec object without sku',
    field: 'skus[0]',
    value: 'disabledPlans',
    run: (s) => s.assign(group(ids.groups.empty), untyped([{ disabledPlans: [] }])),
  },
  // Service plans
  {
    name: 'plan of another SKU',
    field: 'disabledPlans[0]',
    value: 'ATA',
    run: (s) => s.assign(group(ids.groups.empty), [{ sku: 'SPE_E3', disabledPlans: ['ATA'] }]),
  },
  {
    name: 'unknown plan name',
    field: 'disabledPlans[0]',
    value: 'TEAMS9',
    run: (s) => s.assign(group(ids.groups.empty), [{ sku: 'SPE_E3', disabledPlans: ['TEAMS9'] }]),
  },
  {
    name: 'malformed plan GUID',
    field: 'disabledPlans[1]',
    value: '57ff2da0-773e-42df-b2af-ffb7a2317929x',
    run: (s) =>
      s.assign(group(ids.groups.empty), [
        { sku: 'SPE_E3', disabledPlans: ['TEAMS1', '57ff2da0-773e-42df-b2af-ffb7a2317929x'] },
      ]),
  },
  {
    name: 'disabledPlans is a string (expression)',
    field: 'disabledPlans',
    value: 'TEAMS1',
    run: (s) => s.assign(group(ids.groups.empty), untyped([{ sku: 'SPE_E3', disabledPlans: 'TEAMS1' }])),
  },
  {
    name: 'update plans of a SKU the group does not have',
    field: 'sku',
    value: 'SPE_E3',
    run: (s) => s.updatePlans(group(ids.groups.empty), { sku: 'SPE_E3', disable: ['TEAMS1'] }),
  },
  {
    name: 'update plans: the same plan disabled and enabled',
    field: 'enable',
    value: 'TEAMS1',
    run: (s) =>
      s.updatePlans(group(ids.groups.sales), { sku: 'SPE_E3', disable: ['TEAMS1'], enable: ['TEAMS1'] }),
  },
  {
    name: 'update plans with an unknown plan',
    field: 'disable[0]',
    value: 'NOT_A_PLAN',
    run: (s) => s.updatePlans(group(ids.groups.sales), { sku: 'SPE_E3', disable: ['NOT_A_PLAN'] }),
  },
  // Intents
  {
    name: 'same SKU added and removed (swap)',
    field: 'remove[0]',
    value: 'SPE_E3',
    run: (s) => s.swap(group(ids.groups.sales), { remove: ['SPE_E3'], add: ['Microsoft 365 E3'] }),
  },
  {
    name: 'swap with nothing to remove',
    field: 'remove',
    value: [],
    run: (s) => s.swap(group(ids.groups.sales), { remove: [], add: ['SPE_E5'] }),
  },
  {
    name: 'unknown intent action (expression)',
    field: 'action',
    value: 'delete',
    run: (s) =>
      s.apply(group(ids.groups.empty), untyped<LicenseIntent>({ action: 'delete', skus: ['SPE_E3'] })),
  },
  {
    name: 'intent is null',
    field: 'intent',
    value: null,
    run: (s) => s.apply(group(ids.groups.empty), untyped<LicenseIntent>(null)),
  },
  {
    name: 'remove with an unknown SKU',
    field: 'skus[0]',
    value: 'NOT_A_SKU',
    run: (s) => s.remove(group(ids.groups.sales), ['NOT_A_SKU']),
  },
  {
    name: 'set exclusive over maxRemovals',
    field: 'maxRemovals',
    value: '0',
    run: (s) => s.set(group(ids.groups.sales), ['EMSPREMIUM'], { exclusive: true, maxRemovals: 0 }),
  },
  {
    name: 'usage location to set is not a country code',
    field: 'usageLocation',
    value: 'USA',
    run: (s) => s.assign(user(ids.users.dana), ['SPE_E3'], { usageLocation: 'USA' }),
  },
  // Tenant and target rules, known from reads before any write
  {
    name: 'distribution group cannot hold licenses',
    field: 'target',
    value: ids.groups.allStaff,
    run: (s) => s.assign(group(ids.groups.allStaff), ['SPE_E3']),
  },
  {
    name: 'Microsoft 365 group not security-enabled',
    field: 'target',
    value: ids.groups.marketing,
    run: (s) => s.assign(group(ids.groups.marketing), ['SPE_E3']),
  },
  {
    name: 'user without usage location',
    field: 'usageLocation',
    value: ids.users.dana,
    run: (s) => s.assign(user(ids.users.dana), ['SPE_E3']),
  },
  {
    name: 'SKU for companies only (appliesTo Company)',
    field: 'skus[0]',
    value: 'CRMSTORAGE',
    run: (s) => s.assign(group(ids.groups.empty), ['CRMSTORAGE']),
  },
  {
    name: 'suspended SKU',
    field: 'skus[0]',
    value: 'VISIOCLIENT',
    run: (s) => s.assign(group(ids.groups.empty), ['VISIOCLIENT']),
  },
  {
    name: 'not enough seats for the group (strictSeats)',
    field: 'skus[0]',
    value: 'SPE_E5',
    run: (s) => s.assign(group(ids.groups.e5Rollout), ['SPE_E5'], { strictSeats: true }),
  },
  {
    name: 'no seat left for a user',
    field: 'skus[0]',
    value: 'VISIOCLIENT',
    run: (s) => s.assign(user(ids.users.adele), ['VISIOCLIENT']),
  },
  {
    name: 'plan mutually exclusive with one the user has',
    field: 'skus[0]',
    value: 'EXCHANGE_S_STANDARD',
    run: (s) => s.assign(user(ids.users.yara), ['EXCHANGESTANDARD']),
  },
  // Client options
  {
    name: 'client baseUrl is not a URL',
    field: 'baseUrl',
    value: 'graph dot microsoft',
    run: (_s, o) => createGraphClient({ ...o, baseUrl: 'graph dot microsoft' }),
  },
  {
    name: 'client baseUrl with a path',
    field: 'baseUrl',
    value: '/v1.0',
    run: (_s, o) => createGraphClient({ ...o, baseUrl: `${o.baseUrl}/v1.0` }),
  },
  {
    name: 'client cloud unknown',
    field: 'cloud',
    value: 'mars',
    run: (_s, o) => createGraphClient({ ...o, baseUrl: undefined, cloud: untyped('mars') }),
  },
  {
    name: 'client maxRetries out of range',
    field: 'maxRetries',
    value: '99',
    run: (_s, o) => createGraphClient({ ...o, maxRetries: 99 }),
  },
  {
    name: 'client tenant id malformed',
    field: 'tenantId',
    value: 'contoso!!',
    run: (_s, o) =>
      createGraphClient({
        ...o,
        credentials: { tenantId: 'contoso!!', clientId: ids.apps.licensingAdmin.clientId, clientSecret: 'x' },
      }),
  },
  // Pure functions
  { name: 'resolveSku of a number', field: 'sku', value: '42', run: () => resolveSku(untyped(42)) },
  {
    name: 'planLicenseChanges with current not a list',
    field: 'current',
    value: 'SPE_E3',
    run: () => planLicenseChanges(untyped('SPE_E3'), []),
  },
  {
    name: 'planLicenseChanges with a malformed desired skuId',
    field: 'desired[0].skuId',
    value: 'zzz',
    run: () => planLicenseChanges([], [{ skuId: 'zzz', disabledPlans: [] }]),
  },
];

let emulator: SpawnedEmulator;
let options: GraphClientOptions;
let service: LicensingService;

beforeAll(async () => {
  emulator = await spawnEmulatorCli({ latency: '0' });
  const config = emulator.config;
  const app = writerApp(config);
  options = {
    credentials: { tenantId: config.tenantId, clientId: app.clientId, clientSecret: app.clientSecret },
    baseUrl: emulator.url,
    loginBaseUrl: emulator.url,
  };
  service = createLicensingService({ client: createGraphClient(options) });
});

afterAll(async () => {
  await emulator?.stop();
});

interface Described {
  field: string;
  message: string;
}

function describeError(error: unknown): Described {
  const e = error as { field?: unknown; message?: unknown };
  return {
    field: typeof e?.field === 'string' ? e.field : '',
    message: typeof e?.message === 'string' ? e.message : String(error),
  };
}

async function writesDuring(fn: () => Promise<unknown>): Promise<number> {
  const before = (await emulator.requests()).length;
  await fn();
  const after = await emulator.requests();
  return after.slice(before).filter((r) => r.write).length;
}

function display(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

async function check(c: Case): Promise<void> {
  let error: unknown;
  const writes = await writesDuring(async () => {
    try {
      await c.run(service, options);
    } catch (caught) {
      error = caught;
    }
  });
  expect(error, 'the call should have failed').toBeInstanceOf(Error);
  const d = describeError(error);
  expect(`${d.field} ${d.message}`).toContain(c.field);
  const carried = (error as { value?: unknown }).value;
  const inMessage = display(c.value) !== '' && d.message.includes(display(c.value));
  if (!inMessage)
    expect(carried, `message "${d.message}" does not show ${display(c.value)}`).toEqual(c.value);
  expect(writes).toBe(0);
}

describe(`bad-input campaign: ${cases.length} malformed inputs`, () => {
  it('has at least 40 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
  });

  it.each(cases)('$name → an error naming $field and the value, no write', check);

  it('a bulk run with one bad item among good ones fails that item only, with its field and value', async () => {
    const items: BulkItem[] = [
      { target: group(ids.groups.empty), intent: { action: 'assign', skus: ['EMSPREMIUM'] } },
      { target: group(ids.groups.projectFalcon), intent: { action: 'assign', skus: ['Office 365 E9'] } },
      { target: group(ids.groups.allStaff), intent: { action: 'assign', skus: ['EMSPREMIUM'] } },
    ];
    const before = (await emulator.requests()).length;
    const run = await service.applyBulk(items);
    const writes = (await emulator.requests()).slice(before).filter((r) => r.write);
    expect(run.results.map((r) => r.status)).toEqual(['applied', 'failed', 'failed']);
    expect(run.results[1]!.error?.field).toContain('skus[0]');
    expect(run.results[1]!.error?.message).toContain('Office 365 E9');
    expect(run.results[2]!.error?.message).toContain(ids.groups.allStaff);
    expect(writes.map((w) => w.target)).toEqual([ids.groups.empty]);
  });
});
