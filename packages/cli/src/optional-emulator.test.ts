import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BIN } from './test-support/run-cli.js';

// Issue 21 point 4: the emulator is an optional peer dependency of the CLI. Without it, --emulator says how to
// install it; every other command works (they never load it).

const WITHOUT_EMULATOR = fileURLToPath(new URL('./test-support/without-emulator.mjs', import.meta.url));

function runWithoutEmulator(args: string[]): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', WITHOUT_EMULATOR, BIN, ...args], {
      env: { PATH: process.env.PATH ?? '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
    });
    child.stderr.resume();
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout }));
  });
}

describe('--emulator without the emulator installed', () => {
  it('says how to install it', async () => {
    const run = await runWithoutEmulator(['skus', '--emulator', '--json']);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toEqual({
      ok: false,
      errors: [
        {
          code: 'EMULATOR_NOT_INSTALLED',
          field: '--emulator',
          message:
            'needs the optional package @entra-licensing/graph-emulator, which is not installed. Install it beside the CLI: npm install --global @entra-licensing/graph-emulator (or npm install @entra-licensing/graph-emulator in your project).',
        },
      ],
    });
  });

  it('the other commands do not need it', async () => {
    const run = await runWithoutEmulator(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Usage: entra-licensing');
  });
});
