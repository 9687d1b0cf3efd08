import { dataBearing } from './data-bearing.js';
import {
  type LicenseGrant,
  type LicensePath,
  skuPartNumber,
  type TenantModel,
  type TenantUser,
} from './model.js';
import { heldRights, pathGrants } from './rights.js';

/**
 * A planned change to one source of licenses: a group's licenses (reaching its direct user members), or a user's
 * direct assignments. `before` and `after` are that source's whole license list.
 */
export type SourceChange =
  | { kind: 'group'; groupId: string; before: readonly LicenseGrant[]; after: readonly LicenseGrant[] }
  | { kind: 'user'; userId: string; before: readonly LicenseGrant[]; after: readonly LicenseGrant[] };

/** One member's loss or gain (the CLI's `plan --json` prints exactly this shape). */
export interface ImpactEntry {
  id: string;
  userPrincipalName: string | null;
  /** SKUs lost (or gained) entirely, by part number. */
  skus: string[];
  /** Service plans whose enabled state flips, by name, once every other path is counted. */
  plans: string[];
  /** The data-bearing ones among `plans` (mailbox, SharePoint / OneDrive storage). */
  dataBearing: string[];
}

export interface MemberImpact {
  /** How many users the change reaches (a group's direct user members; 1 for a user). */
  members: number;
  losing: ImpactEntry[];
  gaining: ImpactEntry[];
}

/** A data-bearing plan the change takes away from the source, and what that does to the members. */
export interface DataLoss {
  servicePlanName: string;
  label: string;
  kind: 'mailbox' | 'files';
  /** Members who hold it through no other path: they lose it. */
  losing: { id: string; userPrincipalName: string | null }[];
  /** Members who had it from this source and keep it through another path. */
  keeping: number;
  /** The other paths that keep it: group names (or ids), most used first, then `directly`. */
  keptThrough: string[];
}

function sourceOf(change: SourceChange): string | null {
  return change.kind === 'group' ? change.groupId : null;
}

/**
 * The user's paths after the change: this source's paths replaced by its new grants. A SKU the source keeps keeps
 * its path's state (an error stays until Entra processes it again); a new one is assumed to become Active.
 */
export function pathsAfter(user: TenantUser, change: SourceChange): LicensePath[] {
  const source = sourceOf(change);
  const mine = (p: LicensePath) => p.groupId === source;
  const old = new Map(user.paths.filter(mine).map((p) => [p.skuId, p]));
  const others = user.paths.filter((p) => !mine(p));
  const fresh = change.after.map((grant): LicensePath => {
    const previous = old.get(grant.skuId);
    return {
      skuId: grant.skuId,
      groupId: source,
      disabledPlans: [...grant.disabledPlans],
      state: previous?.state ?? 'Active',
      error: previous?.error ?? 'None',
      lastUpdatedDateTime: previous?.lastUpdatedDateTime ?? null,
    };
  });
  return [...others, ...fresh];
}

/**
 * The paths the user has from the source now. A group member without a state from the group yet (the group holds
 * nothing, or Entra has not processed them) gets the group's current licenses as paths.
 */
function pathsBefore(user: TenantUser, change: SourceChange): LicensePath[] {
  const source = sourceOf(change);
  if (change.kind === 'user' || user.paths.some((p) => p.groupId === source)) return user.paths;
  const assumed = change.before.map(
    (grant): LicensePath => ({
      skuId: grant.skuId,
      groupId: source,
      disabledPlans: [...grant.disabledPlans],
      state: 'Active',
      error: 'None',
      lastUpdatedDateTime: null,
    }),
  );
  return [...user.paths, ...assumed];
}

function difference<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): T[] {
  return [...a].filter((x) => !b.has(x));
}

interface Flip {
  skus: string[];
  plans: string[];
  dataBearing: string[];
}

function flip(model: TenantModel, skuIds: string[], plans: string[]): Flip {
  const sortedPlans = [...plans].sort();
  return {
    skus: skuIds.map((s) => skuPartNumber(model, s)).sort(),
    plans: sortedPlans,
    dataBearing: sortedPlans.filter((p) => dataBearing(p) !== undefined),
  };
}

/**
 * What decides a member's loss and gain: each path's SKU, disabled plans and whether it grants, and whether it is
 * the changed source's. Members with the same key (most members of a group) are computed once.
 */
function rightsKey(user: TenantUser, source: string | null): string {
  return user.paths
    .map(
      (p) =>
        `${p.skuId}/${p.groupId === source ? 1 : 0}/${pathGrants(p) ? 1 : 0}/${p.state}/${p.disabledPlans.join(',')}`,
    )
    .sort()
    .join(';');
}

