import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, parseDocument } from 'yaml';
import { type CliEmulator, SECRET, seedIds, startCliEmulator } from './test-support/cli-emulator.js';
import { allOutputs, runCli } from './test-support/run-cli.js';

const E5 = seedIds.skus.ENTERPRISEPREMIUM;
const SPE_E3 = '05e9a617-0261-4cee-bb44-138d3ef5d965';

let t: CliEmulator;
const cli = (args: string[], extraEnv: Record<string, string> = {}) =>
  runCli([...args, ...t.endpoint], { ...t.env, ...extraEnv });

beforeAll(async () => {
  t = await startCliEmulator();
});
afterAll(async () => {
  await t?.stop();
});

function salesLicenses(): string[] {
  const sales = t.emulator.state.groups.get(seedIds.groups.sales);
  return (sales?.assignedLicenses ?? []).map((l) => l.skuId).sort();
}

describe('licenses as code, end to end against the emulator (the built bin, over HTTP)', () => {
  const file = () => t.file('licenses.yaml');

  it('export writes the tenant’s group licenses by product name, with $schema first', async () => {
    const run = await cli(['export', '--out', file()]);
    expect(run.code).toBe(0);
    const text = readFileSync(file(), 'utf8');
    const doc = parse(text) as { $schema: string; groups: { group: string; licenses: unknown[] }[] };
    expect(Object.keys(doc)[0]).toBe('$schema');
    expect(doc.$schema).toBe(
      'https://raw.githubusercontent.com/entra-licensing/entra-licensing/main/packages/cli/schema/licenses.schema.json',
    );
    expect(doc.groups.find((g) => g.group === 'Sales')?.licenses).toEqual([
      { sku: 'Microsoft 365 E3', disabledPlans: [] },
    ]);
    expect(doc.groups.find((g) => g.group === 'Frontline Workers')?.licenses).toEqual([
      { sku: 'Exchange Online (Plan 1)', disabledPlans: [] },
    ]);
  });

  it('plan of the export: no changes, exit 0 with --detailed-exitcode, and nothing written', async () => {
    const before = t.writes().length;
    const run = await cli(['plan', file(), '--detailed-exitcode']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('No changes. 2 target(s) already match');
    expect(t.writes().length).toBe(before);
  });

  it('one license added by product name: plan exits 2 and names it', async () => {
    const doc = parseDocument(readFileSync(file(), 'utf8'));
    const groups = doc.get('groups') as { items: { get(key: string): unknown }[] };
    const sales = groups.items.find((g) => g.get('group') === 'Sales') as {
      get(key: string): { add(value: unknown): void };
    };
    sales.get('licenses').add(doc.createNode({ sku: 'Office 365 E5', disabledPlans: ['Microsoft Teams'] }));
    writeFileSync(file(), doc.toString());

    const run = await cli(['plan', file(), '--detailed-exitcode']);
    expect(run.code).toBe(2);
    const lines = run.stdout.split('\n');
    expect(lines).toContain('  + Office 365 E5 (ENTERPRISEPREMIUM)');
    expect(lines).toContain('      disabled plans: Microsoft Teams (TEAMS1)');
    expect(lines).toContain('Plan: 1 to add, 0 to change, 0 to remove, on 1 of 2 target(s).');

    const json = await cli(['plan', file(), '--json']);
    expect(json.code).toBe(0);
    const plan = JSON.parse(json.stdout) as {
      hasChanges: boolean;
      targets: { ref: string; plan: { changes: { skuId: string; action: string }[] } }[];
    };
    expect(plan.hasChanges).toBe(true);
    const changes = plan.targets.find((x) => x.ref === 'Sales')?.plan.changes;
    expect(changes?.map((c) => [c.skuId, c.action])).toEqual([
      [SPE_E3, 'unchanged'],
      [E5, 'add'],
    ]);
  });

  it('apply without --auto-approve and without a terminal refuses and writes nothing', async () => {
    const before = t.writes().length;
    const run = await cli(['apply', file(), '--json']);
    expect(run.code).toBe(1);
    const out = JSON.parse(run.stdout) as { errors: { code: string; field: string }[] };
    expect(out.errors).toEqual([
      expect.objectContaining({ code: 'CONFIRMATION_NEEDED', field: '--auto-approve' }),
    ]);
    expect(t.writes().length).toBe(before);
  });

  it('apply --auto-approve --wait makes one write; the group then holds the license (read from the emulator)', async () => {
    const before = t.writes().length;
    const run = await cli(['apply', file(), '--auto-approve', '--wait']);
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n')).toContain(`group Sales (${seedIds.groups.sales}): applied`);
    expect(run.stdout).toContain(`group Sales (${seedIds.groups.sales}): processing complete`);
    const writes = t.writes().slice(before);
    expect(writes).toEqual([
      {
        method: 'POST',
        path: `/v1.0/groups/${seedIds.groups.sales}/assignLicense`,
        target: seedIds.groups.sales,
      },
    ]);
    expect(salesLicenses()).toEqual([SPE_E3, E5].sort());
    const e5 = t.emulator.state.groups
      .get(seedIds.groups.sales)
      ?.assignedLicenses.find((l) => l.skuId === E5);
    expect(e5?.disabledPlans).toEqual(['57ff2da0-773e-42df-b2af-ffb7a2317929']); // TEAMS1

    const again = await cli(['plan', file(), '--detailed-exitcode']);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('No changes.');
  });

  it('a bad file fails with file:line:column, the field and the value, before any request', async () => {
    const bad = t.file('bad.yaml');
    writeFileSync(
      bad,
      ['groups:', '  - group: Sales', '    licenses:', '      - sku: Microsoft 365 E33', ''].join('\n'),
    );
    const requestsBefore = t.emulator.requests().length;
    const run = await cli(['plan', bad, '--json']);
    expect(run.code).toBe(1);
    const out = JSON.parse(run.stdout) as { errors: Record<string, unknown>[] };
    expect(out.errors).toHaveLength(1);
    expect(out.errors[0]).toMatchObject({
      code: 'SKU_NOT_FOUND',
      file: bad,
      line: 4,
      column: 14,
      field: 'groups[0].licenses[0].sku',
      value: 'Microsoft 365 E33',
    });
    expect((out.errors[0]?.suggestions as string[] | undefined)?.[0]).toBe('Microsoft 365 E3 (SPE_E3)');
    expect(run.stderr.split('\n')).toContain(
      `error: ${bad}:4:14: groups[0].licenses[0].sku "Microsoft 365 E33": no SKU matches "Microsoft 365 E33" by skuId, part number or product name. Did you mean: Microsoft 365 E3 (SPE_E3), Microsoft 365 E5 (SPE_E5), Microsoft 365 E3 (500 seats min)_HUB (Microsoft_365_E3), Microsoft 365 E5 (500 seats min)_HUB (Microsoft_365_E5), Microsoft 365 E7 (MICROSOFT_365_E7)?`,
    );
    // the names are checked against the tenant: reads only
    expect(
      t.emulator
        .requests()
        .slice(requestsBefore)
        .filter((r) => r.write),
    ).toEqual([]);

    const syntax = t.file('syntax.yaml');
    writeFileSync(syntax, ['groups:', '  - group: Sales', '   licenses: [SPE_E3]', ''].join('\n'));
    const requests = t.emulator.requests().length;
    const broken = await cli(['plan', syntax, '--json']);
    expect(broken.code).toBe(1);
    const err = (JSON.parse(broken.stdout) as { errors: Record<string, unknown>[] }).errors[0];
    expect([err?.code, err?.file, err?.line]).toEqual(['FILE_SYNTAX', syntax, 3]);
    expect(t.emulator.requests().length).toBe(requests); // a syntax error is found before signing in
  });

  it('a group name with a typo gets a did-you-mean from the tenant’s groups', async () => {
    const typo = t.file('typo.yaml');
    writeFileSync(typo, ['groups:', '  - group: Salez', '    licenses: [SPE_E3]', ''].join('\n'));
    const run = await cli(['plan', typo, '--json']);
    expect(run.code).toBe(1);
    const err = (JSON.parse(run.stdout) as { errors: Record<string, unknown>[] }).errors[0];
    expect(err).toMatchObject({
      code: 'GROUP_NOT_FOUND',
      field: 'groups[0].group',
      value: 'Salez',
      line: 2,
      column: 12,
      suggestions: ['Sales'],
    });

    // "Sаles" with a Cyrillic а (U+0430): found by its look-alike, and the odd letter named
    writeFileSync(typo, ['groups:', '  - group: S\u0430les', '    licenses: [SPE_E3]', ''].join('\n'));
    const lookAlike = await cli(['plan', typo, '--json']);
    expect(lookAlike.code).toBe(1);
    const odd = (JSON.parse(lookAlike.stdout) as { errors: Record<string, unknown>[] }).errors[0];
    expect([odd?.code, odd?.field, odd?.value, odd?.suggestions]).toEqual([
      'GROUP_NOT_FOUND',
      'groups[0].group',
      'S\u0430les',
      ['Sales'],
    ]);
    expect(odd?.message).toBe(
      // the licensing service's resolveTarget says it (one look-alike hint, in the library)
      'no group has this display name in the tenant (give its exact display name or its object id). Did you mean "Sales"? It contains characters outside ASCII ("\u0430" U+0430): is one a look-alike of a Latin letter? Nothing was sent.',
    );
  });

  it('problems the tenant reveals are all reported, each at its entry, and nothing is written', async () => {
    const file = t.file('tenant-problems.yaml');
    writeFileSync(
      file,
      [
        'groups:',
        '  - group: Sales',
        '    licenses: [Microsoft 365 E3]',
        '  - group: Marketing', // a Microsoft 365 group that is not security-enabled: cannot hold licenses
        '    licenses: [Microsoft 365 E3]',
        'users:',
        '  - user: dana@contoso.onmicrosoft.com', // no usage location
        '    licenses: [Enterprise Mobility + Security E5]',
        '',
      ].join('\n'),
    );
    const before = t.writes().length;
    const run = await cli(['apply', file, '--auto-approve', '--json']);
    expect(run.code).toBe(1);
    const errors = (JSON.parse(run.stdout) as { errors: Record<string, unknown>[] }).errors;
    expect(errors.map((e) => [e.code, e.field, e.line])).toEqual([
      ['GROUP_NOT_ELIGIBLE', 'groups[1].group', 4],
      ['USAGE_LOCATION_MISSING', 'users[0].user', 7],
    ]);
    expect(t.writes().length).toBe(before);
  });

  it('a removal beyond --max-removals is refused with nothing written', async () => {
    const exclusive = t.file('exclusive.yaml');
    writeFileSync(
      exclusive,
      [
        'groups:',
        '  - group: Sales',
        '    exclusive: true',
        '    licenses:',
        '      - Office 365 E5',
        '',
      ].join('\n'),
    );
    const plan = await cli(['plan', exclusive]);
    expect(plan.stdout.split('\n')).toContain('  - Microsoft 365 E3 (SPE_E3)');
    const before = t.writes().length;
    const run = await cli(['apply', exclusive, '--auto-approve', '--max-removals', '0', '--json']);
    expect(run.code).toBe(1);
    const out = JSON.parse(run.stdout) as { errors: Record<string, unknown>[] };
    expect(out.errors).toEqual([
      expect.objectContaining({ code: 'MAX_REMOVALS_EXCEEDED', field: '--max-removals', value: 0 }),
    ]);
    expect(t.writes().length).toBe(before);
    expect(salesLicenses()).toEqual([SPE_E3, E5].sort());

    const badNumber = await cli(['apply', exclusive, '--auto-approve', '--max-removals', '1O']);
    expect(badNumber.code).toBe(1);
    expect(badNumber.stderr).toContain("option '--max-removals <n>' argument '1O' is invalid");
    expect(t.writes().length).toBe(before);
  });

  it('skus lists the tenant’s SKUs with seats; wait reports the members in error with what to do', async () => {
    const skus = await cli(['skus', '--json']);
    expect(skus.code).toBe(0);
    const list = JSON.parse(skus.stdout) as { skuPartNumber: string; seats: { enabled: number } }[];
    expect(list.find((s) => s.skuPartNumber === 'SPE_E5')?.seats.enabled).toBe(10);

    // 14 members, 10 SPE_E5 seats: some members end in CountViolation.
    const rollout = t.file('rollout.yaml');
    writeFileSync(
      rollout,
      ['groups:', '  - group: E5 Rollout', '    licenses: [Microsoft 365 E5]', ''].join('\n'),
    );
    const apply = await cli(['apply', rollout, '--auto-approve']);
    expect(apply.code).toBe(0);
    // the seat shortfall is shown with the plan, before the write
    expect(apply.stdout.split('\n')).toContain(
      '  ! licenses[0]: Microsoft 365 E5 (SPE_E5) has 10 free seat(s) but 14 member(s) of the group do not hold it yet; 4 member(s) would fail with CountViolation.',
    );
    const wait = await cli(['wait', 'E5 Rollout', '--json']);
    expect(wait.code).toBe(3);
    const report = JSON.parse(wait.stdout) as {
      completed: boolean;
      membersWithErrors: { errors: { error: string; remediation: string }[] }[];
    };
    expect(report.completed).toBe(true);
    expect(report.membersWithErrors.length).toBe(4);
    expect(report.membersWithErrors[0]?.errors[0]?.error).toBe('CountViolation');
    const unlicensed = await cli(['wait', 'Licensing Pilot']);
    expect(unlicensed.code).toBe(0);
    expect(unlicensed.stdout).toBe(
      `group Licensing Pilot (${seedIds.groups.licensingPilot}): holds no licenses; there is no license processing to wait for.\n`,
    );
    const text = await cli(['wait', 'E5 Rollout']);
    expect(text.code).toBe(3);
    expect(text.stdout).toContain('4 member(s) in error:');
    expect(text.stdout).toContain('what to do: ');
  });

  it('--users as JSON: export, add a direct license by product name, apply; the user holds it', async () => {
    const json = t.file('licenses.json');
    const exported = await cli(['export', '--users', '--out', json]);
    expect(exported.code).toBe(0);
    const doc = JSON.parse(readFileSync(json, 'utf8')) as {
      users: { user: string; licenses: { sku: string; disabledPlans: string[] }[] }[];
    };
    const yara = doc.users.find((u) => u.user === 'yara@contoso.onmicrosoft.com');
    expect(yara?.licenses).toEqual([{ sku: 'Exchange Online Kiosk', disabledPlans: [] }]);
    expect((await cli(['plan', json, '--detailed-exitcode'])).code).toBe(0);

    yara?.licenses.push({ sku: 'Enterprise Mobility + Security E5', disabledPlans: [] });
    writeFileSync(json, JSON.stringify(doc, null, 2));
    const plan = await cli(['plan', json, '--detailed-exitcode']);
    expect(plan.code).toBe(2);
    expect(plan.stdout.split('\n')).toContain('  + Enterprise Mobility + Security E5 (EMSPREMIUM)');
    const before = t.writes().length;
    expect((await cli(['apply', json, '--auto-approve'])).code).toBe(0);
    expect(t.writes().slice(before)).toEqual([
      {
        method: 'POST',
        // a user named by UPN is written by its object id (one target, whatever the spelling)
        path: `/v1.0/users/${seedIds.users.yara}/assignLicense`,
        target: seedIds.users.yara,
      },
    ]);
    const user = t.emulator.state.users.get(seedIds.users.yara);
    expect(user?.directLicenses.map((l) => l.skuId).sort()).toEqual(
      [seedIds.skus.EMSPREMIUM, seedIds.skus.EXCHANGEDESKLESS].sort(),
    );
    expect((await cli(['plan', json, '--detailed-exitcode'])).code).toBe(0);
  });

  it('the client secret appeared in no output of any run above', () => {
    expect(allOutputs.length).toBeGreaterThan(10);
    for (const output of allOutputs) {
      expect(output).not.toContain(SECRET);
      expect(output).not.toMatch(/eyJ[\w-]*\.[\w-]*\./);
    }
  });
});
