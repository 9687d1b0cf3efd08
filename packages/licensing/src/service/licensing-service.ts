import { type GraphClient, GraphError, type SubscribedSku } from '@entra-licensing/graph-client';
import { checkTargetId } from '../core/ids.js';
import type { LicenseIntent, SkuSpec } from '../core/intent.js';
import { LicensingError } from '../core/licensing-error.js';
import { boolean, checkOptions, func, integer, object, type Schema } from '../core/options-check.js';
import type { LicensePlan, PlanWarning } from '../core/plan.js';
import type { PreparedPlan, PrepareOptions } from '../core/prepare.js';
import { PREPARE_OPTIONS } from '../core/prepare.js';
import { type LicensePlanJson, planToJson, renderPlan } from '../core/render.js';
import { resolveSku } from '../core/resolve.js';
import { type ResolvedSku, tenantSkuIndex } from '../core/sku-index.js';
import { checkTarget, describeTarget, type LicenseTarget, targetNotFound } from '../core/target.js';
import { TARGET_SELECT, type TargetState, toTargetState } from '../core/target-state.js';
import type { TenantModel } from '../core/tenant/model.js';
import type { HolderRow, UserExplanation } from '../core/tenant/rights.js';
import { raisedError } from '../engine/errors.js';
import { defaultSleep, graphCall, type ReadPace } from '../engine/graph-call.js';
import { GroupWriteLog } from '../engine/group-write-log.js';
import type { Outcome } from '../engine/job.js';
import { runBulkIn } from '../engine/run-bulk.js';
import { runEngine } from '../engine/run-engine.js';
import { SeatLedger } from '../engine/seat-ledger.js';
import { ThrottleScopes } from '../engine/throttle-scopes.js';
import type { BulkItem, BulkOptions, BulkRun } from '../engine/types.js';
import {
  type GroupProcessingReport,
  listMembersWithLicenseErrors,
  type MemberLicenseErrors,
  type WaitOptions,
  waitForGroupProcessing,
} from './group-processing.js';
import {
  type DesiredStateDocument,
  describeLicenses,
  exportDesiredState,
  listSkuHolders,
  type NamedLicense,
  type SkuHolders,
} from './holders-and-export.js';
import {
  checkMigrationOptions,
  type MigrationOptions,
  type MigrationPlan,
  planDirectToGroupMigration,
} from './migration.js';
import {
  type ApplyReclaimOptions,
  applyReclaimPlan,
  type FindReclaimableOptions,
  findReclaimable,
  type ReclaimApplyRun,
  type ReclaimPlan,
} from './reclaim.js';
import {
  type RemoveGroupMemberOptions,
  type RemoveGroupMemberResult,
  removeGroupMember,
} from './remove-group-member.js';
import { type ResolvedTarget, resolveTarget } from './resolve-target.js';
import type { ServiceContext } from './service-context.js';
import {
  carrySwapChoices,
  mayRemove,
  type PeopleOptions,
  runGuardedBulk,
  type SwapCarry,
  withPeopleGuard,
} from './tenant-apply.js';
import {
  type ChangeImpact,
  changeImpacts,
  explainUser,
  type PlannedTargetChange,
  type TenantQueryOptions,
  tenantModel,
  whoHas,
} from './tenant-view.js';

export interface LicensingServiceOptions {
  /** A client from `createGraphClient` (the emulator, a national cloud, or n8n's transport). */
  client: GraphClient;
  /** How long the tenant's SKU list is reused before it is read again, in ms. Default 30,000. */
  skuCacheMs?: number;
  /** How to wait (n8n passes its own `sleep`). Default: a timer. */
  sleep?: (ms: number) => Promise<void>;
}

export interface ApplyOptions extends PrepareOptions, PeopleOptions {
  /** Plan and validate only: return the plan and send nothing. */
  dryRun?: boolean;
}

