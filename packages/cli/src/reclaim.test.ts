import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  defaultSeed,
  type RunningEmulator,
  type SeedUser,
  startEmulator,
} from '@entra-licensing/graph-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './test-support/run-cli.js';

const DAY = 86_400_000;
const ago = (days: number) => new Date(Date.now() - days * DAY).toISOString();
const DOMAIN = defaultSeed.ids.tenantDomain;
const SALES = '5a1e5000-0000-4000-8000-00000000000a';
const ON_LEAVE = '5a1e5000-0000-4000-8000-00000000000b';
const id = (n: number) => `0000bbbb-0000-4000-8000-${String(n).padStart(12, '0')}`;
const OLD = {
  lastSignInDateTime: ago(200),
  lastNonInteractiveSignInDateTime: ago(150),
  lastSuccessfulSignInDateTime: ago(150),
};
const user = (n: number, key: string, facts: Partial<SeedUser>): SeedUser => ({
  id: id(n),
  userPrincipalName: `${key}@${DOMAIN}`,
  displayName: key,
  usageLocation: 'US',
  createdDateTime: ago(400),
  ...facts,
});

let emulator: RunningEmulator;
let dir: string;
let env: Record<string, string>;
let endpoint: string[];
const cli = (args: string[]) => runCli([...args, ...endpoint], env);
const file = (name: string) => path.join(dir, name);

