import { readFileSync, writeFileSync } from 'node:fs';
import { memberImpactScenario } from '@entra-licensing/graph-emulator/testing';
import { DATA_BEARING_PLANS } from '@entra-licensing/licensing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type CliEmulator, startCliEmulator } from './test-support/cli-emulator.js';
import { runCli } from './test-support/run-cli.js';

// Issue 23 points 3 and 4, CLI side: every planned change carries its member-level impact, and `apply` refuses,
// before any write and for the whole run, a change that takes a mailbox from members who keep it through no other
// path, unless --allow-data-loss. The tenant: memberImpactScenario (one SKU, Office 365 E3, by several paths).
//   Ann: Sales (E3 without TEAMS1, SWAY) + Support (E3 without TEAMS1, EXCHANGE_S_ENTERPRISE)
//   Bob: E3 directly + Sales; Cat: Sales only; Dan: nested in Outer (E3) through Inner; Eve: guest, blocked, Sales.

const { ids, seed } = memberImpactScenario;
const { upns, users, groups, skus } = ids;

let t: CliEmulator;
const cli = (args: string[]) => runCli([...args, ...t.endpoint], t.env);

/** A SKU's service plan names, from the emulator's tenant. */
function planNames(skuId: string): string[] {
  const sku = t.emulator.state.skus.get(skuId);
  if (!sku) throw new Error(`the scenario has no SKU ${skuId}`);
  return sku.servicePlans.map((p) => p.servicePlanName).sort();
}

/** The E3 service plans Sales leaves on: every plan of the SKU but the two it disables. */
function salesPlans(): string[] {
  return planNames(skus.ENTERPRISEPACK).filter((name) => name !== 'TEAMS1' && name !== 'SWAY');
}

const heldBy = (groupId: string) =>
  (t.emulator.state.groups.get(groupId)?.assignedLicenses ?? []).map((l) => l.skuId).sort();

/** Sales as the desired file wants it: no license at all (E3 removed), everything else left out of the file. */
function salesWithout(): string {
  const file = t.file('sales-none.yaml');
  writeFileSync(
    file,
    ['groups:', '  - group: Sales', '    licenses: []', '    exclusive: true', ''].join('\n'),
  );
  return file;
}

/** Support gains Entra ID P1 and keeps E3 as it is: it takes nothing from anybody. */
function supportGainsP1(): string {
  const file = t.file('support-p1.yaml');
  writeFileSync(
    file,
    ['groups:', '  - group: Support', '    licenses: [Microsoft Entra ID P1]', ''].join('\n'),
  );
  return file;
}

interface Entry {
  id: string;
  userPrincipalName: string | null;
  skus: string[];
  plans: string[];
  dataBearing: string[];
}
interface PlanJson {
  targets: {
    ref: string;
    hasChanges: boolean;
    impact?: { members: number; losing: Entry[]; gaining: Entry[] };
  }[];
}

beforeAll(async () => {
  t = await startCliEmulator(seed);
});
beforeEach(() => {
  t.emulator.reset();
});
afterAll(async () => {
  await t?.stop();
});

