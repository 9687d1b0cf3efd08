import { guidText } from '../guid.js';
import { APPLY_FIX, desiredLicense } from './fixes.js';
import { allHoldings, groupNameOf, listInSentence, plural, type TenantView, userRef } from './holdings.js';
import type { DesiredStateFix, Finding, ReportSkuPlans, ReportUser } from './types.js';

/** The plans each SKU has now that the baseline's same SKU did not have (SKUs new since then are left out). */
export function newPlansSince(
  view: TenantView,
  baseline: readonly ReportSkuPlans[],
): { skuId: string; servicePlanId: string; servicePlanName: string }[] {
  const before = new Map(
    baseline.map((s) => [s.skuPartNumber, new Set(s.servicePlans.map((p) => p.servicePlanId))]),
  );
  const found: { skuId: string; servicePlanId: string; servicePlanName: string }[] = [];
  for (const sku of view.skus) {
    const known = before.get(sku.skuPartNumber);
    if (!known) continue;
    for (const plan of sku.servicePlans) {
      if (!known.has(plan.servicePlanId))
        found.push({
          skuId: sku.skuId,
          servicePlanId: plan.servicePlanId,
          servicePlanName: plan.servicePlanName,
        });
    }
  }
  return found;
}

/**
 * `newServicePlan`: a plan the baseline's SKU lacked, which Microsoft turns on in every assignment. Reported with
 * every group and direct assignment that disables other plans of the SKU and not this one (their owners chose
 * what members get, and the new plan bypassed that choice); the fix disables it there.
 */
export function newServicePlanFindings(view: TenantView, baseline: readonly ReportSkuPlans[]): Finding[] {
  const findings: Finding[] = [];
  for (const plan of newPlansSince(view, baseline)) {
    const choosing = (disabled: readonly string[]) =>
      disabled.length > 0 && !disabled.includes(plan.servicePlanId);
    const groups = view.model.groups.flatMap((g) => {
      const license = (g.assignedLicenses ?? []).find((l) => guidText(l.skuId) === plan.skuId);
      const disabled = (license?.disabledPlans ?? []).flatMap((p) => guidText(p) ?? []);
      return license && choosing(disabled) ? [{ group: g, disabled }] : [];
    });
    const direct: { user: ReportUser; disabled: string[] }[] = [];
    for (const holding of allHoldings(view)) {
      if (holding.skuId !== plan.skuId) continue;
      const path = holding.paths.find((p) => p.groupId === null);
      if (path && choosing(path.disabledPlans))
        direct.push({ user: holding.user, disabled: path.disabledPlans });
    }
    if (groups.length === 0 && direct.length === 0) continue;
    const sku = view.skuById.get(plan.skuId);
    const part = sku?.skuPartNumber ?? plan.skuId;
    const desiredState: DesiredStateFix = {
      ...(groups.length > 0
        ? {
            groups: groups.map(({ group, disabled }) => ({
              group: group.displayName ?? group.id,
              licenses: [desiredLicense(view, plan.skuId, [...disabled, plan.servicePlanId])],
            })),
          }
        : {}),
      ...(direct.length > 0
        ? {
            users: direct.map(({ user, disabled }) => ({
              user: user.userPrincipalName,
              licenses: [desiredLicense(view, plan.skuId, [...disabled, plan.servicePlanId])],
            })),
          }
        : {}),
    };
    const where = [
      groups.length > 0
        ? `${plural(groups.length, 'group')} (${listInSentence(groups.map((g) => groupNameOf(view, g.group.id.toLowerCase())))})`
        : '',
      direct.length > 0 ? plural(direct.length, 'direct assignment') : '',
    ]
      .filter(Boolean)
      .join(' and ');
    const single = groups.length === 1 && direct.length === 0 ? groups[0]?.group : undefined;
    findings.push({
      kind: 'newServicePlan',
      severity: 'warning',
      skuPartNumber: part,
      ...(single ? { groupId: single.id, groupName: single.displayName ?? single.id } : {}),
      ...(direct.length > 0 ? { users: direct.map((d) => userRef(d.user)) } : {}),
      count: groups.length + direct.length,
      message: `${part} gained the service plan ${plan.servicePlanName}, on by default: it is now on for the members of ${where} that turn other plans off.`,
      fix: {
        summary: `Review each assignment; the file disables ${plan.servicePlanName} in all of them — delete the entries that should keep it.`,
        command: APPLY_FIX,
        desiredState,
      },
    });
  }
  return findings;
}
