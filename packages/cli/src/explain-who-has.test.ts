import { createGraphClient } from '@entra-licensing/graph-client';
import { createLicensingService, type LicensingService } from '@entra-licensing/licensing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliEmulator, seedIds, startCliEmulator } from './test-support/cli-emulator.js';
import { runCli } from './test-support/run-cli.js';

let t: CliEmulator;
let library: LicensingService;
const cli = (args: string[]) => runCli([...args, ...t.endpoint], t.env);
const patti = `patti@${'contoso.onmicrosoft.com'}`;

beforeAll(async () => {
  t = await startCliEmulator();
  library = createLicensingService({
    client: createGraphClient({
      baseUrl: t.emulator.url,
      loginBaseUrl: t.emulator.url,
      scope: `${t.emulator.url}/.default`,
      credentials: {
        tenantId: t.env.AZURE_TENANT_ID ?? '',
        clientId: t.env.AZURE_CLIENT_ID ?? '',
        clientSecret: t.env.AZURE_CLIENT_SECRET ?? '',
      },
    }),
  });
});
afterAll(async () => {
  await t?.stop();
});

describe('explain and who-has, the built bin over HTTP', () => {
  it('explain user --json prints the contract, the same as the library', async () => {
    const run = await cli(['explain', 'user', patti, '--json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const printed = JSON.parse(run.stdout) as {
      user: unknown;
      skus: { skuPartNumber: string; paths: unknown[] }[];
    };
    expect(printed).toEqual(await library.explainUser(patti));
    expect(printed.user).toEqual({ id: seedIds.users.patti, userPrincipalName: patti });
    const pack = printed.skus.find((s) => s.skuPartNumber === 'ENTERPRISEPACK');
    expect(pack?.paths).toEqual([{ kind: 'direct', disabledPlans: [], state: 'Active', error: 'None' }]);
    expect(t.writes()).toEqual([]);
  });

  it('explain user as text names each path and each plan', async () => {
    const run = await cli(['explain', 'user', patti, '--no-color']);
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toBe(`${patti} (${seedIds.users.patti})`);
    expect(lines).toContain('    via direct [Active]');
    expect(lines).toContain('    + EXCHANGE_S_ENTERPRISE  ← direct');
  });

  it('explain of something else than a user: exit 1 naming the value', async () => {
    const run = await cli(['explain', 'group', 'Sales', '--json']);
    expect(run.code).toBe(1);
    const printed = JSON.parse(run.stdout) as {
      ok: boolean;
      errors: { code: string; field: string; value: unknown }[];
    };
    expect(printed.errors.map((e) => [e.code, e.field, e.value])).toEqual([
      ['INVALID_INPUT', 'kind', 'group'],
    ]);
  });

  it('who-has --sku in json, csv and table: the same holders as the library', async () => {
    const expected = await library.whoHas({ sku: 'SPE_E3' });
    expect(expected.length).toBe(20);
    const json = await cli(['who-has', '--sku', 'SPE_E3', '--format', 'json']);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual(expected);
    const csv = await cli(['who-has', '--sku', 'Microsoft 365 E3', '--format', 'csv']);
    const rows = csv.stdout.trimEnd().split('\r\n');
    expect(rows[0]).toBe(
      'userPrincipalName,userId,accountEnabled,skuPartNumber,servicePlanName,path,groupId,groupName,disabledPlans,state,error',
    );
    expect(rows.length).toBe(1 + expected.reduce((n, r) => n + r.paths.length, 0));
    const table = await cli(['who-has', '--plan', 'EXCHANGE_S_ENTERPRISE', '--no-color']);
    expect(table.code).toBe(0);
    const lines = table.stdout.trimEnd().split('\n');
    expect(lines[0]?.split(/\s{2,}/)).toEqual([
      'user',
      'sku',
      'plan',
      'path',
      'disabled plans',
      'state',
      'error',
    ]);
    const holders = await library.whoHas({ plan: 'EXCHANGE_S_ENTERPRISE' });
    expect(lines.length).toBe(1 + holders.reduce((n, r) => n + r.paths.length, 0));
  });

  it('who-has without --sku or --plan: exit 1 naming the option', async () => {
    const run = await cli(['who-has', '--json']);
    expect(run.code).toBe(1);
    const printed = JSON.parse(run.stdout) as { errors: { code: string; field: string }[] };
    expect(printed.errors.map((e) => [e.code, e.field])).toEqual([['INVALID_INPUT', '--sku']]);
  });
});
