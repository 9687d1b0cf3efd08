import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type RunningEmulator, type Seed, startEmulator } from '@entra-licensing/graph-emulator';
import type { Finding, LicenseReport } from '@entra-licensing/licensing';
import { getCatalog } from '@entra-licensing/sku-catalog';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { runCli } from '../test-support/run-cli.js';

const APP = {
  clientId: '5b1c1a0e-7d1f-4a8e-9a43-0e2f7c6d9b11',
  clientSecret: 'report-admin-secret-0123456789',
};
const DAY = 86_400_000;
const inDays = (days: number) => new Date(Date.now() + days * DAY).toISOString();

/** A tenant in which each finding kind but `newServicePlan` occurs (that one needs a baseline and a new plan). */
const SEED: Seed = {
  tenant: { displayName: 'Contoso Report', domain: 'contosoreport.onmicrosoft.com', countryLetterCode: 'US' },
  apps: [
    {
      name: 'report-admin',
      clientId: APP.clientId,
      clientSecret: APP.clientSecret,
      roles: [
        'LicenseAssignment.ReadWrite.All',
        'User.ReadWrite.All',
        'GroupMember.Read.All',
        'Organization.Read.All',
      ],
    },
  ],
  skus: [
    { sku: 'SPE_F1', enabled: 5 },
    { sku: 'EXCHANGESTANDARD', enabled: 10 },
    { sku: 'POWER_BI_PRO', enabled: 5 },
  ],
  subscriptions: [
    { sku: 'SPE_E3', status: 'Enabled', totalLicenses: 2, nextLifecycleDateTime: inDays(10) },
    { sku: 'EMS', status: 'Enabled', totalLicenses: 1 },
    { sku: 'EMS', status: 'Warning', totalLicenses: 1, nextLifecycleDateTime: inDays(20) },
    { sku: 'EMS', status: 'Suspended', totalLicenses: 1 },
    { sku: 'EMS', status: 'LockedOut', totalLicenses: 1 },
  ],
  users: [
    {
      userPrincipalName: 'adele@contosoreport.onmicrosoft.com',
      displayName: 'Adele',
      usageLocation: 'US',
      licenses: [{ sku: 'SPE_E3' }, { sku: 'EMS' }],
    },
    {
      userPrincipalName: 'megan@contosoreport.onmicrosoft.com',
      displayName: 'Megan',
      usageLocation: 'US',
      licenses: [{ sku: 'SPE_E3', disabledPlans: ['TEAMS1'] }, { sku: 'EMS' }],
    },
    { userPrincipalName: 'alex@contosoreport.onmicrosoft.com', displayName: 'Alex', usageLocation: 'US' },
    { userPrincipalName: 'allan@contosoreport.onmicrosoft.com', displayName: 'Allan', usageLocation: 'US' },
    {
      userPrincipalName: 'yara@contosoreport.onmicrosoft.com',
      displayName: 'Yara',
      usageLocation: 'US',
      licenses: [{ sku: 'EXCHANGESTANDARD' }],
    },
    {
      userPrincipalName: 'former@contosoreport.onmicrosoft.com',
      displayName: 'Former',
      usageLocation: 'US',
      accountEnabled: false,
      licenses: [{ sku: 'POWER_BI_PRO' }],
    },
    {
      userPrincipalName: 'partner@contosoreport.onmicrosoft.com',
      displayName: 'Partner',
      usageLocation: 'US',
      userType: 'Guest',
      licenses: [{ sku: 'POWER_BI_PRO' }],
    },
  ],
  groups: [
    {
      displayName: 'Sales',
      kind: 'security',
      members: [
        'megan@contosoreport.onmicrosoft.com',
        'alex@contosoreport.onmicrosoft.com',
        'allan@contosoreport.onmicrosoft.com',
      ],
      licenses: [{ sku: 'SPE_E3', disabledPlans: ['TEAMS1'] }],
    },
    {
      displayName: 'Frontline',
      kind: 'security',
      members: ['yara@contosoreport.onmicrosoft.com'],
      licenses: [{ sku: 'SPE_F1' }],
    },
  ],
};

let emulator: RunningEmulator;
let dir: string;
let env: Record<string, string>;
let endpoint: string[];

const file = (name: string) => path.join(dir, name);