beforeAll(async () => {
  const { ids: _ids, ...base } = defaultSeed;
  emulator = await startEmulator({
    timeScale: 100,
    processingDelayMs: 200,
    throttle: 'off',
    seed: {
      ...base,
      skus: [
        { sku: 'SPE_E3', enabled: 10 },
        { sku: 'POWER_BI_STANDARD', enabled: 100 },
      ],
      users: [
        user(1, 'dormant', { signInActivity: OLD, licenses: [{ sku: 'POWER_BI_STANDARD' }] }),
        user(2, 'salesdormant', { signInActivity: OLD }),
        user(3, 'onleave', { signInActivity: OLD, licenses: [{ sku: 'POWER_BI_STANDARD' }] }),
        user(4, 'ceo', { signInActivity: OLD, licenses: [{ sku: 'POWER_BI_STANDARD' }] }),
        user(5, 'active', {
          signInActivity: { lastSuccessfulSignInDateTime: ago(1) },
          licenses: [{ sku: 'POWER_BI_STANDARD' }],
        }),
      ],
      groups: [
        {
          id: SALES,
          displayName: 'Sales',
          kind: 'security',
          members: [`salesdormant@${DOMAIN}`],
          licenses: [{ sku: 'SPE_E3' }],
        },
        { id: ON_LEAVE, displayName: 'On leave', kind: 'security', members: [`onleave@${DOMAIN}`] },
      ],
    },
  });
  const app = defaultSeed.ids.apps.licensingReclaimer;
  env = {
    AZURE_TENANT_ID: emulator.tenantId,
    AZURE_CLIENT_ID: app.clientId,
    AZURE_CLIENT_SECRET: app.clientSecret,
  };
  endpoint = ['--graph-base-url', emulator.url, '--login-base-url', emulator.url];
  dir = mkdtempSync(path.join(tmpdir(), 'entra-licensing-reclaim-'));
  writeFileSync(file('exceptions.yaml'), `users:\n  - ceo@${DOMAIN}\ngroups:\n  - On leave\n`);
});
afterAll(async () => {
  await emulator?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('entra-licensing reclaim (the built bin, over HTTP against the emulator)', () => {
  // The emulator stamps every license path with its start-up time: --grace-days 0 keeps them all eligible.
  const find = ['reclaim', '--inactive-days', '90', '--grace-days', '0', '--except'];

  it('--json prints the contract, --out writes the same plan; exceptions by UPN and by group are kept', async () => {
    const run = await cli([...find, file('exceptions.yaml'), '--out', file('plan.json'), '--json']);
    expect(run.stderr).not.toContain('Error');
    expect(run.code).toBe(0);
    const printed = JSON.parse(run.stdout) as {
      candidates: unknown[];
      excluded: { id: string; reason: string }[];
    };
    expect(JSON.parse(readFileSync(file('plan.json'), 'utf8'))).toEqual(printed);
    expect(printed.candidates).toEqual([
      {
        id: id(1),
        userPrincipalName: `dormant@${DOMAIN}`,
        bucket: 'dormant',
        evidence: {
          createdDateTime: expect.any(String),
          ...OLD,
        },
        actions: [
          {
            kind: 'removeDirectLicense',
            skuPartNumber: 'POWER_BI_STANDARD',
            impact: expect.objectContaining({ members: 1 }),
          },
        ],
      },
      {
        id: id(2),
        userPrincipalName: `salesdormant@${DOMAIN}`,
        bucket: 'dormant',
        evidence: expect.objectContaining(OLD),
        actions: [
          {
            kind: 'removeGroupMember',
            skuPartNumber: 'SPE_E3',
            groupId: SALES,
            groupName: 'Sales',
            impact: expect.objectContaining({ members: 1 }),
          },
        ],
      },
    ]);
    expect(printed.excluded.filter((e) => e.reason === 'excepted').map((e) => e.id)).toEqual([id(3), id(4)]);
    expect(emulator.requests().filter((r) => r.write)).toEqual([]);
  });

  it('--prices shows the spend the freed seats save, per SKU and in total', async () => {
    writeFileSync(
      file('prices.yaml'),
      'prices:\n  SPE_E3: { amount: 33.75, currency: EUR, period: month }\n  POWER_BI_STANDARD: { amount: 9.4, currency: EUR, period: month }\n',
    );
    const run = await cli([...find, file('exceptions.yaml'), '--prices', file('prices.yaml'), '--no-color']);
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines).toContain('  SPE_E3: 1 (33.75 EUR a month)');
    expect(lines).toContain('  POWER_BI_STANDARD: 1 (9.4 EUR a month)');
    expect(lines).toContain('Spend freed: 43.15 EUR a month');
  });

  it('apply: --max-actions and the data-loss guard refuse before any write; then one result per action', async () => {
    const tooMany = await cli([
      'reclaim',
      'apply',
      file('plan.json'),
      '--auto-approve',
      '--max-actions',
      '1',
    ]);
    expect(tooMany.code).toBe(1);
    expect(tooMany.stderr).toContain('more than maxActions 1 allows');
    const guarded = await cli(['reclaim', 'apply', file('plan.json'), '--auto-approve']);
    expect(guarded.code).toBe(1);
    expect(guarded.stderr).toContain(`salesdormant@${DOMAIN}`);
    expect(emulator.requests().filter((r) => r.write)).toEqual([]);
    const run = await cli([
      'reclaim',
      'apply',
      file('plan.json'),
      '--auto-approve',
      '--allow-data-loss',
      '--json',
    ]);
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as { results: { id: string; kind: string; status: string }[] };
    expect(result.results.map((r) => [r.id, r.kind, r.status])).toEqual([
      [id(1), 'removeDirectLicense', 'applied'],
      [id(2), 'removeGroupMember', 'applied'],
    ]);
    expect(
      emulator
        .requests()
        .filter((r) => r.write)
        .map((r) => [r.method, r.path]),
    ).toEqual([
      ['DELETE', `/v1.0/groups/${SALES}/members/${id(2)}/$ref`],
      ['POST', `/v1.0/users/${id(1)}/assignLicense`],
    ]);
  });

  it('a bad exceptions file or a missing option fails before any request, naming the field', async () => {
    writeFileSync(file('bad.yaml'), 'users: ceo\n');
    const before = emulator.requests().length;
    const bad = await cli([...find, file('bad.yaml')]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('users: must be a list, got "ceo".');
    const missing = await cli(['reclaim', '--grace-days', '30']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('reclaim needs --inactive-days N');
    expect(emulator.requests().length).toBe(before);
  });
});
