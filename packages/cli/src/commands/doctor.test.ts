import { defaultSeed, type RunningEmulator, startEmulator } from '@entra-licensing/graph-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../test-support/run-cli.js';

let emulator: RunningEmulator;
let endpoint: string[];

beforeAll(async () => {
  emulator = await startEmulator({ throttle: 'off' });
  endpoint = ['--graph-base-url', emulator.url, '--login-base-url', emulator.url];
});

afterAll(async () => {
  await emulator?.stop();
});

function envOf(app: { clientId: string; clientSecret: string }): Record<string, string> {
  return {
    AZURE_TENANT_ID: emulator.tenantId,
    AZURE_CLIENT_ID: app.clientId,
    AZURE_CLIENT_SECRET: app.clientSecret,
  };
}

interface DoctorJson {
  tokenKind: string;
  granted: string[];
  capabilities: { surface: string; name: string; allowed: boolean; missing: { least: string[] }[] }[];
  features: { feature: string; available: boolean; message: string }[];
}

describe('entra-licensing doctor over HTTP', () => {
  it("reads a read-only app's roles: reads allowed, writes missing LicenseAssignment.ReadWrite.All", async () => {
    const run = await runCli(['doctor', '--json', ...endpoint], envOf(defaultSeed.ids.apps.licensingReader));
    expect(run.code).toBe(0);
    // The token itself is never printed (a JWT starts with eyJ).
    expect(`${run.stdout}${run.stderr}`).not.toMatch(/eyJ[\w-]{10,}/);
    const report = JSON.parse(run.stdout) as DoctorJson;
    expect(report.tokenKind).toBe('application');
    expect(report.granted).toEqual([
      'Group.Read.All',
      'GroupMember.Read.All',
      'LicenseAssignment.Read.All',
      'Organization.Read.All',
      'User.Read.All',
    ]);
    const denied = report.capabilities.filter((c) => !c.allowed);
    expect(denied.map((c) => [c.surface, c.name, c.missing.map((m) => m.least.join(' + '))])).toEqual([
      ['command', 'apply', ['LicenseAssignment.ReadWrite.All', 'LicenseAssignment.ReadWrite.All']],
      ['command', 'reprocess', ['LicenseAssignment.ReadWrite.All']],
      ['node', 'Group › Assign License', ['LicenseAssignment.ReadWrite.All']],
      ['node', 'Group › Remove License', ['LicenseAssignment.ReadWrite.All']],
      ['node', 'Group › Set Licenses', ['LicenseAssignment.ReadWrite.All']],
      ['node', 'Group › Update Service Plans', ['LicenseAssignment.ReadWrite.All']],
      ['node', 'User › Assign License', ['LicenseAssignment.ReadWrite.All']],
      ['node', 'User › Remove License', ['LicenseAssignment.ReadWrite.All']],
      ['node', 'User › Reprocess', ['LicenseAssignment.ReadWrite.All']],
    ]);
    expect(report.features.map((f) => [f.feature, f.available])).toEqual([
      ['group-based licensing', true],
      ['sign-in activity (unused licenses)', true],
    ]);
  });

  it('an app with every permission the product needs can run everything', async () => {
    const run = await runCli(
      ['doctor', '--json', ...endpoint],
      envOf(defaultSeed.ids.apps.licensingReclaimer),
    );
    const report = JSON.parse(run.stdout) as DoctorJson;
    expect(report.capabilities.filter((c) => !c.allowed).map((c) => c.name)).toEqual([]);
    expect(report.features[1]?.message).toBe('Entra ID P1 is in EMSPREMIUM: signInActivity can be read.');
  });
});
