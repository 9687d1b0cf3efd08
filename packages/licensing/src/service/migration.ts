import { toStates } from '../core/graph-values.js';
import { targetIdProblem } from '../core/ids.js';
import { LicensingError } from '../core/licensing-error.js';
import { checkOptions, list, type Rule, type Schema } from '../core/options-check.js';
import { resolveSku } from '../core/resolve.js';
import { describePlanId, skuLabel } from '../core/sku-index.js';
import { allPages } from '../engine/graph-call.js';
import type { BulkItem } from '../engine/types.js';
import type { ServiceContext } from './service-context.js';

export interface MigrationOptions {
  /** The SKUs to move from direct to group licensing (skuId, part number or name). */
  skus: readonly string[];
  /** Only these users (object ids); default every user holding the SKUs. */
  userIds?: readonly string[];
}

const userId: Rule = (value) =>
  targetIdProblem('user', value) ? 'a user object id or principal name' : undefined;
const skuRef: Rule = (value) =>
  typeof value === 'string' && value.length > 0 ? undefined : 'a SKU reference';

export const MIGRATION_OPTIONS: Schema<MigrationOptions> = {
  skus: list(skuRef, 500, 'SKU references'),
  userIds: list(userId, 10_000, 'user ids'),
};

export const checkMigrationOptions = (options: unknown) => checkOptions(options, MIGRATION_OPTIONS);

export interface MigrationMove {
  userId: string;
  userPrincipalName: string | null;
  skuId: string;
  sku: string;
  /** The groups that keep granting the SKU after the direct copy is removed. */
  grantedBy: string[];
}

export interface MigrationSkip extends Omit<MigrationMove, 'grantedBy'> {
  reason: string;
}

export interface MigrationPlan {
  moves: MigrationMove[];
  skipped: MigrationSkip[];
  /** One `remove` intent per user, ready for `applyBulk` (removes only the direct copies listed in `moves`). */
  items: BulkItem[];
}

/**
 * For users holding a SKU both directly and through groups, plans removing the direct copy only where the groups
 * (in an `Active` state) enable at least every plan the direct copy enables. Sends nothing.
 */
export async function planDirectToGroupMigration(
  context: ServiceContext,
  options: MigrationOptions,
): Promise<MigrationPlan> {
  if (!options || !Array.isArray(options.skus) || options.skus.length === 0) {
    throw new LicensingError({
      code: 'INVALID_INPUT',
      field: 'skus',
      value: options?.skus,
      message: 'skus must list at least one SKU to move to group licensing.',
    });
  }
  const tenantSkus = await context.tenantSkus();
  const only = options.userIds ? new Set(options.userIds.map((u) => u.toLowerCase())) : undefined;
  const moves: MigrationMove[] = [];
  const skipped: MigrationSkip[] = [];
  for (const [i, ref] of options.skus.entries()) {
    const sku = resolveSku(ref, tenantSkus, { field: `skus[${i}]` });
    const allPlans = sku.servicePlans.map((p) => p.servicePlanId);
    const filter = `assignedLicenses/any(x:x/skuId eq ${sku.skuId})`;
    const select = ['id', 'userPrincipalName', 'licenseAssignmentStates'];
    const users = await allPages(
      ({ options }) => context.client.users.get({ queryParameters: { filter, select }, options }),
      (url, { options }) => context.client.users.withUrl(url).get({ options }),
      { client: context.client, path: '/users', pace: context.reads },
    );
    for (const user of users) {
      const userId = (user.id ?? '').toLowerCase();
      if (only && !only.has(userId)) continue;
      const states = toStates(user.licenseAssignmentStates).filter((s) => s.skuId === sku.skuId);
      const direct = states.find((s) => s.assignedByGroup === null);
      if (!direct) continue;
      const base = {
        userId,
        userPrincipalName: user.userPrincipalName ?? null,
        skuId: sku.skuId,
        sku: skuLabel(sku),
      };
      const groups = states.filter((s) => s.assignedByGroup !== null && s.state === 'Active');
      if (groups.length === 0) {
        skipped.push({
          ...base,
          reason: 'No group grants this SKU to the user without error; the direct copy stays.',
        });
        continue;
      }
      const enabledByGroups = new Set(
        groups.flatMap((g) => allPlans.filter((p) => !g.disabledPlans.includes(p))),
      );
      const missing = allPlans.filter((p) => !direct.disabledPlans.includes(p) && !enabledByGroups.has(p));
      if (missing.length > 0) {
        skipped.push({
          ...base,
          reason: `The groups do not enable ${missing.map((p) => describePlanId(p, sku)).join(', ')}, which the direct copy enables; the direct copy stays.`,
        });
        continue;
      }
      moves.push({ ...base, grantedBy: groups.map((g) => g.assignedByGroup ?? '') });
    }
  }
  const byUser = new Map<string, string[]>();
  for (const move of moves) byUser.set(move.userId, [...(byUser.get(move.userId) ?? []), move.skuId]);
  const items: BulkItem[] = [...byUser].map(([userId, skuIds]) => ({
    target: { kind: 'user', id: userId },
    intent: { action: 'remove', skus: skuIds },
    key: `migrate:${userId}`,
  }));
  return { moves, skipped, items };
}