async function report(name: string, ...extra: string[]): Promise<LicenseReport> {
  const run = await runCli(['report', '--format', 'json', '--out', file(name), ...endpoint, ...extra], env);
  expect(run.stderr).not.toContain(APP.clientSecret);
  expect({ code: run.code, stderr: run.code === 0 ? '' : run.stderr }).toEqual({ code: 0, stderr: '' });
  return JSON.parse(readFileSync(file(name), 'utf8')) as LicenseReport;
}

function ofKind(r: LicenseReport, kind: Finding['kind']): Finding[] {
  return r.findings.filter((f) => f.kind === kind);
}

/** Saves a finding's desired-state fix and applies it through the CLI. */
async function applyFix(finding: Finding | undefined, ...extra: string[]): Promise<void> {
  expect(finding?.fix?.desiredState).toBeDefined();
  expect(finding?.fix?.command).toMatch(/^entra-licensing apply fix\.yaml/);
  writeFileSync(file('fix.yaml'), stringify(finding?.fix?.desiredState));
  const run = await runCli(['apply', file('fix.yaml'), '--auto-approve', ...endpoint, ...extra], env);
  expect({ code: run.code, stderr: run.code === 0 ? '' : run.stderr + run.stdout }).toEqual({
    code: 0,
    stderr: '',
  });
}

beforeAll(async () => {
  emulator = await startEmulator({ seed: SEED, timeScale: 100, processingDelayMs: 2000, throttle: 'off' });
  dir = mkdtempSync(path.join(tmpdir(), 'entra-licensing-report-e2e-'));
  env = {
    AZURE_TENANT_ID: emulator.tenantId,
    AZURE_CLIENT_ID: APP.clientId,
    AZURE_CLIENT_SECRET: APP.clientSecret,
  };
  endpoint = ['--graph-base-url', emulator.url, '--login-base-url', emulator.url];
  // Let the seed's group licenses be processed (members in error are then known).
  for (const group of ['Sales', 'Frontline'])
    await runCli(['wait', group, '--timeout', '120', ...endpoint], env);
});

afterAll(async () => {
  await emulator?.stop();
  if (dir && !process.env.KEEP_REPORT_DIR) rmSync(dir, { recursive: true, force: true });
  else if (dir) console.log('kept', dir);
});

