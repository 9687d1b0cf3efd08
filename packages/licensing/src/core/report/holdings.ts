import type { LicenseAssignmentStateLike } from '../graph-models.js';
import { guidText } from '../guid.js';
import { fromTenant, type ResolvedSku } from '../sku-index.js';
import type { ReportGroup, ReportTenantModel, ReportUser, ReportUserRef } from './types.js';

/** One path by which a user holds (or tried to get) a SKU. */
export interface HoldingPath {
  /** `null` = direct. */
  groupId: string | null;
  disabledPlans: string[];
  state: string | null;
  error: string | null;
  active: boolean;
}

/** A user's paths to one SKU. */
export interface Holding {
  user: ReportUser;
  skuId: string;
  paths: HoldingPath[];
  /** Some path is active: the user holds a seat of it. */
  held: boolean;
  /** Cache of `enabledPlans(view, holding)`. */
  enabled?: Set<string>;
}

/** The model indexed the way every finding reads it. */
export interface TenantView {
  model: ReportTenantModel;
  skus: ResolvedSku[];
  skuById: Map<string, ResolvedSku>;
  groupById: Map<string, ReportGroup>;
  /** Per user id, per skuId. */
  holdings: Map<string, Map<string, Holding>>;
  /** Per skuId: plan id → plan name. */
  planNames: Map<string, Map<string, string>>;
  /** Per skuId: its plans that are not free foundation plans. */
  paidPlanIds: Map<string, Set<string>>;
  /** `enabledPlans`' shared sets, by SKU and disabled plans. */
  enabledCache: Map<string, Set<string>>;
}

/**
 * Plans that ride along free with many products (`EXCHANGE_S_FOUNDATION` and the like): two SKUs sharing only
 * these do not pay twice for anything.
 */
export function isFoundationPlan(servicePlanName: string): boolean {
  return /FOUNDATION/i.test(servicePlanName);
}

export function isLicenseError(error: string | null | undefined): error is string {
  return typeof error === 'string' && error.length > 0 && error !== 'None';
}

function pathOf(state: LicenseAssignmentStateLike): HoldingPath {
  const error = isLicenseError(state.error) ? state.error : null;
  const stateText = state.state ?? null;
  return {
    groupId: state.assignedByGroup ? state.assignedByGroup.toLowerCase() : null,
    disabledPlans: (state.disabledPlans ?? []).flatMap((p) => guidText(p) ?? []),
    state: stateText,
    error,
    active:
      error === null && (stateText === null || stateText === 'Active' || stateText === 'ActiveWithError'),
  };
}

/** The user's paths: `licenseAssignmentStates`, or direct paths from `assignedLicenses` when Graph gave none. */
function statesOf(user: ReportUser): LicenseAssignmentStateLike[] {
  const states = user.licenseAssignmentStates ?? [];
  if (states.length > 0) return [...states];
  return (user.assignedLicenses ?? []).map((l) => ({
    skuId: l.skuId ?? null,
    disabledPlans: l.disabledPlans ?? [],
    assignedByGroup: null,
    state: 'Active',
    error: null,
  }));
}

export function userRef(user: ReportUser): ReportUserRef {
  return { id: user.id, userPrincipalName: user.userPrincipalName };
}

export function buildTenantView(model: ReportTenantModel): TenantView {
  const skus = model.skus.flatMap((s) => fromTenant(s) ?? []);
  const skuById = new Map(skus.map((s) => [s.skuId, s]));
  const groupById = new Map(model.groups.map((g) => [g.id.toLowerCase(), g]));
  const holdings = new Map<string, Map<string, Holding>>();
  for (const user of model.users) {
    const perSku = new Map<string, Holding>();
    for (const state of statesOf(user)) {
      const skuId = guidText(state.skuId);
      if (!skuId) continue;
      let holding = perSku.get(skuId);
      if (!holding) {
        holding = { user, skuId, paths: [], held: false };
        perSku.set(skuId, holding);
      }
      const path = pathOf(state);
      holding.paths.push(path);
      if (path.active) holding.held = true;
    }
    if (perSku.size > 0) holdings.set(user.id, perSku);
  }
  const planNames = new Map(
    skus.map((s) => [s.skuId, new Map(s.servicePlans.map((p) => [p.servicePlanId, p.servicePlanName]))]),
  );
  const paidPlanIds = new Map(
    skus.map((s) => [
      s.skuId,
      new Set(s.servicePlans.filter((p) => !isFoundationPlan(p.servicePlanName)).map((p) => p.servicePlanId)),
    ]),
  );
  return { model, skus, skuById, groupById, holdings, planNames, paidPlanIds, enabledCache: new Map() };
}

/**
 * The plans enabled through a holding's active paths (the union Graph applies). Holdings with the same SKU and the
 * same disabled plans on their active paths share one set (a tenant has few such combinations, and many users).
 */
export function enabledPlans(view: TenantView, holding: Holding): Set<string> {
  if (holding.enabled) return holding.enabled;
  const active = holding.paths.filter((p) => p.active);
  const key = `${holding.skuId}|${active
    .map((p) => [...p.disabledPlans].sort().join(','))
    .sort()
    .join('|')}`;
  let enabled = view.enabledCache.get(key);
  if (!enabled) {
    enabled = new Set<string>();
    for (const path of active) {
      const disabled = new Set(path.disabledPlans);
      for (const plan of view.skuById.get(holding.skuId)?.servicePlans ?? []) {
        if (!disabled.has(plan.servicePlanId)) enabled.add(plan.servicePlanId);
      }
    }
    view.enabledCache.set(key, enabled);
  }
  holding.enabled = enabled;
  return enabled;
}

/** Every holding of the tenant, user by user. */
export function* allHoldings(view: TenantView): Generator<Holding> {
  for (const perSku of view.holdings.values()) yield* perSku.values();
}

export function partNumberOf(view: TenantView, skuId: string): string {
  return view.skuById.get(skuId)?.skuPartNumber ?? skuId;
}

export function groupNameOf(view: TenantView, groupId: string): string {
  return view.groupById.get(groupId)?.displayName ?? groupId;
}

export function planNameOf(view: TenantView, skuId: string, servicePlanId: string): string {
  return view.planNames.get(skuId)?.get(servicePlanId) ?? servicePlanId;
}

/** `a, b and 3 more` — names in a sentence. */
export function listInSentence(names: readonly string[], max = 3): string {
  if (names.length === 0) return '';
  if (names.length <= max) {
    return names.length === 1
      ? (names[0] as string)
      : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
  }
  return `${names.slice(0, max).join(', ')} and ${names.length - max} more`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The verb agreeing with a count: `verb(1, 'holds', 'hold')` = `holds`. */
export function verb(n: number, one: string, many: string): string {
  return n === 1 ? one : many;
}

/** Appends to the list under `key` (created when missing). */
export function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