export interface ApplyResult {
  target: LicenseTarget;
  /** `group Sales (1132…)`: for messages. */
  targetName: string;
  /** `applied`: the call was sent and accepted (groups then process asynchronously); `dryRun`: nothing sent. */
  status: 'applied' | 'unchanged' | 'dryRun';
  plan: LicensePlan;
  planJson: LicensePlanJson;
  /** The plan in the style of `terraform plan`. */
  planText: string;
  warnings: PlanWarning[];
  /** The usage location that was set on the user before assigning, if any. */
  usageLocationSet?: string;
  /** What the change does to each member (with `impact: true`, or when the guard looked at it). */
  impact?: ChangeImpact;
  /** A one-for-one swap: the disabled plans carried over by name, and those the new SKU lacks. */
  swap?: SwapCarry;
}

const DAY = 86_400_000;

/** Options of the write operations (`apply`, `assign`, `remove`, `swap`, `updatePlans`, `set`, `plan`). */
export const APPLY_OPTIONS: Schema<ApplyOptions & { exclusive?: boolean }> = {
  dryRun: boolean,
  ...PREPARE_OPTIONS,
  exclusive: boolean,
  allowDataLoss: boolean,
  impact: boolean,
};

export const SERVICE_OPTIONS: Schema<LicensingServiceOptions> = {
  client: object,
  skuCacheMs: integer(0, DAY),
  sleep: func,
};

export const LIST_SKUS_OPTIONS: Schema<{ refresh?: boolean }> = { refresh: boolean };

const checkApplyOptions = (options: unknown) => checkOptions(options, APPLY_OPTIONS);
const checkServiceOptions = (options: unknown) => checkOptions(options, SERVICE_OPTIONS);
const checkListSkusOptions = (options: unknown) => checkOptions(options, LIST_SKUS_OPTIONS);

export interface GroupLicenses {
  groupId: string;
  displayName: string | null;
  /** `QueuedForProcessing`, `ProcessingInProgress`, `ProcessingComplete` (null when Graph gave none). */
  processingState: string | null;
  licenses: NamedLicense[];
}

export interface UserLicenses {
  userId: string;
  displayName: string | null;
  usageLocation: string | null;
  /** Each source of each SKU: direct, or inherited from a group. */
  licenses: NamedLicense[];
}

