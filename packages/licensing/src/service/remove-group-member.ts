import { actionEffects } from '../core/reclaim/from-tenant.js';
import { targetNotFound } from '../core/target.js';
import { dataLossRefusal } from '../core/tenant/guard.js';
import type { DataLoss, MemberImpact } from '../core/tenant/impact.js';
import { buildTenantModel } from '../core/tenant/model.js';
import { type MemberRemovalResult, runMemberRemovals } from '../engine/member-removal.js';
import { readLicensedGroups, readUsers, toTenantSku } from '../engine/tenant-read.js';
import { resolveTarget } from './resolve-target.js';
import type { ServiceContext } from './service-context.js';

export interface RemoveGroupMemberOptions {
  /** Take a mailbox or files the user holds through this group alone. Default false: refused before any write. */
  allowDataLoss?: boolean;
  /** Check and show the impact only; send nothing. */
  dryRun?: boolean;
}

export interface RemoveGroupMemberResult {
  groupId: string;
  groupName: string | null;
  userId: string;
  userPrincipalName: string | null;
  /** `unchanged`: the user was not a member. `planned`: dry run. */
  status: MemberRemovalResult['status'];
  reason?: string;
  error?: MemberRemovalResult['error'];
  /** What leaving the group takes from (or gives to) the user once every other path is counted. */
  impact: MemberImpact;
  /** The mailboxes and files it takes (allowed with `allowDataLoss`). */
  dataLosses: DataLoss[];
}

/**
 * One user leaves one group through the engine's member-removal write (paced, retried, verified), after the
 * data-loss guard: the user and the license-holding groups are read, and a removal that takes a mailbox or files the
 * user keeps through no other path is refused before any write unless `allowDataLoss`.
 */
export async function removeGroupMember(
  context: ServiceContext,
  groupRef: string,
  userRef: string,
  options: RemoveGroupMemberOptions = {},
): Promise<RemoveGroupMemberResult> {
  const group = await resolveTarget(context, 'group', groupRef, 'group');
  const target = await resolveTarget(context, 'user', userRef, 'user');
  const [skus, groups, users] = await Promise.all([
    context.tenantSkus(),
    readLicensedGroups(context),
    readUsers(context, [target.id]),
  ]);
  const found = users.get(target.id);
  // A user given by UPN is resolved by this read; the removal needs the object id.
  if (!found) throw targetNotFound({ kind: 'user', id: target.id }, 'user');
  const model = buildTenantModel({
    skus: skus.flatMap((s) => toTenantSku(s) ?? []),
    groups,
    users: [found],
  });
  const groupId = group.id.toLowerCase();
  const user = model.users.get(found.id);
  const effects = user
    ? actionEffects(model, user, [{ kind: 'removeGroupMember', skuId: '', groupId }])
    : { impacts: [], losses: [] };
  const impact: MemberImpact = effects.impacts[0] ?? { members: 1, losing: [], gaining: [] };
  const userName = user?.userPrincipalName ?? target.displayName ?? null;
  const refusal = dataLossRefusal(
    [
      {
        targetName: `group ${group.displayName ?? groupId} (${groupId}), member ${userName ?? target.id}`,
        losses: effects.losses,
      },
    ],
    options.allowDataLoss === true,
  );
  if (refusal) throw refusal;
  const run = await runMemberRemovals(
    { client: context.client, seats: context.seats },
    [{ groupId, userId: found.id }],
    { ...(options.dryRun ? { dryRun: true } : {}) },
  );
  const result = run.results[0] as MemberRemovalResult;
  return {
    groupId,
    groupName: group.displayName ?? model.groups.get(groupId)?.displayName ?? null,
    userId: result.userId,
    userPrincipalName: userName,
    status: result.status,
    ...(result.reason ? { reason: result.reason } : {}),
    ...(result.error ? { error: result.error } : {}),
    impact,
    dataLosses: effects.losses,
  };
}
