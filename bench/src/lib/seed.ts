import type { SeedApp } from '@entra-licensing/graph-emulator';
import type { EmulatorConfig, EmulatorConfigApp } from '@entra-licensing/graph-emulator/testing';
import { getCatalog } from '@entra-licensing/sku-catalog';
import { createRandom, type Random } from './random.js';

/** The SKU every bulk target is licensed with (Microsoft 365 E3) and the plans its desired state disables. */
export const BULK_SKU = 'SPE_E3';

export interface BulkTenant {
  /** The emulator seed file's content. */
  seed: Record<string, unknown>;
  groupIds: string[];
  userIds: string[];
  skuId: string;
  skuPartNumber: string;
  /** The desired state of every target: the SKU with these plans disabled. */
  disabledPlans: string[];
}

/** A GUID drawn from the seeded generator, so that a seed file is the same from run to run. */
export function randomGuid(random: Random): string {
  const hex = Array.from({ length: 32 }, () => random.int(0, 15).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
}

/**
 * A tenant with `groups` empty security groups and `users` users (with a usage location), and enough seats of
 * {@link BULK_SKU} for every user. Without members, group writes consume no seats.
 */
export function bulkTenant(options: {
  groups: number;
  users?: number;
  randomSeed: number;
  apps?: SeedApp[];
}): BulkTenant {
  const random = createRandom(options.randomSeed);
  const product = getCatalog().productsByPartNumber.get(BULK_SKU)?.[0];
  if (!product) throw new Error(`catalog has no ${BULK_SKU}`);
  const disabledPlans = product.servicePlans
    .filter((p) => /^(YAMMER_ENTERPRISE|SWAY|KAIZALA_O365_P3|TEAMS1)$/.test(p.servicePlanName))
    .map((p) => p.servicePlanId)
    .slice(0, 2);
  const groupIds = Array.from({ length: options.groups }, () => randomGuid(random));
  const userIds = Array.from({ length: options.users ?? 0 }, () => randomGuid(random));
  const seed: Record<string, unknown> = {
    skus: [{ sku: BULK_SKU, enabled: Math.max(100, (options.users ?? 0) * 2) }],
    groups: groupIds.map((id, i) => ({ id, displayName: `Bulk group ${i + 1}`, kind: 'security' })),
    users: userIds.map((id, i) => ({
      id,
      userPrincipalName: `bulk.user${i + 1}@contoso.onmicrosoft.com`,
      displayName: `Bulk User ${i + 1}`,
      usageLocation: 'US',
    })),
    planDependencies: [],
  };
  if (options.apps) seed.apps = options.apps;
  return {
    seed,
    groupIds,
    userIds,
    skuId: product.skuId,
    skuPartNumber: product.skuPartNumber,
    disabledPlans,
  };
}

/** The seed app that may write licenses (LicenseAssignment.ReadWrite.All). */
export function writerApp(config: EmulatorConfig): EmulatorConfigApp {
  const app = config.apps.find((a) => a.roles.includes('LicenseAssignment.ReadWrite.All'));
  if (!app) throw new Error('the emulator has no app with LicenseAssignment.ReadWrite.All');
  return app;
}
