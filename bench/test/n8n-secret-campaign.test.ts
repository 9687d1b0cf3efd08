import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { defaultSeed } from '@entra-licensing/graph-emulator';
import type { SpawnedEmulator } from '@entra-licensing/graph-emulator/testing';
import {
  type BatchResult,
  emulatorCredential,
  executeBatch,
  importCredentials,
  importWorkflows,
  setUpRealN8n,
} from '@entra-licensing/n8n-harness';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { tmpDir } from '../src/lib/paths.js';

/**
 * Secret and token campaign, n8n side: our node runs in the real n8n of the e2e cache with a credential whose client
 * secret is distinctive; a workflow that succeeds, one that fails on a bad SKU and one with Continue On Fail over
 * mixed items. Then every output is searched: the workflow results, n8n's stdout and stderr, its execution
 * snapshots, its database file (execution records) and the emulator's output. Neither the secret nor any JWT (the
 * emulator's access tokens) may appear.
 */
const SECRET = 'N8nCampaign~secret~b7e2-DO-NOT-PRINT';
const JWT = /eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/;
const CREDENTIAL = { id: 'benchSecret01', name: 'Graph emulator (distinctive secret)' };
const PILOT = '1132b215-826f-42a9-8cfe-1643d19d17fd';

const node = (name: string, parameters: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  id: name.toLowerCase().replaceAll(/\W+/g, '-'),
  name,
  type: 'n8n-nodes-entra-licensing.microsoftEntraLicensing',
  typeVersion: 1,
  position: [220, 0],
  parameters,
  credentials: { microsoftEntraLicensingApi: CREDENTIAL },
  ...extra,
});

function chain(id: string, nodes: Record<string, unknown>[]) {
  const start = {
    id: 'start',
    name: 'Start',
    type: 'n8n-nodes-base.manualTrigger',
    typeVersion: 1,
    position: [0, 0],
    parameters: {},
  };
  const all = [start, ...nodes] as { name: string }[];
  const connections: Record<string, unknown> = {};
  for (let i = 0; i < all.length - 1; i++) {
    connections[all[i]!.name] = { main: [[{ node: all[i + 1]!.name, type: 'main', index: 0 }]] };
  }
  return { id, name: id, active: false, settings: {}, nodes: all, connections };
}

const rows = (items: Record<string, unknown>[]) => [
  {
    id: 'rows',
    name: 'Rows',
    type: 'n8n-nodes-base.code',
    typeVersion: 2,
    position: [110, 0],
    parameters: { jsCode: `return ${JSON.stringify(items.map((json) => ({ json })))};` },
  },
];

const assign = (group: unknown, sku: unknown) => ({
  resource: 'group',
  operation: 'assignLicense',
  group,
  licenses: { license: [{ sku, disabledPlans: [] }] },
});

const workflows = [
  chain('benchSecretOk01', [node('Assign', assign({ __rl: true, mode: 'id', value: PILOT }, 'EMSPREMIUM'))]),
  chain('benchSecretBad01', [
    node('Assign', assign({ __rl: true, mode: 'id', value: PILOT }, 'Office 365 E55')),
  ]),
  chain('benchSecretMix01', [
    ...rows([{ sku: 'POWER_BI_STANDARD' }, { sku: 'No Such Product' }]),
    node('Assign', assign({ __rl: true, mode: 'name', value: 'Empty Group' }, '={{ $json.sku }}'), {
      onError: 'continueRegularOutput',
    }),
  ]),
];

let emulator: SpawnedEmulator;
let home: string;
let results: Record<string, BatchResult>;
let outputs: { where: string; text: string }[] = [];

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)],
  );
}

beforeAll(async () => {
  await mkdir(tmpDir, { recursive: true });
  const seedFile = path.join(tmpDir, `n8n-secret-seed-${process.pid}.json`);
  const admin = defaultSeed.apps!.find((a) => a.name === 'licensing-admin')!;
  await writeFile(seedFile, JSON.stringify({ apps: [{ ...admin, clientSecret: SECRET }] }));
  // n8n is installed and the node packed by the e2e global setup (test/support/n8n-global-setup.ts).
  const real = await setUpRealN8n({
    emulatorOptions: { timeScale: 20, extraArgs: ['--seed', seedFile] },
    tarball: inject('nodeTarball'),
  });
  emulator = real.emulator;
  home = real.home;
  await importCredentials(real.paths, home, [
    emulatorCredential(emulator, { ...CREDENTIAL, secret: SECRET }),
  ]);
  await importWorkflows(real.paths, home, workflows);
  const batch = await executeBatch(
    real.paths,
    home,
    workflows.map((w) => w.id),
  );
  results = batch.results;
  outputs = [
    { where: 'workflow results', text: JSON.stringify(batch.results) },
    { where: 'execute-batch summary', text: JSON.stringify(batch.summary) },
    { where: 'n8n stdout', text: batch.stdout },
    { where: 'n8n stderr', text: batch.stderr },
    ...filesUnder(path.join(home, 'snapshots')).map((f) => ({ where: f, text: readFileSync(f, 'utf8') })),
    ...filesUnder(path.join(home, '.n8n'))
      .filter((f) => /(\.sqlite|\.db|\.log|\.json)/.test(f) && !f.includes(`${path.sep}nodes${path.sep}`))
      .map((f) => ({ where: f, text: readFileSync(f).toString('latin1') })),
  ];
});

afterAll(() => emulator?.stop());

describe('secret and token campaign, in a real n8n', () => {
  it('ran the three workflows as expected (one succeeds, one stops on the bad SKU, one continues on fail)', () => {
    expect(results.benchSecretOk01?.status).toBe('success');
    expect(results.benchSecretBad01?.status).toBe('error');
    expect(String(results.benchSecretBad01?.error)).toContain('Office 365 E55');
    const mixed = results.benchSecretMix01?.runData?.Assign ?? [];
    expect(mixed).toHaveLength(2);
    expect(mixed[0]).toMatchObject({ status: 'applied' });
    expect(String(mixed[1]?.error)).toContain('No Such Product');
  });

  it('searched n8n’s execution database and snapshots, not only its console', () => {
    expect(outputs.some((o) => /\.sqlite$/.test(o.where))).toBe(true);
    // n8n writes a snapshot for each workflow that ran to the end (the stopped one has none).
    expect(outputs.filter((o) => o.where.includes('snapshot')).length).toBeGreaterThanOrEqual(2);
  });

  it('shows the client secret nowhere', () => {
    expect(outputs.filter((o) => o.text.includes(SECRET)).map((o) => o.where)).toEqual([]);
  });

  it('shows no access token (JWT) anywhere', () => {
    expect(outputs.filter((o) => JWT.test(o.text)).map((o) => o.where)).toEqual([]);
  });
});