export interface LicensingService {
  /** The tenant's SKUs with seats, merged with Microsoft's product and plan names. */
  listSkus(options?: { refresh?: boolean }): Promise<ResolvedSku[]>;
  /** One SKU by skuId, part number or product name (tenant first, then the catalog). */
  getSku(ref: string): Promise<ResolvedSku>;
  getGroupLicenses(groupId: string): Promise<GroupLicenses>;
  getUserLicenses(userId: string): Promise<UserLicenses>;
  /** Plans an intent for one target and validates it; sends nothing. */
  plan(
    target: LicenseTarget,
    intent: LicenseIntent,
    options?: PrepareOptions & Pick<PeopleOptions, 'impact'>,
  ): Promise<ApplyResult>;
  /** Plans, validates and (unless `dryRun`) sends one `assignLicense` call. Throws the first LicensingError. */
  apply(target: LicenseTarget, intent: LicenseIntent, options?: ApplyOptions): Promise<ApplyResult>;
  assign(target: LicenseTarget, skus: readonly SkuSpec[], options?: ApplyOptions): Promise<ApplyResult>;
  remove(target: LicenseTarget, skus: readonly string[], options?: ApplyOptions): Promise<ApplyResult>;
  swap(
    target: LicenseTarget,
    swap: { remove: readonly string[]; add: readonly SkuSpec[] },
    options?: ApplyOptions,
  ): Promise<ApplyResult>;
  updatePlans(
    target: LicenseTarget,
    update: { sku: string; disable?: readonly string[]; enable?: readonly string[] },
    options?: ApplyOptions,
  ): Promise<ApplyResult>;
  set(
    target: LicenseTarget,
    licenses: readonly SkuSpec[],
    options?: ApplyOptions & { exclusive?: boolean },
  ): Promise<ApplyResult>;
  /** Polls the group's `licenseProcessingState` with backoff until complete or timeout, then decodes member errors. */
  waitForGroupProcessing(groupId: string, options?: WaitOptions): Promise<GroupProcessingReport>;
  membersWithLicenseErrors(groupId: string): Promise<MemberLicenseErrors[]>;
  /** Re-runs group-based licensing for a user; returns the user's licenses afterwards. */
  reprocessUser(userId: string): Promise<UserLicenses>;
  /** Groups and users holding a SKU (users: direct and/or inherited). */
  listSkuHolders(skuRef: string): Promise<SkuHolders>;
  /** The target's licenses in names (part numbers, plan names) that `set` accepts back. */
  exportLicenses(target: LicenseTarget): Promise<DesiredStateDocument>;
  /** Users holding a SKU directly and through a group granting at least the same plans: remove the direct copy. */
  planDirectToGroupMigration(options: MigrationOptions): Promise<MigrationPlan>;
  /** The tenant's license model: SKUs, license-holding groups, every user with each license path. */
  readTenantModel(): Promise<TenantModel>;
  /** Every SKU and service plan of a user, enabled or not, with every path granting it, its state and error. */
  explainUser(ref: string, options?: TenantQueryOptions): Promise<UserExplanation>;
  /** Who holds a SKU or a service plan, and through which paths. */
  whoHas(query: { sku?: string; plan?: string }, options?: TenantQueryOptions): Promise<HolderRow[]>;
  /** Per member, what planned changes (`plan` results) would take and give once every other path is counted. */
  impactOf(changes: readonly PlannedTargetChange[], options?: TenantQueryOptions): Promise<ChangeImpact[]>;
  /**
   * A target from what a person types: a group by object id or exact display name (exactly one match, else
   * `GROUP_NOT_FOUND` / `GROUP_AMBIGUOUS` listing the matches), a user by object id or user principal name. Ids are
   * checked locally, not read; a name is looked up under the engine's failure policy. Errors name `field` (default
   * `ref`) and the value.
   */
  resolveTarget(kind: LicenseTarget['kind'], ref: string, field?: string): Promise<ResolvedTarget>;
  /** Licenses held by people who do not use them, by bucket, with the action that frees each seat (reads only). */
  findReclaimable(options: FindReclaimableOptions): Promise<ReclaimPlan>;
  /** Re-checks a reclaim plan against the tenant now, refuses what no longer holds, applies the rest. */
  applyReclaimPlan(plan: ReclaimPlan, options?: ApplyReclaimOptions): Promise<ReclaimApplyRun>;
  /**
   * One user leaves one group (by id or name; the user by id or UPN) through the engine's member-removal write,
   * after the data-loss guard: refused before any write when it takes a mailbox or files the user keeps through no
   * other path, unless `allowDataLoss`.
   */
  removeGroupMember(
    group: string,
    user: string,
    options?: RemoveGroupMemberOptions,
  ): Promise<RemoveGroupMemberResult>;
  /** Many intents over many targets: merged per target, sent through `$batch`, one result per item in input order. */
  applyBulk(items: readonly BulkItem[], options?: BulkOptions): Promise<BulkRun>;
}

/** An engine outcome's error as a single-target call throws it: the error as raised, whatever it is. */
function thrownError(outcome: Outcome | undefined): unknown {
  return outcome?.cause !== undefined ? outcome.cause : raisedError(outcome);
}

