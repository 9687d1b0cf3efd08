import { writeFileSync } from 'node:fs';
import { PassThrough, Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from './main.js';
import { type CliEmulator, SECRET, seedIds, startCliEmulator } from './test-support/cli-emulator.js';

// On a terminal (stdin, stdout and stderr TTYs): the confirmation prompt, colours and the progress bar, through the
// real commands against the emulator over HTTP (in-process, since a child process gets no terminal here).

let t: CliEmulator;
beforeAll(async () => {
  t = await startCliEmulator();
});
afterAll(async () => {
  await t?.stop();
});

function terminal(answer: string) {
  const stdin = Object.assign(Readable.from([answer]), { isTTY: true });
  const stdout = Object.assign(new PassThrough(), { isTTY: true, columns: 120 });
  const stderr = Object.assign(new PassThrough(), { isTTY: true, columns: 120 });
  let out = '';
  let err = '';
  stdout.on('data', (d: Buffer) => {
    out += d.toString();
  });
  stderr.on('data', (d: Buffer) => {
    err += d.toString();
  });
  return { io: { stdin, stdout, stderr, env: { ...t.env } }, text: () => ({ out, err }) };
}

const E5 = seedIds.skus.ENTERPRISEPREMIUM;
const hasE5 = () =>
  t.emulator.state.groups.get(seedIds.groups.e5Rollout)?.assignedLicenses.some((l) => l.skuId === E5) ===
  true;

describe('apply on a terminal', () => {
  const file = () => t.file('terminal.yaml');

  it('asks; anything but "yes" cancels with nothing written', async () => {
    writeFileSync(
      file(),
      ['groups:', '  - group: E5 Rollout', '    licenses: [Office 365 E5]', ''].join('\n'),
    );
    const before = t.writes().length;
    const term = terminal('no\n');
    const code = await main(['node', 'entra-licensing', 'apply', file(), ...t.endpoint], term.io);
    expect(code).toBe(1);
    const { out, err } = term.text();
    expect(err).toContain("Do you want to apply these changes? Only 'yes' will be accepted:");
    expect(err).toContain('Apply cancelled; nothing was changed.');
    expect(out).toContain('\u001b[32m  + Office 365 E5 (ENTERPRISEPREMIUM)\u001b[39m'); // green on a terminal
    expect(t.writes().length).toBe(before);
    expect(hasE5()).toBe(false);
  });

  it('"yes" applies; a run over several targets shows a progress bar', async () => {
    writeFileSync(
      file(),
      [
        'groups:',
        '  - group: E5 Rollout',
        '    licenses: [Office 365 E5]',
        '  - group: Sales',
        '    licenses: [SPE_E3]',
        '',
      ].join('\n'),
    );
    const term = terminal('yes\n');
    const code = await main(['node', 'entra-licensing', 'apply', file(), ...t.endpoint], term.io);
    expect(code).toBe(0);
    expect(hasE5()).toBe(true);
    const { out, err } = term.text();
    expect(err).toContain('planning [');
    expect(out + err).not.toContain(SECRET);
  });

  it('what was shown is what is sent: a change made while the prompt waits is refused, nothing written', async () => {
    // Sales holds SPE_E3; the file makes Sales exclusive on Office 365 E5: the plan shows "- Microsoft 365 E3".
    writeFileSync(
      file(),
      ['groups:', '  - group: Sales', '    licenses: [Office 365 E5]', '    exclusive: true', ''].join('\n'),
    );
    const stdin = Object.assign(new PassThrough(), { isTTY: true });
    const term = terminal('');
    const io = { ...term.io, stdin };
    const before = t.writes().length;
    const running = main(['node', 'entra-licensing', 'apply', file(), ...t.endpoint], io);
    // wait for the question, then another admin replaces E3 by Office 365 E3 (ENTERPRISEPACK), then "yes"
    while (!term.text().err.includes("Only 'yes' will be accepted"))
      await new Promise((r) => setTimeout(r, 20));
    expect(term.text().out).toContain('  - Microsoft 365 E3 (SPE_E3)');
    const sales = t.emulator.state.groups.get(seedIds.groups.sales);
    if (!sales) throw new Error('seed changed: no Sales');
    sales.assignedLicenses = [{ skuId: seedIds.skus.ENTERPRISEPACK, disabledPlans: [] }];
    stdin.end('yes\n');
    expect(await running).toBe(1);
    expect(term.text().err).toContain(
      `the saved plan is stale for group Sales (${seedIds.groups.sales}): when planned it held Microsoft 365 E3 (SPE_E3); it now holds Office 365 E3 (ENTERPRISEPACK)`,
    );
    // Office 365 E3 was not removed, nothing at all was written
    expect(t.writes().length).toBe(before);
    expect(sales.assignedLicenses.map((l) => l.skuId)).toEqual([seedIds.skus.ENTERPRISEPACK]);
  });
});
