import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defaultSeed, type RunningEmulator, startEmulator } from '@entra-licensing/graph-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN } from './test-support/run-cli.js';

// Issue 22 point 9: Ctrl-C during apply's writes lets the writes already sent finish, sends no other, prints
// "applied N of M" and exits 130. The emulator accepts 5 writes per 4 s, so when the first write has been answered
// most targets are still waiting for their turn: those must never be sent.

const { ids } = defaultSeed;
let emulator: RunningEmulator;
let dir: string;

beforeAll(async () => {
  emulator = await startEmulator({ throttle: 'graph,appWrite=5/4s', processingDelayMs: 100 });
  dir = mkdtempSync(path.join(tmpdir(), 'entra-licensing-ctrlc-'));
});
afterAll(async () => {
  await emulator?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const holdsPowerBi = (id: string) =>
  emulator.state.users.get(id)?.directLicenses.some((l) => l.skuId === ids.skus.POWER_BI_STANDARD) === true;

describe('Ctrl-C during apply', () => {
  it('finishes the writes in flight, sends no other, prints "applied N of M", exits 130', async () => {
    const users = Object.values(ids.users).filter((id) => emulator.state.users.get(id)?.usageLocation);
    const targets = users.filter((id) => !holdsPowerBi(id));
    const file = path.join(dir, 'many.yaml');
    writeFileSync(
      file,
      [
        'users:',
        ...targets.flatMap((id) => [`  - user: ${id}`, '    licenses: [POWER_BI_STANDARD]']),
        '',
      ].join('\n'),
    );
    const app = ids.apps.licensingAdmin;
    const child = spawn(
      process.execPath,
      [
        BIN,
        'apply',
        file,
        '--auto-approve',
        '--graph-base-url',
        emulator.url,
        '--login-base-url',
        emulator.url,
      ],
      {
        env: {
          PATH: process.env.PATH ?? '',
          AZURE_TENANT_ID: emulator.tenantId,
          AZURE_CLIENT_ID: app.clientId,
          AZURE_CLIENT_SECRET: app.clientSecret,
        },
        stdio: ['pipe', 'pipe', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
    });
    child.stdout.resume();
    const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
    while (!emulator.requests().some((r) => r.write && r.status < 300))
      await new Promise((r) => setTimeout(r, 10));
    child.kill('SIGINT');
    expect(await closed).toBe(130);
    const applied = targets.filter(holdsPowerBi).length;
    expect(applied).toBeGreaterThan(0);
    expect(applied).toBeLessThan(targets.length);
    expect(stderr.trim().split('\n').at(-1)).toBe(
      `Interrupted: applied ${applied} of ${targets.length} target(s); the others were not sent (plan again to see them).`,
    );
    // without Ctrl-C every target would have been written before the process ended (the throttle only delays)
  });
});
