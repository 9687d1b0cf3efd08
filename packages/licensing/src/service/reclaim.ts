import { isGuid } from '@entra-licensing/graph-client';
import { LicensingError, shownValue } from '../core/licensing-error.js';
import { checkCriteria } from '../core/reclaim/find-candidates.js';
import {
  type ActionEffects,
  actionEffects,
  findReclaimableIn,
  type SignInRecord,
} from '../core/reclaim/from-tenant.js';
import { type FreedSpend, spendFreed } from '../core/reclaim/spend.js';
import type {
  ReclaimActionKind,
  ReclaimBucket,
  ReclaimEvidence,
  ReclaimExclusion,
  ReclaimExclusionReason,
} from '../core/reclaim/types.js';
import { checkPriceTable, type PriceTable } from '../core/report/prices.js';
import { resolveSku } from '../core/resolve.js';
import { type ChangeLosses, dataLossRefusal } from '../core/tenant/guard.js';
import type { MemberImpact } from '../core/tenant/impact.js';
import type { TenantModel } from '../core/tenant/model.js';
import { readExemptMembers } from '../engine/exempt-members.js';
import { type MemberRemovalOptions, runMemberRemovals } from '../engine/member-removal.js';
import { runEngine } from '../engine/run-engine.js';
import { readSignIns, type SignInUnavailable } from '../engine/sign-in-read.js';
import { readTenantModel } from '../engine/tenant-read.js';
import type { BulkError, BulkItem, BulkProgressEvent } from '../engine/types.js';
import { resolveTarget } from './resolve-target.js';
import type { ServiceContext } from './service-context.js';

/** Who may keep their licenses whatever their sign-ins: users by UPN or id, groups by id or display name. */
export interface ReclaimExceptionList {
  users?: readonly string[];
  groups?: readonly string[];
}

export interface FindReclaimableOptions {
  /** No successful sign-in of either kind for this many days: `dormant`. */
  inactiveDays: number;
  /** Accounts created, and licenses whose path changed, within this many days are never candidates. */
  graceDays: number;
  exceptions?: ReclaimExceptionList;
  /** Only these SKUs (part numbers, product names or skuIds). Default: every SKU. */
  skus?: readonly string[];
  /** Seat prices by SKU part number (the report's price table): the plan then shows the spend freed. */
  prices?: PriceTable;
  /** "Now" (tests). Default: the clock. */
  now?: Date;
}

/** One action of a plan, in the output contract's shape. */
export interface ReclaimPlanAction {
  kind: ReclaimActionKind;
  skuPartNumber: string;
  groupId?: string;
  groupName?: string;
  impact: MemberImpact;
}

/** One candidate of a plan, in the output contract's shape. */
export interface ReclaimPlanCandidate {
  id: string;
  userPrincipalName: string;
  bucket: ReclaimBucket;
  evidence: ReclaimEvidence;
  actions: ReclaimPlanAction[];
}

/** `reclaim --json` / `--out`: the reviewed plan that `reclaim apply` re-checks and applies. */
export interface ReclaimPlan {
  kind: 'entra-licensing.reclaim-plan';
  version: 1;
  createdDateTime: string;
  criteria: {
    inactiveDays: number;
    graceDays: number;
    /** Part numbers; null: every SKU. */
    skus: string[] | null;
    exceptions: { users: string[]; groups: { id: string; displayName: string | null }[] };
  };
  /** Whether sign-in activity was read; when not, why, and only `disabled` was searched. */
  signInActivity: { available: true } | ({ available: false } & SignInUnavailable);
  candidates: ReclaimPlanCandidate[];
  excluded: ReclaimExclusion[];
  /** Seats each SKU gets back when every action is applied. */
  seats: { skuPartNumber: string; freed: number }[];
  /** With a price table: what those seats cost. */
  spend?: FreedSpend;
}

