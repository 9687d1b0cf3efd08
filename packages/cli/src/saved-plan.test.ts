import { readFileSync, writeFileSync } from 'node:fs';
import { createGraphClient } from '@entra-licensing/graph-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliEmulator, seedIds, startCliEmulator } from './test-support/cli-emulator.js';
import { runCli } from './test-support/run-cli.js';

// Issue 22 point 1: what was approved is exactly what is applied. `plan --out` saves the changes and the state they
// were computed from; `apply <saved plan>` re-reads each target and refuses, before any write, one that changed.

const { skus, groups } = seedIds;

let t: CliEmulator;
const cli = (args: string[], extraEnv: Record<string, string> = {}) =>
  runCli([...args, ...t.endpoint], { ...t.env, ...extraEnv });

/** Another admin, writing to the tenant between plan and apply (over Graph, as anyone would). */
function otherAdmin() {
  return createGraphClient({
    baseUrl: t.emulator.url,
    loginBaseUrl: t.emulator.url,
    credentials: {
      tenantId: t.env.AZURE_TENANT_ID as string,
      clientId: t.env.AZURE_CLIENT_ID as string,
      clientSecret: t.env.AZURE_CLIENT_SECRET as string,
    },
  });
}

const held = (groupId: string) =>
  (t.emulator.state.groups.get(groupId)?.assignedLicenses ?? []).map((l) => l.skuId).sort();

beforeAll(async () => {
  t = await startCliEmulator();
});
afterAll(async () => {
  await t?.stop();
});

interface SavedPlanJson {
  format: string;
  tenant: string;
  targets: {
    entry: string;
    target: { kind: string; id: string };
    state: { skuId: string; disabledPlans: string[] }[];
    plan: { changes: { skuId: string; action: string }[] };
  }[];
}

