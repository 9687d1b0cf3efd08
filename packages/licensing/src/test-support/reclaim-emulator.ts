import { createGraphClient, type GraphClient } from '@entra-licensing/graph-client';
import {
  defaultSeed,
  type EmulatorOptions,
  type RunningEmulator,
  type Seed,
  startEmulator,
} from '@entra-licensing/graph-emulator';

/** An app of the reclaim tests: what reclaim needs (read licenses and sign-ins, remove licenses and members). */
export const reclaimerApp = {
  name: 'reclaimer',
  clientId: '7c1a0f3e-5b7d-4c55-9a53-2d8e0f6a9b11',
  clientSecret: 'emulator~reclaimer~secret',
  roles: [
    'LicenseAssignment.ReadWrite.All',
    'Group.Read.All',
    'GroupMember.ReadWrite.All',
    'User.Read.All',
    'Organization.Read.All',
    'AuditLog.Read.All',
  ],
};

export interface ReclaimHarness {
  emulator: RunningEmulator;
  /** A client of `app` (default: the reclaimer). */
  client: GraphClient;
  clientOf(app: { clientId: string; clientSecret: string }): GraphClient;
}

/** The default seed with the reclaimer app (plus `extra`'s sections on top). */
export function reclaimSeed(extra: Seed = {}): Seed {
  const { ids: _ids, ...base } = defaultSeed;
  return { ...base, ...extra, apps: [...(base.apps ?? []), reclaimerApp, ...(extra.apps ?? [])] };
}

/** Starts an emulator (time-scaled, no throttling unless asked) with the reclaimer app. */
export async function startReclaimHarness(
  options: EmulatorOptions = {},
  app: { clientId: string; clientSecret: string } = reclaimerApp,
): Promise<ReclaimHarness> {
  const emulator = await startEmulator({
    timeScale: 100,
    processingDelayMs: 2000,
    throttle: 'off',
    seed: reclaimSeed(),
    ...options,
  });
  const clientOf = (a: { clientId: string; clientSecret: string }) =>
    createGraphClient({
      baseUrl: emulator.url,
      loginBaseUrl: emulator.url,
      scope: `${emulator.url}/.default`,
      credentials: { tenantId: emulator.tenantId, clientId: a.clientId, clientSecret: a.clientSecret },
      maxRetries: 0,
    });
  return { emulator, client: clientOf(app), clientOf };
}