const asList = (value: unknown, field: string): string[] => {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    throw new LicensingError({
      code: 'INVALID_INPUT',
      field,
      value,
      message: `${field} must be a list of names or ids, got ${shownValue(value)}.`,
    });
  }
  return value.map((v, i) => {
    if (typeof v !== 'string' || v.trim() === '') {
      throw new LicensingError({
        code: 'INVALID_INPUT',
        field: `${field}[${i}]`,
        value: v,
        message: `${field}[${i}] must be a non-empty name or id, got ${shownValue(v)}.`,
      });
    }
    return v.trim();
  });
};

/** An exempt group by id, or by its exact display name (exactly one group: the service's target resolution). */
async function resolveExemptGroup(
  context: ServiceContext,
  ref: string,
  field: string,
): Promise<{ id: string; displayName: string | null }> {
  const group = await resolveTarget(context, 'group', ref, field);
  return { id: group.id.toLowerCase(), displayName: group.displayName };
}

/** A named exception must be a user of the tenant: a typo must not leave the person it meant unprotected. */
function checkExceptedUsers(
  model: TenantModel,
  users: readonly string[],
  records: readonly SignInRecord[],
): void {
  const known = new Set<string>();
  for (const r of records) {
    known.add(r.id.toLowerCase());
    if (r.userPrincipalName) known.add(r.userPrincipalName.toLowerCase());
  }
  for (const id of model.users.keys()) known.add(id.toLowerCase());
  for (const upn of model.usersByUpn.keys()) known.add(upn);
  users.forEach((user, i) => {
    if (!known.has(user.toLowerCase())) {
      throw new LicensingError({
        code: 'TARGET_NOT_FOUND',
        field: `exceptions.users[${i}]`,
        value: user,
        message: `exceptions.users[${i}]: no user ${JSON.stringify(user)} in the tenant (give a user principal name or an object id).`,
      });
    }
  });
}

interface TenantReading {
  model: TenantModel;
  records: SignInRecord[];
  unavailable?: SignInUnavailable;
  exempt: Set<string>;
}

async function readTenant(
  context: ServiceContext,
  exemptGroupIds: readonly string[],
): Promise<TenantReading> {
  const [model, signIns, exempt] = await Promise.all([
    readTenantModel({ client: context.client, tenantSkus: () => context.tenantSkus(), sleep: context.sleep }),
    readSignIns(context.client),
    readExemptMembers(context.client, exemptGroupIds),
  ]);
  return {
    model,
    records: signIns.records,
    ...(signIns.unavailable ? { unavailable: signIns.unavailable } : {}),
    exempt,
  };
}

function seatsFreed(candidates: readonly ReclaimPlanCandidate[]): ReclaimPlan['seats'] {
  const counts = new Map<string, number>();
  for (const c of candidates) {
    for (const sku of new Set(c.actions.map((a) => a.skuPartNumber)))
      counts.set(sku, (counts.get(sku) ?? 0) + 1);
  }
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([skuPartNumber, freed]) => ({ skuPartNumber, freed }));
}

/**
 * The reclaim candidates of the tenant (reads only): the tenant license model, every user's sign-in activity and
 * the exempt groups' members are read, then each licensed user is put in a bucket or excluded with the reason.
 * Without AuditLog.Read.All or Entra ID P1 the plan says so and holds the `disabled` bucket alone.
 */