describe('member impact in plan, and the data-loss guard of apply', () => {
  it('plan --json: each member who loses something, exactly, once every other path is counted', async () => {
    const run = await cli(['plan', salesWithout(), '--json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const printed = JSON.parse(run.stdout) as PlanJson;
    const sales = printed.targets.find((x) => x.ref === 'Sales');
    const all = salesPlans();
    const bearing = (plans: string[]) => plans.filter((p) => DATA_BEARING_PLANS.has(p));
    expect(bearing(all)).toContain('EXCHANGE_S_ENTERPRISE');
    expect(sales?.impact).toEqual({
      // Ann, Bob, Cat, Eve: Sales' direct user members (Dan is only in a nested group of another group)
      members: 4,
      losing: [
        // Ann keeps E3 through Support, which disables the mailbox plan: she loses exactly that plan
        {
          id: users.ann,
          userPrincipalName: upns.ann,
          skus: [],
          plans: ['EXCHANGE_S_ENTERPRISE'],
          dataBearing: ['EXCHANGE_S_ENTERPRISE'],
        },
        // Cat has E3 through Sales only: the whole SKU, every plan Sales left on
        {
          id: users.cat,
          userPrincipalName: upns.cat,
          skus: ['ENTERPRISEPACK'],
          plans: all,
          dataBearing: bearing(all),
        },
        // Eve (guest, sign-in blocked) holds it the same way
        {
          id: users.eve,
          userPrincipalName: upns.eve,
          skus: ['ENTERPRISEPACK'],
          plans: all,
          dataBearing: bearing(all),
        },
      ],
      // Bob holds E3 directly with every plan on: he loses nothing and is in neither list
      gaining: [],
    });
    expect(t.writes()).toEqual([]);
  });

  it('the human plan names counts, the first members and who keeps it through which path', async () => {
    const run = await cli(['plan', salesWithout(), '--no-color']);
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines).toContain('  - Office 365 E3 (ENTERPRISEPACK)');
    expect(lines).toContain(
      `  people: 4 members: 3 lose Exchange Online (Plan 2) — mailbox (${upns.ann}, ${upns.cat}, ${upns.eve}); 1 keep it through directly`,
    );
    expect(lines).toContain(`  people: 2 of 4 members lose a product (${upns.cat}, ${upns.eve})`);
    expect(lines).toContain(`  people: 1 lose service plans only (${upns.ann})`);
  });

  it('plan --out saves the impact; show prints it; apply FILE refuses before any write (DATA_LOSS, exit 1)', async () => {
    const saved = t.file('sales.plan.json');
    const plan = await cli(['plan', salesWithout(), '--out', saved, '--json']);
    expect(plan.code).toBe(0);
    const printed = JSON.parse(plan.stdout) as PlanJson;
    const file = JSON.parse(readFileSync(saved, 'utf8')) as PlanJson;
    expect(file.targets.map((x) => x.impact)).toEqual(printed.targets.map((x) => x.impact));

    const show = await cli(['show', saved, '--json']);
    expect((JSON.parse(show.stdout) as PlanJson).targets.map((x) => x.impact)).toEqual(
      printed.targets.map((x) => x.impact),
    );

    const shown = await cli(['show', saved, '--no-color']);
    expect(shown.stdout.split('\n')).toContain(`  people: 1 lose service plans only (${upns.ann})`);

    t.emulator.reset(); // an empty request log: whatever apply sends is in it
    const apply = await cli(['apply', saved, '--json']);
    expect(apply.code).toBe(1);
    const out = JSON.parse(apply.stdout) as {
      errors: { code: string; field: string; value: unknown; message: string }[];
    };
    expect(out.errors.map((e) => [e.code, e.field, e.value])).toEqual([
      ['DATA_LOSS', '--allow-data-loss', false],
    ]);
    expect(out.errors[0]?.message).toBe(
      `refused before any write: 3 member(s) would lose a mailbox or files they hold through no other path (group Sales (${groups.sales}): 3 lose Exchange Online (Plan 2) — mailbox, 2 lose SharePoint (Plan 2) — files). First: ${upns.ann}, ${upns.cat}, ${upns.eve}. Nothing was written. Give them the plan through another group or directly first, or run again with --allow-data-loss.`,
    );
    expect(t.writes()).toEqual([]);
    expect(heldBy(groups.sales)).toEqual([skus.ENTERPRISEPACK]);
  });

  it('apply --auto-approve refuses the whole run, the harmless change too, before any write', async () => {
    const file = t.file('both.yaml');
    writeFileSync(
      file,
      [
        'groups:',
        '  - group: Support',
        '    licenses: [Microsoft Entra ID P1]',
        '  - group: Sales',
        '    licenses: []',
        '    exclusive: true',
        '',
      ].join('\n'),
    );
    const run = await cli(['apply', file, '--auto-approve', '--json']);
    expect(run.code).toBe(1);
    const out = JSON.parse(run.stdout) as { errors: { code: string }[] };
    expect(out.errors.map((e) => e.code)).toEqual(['DATA_LOSS']);
    expect(t.writes()).toEqual([]);
    expect(heldBy(groups.support)).toEqual([skus.ENTERPRISEPACK]);
  });

  it('apply FILE (interactive) refuses before asking: DATA_LOSS, not the question', async () => {
    const run = await cli(['apply', salesWithout(), '--json']);
    expect(run.code).toBe(1);
    const out = JSON.parse(run.stdout) as { errors: { code: string }[] };
    expect(out.errors.map((e) => e.code)).toEqual(['DATA_LOSS']);
    expect(t.writes()).toEqual([]);
  });

  it('apply --allow-data-loss lets it through: one write, Sales holds nothing', async () => {
    const run = await cli(['apply', salesWithout(), '--auto-approve', '--allow-data-loss', '--json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(t.writes()).toEqual([
      { method: 'POST', path: `/v1.0/groups/${groups.sales}/assignLicense`, target: groups.sales },
    ]);
    expect(heldBy(groups.sales)).toEqual([]);
  });

  it('a user change carries its impact too; taking plans that hold no data is not blocked', async () => {
    // Bob loses his direct E3 and keeps it through Sales, which disables TEAMS1 and SWAY: he loses those two plans
    const file = t.file('bob.yaml');
    writeFileSync(
      file,
      ['users:', `  - user: ${upns.bob}`, '    licenses: [AAD_PREMIUM]', '    exclusive: true', ''].join(
        '\n',
      ),
    );
    const plan = await cli(['plan', file, '--json']);
    expect(plan.code).toBe(0);
    const bob = (JSON.parse(plan.stdout) as PlanJson).targets.find((x) => x.ref === upns.bob);
    expect(bob?.impact).toEqual({
      members: 1,
      losing: [
        { id: users.bob, userPrincipalName: upns.bob, skus: [], plans: ['SWAY', 'TEAMS1'], dataBearing: [] },
      ],
      gaining: [],
    });
    const run = await cli(['apply', file, '--auto-approve', '--json']);
    expect(run.code).toBe(0);
    expect(t.writes()).toEqual([
      { method: 'POST', path: `/v1.0/users/${users.bob}/assignLicense`, target: users.bob },
    ]);
  });

  it('a change that takes nothing from anybody is never blocked', async () => {
    const file = supportGainsP1();
    const plan = await cli(['plan', file, '--json']);
    const support = (JSON.parse(plan.stdout) as PlanJson).targets.find((x) => x.ref === 'Support');
    expect(support?.impact?.losing).toEqual([]);
    expect(support?.impact?.gaining).toEqual([
      {
        id: users.ann,
        userPrincipalName: upns.ann,
        skus: ['AAD_PREMIUM'],
        plans: planNames(skus.AAD_PREMIUM),
        dataBearing: [],
      },
    ]);
    const run = await cli(['apply', file, '--auto-approve', '--json']);
    expect(run.code).toBe(0);
    expect(t.writes()).toEqual([
      { method: 'POST', path: `/v1.0/groups/${groups.support}/assignLicense`, target: groups.support },
    ]);
    expect(heldBy(groups.support)).toEqual([skus.AAD_PREMIUM, skus.ENTERPRISEPACK].sort());
  });
});
