import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliEmulator, seedIds, startCliEmulator } from './test-support/cli-emulator.js';
import { runCli } from './test-support/run-cli.js';

// Issue 21 point 2 (CLI side): `plan` is one dry-run bulk run of the licensing service, so planning 40 entries costs
// ⌈40/20⌉ = 2 `$batch` requests (it cost 40 when each entry was its own run); the member impact of the changed
// targets (issue 23) reads them in ⌈changed/20⌉ more.

let t: CliEmulator;
beforeAll(async () => {
  t = await startCliEmulator();
});
afterAll(async () => {
  await t?.stop();
});

describe('plan of 40 entries', () => {
  it('reads the targets in 2 $batch requests and writes nothing', async () => {
    // users who can take a license (a usage location set), and security groups asked to hold what they hold
    const users = Object.values(seedIds.users).filter((id) => t.emulator.state.users.get(id)?.usageLocation);
    const groups = [...t.emulator.state.groups.values()].filter(
      (g) => g.securityEnabled && g.assignedLicenses.length === 0,
    );
    const groupEntries = groups
      .slice(0, 40 - users.length)
      .flatMap((g) => [`  - group: ${g.id}`, '    licenses: []', '    exclusive: true']);
    expect(users.length + groupEntries.length / 3).toBe(40);
    const file = t.file('forty.yaml');
    writeFileSync(
      file,
      [
        'groups:',
        ...groupEntries,
        'users:',
        ...users.flatMap((id) => [`  - user: ${id}`, '    licenses: [POWER_BI_STANDARD]']),
        '',
      ].join('\n'),
    );
    const before = t.emulator.requests().length;
    const run = await runCli(['plan', file, '--json', ...t.endpoint], t.env);
    expect(run.code).toBe(0);
    const plan = JSON.parse(run.stdout) as {
      summary: { targets: number };
      targets: { target: { kind: string }; hasChanges: boolean }[];
    };
    expect(plan.summary.targets).toBe(40);
    const requests = t.emulator.requests().slice(before);
    // planning: ⌈40/20⌉ = 2; the member impact (issue 23) reads the changed users, 20 a `$batch`
    const changedUsers = plan.targets.filter((x) => x.hasChanges && x.target.kind === 'user').length;
    expect(changedUsers).toBeGreaterThan(20);
    expect(plan.targets.filter((x) => x.hasChanges && x.target.kind === 'group')).toEqual([]);
    expect(requests.filter((r) => r.path === '/v1.0/$batch').length).toBe(2 + Math.ceil(changedUsers / 20));
    expect(requests.filter((r) => r.write)).toEqual([]);
  });
});