export async function findReclaimable(
  context: ServiceContext,
  options: FindReclaimableOptions,
): Promise<ReclaimPlan> {
  const given = (options ?? {}) as Partial<FindReclaimableOptions>;
  checkCriteria({ inactiveDays: given.inactiveDays as number, graceDays: given.graceDays as number });
  const exceptionUsers = asList(given.exceptions?.users, 'exceptions.users');
  const exceptionGroups = asList(given.exceptions?.groups, 'exceptions.groups');
  const skuRefs = given.skus === undefined ? undefined : asList(given.skus, 'skus');
  const prices = given.prices === undefined ? undefined : checkPriceTable(given.prices, 'prices');
  const tenantSkus = await context.tenantSkus();
  const skus = skuRefs?.map((ref, i) => resolveSku(ref, tenantSkus, { field: `skus[${i}]` }));
  const groups = await Promise.all(
    exceptionGroups.map((ref, i) => resolveExemptGroup(context, ref, `exceptions.groups[${i}]`)),
  );
  const reading = await readTenant(
    context,
    groups.map((g) => g.id),
  );
  checkExceptedUsers(reading.model, exceptionUsers, reading.records);
  const now = (given.now ?? new Date()).getTime();
  const search = findReclaimableIn(reading.model, reading.records, {
    inactiveDays: given.inactiveDays as number,
    graceDays: given.graceDays as number,
    exceptions: { users: exceptionUsers },
    exemptGroupMembers: reading.exempt,
    ...(skus ? { skus: skus.map((s) => s.skuId) } : {}),
    now,
  });
  const candidates = search.candidates.map(
    (c): ReclaimPlanCandidate => ({
      id: c.id,
      userPrincipalName: c.userPrincipalName,
      bucket: c.bucket,
      evidence: c.evidence,
      actions: c.actions.map(({ skuId: _skuId, ...action }) => action),
    }),
  );
  const seats = seatsFreed(candidates);
  return {
    kind: 'entra-licensing.reclaim-plan',
    version: 1,
    createdDateTime: new Date(now).toISOString(),
    criteria: {
      inactiveDays: given.inactiveDays as number,
      graceDays: given.graceDays as number,
      skus: skus ? skus.map((s) => s.skuPartNumber) : null,
      exceptions: { users: exceptionUsers, groups },
    },
    signInActivity: reading.unavailable ? { available: false, ...reading.unavailable } : { available: true },
    candidates,
    excluded: search.excluded,
    seats,
    ...(prices ? { spend: spendFreed(seats, prices) } : {}),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// apply

export interface ApplyReclaimOptions {
  /** Take mailboxes or files from people who keep them through no other path. Default false: refused. */
  allowDataLoss?: boolean;
  /** Refuse, before any write, a plan with more applicable actions than this. */
  maxActions?: number;
  /** Re-check only: say what would be applied and what is refused; write nothing. */
  dryRun?: boolean;
  now?: Date;
  onProgress?: (event: BulkProgressEvent) => void;
}

export type ReclaimActionStatus = 'applied' | 'unchanged' | 'failed' | 'refused' | 'planned';

export interface ReclaimActionResult {
  id: string;
  userPrincipalName: string;
  kind: ReclaimActionKind;
  skuPartNumber: string;
  groupId?: string;
  groupName?: string;
  status: ReclaimActionStatus;
  /** Why it was refused, unchanged or failed. */
  reason?: string;
  error?: BulkError;
}

export interface ReclaimApplyRun {
  /** One result per action of the plan, in the plan's order. */
  results: ReclaimActionResult[];
  summary: Record<ReclaimActionStatus, number>;
}

const REFUSED_BECAUSE: Record<ReclaimExclusionReason, string> = {
  active: 'signed in since the plan was made',
  inGracePeriod: 'the account is now within the grace period',
  excepted: 'now on the exceptions list (by name or through an exempt group)',
  licenseChangedInGracePeriod: 'a path of this license changed within the grace period',
  groupGrantsKeptLicense: 'the group now also grants a license that is kept',
  noSignInData: 'sign-in activity could not be read now, so inactivity cannot be confirmed',
};

function checkPlan(plan: unknown): ReclaimPlan {
  const p = plan as Partial<ReclaimPlan> | null;
  const bad = (field: string, value: unknown, what: string) =>
    new LicensingError({
      code: 'INVALID_INPUT',
      field,
      value,
      message: `${field} ${what}, got ${shownValue(value)}.`,
    });
  if (!p || typeof p !== 'object' || p.kind !== 'entra-licensing.reclaim-plan')
    throw bad(
      'plan.kind',
      p?.kind,
      "must be 'entra-licensing.reclaim-plan' (a file written by reclaim --out)",
    );
  if (p.version !== 1) throw bad('plan.version', p.version, 'must be 1');
  if (!p.criteria || typeof p.criteria !== 'object')
    throw bad('plan.criteria', p.criteria, 'must be an object');
  checkCriteria(p.criteria);
  if (!Array.isArray(p.candidates)) throw bad('plan.candidates', p.candidates, 'must be a list');
  p.candidates.forEach((c, i) => {
    if (!c || typeof c.id !== 'string' || !isGuid(c.id))
      throw bad(`plan.candidates[${i}].id`, c?.id, 'must be a user object id');
    if (!Array.isArray(c.actions)) throw bad(`plan.candidates[${i}].actions`, c.actions, 'must be a list');
    c.actions.forEach((a, j) => {
      const field = `plan.candidates[${i}].actions[${j}]`;
      if (a?.kind !== 'removeDirectLicense' && a?.kind !== 'removeGroupMember')
        throw bad(`${field}.kind`, a?.kind, "must be 'removeDirectLicense' or 'removeGroupMember'");
      if (typeof a.skuPartNumber !== 'string')
        throw bad(`${field}.skuPartNumber`, a.skuPartNumber, 'must be a string');
      if (a.kind === 'removeGroupMember' && !isGuid(a.groupId))
        throw bad(`${field}.groupId`, a.groupId, 'must be a group object id');
    });
  });
  return p as ReclaimPlan;
}

const sameAction = (
  a: { kind: string; skuPartNumber: string; groupId?: string },
  b: { kind: string; skuPartNumber: string; groupId?: string },
) =>
  a.kind === b.kind &&
  a.skuPartNumber.toLowerCase() === b.skuPartNumber.toLowerCase() &&
  (a.groupId ?? '').toLowerCase() === (b.groupId ?? '').toLowerCase();

/**
 * Applies a reviewed plan: every target is read again and the search is run again with the plan's criteria; an
 * action whose evidence no longer holds (the user signed in since, the membership or the license changed, the user
 * became exempt) is refused and nothing is sent for it. The rest go through the engine: direct licenses through the
 * license write path, memberships through the member-removal write; one result per action. Before any write,
 * `maxActions` and the data-loss guard (mailboxes and files taken from people who keep them through no other path)
 * may refuse the whole run.
 */
export async function applyReclaimPlan(
  context: ServiceContext,
  planInput: ReclaimPlan,
  options: ApplyReclaimOptions = {},
): Promise<ReclaimApplyRun> {
  const plan = checkPlan(planInput);
  const { criteria } = plan;
  const tenantSkus = await context.tenantSkus();
  const skuIds = criteria.skus?.map(
    (ref, i) => resolveSku(ref, tenantSkus, { field: `plan.criteria.skus[${i}]` }).skuId,
  );
  const exemptGroups = (criteria.exceptions?.groups ?? []).map((g) => g.id);
  const reading = await readTenant(context, exemptGroups);
  const now = (options.now ?? new Date()).getTime();
  const fresh = findReclaimableIn(reading.model, reading.records, {
    inactiveDays: criteria.inactiveDays,
    graceDays: criteria.graceDays,
    exceptions: { users: criteria.exceptions?.users ?? [] },
    exemptGroupMembers: reading.exempt,
    ...(skuIds ? { skus: skuIds } : {}),
    now,
  });
  const freshById = new Map(fresh.candidates.map((c) => [c.id.toLowerCase(), c]));
  const whyNot = new Map(fresh.excluded.map((e) => [e.id.toLowerCase(), e.reason]));

  type Entry = { result: ReclaimActionResult; skuId?: string; userId: string };
  const entries: Entry[] = [];
  for (const candidate of plan.candidates) {
    const now_ = freshById.get(candidate.id.toLowerCase());
    for (const action of candidate.actions) {
      const result: ReclaimActionResult = {
        id: candidate.id,
        userPrincipalName: candidate.userPrincipalName,
        kind: action.kind,
        skuPartNumber: action.skuPartNumber,
        ...(action.groupId ? { groupId: action.groupId } : {}),
        ...(action.groupName ? { groupName: action.groupName } : {}),
        status: 'planned',
      };
      const match = now_?.actions.find((a) => sameAction(a, action));
      if (!now_ || !match) {
        const reason = whyNot.get(candidate.id.toLowerCase());
        result.status = 'refused';
        result.reason = reason
          ? `Evidence no longer holds: ${REFUSED_BECAUSE[reason]}${reason === 'noSignInData' && reading.unavailable ? ` (${reading.unavailable.message})` : ''}.`
          : now_
            ? `Evidence no longer holds: this action no longer frees ${action.skuPartNumber} (the membership or the license changed since the plan).`
            : `Evidence no longer holds: ${candidate.userPrincipalName} no longer holds a license this plan reclaims.`;
      }
      entries.push({ result, userId: candidate.id.toLowerCase(), ...(match ? { skuId: match.skuId } : {}) });
    }
  }
  const runnable = entries.filter((e) => e.result.status === 'planned');
  if (options.maxActions !== undefined && runnable.length > options.maxActions) {
    throw new LicensingError({
      code: 'MAX_REMOVALS_EXCEEDED',
      field: 'maxActions',
      value: options.maxActions,
      message: `Refused before any write: the plan still has ${runnable.length} applicable actions, more than maxActions ${options.maxActions} allows.`,
    });
  }
  // The data-loss guard, on what each person's actions take together.
  const changes: ChangeLosses[] = [];
  const byUser = new Map<string, Entry[]>();
  for (const e of runnable) byUser.set(e.userId, [...(byUser.get(e.userId) ?? []), e]);
  for (const [userId, list] of byUser) {
    const user = reading.model.users.get(userId);
    if (!user) continue;
    const effects: ActionEffects = actionEffects(
      reading.model,
      user,
      list.map((e) => ({
        kind: e.result.kind,
        skuId: e.skuId as string,
        ...(e.result.groupId ? { groupId: e.result.groupId.toLowerCase() } : {}),
      })),
    );
    if (effects.losses.length > 0)
      changes.push({ targetName: `user ${user.userPrincipalName ?? userId}`, losses: effects.losses });
  }
  const refusal = dataLossRefusal(changes, options.allowDataLoss === true);
  if (refusal) throw refusal;

  if (!options.dryRun && runnable.length > 0) {
    const groupEntries = runnable.filter((e) => e.result.kind === 'removeGroupMember');
    const removals = await runMemberRemovals(
      { client: context.client, seats: context.seats },
      groupEntries.map((e) => ({ groupId: e.result.groupId as string, userId: e.userId })),
      { ...(options.onProgress ? { onProgress: options.onProgress } : {}) } satisfies MemberRemovalOptions,
    );
    removals.results.forEach((r, i) => {
      const entry = groupEntries[i] as Entry;
      entry.result.status = r.status === 'planned' ? 'planned' : r.status;
      if (r.reason) entry.result.reason = r.reason;
      if (r.error) entry.result.error = r.error;
    });
    const directEntries = runnable.filter((e) => e.result.kind === 'removeDirectLicense');
    const directByUser = new Map<string, Entry[]>();
    for (const e of directEntries) directByUser.set(e.userId, [...(directByUser.get(e.userId) ?? []), e]);
    const users = [...directByUser.keys()];
    const items: BulkItem[] = users.map((userId) => ({
      target: { kind: 'user', id: userId },
      intent: { action: 'remove', skus: (directByUser.get(userId) ?? []).map((e) => e.skuId as string) },
      key: userId,
    }));
    if (items.length > 0) {
      const report = await runEngine(
        { client: context.client, tenantSkus: context.tenantSkus, seats: context.seats },
        items,
        { ...(options.onProgress ? { onProgress: options.onProgress } : {}) },
      );
      report.run.results.forEach((r, i) => {
        for (const entry of directByUser.get(users[i] as string) ?? []) {
          entry.result.status = r.status === 'skipped' ? 'unchanged' : r.status;
          if (r.reason) entry.result.reason = r.reason;
          if (r.error) entry.result.error = r.error;
        }
      });
    }
  }
  const summary: Record<ReclaimActionStatus, number> = {
    applied: 0,
    unchanged: 0,
    failed: 0,
    refused: 0,
    planned: 0,
  };
  for (const e of entries) summary[e.result.status] += 1;
  return { results: entries.map((e) => e.result), summary };
}