describe('saved plans: plan --out FILE, apply FILE', () => {
  it('a removal approved for E3 is refused when the group now holds Office 365 E3 instead: nothing written to it', async () => {
    const desired = t.file('sales.yaml');
    // Sales holds SPE_E3; the file wants Frontline unchanged and Sales on Office 365 E5 alone (E3 removed).
    writeFileSync(
      desired,
      [
        'groups:',
        '  - group: Sales',
        '    licenses: [Office 365 E5]',
        '    exclusive: true',
        '  - group: Project Falcon',
        '    licenses: [Enterprise Mobility + Security E5]',
        '',
      ].join('\n'),
    );
    const planFile = t.file('sales.plan.json');
    const plan = await cli(['plan', desired, '--out', planFile]);
    expect(plan.code).toBe(0);
    expect(plan.stdout.split('\n')).toContain('  - Microsoft 365 E3 (SPE_E3)');
    const saved = JSON.parse(readFileSync(planFile, 'utf8')) as SavedPlanJson;
    expect(saved.format).toBe('entra-licensing-plan');
    expect(saved.targets.map((x) => [x.entry, x.target.id, x.state.map((s) => s.skuId)])).toEqual([
      ['groups[0]', groups.sales, [skus.SPE_E3]],
      ['groups[1]', groups.projectFalcon, []],
    ]);

    // meanwhile another admin replaces E3 by Office 365 E3 (ENTERPRISEPACK) on Sales
    await otherAdmin()
      .groups.byGroupId(groups.sales)
      .assignLicense.post({
        addLicenses: [{ skuId: skus.ENTERPRISEPACK, disabledPlans: [] }],
        removeLicenses: [skus.SPE_E3],
      });
    expect(held(groups.sales)).toEqual([skus.ENTERPRISEPACK]);

    const before = t.writes().length;
    const apply = await cli(['apply', planFile, '--json']);
    expect(apply.code).toBe(1);
    const errors = (
      JSON.parse(apply.stdout) as { errors: { code: string; field?: string; message: string }[] }
    ).errors;
    expect(errors.map((e) => [e.code, e.field ?? null])).toEqual([
      ['PLAN_STALE', 'groups[0]'],
      ['PLAN_STALE', null],
    ]);
    expect(errors[0]?.message).toBe(
      `the saved plan is stale for group Sales (${groups.sales}): when planned it held Microsoft 365 E3 (SPE_E3); it now holds Office 365 E3 (ENTERPRISEPACK). Nothing was written to it; plan again.`,
    );
    // without --skip-stale nothing at all is written (Project Falcon neither)
    expect(t.writes().slice(before)).toEqual([]);
    expect(held(groups.sales)).toEqual([skus.ENTERPRISEPACK]);

    // with --skip-stale: Project Falcon is written exactly as planned, Sales still not
    const partial = await cli(['apply', planFile, '--skip-stale']);
    expect(partial.code).toBe(1);
    expect(partial.stdout.split('\n')).toContain(`group Project Falcon (${groups.projectFalcon}): applied`);
    expect(partial.stdout.split('\n')).toContain(`group Sales (${groups.sales}): stale, not applied`);
    expect(
      t
        .writes()
        .slice(before)
        .map((w) => w.target),
    ).toEqual([groups.projectFalcon]);
    expect(held(groups.sales)).toEqual([skus.ENTERPRISEPACK]);
    expect(held(groups.projectFalcon)).toContain(skus.EMSPREMIUM);
  });

  it('an unchanged tenant: apply FILE writes exactly the saved body, once, and a second apply is refused as stale', async () => {
    const desired = t.file('frontline.yaml');
    writeFileSync(
      desired,
      ['groups:', '  - group: Frontline Workers', '    licenses: [POWER_BI_STANDARD]', ''].join('\n'),
    );
    const planFile = t.file('frontline.plan.json');
    expect((await cli(['plan', desired, '--out', planFile])).code).toBe(0);
    const show = await runCli(['show', planFile, '--json'], {});
    expect(show.code).toBe(0);
    const shown = JSON.parse(show.stdout) as SavedPlanJson & { hasChanges: boolean };
    expect(shown.hasChanges).toBe(true);
    expect(shown.targets[0]?.plan.changes.map((c) => [c.skuId, c.action])).toEqual([
      [skus.EXCHANGESTANDARD, 'kept'],
      [skus.POWER_BI_STANDARD, 'add'],
    ]);

    const before = t.writes().length;
    const apply = await cli(['apply', planFile]);
    expect(apply.code).toBe(0);
    expect(
      t
        .writes()
        .slice(before)
        .map((w) => [w.method, w.target]),
    ).toEqual([['POST', groups.frontline]]);
    expect(held(groups.frontline)).toEqual([skus.EXCHANGESTANDARD, skus.POWER_BI_STANDARD].sort());
    // applied once: the same plan again no longer matches the tenant (it now holds Power BI)
    const again = await cli(['apply', planFile]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(
      'PLAN_STALE'.length > 0 ? 'the saved plan is stale for group Frontline Workers' : '',
    );
    expect(t.writes().length).toBe(before + 1);
  });

  it('an update, an addition and a removal of one target: one write, exactly the approved body', async () => {
    const pilot = groups.licensingPilot;
    const first = t.file('pilot-1.yaml');
    writeFileSync(
      first,
      [
        'groups:',
        `  - group: ${pilot}`,
        '    licenses:',
        '      - sku: Office 365 E5',
        '        disabledPlans: [Microsoft Teams]',
        '      - EMSPREMIUM',
        '',
      ].join('\n'),
    );
    expect((await cli(['apply', first, '--auto-approve'])).code).toBe(0);
    const second = t.file('pilot-2.yaml');
    writeFileSync(
      second,
      [
        'groups:',
        `  - group: ${pilot}`,
        '    exclusive: true',
        '    licenses:',
        '      - sku: Office 365 E5',
        '        disabledPlans: []',
        '      - POWER_BI_STANDARD',
        '',
      ].join('\n'),
    );
    const planFile = t.file('pilot.plan.json');
    const plan = await cli(['plan', second, '--out', planFile, '--json']);
    const changes = (JSON.parse(plan.stdout) as SavedPlanJson).targets[0]?.plan.changes;
    expect(changes?.map((c) => [c.skuId, c.action])).toEqual([
      [skus.ENTERPRISEPREMIUM, 'update'],
      [skus.EMSPREMIUM, 'remove'],
      [skus.POWER_BI_STANDARD, 'add'],
    ]);
    const before = t.writes().length;
    const apply = await cli(['apply', planFile, '--json']);
    expect([
      apply.code,
      apply.code === 0
        ? ''
        : JSON.stringify((JSON.parse(apply.stdout) as { errors?: unknown }).errors ?? null),
    ]).toEqual([0, '']);
    expect(
      t
        .writes()
        .slice(before)
        .map((w) => w.target),
    ).toEqual([pilot]);
    const assigned = t.emulator.state.groups.get(pilot)?.assignedLicenses ?? [];
    expect(assigned.map((l) => [l.skuId, l.disabledPlans]).sort()).toEqual(
      [
        [skus.ENTERPRISEPREMIUM, []],
        [skus.POWER_BI_STANDARD, []],
      ].sort(),
    );
  });

  it('a saved plan for another tenant or Graph origin is refused before any write', async () => {
    const planFile = t.file('frontline.plan.json');
    const saved = JSON.parse(readFileSync(planFile, 'utf8')) as SavedPlanJson;
    const other = t.file('other-tenant.plan.json');
    writeFileSync(other, JSON.stringify({ ...saved, tenant: '00000000-0000-0000-0000-000000000001' }));
    const before = t.writes().length;
    const run = await cli(['apply', other, '--json']);
    expect(run.code).toBe(1);
    const errors = (JSON.parse(run.stdout) as { errors: { code: string }[] }).errors;
    expect(errors.map((e) => e.code)).toEqual(['SAVED_PLAN_OTHER_TENANT']);
    expect(t.writes().length).toBe(before);
  });
});

describe('one target per object: the same user or group twice is refused before any write', () => {
  it('by UPN and by object id, by casing, and a group name typed NFD beside its NFC twin', async () => {
    const file = t.file('twice.yaml');
    writeFileSync(
      file,
      [
        'groups:',
        '  - group: Sales',
        '    licenses: [Microsoft 365 E3]',
        `  - group: ${groups.sales.toUpperCase()}`,
        '    licenses: [Microsoft 365 E3]',
        'users:',
        '  - user: adele@contoso.onmicrosoft.com',
        '    licenses: [Enterprise Mobility + Security E5]',
        `  - user: ${seedIds.users.adele}`,
        '    licenses: []',
        '    exclusive: true',
        '  - user: ADELE@Contoso.onmicrosoft.com',
        '    licenses: [Enterprise Mobility + Security E5]',
        '',
      ].join('\n'),
    );
    const before = t.emulator.requests().filter((r) => r.write).length;
    const run = await cli(['plan', file, '--json']);
    expect(run.code).toBe(1);
    const errors = (JSON.parse(run.stdout) as { errors: { code: string; field: string; line: number }[] })
      .errors;
    expect(errors.map((e) => [e.code, e.field, e.line])).toEqual([
      ['DUPLICATE_TARGET', 'groups[1].group', 4],
      ['DUPLICATE_TARGET', 'users[1].user', 9],
      ['DUPLICATE_TARGET', 'users[2].user', 12],
    ]);
    expect(t.emulator.requests().filter((r) => r.write).length).toBe(before);
  });

  it('a group name typed decomposed (E + U+0301) finds the group named with the composed letter', async () => {
    const id = groups.empty;
    const group = t.emulator.state.groups.get(id);
    if (!group) throw new Error('seed changed: no Empty Group');
    const original = group.displayName;
    group.displayName = 'Caf\u00e9 Staff';
    try {
      const file = t.file('nfd.yaml');
      writeFileSync(
        file,
        ['groups:', '  - group: "Cafe\u0301 Staff"', '    licenses: [Microsoft 365 E3]', ''].join('\n'),
      );
      const run = await cli(['plan', file, '--json']);
      expect(run.code).toBe(0);
      const plan = JSON.parse(run.stdout) as { targets: { target: { id: string } }[] };
      expect(plan.targets.map((x) => x.target.id)).toEqual([id]);
    } finally {
      group.displayName = original;
    }
  });
});
