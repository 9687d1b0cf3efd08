import { type LicensePath, planName, skuPartNumber, type TenantModel, type TenantUser } from './model.js';

/**
 * States of a path that give the user the SKU (Graph's `licenseAssignmentState.state`: `Active`,
 * `ActiveWithSolutionConflicts`, `ActiveWithError`, `Disabled`, `Error`; every `Active…` state grants). A path without a state (only `assignedLicenses` was known)
 * counts as granting.
 */
export function pathGrants(path: Pick<LicensePath, 'state'>): boolean {
  if (path.state === null) return true;
  const state = path.state.toLowerCase();
  return state.startsWith('active');
}

export type PathGrantor = { kind: 'direct' } | { kind: 'group'; groupId: string; groupName: string | null };

export interface ExplainedPath {
  kind: 'direct' | 'group';
  groupId?: string;
  groupName?: string | null;
  disabledPlans: string[];
  state: string | null;
  error: string | null;
}

export interface ExplainedPlan {
  servicePlanName: string;
  enabled: boolean;
  grantedBy: PathGrantor[];
}

export interface ExplainedSku {
  skuId: string;
  skuPartNumber: string;
  paths: ExplainedPath[];
  plans: ExplainedPlan[];
}

/** `explainUser`'s answer (the CLI's `explain user --json` prints exactly this). */
export interface UserExplanation {
  user: { id: string; userPrincipalName: string | null };
  skus: ExplainedSku[];
}

function grantor(model: TenantModel, path: LicensePath): PathGrantor {
  if (path.groupId === null) return { kind: 'direct' };
  return {
    kind: 'group',
    groupId: path.groupId,
    groupName: model.groups.get(path.groupId)?.displayName ?? null,
  };
}

function explainPath(model: TenantModel, path: LicensePath): ExplainedPath {
  const who = grantor(model, path);
  return {
    ...who,
    disabledPlans: path.disabledPlans.map((p) => planName(model, path.skuId, p)).sort(),
    state: path.state,
    error: path.error,
  };
}

/** The plan ids of a SKU: the tenant's list, or the ids the paths name when the SKU is not in the tenant's list. */
function planIdsOf(model: TenantModel, skuId: string, paths: readonly LicensePath[]): string[] {
  const sku = model.skus.get(skuId);
  if (sku) return sku.plans.map((p) => p.servicePlanId);
  return [...new Set(paths.flatMap((p) => p.disabledPlans))];
}

/**
 * Every SKU a user has a path for, every plan of it enabled or not, and every path: Graph's union — a plan is
 * enabled when at least one granting path (state Active) leaves it on.
 */
export function explainPaths(model: TenantModel, user: TenantUser): UserExplanation {
  const bySku = new Map<string, LicensePath[]>();
  for (const path of user.paths) {
    const list = bySku.get(path.skuId);
    if (list) list.push(path);
    else bySku.set(path.skuId, [path]);
  }
  const skus: ExplainedSku[] = [];
  for (const [skuId, paths] of bySku) {
    const granting = paths.filter(pathGrants);
    const plans = planIdsOf(model, skuId, paths).map((planId) => {
      const grantedBy = granting
        .filter((p) => !p.disabledPlans.includes(planId))
        .map((p) => grantor(model, p));
      return { servicePlanName: planName(model, skuId, planId), enabled: grantedBy.length > 0, grantedBy };
    });
    skus.push({
      skuId,
      skuPartNumber: skuPartNumber(model, skuId),
      paths: paths.map((p) => explainPath(model, p)),
      plans,
    });
  }
  skus.sort((a, b) => a.skuPartNumber.localeCompare(b.skuPartNumber));
  return { user: { id: user.id, userPrincipalName: user.userPrincipalName }, skus };
}

/** What a user holds once every path is counted: SKU ids with a granting path, and enabled plan names. */
export interface HeldRights {
  skus: Set<string>;
  plans: Set<string>;
}

export function heldRights(model: TenantModel, paths: readonly LicensePath[]): HeldRights {
  const skus = new Set<string>();
  const plans = new Set<string>();
  for (const path of paths) {
    if (!pathGrants(path)) continue;
    skus.add(path.skuId);
    const sku = model.skus.get(path.skuId);
    if (!sku) continue; // a SKU the tenant no longer lists: its plans are unknown
    for (const plan of sku.plans) {
      if (!path.disabledPlans.includes(plan.servicePlanId)) plans.add(plan.servicePlanName);
    }
  }
  return { skus, plans };
}

/** One holder of a SKU or plan, and the paths that give it (one row per user and SKU). */
export interface HolderRow {
  userId: string;
  userPrincipalName: string | null;
  displayName: string | null;
  accountEnabled: boolean | null;
  skuId: string;
  skuPartNumber: string;
  /** Set when the question was about a plan. */
  servicePlanName?: string;
  paths: ExplainedPath[];
}

/**
 * Who holds a SKU (a granting path) or a plan (enabled by a granting path, in any SKU), and through which paths.
 * `skuId` and `servicePlanName` together: holders of that plan inside that SKU.
 */
export function holders(
  model: TenantModel,
  query: { skuId?: string; servicePlanName?: string },
): HolderRow[] {
  const rows: HolderRow[] = [];
  const planWanted = query.servicePlanName?.toUpperCase();
  for (const user of model.users.values()) {
    const bySku = new Map<string, LicensePath[]>();
    for (const path of user.paths) {
      if (!pathGrants(path) || (query.skuId !== undefined && path.skuId !== query.skuId)) continue;
      let granting = true;
      if (planWanted !== undefined) {
        const plan = model.skus
          .get(path.skuId)
          ?.plans.find((p) => p.servicePlanName.toUpperCase() === planWanted);
        granting = plan !== undefined && !path.disabledPlans.includes(plan.servicePlanId);
      }
      if (!granting) continue;
      const list = bySku.get(path.skuId);
      if (list) list.push(path);
      else bySku.set(path.skuId, [path]);
    }
    for (const [skuId, paths] of bySku) {
      rows.push({
        userId: user.id,
        userPrincipalName: user.userPrincipalName,
        displayName: user.displayName,
        accountEnabled: user.accountEnabled,
        skuId,
        skuPartNumber: skuPartNumber(model, skuId),
        ...(planWanted === undefined
          ? {}
          : {
              servicePlanName:
                model.skus.get(skuId)?.plans.find((p) => p.servicePlanName.toUpperCase() === planWanted)
                  ?.servicePlanName ?? planWanted,
            }),
        paths: paths.map((p) => explainPath(model, p)),
      });
    }
  }
  // Ordinal order: localeCompare over tens of thousands of rows costs seconds of ICU calls.
  const order = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  rows.sort(
    (a, b) =>
      order(a.userPrincipalName ?? a.userId, b.userPrincipalName ?? b.userId) ||
      order(a.skuPartNumber, b.skuPartNumber),
  );
  return rows;
}
