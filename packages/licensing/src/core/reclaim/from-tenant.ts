import {
  type DataLoss,
  dataLosses,
  type MemberImpact,
  memberImpact,
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

/** What the action does to this member (the tenant model's member impact, for one member). */
export function actionImpact(
  model: TenantModel,
  user: TenantUser,
  action: Pick<ReclaimAction, 'kind' | 'skuId' | 'groupId'>,
): MemberImpact {
  return memberImpact(model, sourceChangeOf(model, user, action), [user]);
}

/** The mailbox or files the action would take from this member (for the data-loss guard). */
export function actionDataLosses(
  model: TenantModel,
  user: TenantUser,
  action: Pick<ReclaimAction, 'kind' | 'skuId' | 'groupId'>,
): DataLoss[] {
  const change = sourceChangeOf(model, user, action);
  return dataLosses(model, change, [user], memberImpact(model, change, [user]));
}

export interface ReclaimSearchOptions extends ReclaimCriteria {
  exceptions?: ReclaimExceptions;
  /** Ids of the exempt groups' members. */
  exemptGroupMembers?: ReadonlySet<string>;
  /** Only these SKUs (skuIds). */
  skus?: readonly string[];
  now: number;
}

/** The candidates of a tenant: the model, what `/users` said, the criteria. Pure. */
export function findReclaimableIn(
  model: TenantModel,
  records: readonly SignInRecord[],
  options: ReclaimSearchOptions,
): CandidateSearch<MemberImpact> {
  return findCandidates(reclaimFacts(model, records), {
    ...options,
    impactOf: (facts, action) => {
      const user = model.users.get(facts.id);
      return user ? actionImpact(model, user, action) : { members: 1, losing: [], gaining: [] };
    },
  });
}
