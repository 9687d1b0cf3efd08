import { pathGrants } from '../tenant/rights.js';
import { withinDays } from './bucket.js';
import type { ReclaimAction, ReclaimUserFacts } from './types.js';

export interface ActionChoice {
  /** The actions that free the user's reclaimable seats (one per path of each freed SKU). */
  actions: Omit<ReclaimAction<never>, 'impact'>[];
  /** SKUs (part numbers) kept because one of their paths changed within the grace period. */
  changedInGrace: string[];
  /** SKUs kept because a group that grants them also grants the user a SKU that is kept. */
  heldByKeptGroup: string[];
}

/**
 * The actions that free a user's seats. A SKU's seat comes back only when every path to it goes: the direct
 * copy is removed, and the user leaves each licensing group that grants it. So a SKU is freed only when all its
 * paths can go: none changed within the grace period, it is among `skus` (when given), and every group on the way
 * grants the user nothing that must be kept (leaving a group takes all it grants).
 */
export function chooseActions(
  user: ReclaimUserFacts,
  graceDays: number,
  now: number,
  skus: ReadonlySet<string> | undefined,
): ActionChoice {
  const paths = user.licenses.filter(pathGrants);
  const kept = new Set<string>();
  const inGrace = new Set<string>();
  for (const path of paths) {
    const sku = path.skuId.toLowerCase();
    if (skus && !skus.has(sku)) kept.add(sku);
    else if (withinDays(path.lastUpdatedDateTime, graceDays, now)) {
      kept.add(sku);
      inGrace.add(sku);
    }
  }
  // Leaving a group takes every SKU it grants: a kept SKU keeps its groups, which keep their other SKUs.
  let grew = true;
  while (grew) {
    grew = false;
    const keptGroups = new Set(
      paths.filter((p) => p.groupId && kept.has(p.skuId.toLowerCase())).map((p) => p.groupId as string),
    );
    for (const path of paths) {
      const sku = path.skuId.toLowerCase();
      if (!kept.has(sku) && path.groupId && keptGroups.has(path.groupId)) {
        kept.add(sku);
        grew = true;
      }
    }
  }
  const actions = paths
    .filter((p) => !kept.has(p.skuId.toLowerCase()))
    .map(
      (p): Omit<ReclaimAction<never>, 'impact'> =>
        p.groupId
          ? {
              kind: 'removeGroupMember',
              skuPartNumber: p.skuPartNumber,
              skuId: p.skuId,
              groupId: p.groupId,
              ...(p.groupName ? { groupName: p.groupName } : {}),
            }
          : { kind: 'removeDirectLicense', skuPartNumber: p.skuPartNumber, skuId: p.skuId },
    );
  const names = (test: (sku: string) => boolean) => [
    ...new Set(paths.filter((p) => test(p.skuId.toLowerCase())).map((p) => p.skuPartNumber)),
  ];
  return {
    actions,
    changedInGrace: names((sku) => inGrace.has(sku)),
    heldByKeptGroup: names((sku) => kept.has(sku) && !inGrace.has(sku) && (!skus || skus.has(sku))),
  };
}
