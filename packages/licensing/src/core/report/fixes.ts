import { type Holding, partNumberOf, planNameOf, type TenantView } from './holdings.js';
import type { DesiredLicense, DesiredStateFix, ReportUser } from './types.js';

/** The file the CLI's `apply` takes, named in a fix's command. */
export const FIX_FILE = 'fix.yaml';

export const APPLY_FIX = `entra-licensing apply ${FIX_FILE}`;

/** A license as the desired-state file writes it: part number, and plan names when some are disabled. */
export function desiredLicense(
  view: TenantView,
  skuId: string,
  disabledPlans: readonly string[],
): DesiredLicense {
  const sku = partNumberOf(view, skuId);
  if (disabledPlans.length === 0) return sku;
  return { sku, disabledPlans: disabledPlans.map((p) => planNameOf(view, skuId, p)).sort() };
}

/**
 * Entries that remove the direct copy of `skuId` from each user and keep every other direct license as it is
 * (with its disabled plans): `exclusive` on a user touches direct licenses only.
 */
export function removeDirectSku(
  view: TenantView,
  users: readonly ReportUser[],
  skuId: string,
): DesiredStateFix {
  return {
    users: users.map((user) => {
      const kept: DesiredLicense[] = [];
      for (const holding of view.holdings.get(user.id)?.values() ?? []) {
        if (holding.skuId === skuId) continue;
        const direct = holding.paths.find((p) => p.groupId === null);
        if (direct) kept.push(desiredLicense(view, holding.skuId, direct.disabledPlans));
      }
      return { user: user.userPrincipalName, licenses: kept, exclusive: true };
    }),
  };
}

/** The direct path of a holding, if any. */
export function directPath(holding: Holding): Holding['paths'][number] | undefined {
  return holding.paths.find((p) => p.groupId === null);
}

/** A name as one shell word (single-quoted unless it is plain). */
export function shellWord(text: string): string {
  return /^[\w@.+-]+$/.test(text) ? text : `'${text.replaceAll("'", "'\\''")}'`;
}

/**
 * The reprocess command for the members in error of these groups once their cause is fixed (the CLI reprocesses
 * every member in error of a group: no 20-user cap).
 */
export function reprocessCommand(groupNames: readonly string[]): string {
  return [...new Set(groupNames)].map((g) => `entra-licensing reprocess group ${shellWord(g)}`).join(' && ');
}
