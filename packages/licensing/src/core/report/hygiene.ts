import { APPLY_FIX, directPath, removeDirectSku } from './fixes.js';
import {
  allHoldings,
  groupNameOf,
  type Holding,
  listInSentence,
  partNumberOf,
  plural,
  type TenantView,
  userRef,
  verb,
} from './holdings.js';
import type { Finding, ReportFix, ReportUser } from './types.js';

/** Holdings of one SKU by users matching `who`, in the model's user order. */
function heldBy(view: TenantView, who: (user: ReportUser) => boolean): Map<string, Holding[]> {
  const bySku = new Map<string, Holding[]>();
  for (const holding of allHoldings(view)) {
    if (!holding.held || !who(holding.user)) continue;
    const list = bySku.get(holding.skuId) ?? [];
    list.push(holding);
    bySku.set(holding.skuId, list);
  }
  return bySku;
}

function activeGroups(holding: Holding): string[] {
  return holding.paths.flatMap((p) => (p.active && p.groupId ? [p.groupId] : []));
}

/** The fix for licenses held by users who should not hold them: direct copies removed, groups named. */
function removalFix(view: TenantView, skuId: string, holdings: readonly Holding[], who: string): ReportFix {
  const direct = holdings.filter((h) => directPath(h)?.active).map((h) => h.user);
  const groups = [...new Set(holdings.flatMap(activeGroups))].map((g) => groupNameOf(view, g));
  const part = partNumberOf(view, skuId);
  const parts: string[] = [];
  if (direct.length > 0)
    parts.push(`remove the direct ${part} from ${plural(direct.length, who)} (the file does it)`);
  if (groups.length > 0)
    parts.push(
      `remove the others from ${listInSentence(groups)} (group membership is managed outside this toolkit)`,
    );
  const summary = `${parts.join('; ')}.`;
  return {
    summary: summary.charAt(0).toUpperCase() + summary.slice(1),
    ...(direct.length > 0 ? { command: APPLY_FIX, desiredState: removeDirectSku(view, direct, skuId) } : {}),
  };
}

function hygiene(
  view: TenantView,
  kind: 'disabledAccountLicensed' | 'guestLicensed',
  who: (user: ReportUser) => boolean,
  noun: string,
): Finding[] {
  const findings: Finding[] = [];
  for (const [skuId, holdings] of heldBy(view, who)) {
    const part = partNumberOf(view, skuId);
    const direct = holdings.filter((h) => directPath(h)?.active).length;
    const inherited = holdings.length - direct;
    const how = [direct > 0 ? `${direct} directly` : '', inherited > 0 ? `${inherited} through groups` : '']
      .filter(Boolean)
      .join(', ');
    findings.push({
      kind,
      severity: kind === 'disabledAccountLicensed' ? 'warning' : 'info',
      skuPartNumber: part,
      users: holdings.map((h) => userRef(h.user)),
      count: holdings.length,
      message:
        kind === 'disabledAccountLicensed'
          ? `${plural(holdings.length, noun)} whose sign-in is blocked ${verb(holdings.length, 'holds', 'hold')} ${part} (${how}): seats paid for and not used.`
          : `${plural(holdings.length, noun)} ${verb(holdings.length, 'holds', 'hold')} ${part} (${how}): check that each one needs a license in this tenant.`,
      fix: removalFix(view, skuId, holdings, noun),
    });
  }
  return findings;
}

/** `disabledAccountLicensed`: licenses on accounts whose sign-in is blocked. */
export function disabledAccountFindings(view: TenantView): Finding[] {
  return hygiene(view, 'disabledAccountLicensed', (u) => u.accountEnabled === false, 'disabled account');
}

/** `guestLicensed`: licenses on guests. */
export function guestFindings(view: TenantView): Finding[] {
  return hygiene(view, 'guestLicensed', (u) => u.userType === 'Guest', 'guest');
}

/**
 * `duplicateAssignment`: the same SKU directly and through an active group path, one finding per SKU (the group
 * named when there is one). The fix removes the direct copy
 * only where the groups enable at least every plan the direct copy enables (nothing is lost); the others are named.
 */
export function duplicateFindings(view: TenantView): Finding[] {
  const bySku = new Map<string, { skuId: string; groupIds: Set<string>; holdings: Holding[] }>();
  for (const holding of allHoldings(view)) {
    const direct = directPath(holding);
    if (!direct?.active) continue;
    const groups = activeGroups(holding);
    if (groups.length === 0) continue;
    const entry = bySku.get(holding.skuId) ?? {
      skuId: holding.skuId,
      groupIds: new Set<string>(),
      holdings: [],
    };
    for (const g of groups) entry.groupIds.add(g);
    entry.holdings.push(holding);
    bySku.set(holding.skuId, entry);
  }
  const findings: Finding[] = [];
  for (const { skuId, groupIds, holdings } of bySku.values()) {
    const part = partNumberOf(view, skuId);
    const names = [...groupIds].map((g) => groupNameOf(view, g));
    const single = groupIds.size === 1 ? [...groupIds][0] : undefined;
    const groupName = listInSentence(names);
    const safe: ReportUser[] = [];
    const keep: ReportUser[] = [];
    const plans = view.skuById.get(skuId)?.servicePlans ?? [];
    for (const h of holdings) {
      const fromGroups = new Set<string>();
      for (const path of h.paths.filter((p) => p.active && p.groupId)) {
        const off = new Set(path.disabledPlans);
        for (const plan of plans) if (!off.has(plan.servicePlanId)) fromGroups.add(plan.servicePlanId);
      }
      const directOff = new Set(directPath(h)?.disabledPlans ?? []);
      const lost = plans.some((p) => !directOff.has(p.servicePlanId) && !fromGroups.has(p.servicePlanId));
      (lost ? keep : safe).push(h.user);
    }
    const keepNote =
      keep.length > 0
        ? ` ${plural(keep.length, 'user')} (${listInSentence(keep.map((u) => u.userPrincipalName))}) ${verb(keep.length, 'keeps', 'keep')} the direct copy: it enables plans that ${groupName} disables.`
        : '';
    findings.push({
      kind: 'duplicateAssignment',
      severity: 'info',
      skuPartNumber: part,
      ...(single ? { groupId: single, groupName } : {}),
      users: holdings.map((h) => userRef(h.user)),
      count: holdings.length,
      message: `${plural(holdings.length, 'user')} ${verb(holdings.length, 'holds', 'hold')} ${part} both directly and through ${groupName}: one seat each, but the direct copy outlives a move out of the group.`,
      fix:
        safe.length > 0
          ? {
              summary: `Remove the direct ${part} from ${plural(safe.length, 'user')} who ${verb(safe.length, 'keeps', 'keep')} every plan through ${groupName}.${keepNote}`,
              command: APPLY_FIX,
              desiredState: removeDirectSku(view, safe, skuId),
            }
          : { summary: `Nothing to remove safely.${keepNote}` },
    });
  }
  return findings;
}
