import { getCatalog } from '@entra-licensing/sku-catalog';
import { explainLicenseError } from '../member-errors.js';
import { APPLY_FIX, desiredLicense, directPath, reprocessCommand } from './fixes.js';
import {
  allHoldings,
  enabledPlans,
  groupNameOf,
  type Holding,
  listInSentence,
  partNumberOf,
  planNameOf,
  plural,
  pushTo,
  type TenantView,
  userRef,
  verb,
} from './holdings.js';
import type { DesiredStateFix, Finding, ReportUser } from './types.js';

/** Groups whose reprocess commands a backlog fix chains; more are left to their memberErrors findings. */
const MAX_CHAINED_GROUPS = 3;

/** The seats each SKU is short of: members waiting in `CountViolation` (each once), after what others free. */
export interface Backlog {
  members: ReportUser[];
  seatsNeeded: number;
}

/** Users waiting for a seat of each SKU: a path in `CountViolation` and no active path to it. */
export function waitingForSeats(view: TenantView): Map<string, ReportUser[]> {
  const bySku = new Map<string, ReportUser[]>();
  for (const holding of allHoldings(view)) {
    if (holding.held || !holding.paths.some((p) => p.error === 'CountViolation')) continue;
    pushTo(bySku, holding.skuId, holding.user);
  }
  return bySku;
}

/**
 * `backlog` per SKU. `freed` = seats that other findings free up (licenses of disabled accounts): the seats to
 * buy are the members waiting minus the free seats minus those.
 */
export function backlogFindings(
  view: TenantView,
  freed: ReadonlyMap<string, number>,
): { findings: Finding[]; backlog: Map<string, Backlog> } {
  const findings: Finding[] = [];
  const backlog = new Map<string, Backlog>();
  const groups = new Map<string, string[]>();
  for (const holding of allHoldings(view)) {
    if (holding.held) continue;
    for (const path of holding.paths) {
      if (path.error !== 'CountViolation' || !path.groupId) continue;
      pushTo(groups, holding.skuId, groupNameOf(view, path.groupId));
    }
  }
  for (const [skuId, members] of waitingForSeats(view)) {
    const sku = view.skuById.get(skuId);
    const available = sku?.seats?.available ?? 0;
    const freedSeats = freed.get(skuId) ?? 0;
    const seatsNeeded = Math.max(0, members.length - available - freedSeats);
    backlog.set(skuId, { members, seatsNeeded });
    const part = partNumberOf(view, skuId);
    const buy =
      seatsNeeded > 0
        ? `Buy ${plural(seatsNeeded, 'seat')} of ${part}${freedSeats > 0 ? ` (after freeing the ${freedSeats} held by disabled accounts)` : ''}, then reprocess the members.`
        : `Free seats exist${freedSeats > 0 ? ` once the ${freedSeats} held by disabled accounts are removed` : ''}: reprocess the members.`;
    const waitingIn = [...new Set(groups.get(skuId) ?? [])];
    // A command line for a few groups; beyond that, the groups' own memberErrors findings carry one each.
    const reprocess = waitingIn.length <= MAX_CHAINED_GROUPS ? { command: reprocessCommand(waitingIn) } : {};
    const where =
      waitingIn.length > MAX_CHAINED_GROUPS
        ? ` Reprocess each of the ${waitingIn.length} groups (${listInSentence(waitingIn)}) with \`entra-licensing reprocess group <group>\` (each group's memberErrors finding has its command).`
        : '';
    findings.push({
      kind: 'backlog',
      severity: seatsNeeded > 0 ? 'critical' : 'warning',
      skuPartNumber: part,
      users: members.map(userRef),
      count: members.length,
      message: `${plural(members.length, 'member')} of licensed groups ${verb(members.length, 'waits', 'wait')} for a seat of ${part} (CountViolation); ${seatsNeeded > 0 ? `${plural(seatsNeeded, 'more seat')} needed` : 'no seat to buy'}.`,
      fix: { summary: `${buy}${where}`, ...reprocess },
    });
  }
  return { findings, backlog };
}

interface Conflict {
  user: ReportUser;
  /** The group's plan that conflicts. */
  planId: string;
  /** The SKU (and whether direct) the user holds the other plan through. */
  otherSkuId: string;
  otherDirect: boolean;
}

