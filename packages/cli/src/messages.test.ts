import { writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { signClientAssertion } from '@entra-licensing/graph-emulator/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliEmulator, SECRET, seedIds, startCliEmulator } from './test-support/cli-emulator.js';
import { type CliRun, runCli } from './test-support/run-cli.js';

// Issue 22 points 4, 9 and 10, issue 26's CLI items: what the CLI says, and how it shows what the tenant says.

let t: CliEmulator;
const cli = (args: string[], extraEnv: Record<string, string> = {}) =>
  runCli([...args, ...t.endpoint], { ...t.env, ...extraEnv });

function errorsOf(
  run: CliRun,
): { code: string; field?: string; value?: unknown; message: string; line?: number }[] {
  return (JSON.parse(run.stdout) as { errors: { code: string; field?: string; message: string }[] }).errors;
}

beforeAll(async () => {
  t = await startCliEmulator();
});
afterAll(async () => {
  await t?.stop();
});

describe('names from the tenant are shown escaped (22.4)', () => {
  it('a group named with terminal escape codes and a bidi override: escaped in the plan and in wait', async () => {
    const group = t.emulator.state.groups.get(seedIds.groups.empty);
    if (!group) throw new Error('seed changed: no Empty Group');
    const original = group.displayName;
    group.displayName = 'Ops\u001b[2K\u001b[31m red\u202egpj.exe';
    try {
      const file = t.file('escapes.yaml');
      writeFileSync(
        file,
        ['groups:', `  - group: ${group.id}`, '    licenses: [POWER_BI_STANDARD]', ''].join('\n'),
      );
      const plan = await cli(['plan', file], { NO_COLOR: '1' });
      expect(plan.code).toBe(0);
      expect(plan.stdout.split('\n')).toContain(
        `License plan for group Ops\\e[2K\\e[31m red\\u202egpj.exe (${group.id}):`,
      );
      expect([plan.stdout + plan.stderr].map((o) => [o.includes('\u001b'), o.includes('\u202e')])).toEqual([
        [false, false],
      ]);
      const wait = await cli(['wait', group.id], { NO_COLOR: '1' });
      expect([wait.stdout + wait.stderr].map((o) => [o.includes('\u001b'), o.includes('\u202e')])).toEqual([
        [false, false],
      ]);
      expect(wait.stdout).toBe(
        `group Ops\\e[2K\\e[31m red\\u202egpj.exe (${group.id}): holds no licenses; there is no license processing to wait for.\n`,
      );
    } finally {
      group.displayName = original;
    }
  });
});

describe('the file: every mistake located, before sign-in (22.10)', () => {
  const plan = async (name: string, content: string | Buffer) => {
    const file = t.file(name);
    writeFileSync(file, content);
    const before = t.emulator.requests().length;
    const run = await cli(['plan', file, '--json']);
    expect(t.emulator.requests().length).toBe(before); // nothing sent: not even the sign-in
    return run;
  };

  it('a Latin-1 byte is "not UTF-8" at its line and column', async () => {
    const run = await plan(
      'latin1.yaml',
      Buffer.from('groups:\n  - group: Caf\xe9\n    licenses: [SPE_E3]\n', 'latin1'),
    );
    expect(errorsOf(run).map((e) => [e.code, e.line, e.message])).toEqual([
      [
        'FILE_NOT_UTF8',
        2,
        'is not UTF-8: byte 0xe9 at offset 22 (saved as Latin-1 or Windows-1252?). Save the file as UTF-8.',
      ],
    ]);
  });

  it('a duplicate key names the key; an alias bomb is located', async () => {
    const dup = await plan(
      'dup.yaml',
      'groups:\n  - group: Sales\n    group: Other\n    licenses: [SPE_E3]\n',
    );
    expect(errorsOf(dup).map((e) => [e.code, e.field, e.line])).toEqual([['FILE_DUPLICATE_KEY', 'group', 3]]);
    const bomb = await plan(
      'bomb.yaml',
      'a: &a [1,1,1,1,1,1,1,1,1,1]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\n',
    );
    expect(errorsOf(bomb).map((e) => [e.code, e.line])).toEqual([['FILE_ALIASES', 2]]);
  });

  it('licenses: [] without exclusive says how to remove everything or leave the group alone', async () => {
    const run = await plan('empty-list.yaml', 'groups:\n  - group: Sales\n    licenses: []\n');
    expect(errorsOf(run)).toEqual([
      {
        code: 'FILE_EMPTY_LICENSES',
        field: 'groups[0].licenses',
        value: [],
        file: t.file('empty-list.yaml'),
        line: 3,
        column: 15,
        message:
          'is empty, which says nothing: to remove every license of this group, add exclusive: true; to leave the group alone, delete the entry (a group not named is not managed).',
      },
    ]);
  });

  it('an empty file says that it manages nothing', async () => {
    const file = t.file('nothing.yaml');
    writeFileSync(file, '');
    const run = await cli(['plan', file]);
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toBe(`No targets: ${file} names no group and no user, so nothing is managed.`);
  });
});

describe('sign-in messages (22.10)', () => {
  it('a secret set in AZURE_CLIENT_ID is not echoed; a blank AZURE_CLIENT_SECRET is named as such', async () => {
    const wrong = await cli(['skus', '--json'], { AZURE_CLIENT_ID: SECRET });
    expect(wrong.code).toBe(1);
    expect(wrong.stdout + wrong.stderr).not.toContain(SECRET);
    expect(errorsOf(wrong).map((e) => [e.code, e.field, e.value])).toEqual([
      ['SIGN_IN_INVALID', 'AZURE_CLIENT_ID', undefined],
    ]);
    const blank = await cli(['skus', '--json'], { AZURE_CLIENT_SECRET: '   ' });
    expect(errorsOf(blank).map((e) => [e.code, e.field])).toEqual([
      ['SIGN_IN_INVALID', 'AZURE_CLIENT_SECRET'],
    ]);
  });

  it('workload identity: AZURE_FEDERATED_TOKEN_FILE signs in with the token in the file, no secret', async () => {
    const tokenFile = t.file('federated-token');
    writeFileSync(
      tokenFile,
      await signClientAssertion({
        clientId: seedIds.apps.licensingAdmin.clientId,
        tokenEndpoint: `${t.emulator.url}/${t.env.AZURE_TENANT_ID}/oauth2/v2.0/token`,
      }),
    );
    const run = await runCli(['skus', '--json', ...t.endpoint], {
      AZURE_TENANT_ID: t.env.AZURE_TENANT_ID as string,
      AZURE_CLIENT_ID: seedIds.apps.licensingAdmin.clientId,
      AZURE_FEDERATED_TOKEN_FILE: tokenFile,
    });
    expect([run.code, run.stderr]).toEqual([0, '']);
    expect((JSON.parse(run.stdout) as unknown[]).length).toBeGreaterThan(5);
    const missing = await runCli(['skus', '--json', ...t.endpoint], {
      AZURE_TENANT_ID: t.env.AZURE_TENANT_ID as string,
      AZURE_CLIENT_ID: seedIds.apps.licensingAdmin.clientId,
      AZURE_FEDERATED_TOKEN_FILE: t.file('no-such-token'),
    });
    expect(errorsOf(missing).map((e) => [e.code, e.field])).toEqual([
      ['FEDERATED_TOKEN_NOT_READABLE', 'AZURE_FEDERATED_TOKEN_FILE'],
    ]);
  });

  it('managed identity (ENTRA_MANAGED_IDENTITY=1): the token of the host identity endpoint reaches Graph', async () => {
    // An App Service-style identity endpoint on loopback, handing out a token the emulator issued to the app.
    const asked: string[] = [];
    const server = http.createServer((req, res) => {
      asked.push(`${req.method} ${req.url} ${String(req.headers['x-identity-header'])}`);
      void fetch(`${t.emulator.url}/${t.env.AZURE_TENANT_ID}/oauth2/v2.0/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          client_id: t.env.AZURE_CLIENT_ID as string,
          client_secret: SECRET,
          scope: 'https://graph.microsoft.com/.default',
          grant_type: 'client_credentials',
        }).toString(),
      })
        .then((r) => r.json() as Promise<{ access_token: string }>)
        .then((token) => {
          res.setHeader('content-type', 'application/json');
          res.end(
            JSON.stringify({
              access_token: token.access_token,
              expires_on: String(Math.floor(Date.now() / 1000) + 3600),
              resource: 'https://graph.microsoft.com',
              token_type: 'Bearer',
            }),
          );
        });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const port = (server.address() as AddressInfo).port;
      const run = await runCli(['skus', '--json', ...t.endpoint], {
        AZURE_TENANT_ID: t.env.AZURE_TENANT_ID as string,
        ENTRA_MANAGED_IDENTITY: '1',
        IDENTITY_ENDPOINT: `http://127.0.0.1:${port}/msi/token`,
        IDENTITY_HEADER: 'identity-header-value',
      });
      expect([run.code, run.stderr]).toEqual([0, '']);
      expect((JSON.parse(run.stdout) as unknown[]).length).toBeGreaterThan(5);
      expect(asked).toEqual([
        'GET /msi/token?api-version=2019-08-01&resource=https%3A%2F%2Fgraph.microsoft.com identity-header-value',
      ]);
    } finally {
      server.close();
    }
  });

  it('--verbose logs each request, never a token or the secret', async () => {
    const run = await cli(['skus', '--json', '--verbose']);
    expect(run.code).toBe(0);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toContain(`→ POST ${t.emulator.url}/${t.env.AZURE_TENANT_ID}/oauth2/v2.0/token`);
    expect(lines).toContain(`→ GET ${t.emulator.url}/v1.0/subscribedSkus`);
    expect(lines.some((l) => l.startsWith(`← 200 GET ${t.emulator.url}/v1.0/subscribedSkus (`))).toBe(true);
    expect(run.stderr).not.toContain(SECRET);
    expect(run.stderr).not.toMatch(/eyJ[\w-]*\.|Bearer/);
  });
});

describe('output and advice (22.9, 26)', () => {
  it('export --json --format yaml without --out is refused instead of writing YAML', async () => {
    const run = await cli(['export', '--json', '--format', 'yaml']);
    expect(run.code).toBe(1);
    expect(errorsOf(run).map((e) => [e.code, e.field])).toEqual([['CONFLICTING_OPTIONS', '--format']]);
  });

  it('--output csv and md for skus, plan and export --users', async () => {
    const csv = await cli(['skus', '--output', 'csv']);
    expect(csv.code).toBe(0);
    const rows = csv.stdout.trim().split('\n');
    expect(rows[0]).toBe('product,partNumber,skuId,seats,used,free,status,appliesTo');
    expect(rows).toContain(`Microsoft 365 E5,SPE_E5,${seedIds.skus.SPE_E5},10,0,10,Enabled,User`);
    const md = await cli(['skus', '--output', 'md']);
    expect(md.stdout.split('\n').slice(0, 2)).toEqual([
      '| product | partNumber | skuId | seats | used | free | status | appliesTo |',
      '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ]);
    const exported = await cli(['export', '--users', '--output', 'csv']);
    expect(exported.code).toBe(0);
    expect(exported.stdout.split('\n')).toContain('group,Sales,Microsoft 365 E3,');
    const file = t.file('csv-plan.yaml');
    writeFileSync(
      file,
      ['groups:', '  - group: Sales', '    licenses: [SPE_E3, POWER_BI_STANDARD]', ''].join('\n'),
    );
    const plan = await cli(['plan', file, '--output', 'csv']);
    expect(plan.stdout.trim().split('\n')).toEqual([
      'entry,target,action,sku,plans disabled,plans enabled',
      `groups[0],group Sales (${seedIds.groups.sales}),add,Microsoft Fabric (Free) (POWER_BI_STANDARD),,`,
    ]);
  });

  it('an ineligible group named by name: the error shows the name typed, not the resolved id', async () => {
    const file = t.file('all-staff.yaml');
    writeFileSync(file, ['groups:', '  - group: All Staff', '    licenses: [SPE_E3]', ''].join('\n'));
    const run = await cli(['plan', file, '--json']);
    expect(run.code).toBe(1);
    expect(errorsOf(run).map((e) => [e.field, e.value])).toEqual([['groups[0].group', 'All Staff']]);
  });

  it('a user without usage location: advice the CLI user can follow, no null value', async () => {
    const file = t.file('dana.yaml');
    writeFileSync(
      file,
      ['users:', '  - user: dana@contoso.onmicrosoft.com', '    licenses: [POWER_BI_STANDARD]', ''].join(
        '\n',
      ),
    );
    const run = await cli(['plan', file, '--json']);
    expect(errorsOf(run).map((e) => [e.code, e.field, e.value])).toEqual([
      ['USAGE_LOCATION_MISSING', 'users[0].user', 'dana@contoso.onmicrosoft.com'],
    ]);
    expect(errorsOf(run)[0]?.message).toBe(
      `user Dana Kim (${seedIds.users.dana}) has no usage location, and Graph assigns no license to a user without one. Set it on the user (Entra admin center: the user's Properties, Usage location; or Graph: PATCH /users/{id} {"usageLocation": "US"}), then plan again.`,
    );
  });

  it('members in error: why and what to do once per cause, then reprocess group / user', async () => {
    const file = t.file('rollout.yaml');
    writeFileSync(
      file,
      ['groups:', '  - group: E5 Rollout', '    licenses: [Microsoft 365 E5]', ''].join('\n'),
    );
    expect((await cli(['apply', file, '--auto-approve'])).code).toBe(0);
    const wait = await cli(['wait', 'E5 Rollout'], { NO_COLOR: '1' });
    expect(wait.code).toBe(3);
    const lines = wait.stdout.split('\n');
    expect(lines.filter((l) => l.startsWith('      why: ')).length).toBe(1);
    expect(lines.filter((l) => l.startsWith('      what to do: ')).length).toBe(1);
    expect(
      lines.find((l) => l.startsWith('  Microsoft 365 E5 (SPE_E5): CountViolation: '))?.split(', ').length,
    ).toBe(4);
    expect(lines).toContain(
      '  after fixing the cause: entra-licensing reprocess group <group> (each member in error), or reprocess user <upn>',
    );

    const before = t.emulator.requests().filter((r) => r.path.endsWith('/reprocessLicenseAssignment')).length;
    const group = await cli(['reprocess', 'group', 'E5 Rollout', '--json']);
    expect(group.code).toBe(0);
    const reprocessed = (JSON.parse(group.stdout) as { reprocessed: { ok: boolean }[] }).reprocessed;
    expect(reprocessed.map((r) => r.ok)).toEqual([true, true, true, true]);
    const user = await cli(['reprocess', 'user', 'adele@contoso.onmicrosoft.com']);
    expect(user.code).toBe(0);
    expect(t.emulator.requests().filter((r) => r.path.endsWith('/reprocessLicenseAssignment')).length).toBe(
      before + 5,
    );
  });
});
