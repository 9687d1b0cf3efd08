import { GraphError } from '@entra-licensing/graph-client';
import { checkTargetId } from '../core/ids.js';
import { LicensingError, shownValue } from '../core/licensing-error.js';
import { resolveSku } from '../core/resolve.js';
import { type ChangeLosses, dataLossRefusal } from '../core/tenant/guard.js';
import {
  type DataLoss,
  dataLosses,
  describeImpact,
  type MemberImpact,
  memberImpact,
  type SourceChange,
} from '../core/tenant/impact.js';
import {
  buildTenantModel,
  findUser,
  type LicenseGrant,
  type TenantModel,
  type TenantUser,
} from '../core/tenant/model.js';
import { explainPaths, type HolderRow, holders, type UserExplanation } from '../core/tenant/rights.js';
import { carryDisabledPlans } from '../core/tenant/swap.js';
import {
  readGroupMembers,
  readLicensedGroups,
  readTenantModel,
  readUsers,
  type TenantReadContext,
  toTenantSku,
} from '../engine/tenant-read.js';
import type { ServiceContext } from './service-context.js';

/** What the tenant questions need: the client, the service's SKU cache and its sleep. */
export type TenantContext = TenantReadContext;

import { describeTarget, type LicenseTarget, targetNotFound } from '../core/target.js';

/** Options of the tenant questions: pass a model read once (`readTenantModel`) to ask many without reading again. */
export interface TenantQueryOptions {
  model?: TenantModel;
}

/** A planned change of one target as the planner describes it (`ApplyResult.plan` or a bulk result's `plan`). */
export interface PlannedTargetChange {
  target: LicenseTarget;
  targetName?: string;
  plan: {
    changes: readonly {
      skuId: string;
      disabledPlansBefore: readonly (string | { servicePlanId: string })[] | null;
      disabledPlansAfter: readonly (string | { servicePlanId: string })[] | null;
    }[];
  };
}

/** What a planned change does to the people it reaches. `impact` is the CLI's `plan --json` contract. */
export interface ChangeImpact {
  target: LicenseTarget;
  targetName: string;
  impact: MemberImpact;
  /** Data-bearing plans the change takes from the target, who loses them and who keeps them through another path. */
  dataLosses: DataLoss[];
  /** The human lines ("14 members: 3 lose Exchange Online (Plan 2) — mailbox; 11 keep it through Sales or directly"). */
  lines: string[];
}

function planIds(list: readonly (string | { servicePlanId: string })[]): string[] {
  return list.map((p) => (typeof p === 'string' ? p : p.servicePlanId)).sort();
}

/** The target's license list before and after, from the planner's per-SKU changes. */
export function sourceChangeOf(change: PlannedTargetChange, objectId: string): SourceChange {
  const before: LicenseGrant[] = [];
  const after: LicenseGrant[] = [];
  for (const c of change.plan.changes) {
    if (c.disabledPlansBefore !== null)
      before.push({ skuId: c.skuId, disabledPlans: planIds(c.disabledPlansBefore) });
    if (c.disabledPlansAfter !== null)
      after.push({ skuId: c.skuId, disabledPlans: planIds(c.disabledPlansAfter) });
  }
  return change.target.kind === 'group'
    ? { kind: 'group', groupId: objectId, before, after }
    : { kind: 'user', userId: objectId, before, after };
}

/** True when the change switches off anything for its target (a SKU removed or a plan disabled). */
export function removesSomething(change: PlannedTargetChange): boolean {
  return change.plan.changes.some((c) => {
    if (c.disabledPlansBefore === null) return false;
    if (c.disabledPlansAfter === null) return true;
    const before = new Set(planIds(c.disabledPlansBefore));
    return planIds(c.disabledPlansAfter).some((p) => !before.has(p));
  });
}

function notFound(ref: string, field: string, cause?: unknown): LicensingError {
  return targetNotFound({ kind: 'user', id: ref }, field, cause);
}

async function readOneUser(context: TenantContext, ref: string, field: string): Promise<TenantUser> {
  checkTargetId('user', ref, field);
  try {
    const user = (await readUsers(context, [ref])).get(ref);
    if (!user) throw notFound(ref, field);
    return user;
  } catch (error) {
    if (error instanceof GraphError && error.status === 404) throw notFound(ref, field, error);
    throw error;
  }
}

/** A model of the SKUs, the license-holding groups and the given users only (for one user or one change). */
async function partialModel(context: TenantContext, users: readonly TenantUser[]): Promise<TenantModel> {
  const [skus, groups] = await Promise.all([context.tenantSkus(), readLicensedGroups(context)]);
  return buildTenantModel({ skus: skus.flatMap((s) => toTenantSku(s) ?? []), groups, users });
}

/** Reads the whole tenant model (SKUs, license-holding groups, every user with their license paths). */
export function tenantModel(context: TenantContext): Promise<TenantModel> {
  return readTenantModel(context);
}

/** Every SKU and plan of a user, enabled or not, with every path that grants it. */
export async function explainUser(
  context: TenantContext,
  ref: string,
  options: TenantQueryOptions = {},
): Promise<UserExplanation> {
  if (typeof ref !== 'string' || ref.trim() === '') {
    throw new LicensingError({
      code: 'INVALID_INPUT',
      field: 'user',
      value: ref,
      message: `user must be a user object id or principal name, got ${shownValue(ref)}.`,
    });
  }
  if (options.model) {
    const user = findUser(options.model, ref);
    if (!user) throw notFound(ref, 'user');
    return explainPaths(options.model, user);
  }
  const user = await readOneUser(context, ref, 'user');
  return explainPaths(await partialModel(context, [user]), user);
}