/** For a `MutuallyExclusiveViolation` of `holding` (group path `groupId`): the plans that clash and where from. */
function conflictsOf(view: TenantView, holding: Holding, disabled: readonly string[]): Conflict[] {
  const exclusive = getCatalog().mutuallyExclusivePlans;
  const off = new Set(disabled);
  const plans = (view.skuById.get(holding.skuId)?.servicePlans ?? []).filter(
    (p) => !off.has(p.servicePlanId),
  );
  const conflicts: Conflict[] = [];
  for (const other of view.holdings.get(holding.user.id)?.values() ?? []) {
    if (other.skuId === holding.skuId || !other.held) continue;
    for (const plan of plans) {
      const clash = exclusive.get(plan.servicePlanId) ?? [];
      const otherPlans = enabledPlans(view, other);
      if (clash.some((id) => otherPlans.has(id))) {
        conflicts.push({
          user: holding.user,
          planId: plan.servicePlanId,
          otherSkuId: other.skuId,
          otherDirect: directPath(other)?.active === true,
        });
      }
    }
  }
  return conflicts;
}

/** `memberErrors`: one finding per group with members in error, decoded, with the exact fix. */
export function memberErrorFindings(view: TenantView): Finding[] {
  const perGroup = new Map<string, { holding: Holding; error: string; disabled: string[] }[]>();
  for (const holding of allHoldings(view)) {
    for (const path of holding.paths) {
      if (!path.groupId || !path.error) continue;
      const list = perGroup.get(path.groupId) ?? [];
      list.push({ holding, error: path.error, disabled: path.disabledPlans });
      perGroup.set(path.groupId, list);
    }
  }
  const findings: Finding[] = [];
  for (const [groupId, errors] of perGroup) {
    const groupName = groupNameOf(view, groupId);
    const users = [...new Map(errors.map((e) => [e.holding.user.id, e.holding.user])).values()];
    const byCode = new Map<string, typeof errors>();
    for (const e of errors) pushTo(byCode, e.error, e);
    const decoded: string[] = [];
    const actions: string[] = [];
    let desiredState: DesiredStateFix | undefined;
    for (const [code, list] of byCode) {
      const skus = [...new Set(list.map((e) => partNumberOf(view, e.holding.skuId)))];
      const noLocation = list.filter((e) => !e.holding.user.usageLocation).map((e) => e.holding.user);
      const label =
        code === 'ProhibitedInUsageLocationViolation' && noLocation.length === list.length
          ? 'usage location missing'
          : code;
      decoded.push(`${list.length} ${label} (${skus.join(', ')}): ${explainLicenseError(code).explanation}`);
      if (code === 'MutuallyExclusiveViolation') {
        const conflicts = list.flatMap((e) => conflictsOf(view, e.holding, e.disabled));
        if (conflicts.length === 0) {
          actions.push(explainLicenseError(code).remediation);
          continue;
        }
        const bySku = new Map<string, Set<string>>();
        for (const e of list) {
          const planIds = conflicts.filter((c) => c.user.id === e.holding.user.id).map((c) => c.planId);
          if (planIds.length === 0) continue;
          const set = bySku.get(e.holding.skuId) ?? new Set(e.disabled);
          for (const id of planIds) set.add(id);
          bySku.set(e.holding.skuId, set);
        }
        const planNames = [
          ...new Set(conflicts.map((c) => planNameOf(view, list[0]?.holding.skuId ?? '', c.planId))),
        ];
        const directOthers = conflicts.filter((c) => c.otherDirect);
        const otherText = directOthers.length
          ? `, or remove ${listInSentence([...new Set(directOthers.map((c) => `${c.user.userPrincipalName}'s direct ${partNumberOf(view, c.otherSkuId)}`))])}`
          : '';
        actions.push(`disable ${listInSentence(planNames)} for ${groupName}${otherText}`);
        desiredState = {
          groups: [...bySku].map(([skuId, plans]) => ({
            group: groupName,
            licenses: [desiredLicense(view, skuId, [...plans])],
          })),
        };
      } else if (code === 'CountViolation') {
        actions.push(`free or buy seats of ${skus.join(', ')} (see the backlog finding)`);
      } else if (noLocation.length > 0) {
        actions.push(
          `set the usage location of ${listInSentence(noLocation.map((u) => u.userPrincipalName))}`,
        );
      } else {
        actions.push(explainLicenseError(code).remediation.replace(/\.$/, ''));
      }
    }
    const summary = `${actions.join('; ')}; then reprocess the ${plural(users.length, 'member')}.`;
    findings.push({
      kind: 'memberErrors',
      severity: 'critical',
      groupId,
      groupName,
      users: users.map(userRef),
      count: users.length,
      message: `${plural(users.length, 'member')} of ${groupName} did not get their license: ${decoded.join(' ')}`,
      fix: {
        summary: summary.charAt(0).toUpperCase() + summary.slice(1),
        command: desiredState
          ? `${APPLY_FIX} && ${reprocessCommand([groupName])}`
          : reprocessCommand([groupName]),
        ...(desiredState ? { desiredState } : {}),
      },
    });
  }
  return findings;
}
