import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  defaultSeed,
  type EmulatorOptions,
  type RunningEmulator,
  type Seed,
  startEmulator,
} from '@entra-licensing/graph-emulator';

export const seedIds = defaultSeed.ids;
export const SECRET = seedIds.apps.licensingAdmin.clientSecret;

export interface CliEmulator {
  emulator: RunningEmulator;
  /** The sign-in variables of the licensing-admin app. */
  env: Record<string, string>;
  /** `--graph-base-url <emulator> --login-base-url <emulator>` */
  endpoint: string[];
  dir: string;
  file(name: string): string;
  /** Writes (assignLicense, PATCH) the emulator logged since its last reset. */
  writes(): { method: string; path: string; target: string | null }[];
  stop(): Promise<void>;
}

/**
 * An emulator on a free port (time-scaled, no throttling) and a temporary folder for files. With `seed`, that
 * tenant instead of the default one, plus the default seed's licensing-admin app the CLI signs in with. `options`
 * override the emulator's (e.g. `throttle`, `faults`, `timeScale`).
 */
export async function startCliEmulator(
  seed?: Seed,
  options: Omit<EmulatorOptions, 'seed'> = {},
): Promise<CliEmulator> {
  const admin = defaultSeed.apps?.find((a) => a.clientId === seedIds.apps.licensingAdmin.clientId);
  const emulator = await startEmulator({
    timeScale: 100,
    processingDelayMs: 2000,
    throttle: 'off',
    ...(seed ? { seed: { ...seed, apps: admin ? [admin] : [] } } : {}),
    ...options,
  });
  const app = seedIds.apps.licensingAdmin;
  const dir = mkdtempSync(path.join(tmpdir(), 'entra-licensing-cli-'));
  return {
    emulator,
    env: {
      AZURE_TENANT_ID: emulator.tenantId,
      AZURE_CLIENT_ID: app.clientId,
      AZURE_CLIENT_SECRET: app.clientSecret,
    },
    endpoint: ['--graph-base-url', emulator.url, '--login-base-url', emulator.url],
    dir,
    file: (name) => path.join(dir, name),
    writes: () =>
      emulator
        .requests()
        .filter((r) => r.write)
        .map((r) => ({ method: r.method, path: r.path, target: r.target })),
    stop: async () => {
      await emulator.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
