import { createGraphClient, type GraphClientOptions } from '@entra-licensing/graph-client';
import { defaultSeed } from '@entra-licensing/graph-emulator';
import { type SpawnedEmulator, spawnEmulatorCli } from '@entra-licensing/graph-emulator/testing';
import {
  type BulkItem,
  createLicensingService,
  type LicenseTarget,
  type LicensingService,
} from '@entra-licensing/licensing';
import { badInputCases, expectedShown, runBadInputCase } from '@entra-licensing/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writerApp } from '../src/lib/seed.js';

/**
 * Bad-input campaign: the licensing package's one adversarial table (`@entra-licensing/testing`), run
 * against the emulator as a separate process over real HTTP. Each case must fail with its exact code and field,
 * show the value (shortened) in the message, and — from the emulator's request log (`GET /_emulator/requests`) —
 * send no write.
 */
const ids = defaultSeed.ids;
const cases = badInputCases(ids);
const group = (id: string): LicenseTarget => ({ kind: 'group', id });
/** A value as it arrives from an n8n expression or JSON: the type system cannot stop it. */
const untyped = <T>(value: unknown): T => value as T;

/** graph-client's own options: its errors carry no `field` yet, so the option is looked for in the message. */
interface ClientCase {
  name: string;
  option: string;
  value: string;
  run: (options: GraphClientOptions) => unknown;
}

const clientCases: ClientCase[] = [
  {
    name: 'client baseUrl is not a URL',
    option: 'baseUrl',
    value: 'graph dot microsoft',
    run: (o) => createGraphClient({ ...o, baseUrl: 'graph dot microsoft' }),
  },
  {
    name: 'client baseUrl with a path',
    option: 'baseUrl',
    value: '/v1.0',
    run: (o) => createGraphClient({ ...o, baseUrl: `${o.baseUrl}/v1.0` }),
  },
  {
    name: 'client cloud unknown',
    option: 'cloud',
    value: 'mars',
    run: (o) => createGraphClient({ ...o, baseUrl: undefined, cloud: untyped('mars') }),
  },
  {
    name: 'client maxRetries out of range',
    option: 'maxRetries',
    value: '99',
    run: (o) => createGraphClient({ ...o, maxRetries: 99 }),
  },
  {
    name: 'client tenant id malformed',
    option: 'tenantId',
    value: 'contoso!!',
    run: (o) =>
      createGraphClient({
        ...o,
        credentials: { tenantId: 'contoso!!', clientId: ids.apps.licensingAdmin.clientId, clientSecret: 'x' },
      }),
  },
];

let emulator: SpawnedEmulator;
let options: GraphClientOptions;
let client: ReturnType<typeof createGraphClient>;
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
  client = createGraphClient(options);
  service = createLicensingService({ client });
});

afterAll(async () => {
  await emulator?.stop();
});

async function writesDuring(fn: () => Promise<unknown>): Promise<number> {
  const before = (await emulator.requests()).length;
  await fn();
  const after = await emulator.requests();
  return after.slice(before).filter((r) => r.write).length;
}

describe(`bad-input campaign: the adversarial table, ${cases.length} cases over HTTP`, () => {
  it('has at least 120 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(120);
  });

  it.each(cases.map((c) => [c.name, c] as const))(
    '%s → exact code and field, value shown, no write',
    async (_name, c) => {
      let error: Awaited<ReturnType<typeof runBadInputCase>>;
      const writes = await writesDuring(async () => {
        error = await runBadInputCase(c, { service, client });
      });
      expect(error, 'the call should have failed').toBeDefined();
      expect(error?.field).toBe(c.field);
      expect(error?.code).toBe(c.code);
      expect(error?.value).toEqual(c.value);
      expect(error?.message).toContain(expectedShown(c));
      expect(writes).toBe(0);
    },
  );

  it.each(clientCases)('$name → an error naming $option and the value', async (c) => {
    let error: unknown;
    try {
      c.run(options);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(Error);
    const message = (error as Error).message;
    expect(message).toContain(c.option);
    expect(message).toContain(c.value);
  });

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
    expect(run.results[1]!.error?.field).toBe('intent.skus[0]');
    expect(run.results[1]!.error?.message).toContain('Office 365 E9');
    expect(run.results[2]!.error?.field).toBe('target.id');
    expect(run.results[2]!.error?.message).toContain(ids.groups.allStaff);
    expect(writes.map((w) => w.target)).toEqual([ids.groups.empty]);
  });
});