/** Per member, the SKUs and plans lost and gained once every other path (direct, other groups) is counted. */
export function memberImpact(
  model: TenantModel,
  change: SourceChange,
  members: readonly TenantUser[],
): MemberImpact {
  const losing: ImpactEntry[] = [];
  const gaining: ImpactEntry[] = [];
  const source = sourceOf(change);
  const known = new Map<string, { lost: Flip | undefined; gained: Flip | undefined }>();
  for (const user of members) {
    const key = rightsKey(user, source);
    let result = known.get(key);
    if (!result) {
      const before = heldRights(model, pathsBefore(user, change));
      const after = heldRights(model, pathsAfter(user, change));
      const lostSkus = difference(before.skus, after.skus);
      const lostPlans = difference(before.plans, after.plans);
      const gainedSkus = difference(after.skus, before.skus);
      const gainedPlans = difference(after.plans, before.plans);
      result = {
        lost: lostSkus.length > 0 || lostPlans.length > 0 ? flip(model, lostSkus, lostPlans) : undefined,
        gained:
          gainedSkus.length > 0 || gainedPlans.length > 0 ? flip(model, gainedSkus, gainedPlans) : undefined,
      };
      known.set(key, result);
    }
    const who = { id: user.id, userPrincipalName: user.userPrincipalName };
    if (result.lost) losing.push({ ...who, ...result.lost });
    if (result.gained) gaining.push({ ...who, ...result.gained });
  }
  // Ordinal order (localeCompare costs ICU calls: tens of ms for a thousand members).
  const name = (e: ImpactEntry) => e.userPrincipalName ?? e.id;
  const byName = (a: ImpactEntry, b: ImpactEntry) => (name(a) < name(b) ? -1 : name(a) > name(b) ? 1 : 0);
  return { members: members.length, losing: losing.sort(byName), gaining: gaining.sort(byName) };
}

/** The plan names a list of grants leaves enabled. */
function enabledNames(model: TenantModel, grants: readonly LicenseGrant[]): Set<string> {
  return heldRights(
    model,
    grants.map((g) => ({ ...g, groupId: null, state: 'Active', error: null, lastUpdatedDateTime: null })),
  ).plans;
}

/** Whether a path's SKU has a plan of that name and the path leaves it on. */
function leavesOn(model: TenantModel, path: LicensePath, servicePlanName: string): boolean {
  const plan = model.skus.get(path.skuId)?.plans.find((p) => p.servicePlanName === servicePlanName);
  return plan !== undefined && !path.disabledPlans.includes(plan.servicePlanId);
}

/**
 * The data-bearing plans the change takes from its source, and per plan who loses it and who keeps it through
 * another path (for the human plan output and the guard).
 */
export function dataLosses(
  model: TenantModel,
  change: SourceChange,
  members: readonly TenantUser[],
  impact: MemberImpact,
): DataLoss[] {
  const before = enabledNames(model, change.before);
  const after = enabledNames(model, change.after);
  const taken = difference(before, after)
    .filter((p) => dataBearing(p) !== undefined)
    .sort();
  const source = sourceOf(change);
  return taken.map((servicePlanName) => {
    const info = dataBearing(servicePlanName)!;
    const losing = impact.losing
      .filter((e) => e.plans.includes(servicePlanName))
      .map((e) => ({ id: e.id, userPrincipalName: e.userPrincipalName }));
    const lost = new Set(losing.map((l) => l.id));
    const through = new Map<string, number>();
    let keeping = 0;
    for (const user of members) {
      if (lost.has(user.id)) continue;
      const others = user.paths.filter(
        (p) => p.groupId !== source && pathGrants(p) && leavesOn(model, p, servicePlanName),
      );
      if (others.length > 0) keeping += 1;
      for (const p of others) {
        const name =
          p.groupId === null ? 'directly' : (model.groups.get(p.groupId)?.displayName ?? p.groupId);
        through.set(name, (through.get(name) ?? 0) + 1);
      }
    }
    const keptThrough = [...through.entries()]
      .sort(
        (a, b) =>
          Number(a[0] === 'directly') - Number(b[0] === 'directly') ||
          b[1] - a[1] ||
          a[0].localeCompare(b[0]),
      )
      .map(([name]) => name);
    return { servicePlanName, label: info.label, kind: info.kind, losing, keeping, keptThrough };
  });
}

/**
 * "14 members: 3 lose Exchange Online (Plan 2) — mailbox; 11 keep it through Sales or directly" — one line per
 * data-bearing plan taken, then the SKU counts; `first` names are listed after each count.
 */
export function describeImpact(impact: MemberImpact, losses: readonly DataLoss[], first = 3): string[] {
  const names = (list: readonly { id: string; userPrincipalName: string | null }[]) => {
    const shown = list.slice(0, first).map((m) => m.userPrincipalName ?? m.id);
    return shown.length === 0 ? '' : ` (${shown.join(', ')}${list.length > first ? ', …' : ''})`;
  };
  const lines = losses.map((loss) => {
    const keep =
      loss.keeping === 0
        ? ''
        : `; ${loss.keeping} keep it${loss.keptThrough.length > 0 ? ` through ${orList(loss.keptThrough)}` : ''}`;
    return `${impact.members} members: ${loss.losing.length} lose ${loss.label} — ${loss.kind}${names(loss.losing)}${keep}`;
  });
  const skuLosers = impact.losing.filter((e) => e.skus.length > 0);
  if (skuLosers.length > 0)
    lines.push(`${skuLosers.length} of ${impact.members} members lose a product${names(skuLosers)}`);
  const planOnly = impact.losing.filter((e) => e.skus.length === 0);
  if (planOnly.length > 0) lines.push(`${planOnly.length} lose service plans only${names(planOnly)}`);
  if (impact.gaining.length > 0)
    lines.push(`${impact.gaining.length} gain licenses or plans${names(impact.gaining)}`);
  if (lines.length === 0) lines.push(`${impact.members} members: nobody loses or gains anything`);
  return lines;
}

function orList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}
