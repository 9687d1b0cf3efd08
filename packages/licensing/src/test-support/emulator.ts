import { createGraphClient, type GraphClient, type GraphClientOptions } from '@entra-licensing/graph-client';
import {
  defaultSeed,
  type EmulatorOptions,
  type RunningEmulator,
  startEmulator,
} from '@entra-licensing/graph-emulator';
import { createLicensingService, type LicensingService } from '../service/licensing-service.js';

export const seedIds = defaultSeed.ids;

export interface EmulatorHarness {
  emulator: RunningEmulator;
  client: GraphClient;
  service: LicensingService;
  /** Writes (assignLicense, PATCH) the emulator logged since the last reset. */
  writes(): { method: string; path: string; status: number; target: string | null }[];
}

/** Starts an emulator (fast: time-scaled, no throttling unless asked) with a licensing-admin client and service. */
export async function startHarness(
  options: EmulatorOptions = {},
  appName: keyof typeof seedIds.apps = 'licensingAdmin',
  clientOptions: Partial<GraphClientOptions> = {},
): Promise<EmulatorHarness> {
  const emulator = await startEmulator({
    timeScale: 100,
    processingDelayMs: 2000,
    throttle: 'off',
    ...options,
  });
  const app = seedIds.apps[appName];
  const client = createGraphClient({
    baseUrl: emulator.url,
    loginBaseUrl: emulator.url,
    scope: `${emulator.url}/.default`,
    credentials: { tenantId: emulator.tenantId, clientId: app.clientId, clientSecret: app.clientSecret },
    maxRetries: 0,
    ...clientOptions,
  });
  const service = createLicensingService({ client });
  return {
    emulator,
    client,
    service,
    writes: () =>
      emulator
        .requests()
        .filter((r) => r.write)
        .map((r) => ({ method: r.method, path: r.path, status: r.status, target: r.target })),
  };
}
