import {
  type DataLoss,
  dataLosses,
  type MemberImpact,
  memberImpact,
  pathsAfter,
  type SourceChange,
} from '../tenant/impact.js';
import { type LicenseGrant, skuPartNumber, type TenantModel, type TenantUser } from '../tenant/model.js';
import { type CandidateSearch, findCandidates } from './find-candidates.js';
import type {
  ReclaimAction,
  ReclaimCriteria,
  ReclaimExceptions,
  ReclaimUserFacts,
  SignInActivity,
} from './types.js';

/** What `/users` said about one user besides licenses: the account's age, whether it may sign in, its sign-ins. */
export interface SignInRecord {
  id: string;
  userPrincipalName: string | null;
  accountEnabled: boolean | null;
  createdDateTime: string | null;
  /** Absent when `signInActivity` could not be read (then only `disabled` is searched). */
  signInActivity?: SignInActivity | null;
}

/** The users' facts for the search: the model's license paths joined with what `/users` said (by id). */
export function reclaimFacts(model: TenantModel, records: readonly SignInRecord[]): ReclaimUserFacts[] {
  const byId = new Map(records.map((r) => [r.id.toLowerCase(), r]));
  const facts: ReclaimUserFacts[] = [];
  for (const user of model.users.values()) {
    const record = byId.get(user.id.toLowerCase());
    if (!record || user.paths.length === 0) continue;
    facts.push({
      id: user.id,
      userPrincipalName: user.userPrincipalName ?? record.userPrincipalName ?? user.id,
      accountEnabled: record.accountEnabled ?? user.accountEnabled,
      createdDateTime: record.createdDateTime,
      ...(record.signInActivity === undefined ? {} : { signInActivity: record.signInActivity }),
      licenses: user.paths.map((p) => ({
        skuId: p.skuId,
        skuPartNumber: skuPartNumber(model, p.skuId),
        groupId: p.groupId,
        groupName: p.groupId ? (model.groups.get(p.groupId)?.displayName ?? null) : null,
        state: p.state,
        lastUpdatedDateTime: p.lastUpdatedDateTime,
      })),
    });
  }
  return facts;
}

function directGrants(user: TenantUser): LicenseGrant[] {
  return user.paths
    .filter((p) => p.groupId === null)
    .map((p) => ({ skuId: p.skuId, disabledPlans: [...p.disabledPlans] }));
}

/**
 * A reclaim action as a change of one license source for one user: leaving a group is that group's licenses
 * going away for this member alone; removing a direct license is the user's direct list without that SKU.
 */
export function sourceChangeOf(
  model: TenantModel,
  user: TenantUser,
  action: Pick<ReclaimAction, 'kind' | 'skuId' | 'groupId'>,
): SourceChange {
  if (action.kind === 'removeGroupMember' && action.groupId) {
    const group = model.groups.get(action.groupId);
    const before =
      group?.licenses ??
      user.paths
        .filter((p) => p.groupId === action.groupId)
        .map((p) => ({ skuId: p.skuId, disabledPlans: [...p.disabledPlans] }));
    return { kind: 'group', groupId: action.groupId, before, after: [] };
  }
  const before = directGrants(user);
  const sku = action.skuId.toLowerCase();
  return {
    kind: 'user',
    userId: user.id,
    before,
    after: before.filter((g) => g.skuId.toLowerCase() !== sku),
  };
}

type ActionRef = Pick<ReclaimAction, 'kind' | 'skuId' | 'groupId'>;

/** What a candidate's actions do to them, in order: each action's impact once the ones before it are done. */
export interface ActionEffects {
  /** Per action: what it takes or gives, counted after the actions before it (their sum is the whole effect). */
  impacts: MemberImpact[];
  /** The mailboxes and files the actions take together (for the data-loss guard). */
  losses: DataLoss[];
}

/**
 * The effect of a candidate's actions applied one after the other. A SKU held directly and through a group is lost
 * only with the second of its two actions: that action's impact shows it, so nothing is lost unseen.
 */
export function actionEffects(
  model: TenantModel,
  user: TenantUser,
  actions: readonly ActionRef[],
): ActionEffects {
  let current = user;
  const impacts: MemberImpact[] = [];
  const losses: DataLoss[] = [];
  const left = new Set<string>();
  for (const action of actions) {
    // Leaving a group once takes all it grants: its further actions (one per SKU) take nothing more.
    if (action.kind === 'removeGroupMember' && action.groupId) {
      if (left.has(action.groupId)) {
        impacts.push({ members: 1, losing: [], gaining: [] });
        continue;
      }
      left.add(action.groupId);
    }
    const change = sourceChangeOf(model, current, action);
    const impact = memberImpact(model, change, [current]);
    impacts.push(impact);
    losses.push(...dataLosses(model, change, [current], impact).filter((l) => l.losing.length > 0));
    current = { ...current, paths: pathsAfter(current, change) };
  }
  return { impacts, losses };
}

export interface ReclaimSearchOptions extends ReclaimCriteria {
  exceptions?: ReclaimExceptions;
  /** Ids of the exempt groups' members. */
  exemptGroupMembers?: ReadonlySet<string>;
  /** Only these SKUs (skuIds). */
  skus?: readonly string[];
  now: number;
}

const NO_IMPACT: MemberImpact = { members: 1, losing: [], gaining: [] };

/** The candidates of a tenant: the model, what `/users` said, the criteria. Pure. */
export function findReclaimableIn(
  model: TenantModel,
  records: readonly SignInRecord[],
  options: ReclaimSearchOptions,
): CandidateSearch<MemberImpact> {
  const search = findCandidates(reclaimFacts(model, records), { ...options, impactOf: () => NO_IMPACT });
  for (const candidate of search.candidates) {
    const user = model.users.get(candidate.id);
    if (!user) continue;
    const { impacts } = actionEffects(model, user, candidate.actions);
    candidate.actions.forEach((action, i) => {
      action.impact = impacts[i] ?? NO_IMPACT;
    });
  }
  return search;
}