/** Who holds a SKU or a service plan, and through which paths. */
export async function whoHas(
  context: TenantContext,
  query: { sku?: string; plan?: string },
  options: TenantQueryOptions = {},
): Promise<HolderRow[]> {
  const { sku, plan } = query ?? {};
  if ((sku === undefined || sku === '') && (plan === undefined || plan === '')) {
    throw new LicensingError({
      code: 'INVALID_INPUT',
      field: 'sku',
      value: sku,
      message:
        'whoHas needs { sku } (a product name, part number or skuId) or { plan } (a service plan name), or both.',
    });
  }
  const skus = await context.tenantSkus();
  const skuId = sku ? resolveSku(sku, skus).skuId : undefined;
  let servicePlanName: string | undefined;
  if (plan) {
    const wanted = plan.trim().toUpperCase();
    const names = [
      ...new Set(skus.flatMap((s) => (s.servicePlans ?? []).map((p) => p.servicePlanName ?? ''))),
    ];
    servicePlanName = names.find((n) => n.toUpperCase() === wanted);
    if (!servicePlanName) {
      throw new LicensingError({
        code: 'PLAN_NOT_FOUND',
        field: 'plan',
        value: plan,
        message: `plan ${JSON.stringify(plan)} is not a service plan of any SKU of the tenant (give its name, e.g. EXCHANGE_S_ENTERPRISE).`,
        suggestions: names.filter((n) => n.toUpperCase().includes(wanted.slice(0, 4))).slice(0, 5),
      });
    }
  }
  const model = options.model ?? (await readTenantModel(context));
  return holders(model, {
    ...(skuId ? { skuId } : {}),
    ...(servicePlanName ? { servicePlanName } : {}),
  });
}

/**
 * The member-level impact of planned changes: per target, the members it reaches (a group's direct user members,
 * or the user) and what each loses and gains once every other path is counted. With a model, members of groups
 * that hold licenses come from it (attributed by their license states) and nothing is read; otherwise, and for
 * groups that hold nothing yet, the members are read through `$batch`.
 */
export async function changeImpacts(
  context: TenantContext,
  changes: readonly PlannedTargetChange[],
  options: TenantQueryOptions = {},
): Promise<ChangeImpact[]> {
  const model = options.model;
  const groupIds = changes.filter((c) => c.target.kind === 'group').map((c) => c.target.id.toLowerCase());
  const userRefs = changes.filter((c) => c.target.kind === 'user').map((c) => c.target.id);
  const fromModel = (id: string) => model?.groups.has(id) === true;
  const toRead = [...new Set(groupIds.filter((id) => !fromModel(id)))];
  const usersToRead = [...new Set(userRefs.filter((ref) => !(model && findUser(model, ref))))];
  const [members, users] = await Promise.all([
    toRead.length > 0 ? readGroupMembers(context, toRead) : new Map<string, TenantUser[]>(),
    usersToRead.length > 0 ? readUsers(context, usersToRead) : new Map<string, TenantUser | undefined>(),
  ]);
  const read = [...[...members.values()].flat(), ...[...users.values()].flatMap((u) => (u ? [u] : []))];
  const working = model ?? (await partialModel(context, read));
  return changes.map((change) => {
    let reached: TenantUser[];
    let objectId = change.target.id.toLowerCase();
    if (change.target.kind === 'group') {
      const attributed = fromModel(objectId)
        ? [...(model?.attributedMembers.get(objectId) ?? [])]
        : undefined;
      reached = attributed
        ? attributed.flatMap((id) => working.users.get(id) ?? [])
        : (members.get(objectId) ?? []).map((u) => working.users.get(u.id) ?? u);
    } else {
      const user = (model && findUser(model, change.target.id)) ?? users.get(change.target.id);
      if (!user) throw notFound(change.target.id, 'target.id');
      objectId = user.id;
      reached = [user];
    }
    const source = sourceChangeOf(change, objectId);
    const impact = memberImpact(working, source, reached);
    const losses = dataLosses(working, source, reached, impact);
    return {
      target: change.target,
      targetName: change.targetName ?? describeTarget(change.target),
      impact,
      dataLosses: losses,
      lines: describeImpact(impact, losses),
    };
  });
}

/**
 * The guard on people: throws the refusal when a change would take a data-bearing plan from members who keep it
 * through no other path, unless `allowDataLoss`. Changes that switch nothing off are not even looked at.
 */
export async function guardDataLoss(
  context: TenantContext,
  changes: readonly PlannedTargetChange[],
  allowDataLoss: boolean,
  options: TenantQueryOptions = {},
): Promise<ChangeImpact[]> {
  if (allowDataLoss) return [];
  const risky = changes.filter(removesSomething);
  if (risky.length === 0) return [];
  const impacts = await changeImpacts(context, risky, options);
  const losses: ChangeLosses[] = impacts.map((i) => ({ targetName: i.targetName, losses: i.dataLosses }));
  const refusal = dataLossRefusal(losses, false);
  if (refusal) throw refusal;
  return impacts;
}

/** The disabled plans of SKU `from` on a target, carried by name to SKU `to` (for `swap`). */
export async function carriedPlansFor(
  context: ServiceContext,
  target: LicenseTarget,
  from: string,
  to: string,
): Promise<{ disabledPlans: string[]; carried: string[]; notInTarget: string[] }> {
  const skus = await context.tenantSkus();
  const a = resolveSku(from, skus);
  const b = resolveSku(to, skus);
  const state = await context.readTarget(target);
  const held = state.manageable.find((l) => l.skuId === a.skuId);
  const plansOf = (sku: typeof a) =>
    sku.servicePlans.map((p) => ({ servicePlanId: p.servicePlanId, servicePlanName: p.servicePlanName }));
  return carryDisabledPlans({ plans: plansOf(a) }, { plans: plansOf(b) }, held?.disabledPlans ?? []);
}