describe('entra-licensing report against the emulator over HTTP', () => {
  let first: LicenseReport;

  it('reads the tenant and writes the JSON contract with every seeded finding', async () => {
    first = await report('first.json');
    expect(first.tenant).toEqual({ id: emulator.tenantId, displayName: 'Contoso Report' });
    expect(Object.keys(first).sort()).toEqual(['details', 'findings', 'generatedAt', 'skus', 'tenant']);
    const e3 = first.skus.find((s) => s.skuPartNumber === 'SPE_E3');
    expect(e3).toEqual({
      skuId: getCatalog().productsByPartNumber.get('SPE_E3')?.[0]?.skuId,
      skuPartNumber: 'SPE_E3',
      productName: 'Microsoft 365 E3',
      enabled: 2,
      consumed: 2,
      warning: 0,
      suspended: 0,
      lockedOut: 0,
      available: 0,
      backlog: { members: 2, seatsNeeded: 2 },
    });
    const kinds = new Set(first.findings.map((f) => f.kind));
    expect([...kinds].sort()).toEqual(
      [
        'backlog',
        'expiring',
        'warning',
        'suspended',
        'lockedOut',
        'overAssigned',
        'duplicateAssignment',
        'overlappingSkus',
        'disabledAccountLicensed',
        'guestLicensed',
        'memberErrors',
      ].sort(),
    );
    const [backlog] = ofKind(first, 'backlog');
    expect(backlog?.users?.map((u) => u.userPrincipalName).sort()).toEqual([
      'alex@contosoreport.onmicrosoft.com',
      'allan@contosoreport.onmicrosoft.com',
    ]);
    expect(ofKind(first, 'expiring').map((f) => [f.skuPartNumber, f.count])).toEqual([['SPE_E3', 10]]);
    expect(
      ofKind(first, 'memberErrors')
        .map((f) => f.groupName)
        .sort(),
    ).toEqual(['Frontline', 'Sales']);
    const frontline = ofKind(first, 'memberErrors').find((f) => f.groupName === 'Frontline');
    expect(frontline?.fix?.desiredState).toEqual({
      groups: [{ group: 'Frontline', licenses: [{ sku: 'SPE_F1', disabledPlans: ['EXCHANGE_S_DESKLESS'] }] }],
    });
  });

  it('each fix applied through the CLI clears its finding in the next report', async () => {
    // One fix at a time, each from a fresh report (a fix file states the tenant as it was read).
    for (const kind of [
      'duplicateAssignment',
      'guestLicensed',
      'disabledAccountLicensed',
      'overlappingSkus',
    ] as const) {
      const now = await report(`before-${kind}.json`);
      await applyFix(ofKind(now, kind)[0]);
    }
    const frontline = ofKind(await report('before-frontline.json'), 'memberErrors').find(
      (f) => f.groupName === 'Frontline',
    );
    await applyFix(frontline);
    expect(frontline?.fix?.command).toBe(
      'entra-licensing apply fix.yaml && entra-licensing reprocess group Frontline',
    );
    const reprocess = await runCli(['reprocess', 'group', 'Frontline', ...endpoint], env);
    expect(reprocess.code).toBe(0);
    await runCli(['wait', 'Frontline', '--timeout', '120', ...endpoint], env);

    const second = await report('second.json');
    expect(ofKind(second, 'duplicateAssignment')).toEqual([]);
    expect(ofKind(second, 'guestLicensed')).toEqual([]);
    expect(ofKind(second, 'disabledAccountLicensed')).toEqual([]);
    // Yara's new SPE_F1 (from the Frontline fix) shares one add-on plan with her Exchange Online (Plan 1): no overlap.
    expect(ofKind(second, 'overlappingSkus')).toEqual([]);
    expect(ofKind(second, 'memberErrors').map((f) => f.groupName)).toEqual(['Sales']);
  });

  it('newServicePlan: a plan Microsoft adds shows against the baseline, and its fix clears it', async () => {
    const baseline = await report('baseline.json');
    const plan = {
      servicePlanName: 'REPORT_TEST_NEW_PLAN',
      servicePlanId: '7d3c2b1a-0f9e-4d8c-b7a6-123456789abc',
    };
    const answer = await fetch(`${emulator.url}/_emulator/skus/SPE_E3/servicePlans`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(plan),
    });
    expect(answer.status).toBe(201);
    const withPlan = await report('with-plan.json', '--baseline', file('baseline.json'));
    const [found] = ofKind(withPlan, 'newServicePlan');
    expect(found).toMatchObject({
      kind: 'newServicePlan',
      severity: 'warning',
      skuPartNumber: 'SPE_E3',
      groupName: 'Sales',
      fix: {
        desiredState: {
          groups: [
            {
              group: 'Sales',
              licenses: [{ sku: 'SPE_E3', disabledPlans: ['REPORT_TEST_NEW_PLAN', 'TEAMS1'] }],
            },
          ],
        },
      },
    });
    expect(withPlan.details.comparison?.newServicePlans).toEqual([{ skuPartNumber: 'SPE_E3', ...plan }]);
    expect(baseline.generatedAt < withPlan.generatedAt).toBe(true);
    await applyFix(found);
    const after = await report('after-plan.json', '--baseline', file('baseline.json'));
    expect(ofKind(after, 'newServicePlan')).toEqual([]);
  });

  it('html, csv and md: HTML into license-report.html by default, the others on stdout', async () => {
    const csv = await runCli(['report', '--format', 'csv', ...endpoint], env);
    expect(csv.code).toBe(0);
    const lines = csv.stdout.trimEnd().split('\r\n');
    expect(lines[0]).toBe('kind,severity,skuPartNumber,groupId,groupName,count,users,message,fix,fixCommand');
    const md = await runCli(['report', '--format', 'md', ...endpoint], env);
    expect(md.stdout.startsWith('# License health: Contoso Report\n')).toBe(true);
    const html = await runCli(['report', '--out', file('r.html'), ...endpoint], env);
    expect(html.code).toBe(0);
    expect(readFileSync(file('r.html'), 'utf8').startsWith('<!doctype html>')).toBe(true);
  });

  it('a bad price file is refused before any request, naming the field and the value', async () => {
    writeFileSync(file('prices.yaml'), 'prices:\n  SPE_E3: { amount: 36, currency: usd, period: month }\n');
    const before = emulator.requests().length;
    const run = await runCli(['report', '--json', '--prices', file('prices.yaml'), ...endpoint], env);
    expect(run.code).toBe(1);
    expect(emulator.requests().length).toBe(before);
    const answer = JSON.parse(run.stdout) as {
      ok: boolean;
      errors: { code: string; field: string; value: unknown }[];
    };
    expect(answer.errors.map((e) => [e.code, e.field, e.value])).toEqual([
      ['PRICES_INVALID', 'prices.SPE_E3.currency', 'usd'],
    ]);
  });
});