/** Creates the licensing service over the generated Graph client. */
export function createLicensingService(options: LicensingServiceOptions): LicensingService {
  if (!options?.client) {
    throw new LicensingError({
      code: 'INVALID_INPUT',
      field: 'client',
      value: undefined,
      message: 'createLicensingService needs { client } from createGraphClient().',
    });
  }
  checkServiceOptions(options);
  const { client } = options;
  const sleep = options.sleep ?? defaultSleep;
  const cacheMs = options.skuCacheMs ?? 30_000;
  const seats = new SeatLedger();
  const groupWrites = new GroupWriteLog();
  /** Throttle scopes shared by the service's single reads and bulk runs: a 429 closes its scope for all of them. */
  const scopes = new ThrottleScopes();
  const reads: ReadPace = { sleep, scopes };
  let skuCache: { at: number; skus: SubscribedSku[] } | undefined;

  async function tenantSkus(refresh = false): Promise<SubscribedSku[]> {
    if (!refresh && skuCache && Date.now() - skuCache.at < cacheMs) return skuCache.skus;
    const response = await graphCall(({ options }) => client.subscribedSkus.get({ options }), reads);
    skuCache = { at: Date.now(), skus: response?.value ?? [] };
    seats.rebase();
    return skuCache.skus;
  }

  async function readTarget(target: LicenseTarget, field?: string): Promise<TargetState> {
    const select = TARGET_SELECT[target.kind];
    try {
      const object =
        target.kind === 'group'
          ? await graphCall(
              ({ options }) =>
                client.groups.byGroupId(target.id).get({ queryParameters: { select }, options }),
              reads,
            )
          : await graphCall(
              ({ options }) => client.users.byUserId(target.id).get({ queryParameters: { select }, options }),
              reads,
            );
      return toTargetState(target, object ?? {});
    } catch (error) {
      if (error instanceof GraphError && error.status === 404) throw targetNotFound(target, field, error);
      throw error;
    }
  }

  function result(
    state: TargetState,
    skus: readonly SubscribedSku[],
    prepared: PreparedPlan,
    status: ApplyResult['status'],
    usageLocationSet: string | undefined,
  ): ApplyResult {
    const targetName = describeTarget(state.target, state.displayName);
    return {
      target: state.target,
      targetName,
      status,
      plan: prepared.plan,
      planJson: planToJson(prepared.plan, { tenantSkus: skus, target: targetName }),
      planText: renderPlan(prepared.plan, { tenantSkus: skus, target: targetName }),
      warnings: prepared.warnings,
      ...(usageLocationSet && status === 'applied' ? { usageLocationSet } : {}),
    };
  }

  /**
   * One target through the engine: a bulk run of one item (the same stages, seat ledger and failure policy), whose
   * first error is thrown as raised (fields named as the caller passed them, e.g. `skus[0]`).
   */
  async function applyOne(
    target: LicenseTarget,
    intent: LicenseIntent,
    opts: PrepareOptions,
    dryRun: boolean,
  ): Promise<ApplyResult> {
    const checked = checkTarget(target);
    const report = await runEngine(
      { client, tenantSkus, seats, groupWrites, scopes },
      [{ target: checked, intent }],
      { ...opts, dryRun },
      { nameInheritingGroups: true },
    );
    const refused = report.collected.refused.get(0);
    if (refused) throw thrownError(refused);
    const job = report.collected.jobs[0];
    const outcome = job?.outcome;
    if (!job?.first || !outcome || outcome.status === 'failed') throw thrownError(outcome);
    const status: ApplyResult['status'] =
      outcome.status === 'applied' ? 'applied' : outcome.status === 'planned' ? 'dryRun' : 'unchanged';
    return result(job.first.state, report.skus, job.first.prepared, status, job.usageLocationSet);
  }

  async function apply(
    target: LicenseTarget,
    intent: LicenseIntent,
    opts: ApplyOptions = {},
  ): Promise<ApplyResult> {
    checkApplyOptions(opts);
    const { dryRun, allowDataLoss, impact, ...prepare } = opts ?? {};
    const carried = mayRemove(intent) ? await carryChoices(target, intent) : { intent };
    const result = await withPeopleGuard(
      context,
      {
        dryRun: dryRun === true,
        allowDataLoss: allowDataLoss === true,
        impact: impact === true,
        mayRemove: mayRemove(intent),
      },
      () => applyOne(target, carried.intent, prepare, true),
      () => applyOne(target, carried.intent, prepare, dryRun === true),
    );
    return carried.swap ? { ...result, swap: carried.swap } : result;
  }

  /** A one-for-one swap keeps the admin's disabled plans by name; a bad reference is left for the engine to name. */
  async function carryChoices(target: LicenseTarget, intent: LicenseIntent) {
    try {
      return await carrySwapChoices(context, checkTarget(target), intent);
    } catch (error) {
      if (error instanceof LicensingError) return { intent };
      throw error;
    }
  }

  async function userLicenses(userId: string): Promise<UserLicenses> {
    const state = await readTarget({ kind: 'user', id: checkTargetId('user', userId, 'userId') }, 'userId');
    const skus = await tenantSkus();
    return {
      userId: state.objectId,
      displayName: state.displayName,
      usageLocation: state.usageLocation ?? null,
      licenses: describeLicenses(state, skus),
    };
  }

  const context: ServiceContext = { client, tenantSkus, sleep, reads, readTarget, seats, groupWrites };

  return {
    async listSkus(opts = {}) {
      checkListSkusOptions(opts);
      const skus = await tenantSkus(opts.refresh === true);
      return [...tenantSkuIndex(seats.apply(skus)).skus];
    },
    async getSku(ref) {
      return resolveSku(ref, seats.apply(await tenantSkus()));
    },
    async getGroupLicenses(groupId) {
      const state = await readTarget(
        { kind: 'group', id: checkTargetId('group', groupId, 'groupId') },
        'groupId',
      );
      const skus = await tenantSkus();
      return {
        groupId: state.objectId,
        displayName: state.displayName,
        processingState: state.processingState ?? null,
        licenses: describeLicenses(state, skus),
      };
    },
    getUserLicenses: userLicenses,
    plan: (target, intent, opts = {}) => apply(target, intent, { ...opts, dryRun: true }),
    apply,
    assign: (target, skus, opts) => apply(target, { action: 'assign', skus }, opts),
    remove: (target, skus, opts) => apply(target, { action: 'remove', skus }, opts),
    swap: (target, swap, opts) => apply(target, { action: 'swap', remove: swap.remove, add: swap.add }, opts),
    updatePlans: (target, update, opts) =>
      apply(
        target,
        {
          action: 'updatePlans',
          sku: update.sku,
          ...(update.disable ? { disable: update.disable } : {}),
          ...(update.enable ? { enable: update.enable } : {}),
        },
        opts,
      ),
    set: (target, licenses, opts = {}) =>
      apply(target, { action: 'set', licenses, exclusive: opts.exclusive === true }, opts),
    waitForGroupProcessing: (groupId, opts) => waitForGroupProcessing(context, groupId, opts),
    membersWithLicenseErrors: (groupId) => listMembersWithLicenseErrors(context, groupId),
    async reprocessUser(userId) {
      checkTargetId('user', userId, 'userId');
      await graphCall(
        ({ options }) => client.users.byUserId(userId).reprocessLicenseAssignment.post({ options }),
        reads,
      );
      return userLicenses(userId);
    },
    listSkuHolders: (skuRef) => listSkuHolders(context, skuRef),
    exportLicenses: (target) => exportDesiredState(context, checkTarget(target)),
    planDirectToGroupMigration: (opts) =>
      planDirectToGroupMigration(context, checkMigrationOptions(opts) ?? opts),
    readTenantModel: () => tenantModel(context),
    explainUser: (ref, opts) => explainUser(context, ref, opts),
    whoHas: (query, opts) => whoHas(context, query, opts),
    impactOf: (changes, opts) => changeImpacts(context, changes, opts),
    resolveTarget: (kind, ref, field) => resolveTarget(context, kind, ref, field),
    findReclaimable: (opts) => findReclaimable(context, opts),
    applyReclaimPlan: (plan, opts) => applyReclaimPlan(context, plan, opts),
    removeGroupMember: (group, user, opts) => removeGroupMember(context, group, user, opts),
    applyBulk: (items, opts = {}) => {
      const bulk = { client, tenantSkus, seats, groupWrites, scopes };
      return runGuardedBulk(bulk, items, opts, (some, o) => runBulkIn(bulk, some, o));
    },
  };
}

/** @deprecated Import `ServiceContext` from `service/service-context.js`; kept so that existing imports still work. */
export type { ServiceContext } from './service-context.js';
