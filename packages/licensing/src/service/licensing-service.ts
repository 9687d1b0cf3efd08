import { type GraphClient, GraphError, type SubscribedSku } from '@entra-licensing/graph-client';
import { type BulkItem, type BulkOptions, type BulkRun, runBulk } from '../bulk/run-bulk.js';
import { type LicenseIntent, resolveIntent, type SkuSpec } from '../intent.js';
import { LicensingError } from '../licensing-error.js';
import { checkTargetId } from '../options/ids.js';
import {
  checkApplyOptions,
  checkListSkusOptions,
  checkMigrationOptions,
  checkServiceOptions,
} from '../options/schemas.js';
import type { LicensePlan, PlanWarning } from '../plan.js';
import { explainGraphRefusal } from '../refusals/explain-graph-refusal.js';
import { type LicensePlanJson, planToJson, renderPlan } from '../render.js';
import { resolveSku } from '../resolve.js';
import { type ResolvedSku, tenantSkuIndex } from '../sku-index.js';
import { allPages, defaultSleep, graphCall } from './graph-call.js';
import { toLicenses } from './graph-values.js';
import {
  type GroupProcessingReport,
  listMembersWithLicenseErrors,
  type MemberLicenseErrors,
  noteGroupWrite,
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
import { type MigrationOptions, type MigrationPlan, planDirectToGroupMigration } from './migration.js';
import { type PreparedPlan, type PrepareOptions, prepareTargetPlan } from './prepare.js';
import { checkTarget, describeTarget, type LicenseTarget, targetNotFound } from './target.js';
import {
  type GraphDirectoryObject,
  isUserObject,
  TARGET_SELECT,
  type TargetState,
  toTargetState,
} from './target-state.js';

export interface LicensingServiceOptions {
  /** A client from `createGraphClient` (the emulator, a national cloud, or n8n's transport). */
  client: GraphClient;
  /** How long the tenant's SKU list is reused before it is read again, in ms. Default 30,000. */
  skuCacheMs?: number;
  /** How to wait (n8n passes its own `sleep`). Default: a timer. */
  sleep?: (ms: number) => Promise<void>;
}

export interface ApplyOptions extends PrepareOptions {
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
}

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
  plan(target: LicenseTarget, intent: LicenseIntent, options?: PrepareOptions): Promise<ApplyResult>;
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
  /** Many intents over many targets: merged per target, sent through `$batch`, one result per item in input order. */
  applyBulk(items: readonly BulkItem[], options?: BulkOptions): Promise<BulkRun>;
}

function firstError(prepared: PreparedPlan): void {
  const [error] = prepared.errors;
  if (error) throw error;
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
  let skuCache: { at: number; skus: SubscribedSku[] } | undefined;

  async function tenantSkus(refresh = false): Promise<SubscribedSku[]> {
    if (!refresh && skuCache && Date.now() - skuCache.at < cacheMs) return skuCache.skus;
    const response = await graphCall(() => client.subscribedSkus.get());
    skuCache = { at: Date.now(), skus: response?.value ?? [] };
    return skuCache.skus;
  }

  async function readTarget(target: LicenseTarget, field?: string): Promise<TargetState> {
    const select = TARGET_SELECT[target.kind];
    try {
      const object =
        target.kind === 'group'
          ? await graphCall(() => client.groups.byGroupId(target.id).get({ queryParameters: { select } }))
          : await graphCall(() => client.users.byUserId(target.id).get({ queryParameters: { select } }));
      return toTargetState(target, object ?? {});
    } catch (error) {
      if (error instanceof GraphError && error.status === 404) throw targetNotFound(target, field, error);
      throw error;
    }
  }

  async function membersNeedingSeat(
    groupId: string,
    skuIds: readonly string[],
  ): Promise<Map<string, number>> {
    const builder = client.groups.byGroupId(groupId).members;
    const members = (await allPages(
      () => builder.get({ queryParameters: { select: ['id', 'assignedLicenses'], top: 999 } }),
      (url) => builder.withUrl(url).get(),
    )) as GraphDirectoryObject[];
    const users = members.filter(isUserObject);
    const result = new Map<string, number>();
    for (const skuId of skuIds) {
      const lacking = users.filter(
        (m) => !toLicenses(m.assignedLicenses).some((l) => l.skuId === skuId),
      ).length;
      result.set(skuId, lacking);
    }
    return result;
  }

  /** Display names of the groups a user inherits from (best effort: a group that cannot be read keeps its id). */
  async function inheritingGroupNames(state: TargetState): Promise<Map<string, string>> {
    const ids = [...new Set(state.states.flatMap((s) => (s.assignedByGroup ? [s.assignedByGroup] : [])))];
    const names = new Map<string, string>();
    await Promise.all(
      ids.map(async (id) => {
        try {
          const group = await graphCall(() =>
            client.groups.byGroupId(id).get({ queryParameters: { select: ['id', 'displayName'] } }),
          );
          if (group?.displayName) names.set(id, group.displayName);
        } catch {
          // the id alone still names the group
        }
      }),
    );
    return names;
  }

  async function prepare(target: LicenseTarget, intent: LicenseIntent, opts: PrepareOptions) {
    const checked = checkTarget(target);
    const skus = await tenantSkus();
    const changeSet = resolveIntent(intent, skus);
    const state = await readTarget(checked);
    let seatNeeds: Map<string, number> | undefined;
    if (checked.kind === 'group') {
      const current = new Set(state.assigned.map((l) => l.skuId));
      const added = changeSet.skus.filter((r) => r.present && !current.has(r.skuId)).map((r) => r.skuId);
      if (added.length > 0) seatNeeds = await membersNeedingSeat(state.objectId, added);
    }
    const groupNames = checked.kind === 'user' ? await inheritingGroupNames(state) : undefined;
    const prepared = prepareTargetPlan(state, changeSet, skus, {
      ...opts,
      ...(seatNeeds ? { membersNeedingSeat: seatNeeds } : {}),
      ...(groupNames ? { groupNames } : {}),
    });
    return { checked, skus, state, prepared, changeSet };
  }

  function result(
    state: TargetState,
    skus: readonly SubscribedSku[],
    prepared: PreparedPlan,
    status: ApplyResult['status'],
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
      ...(prepared.setUsageLocation && status === 'applied'
        ? { usageLocationSet: prepared.setUsageLocation }
        : {}),
    };
  }

  async function apply(
    target: LicenseTarget,
    intent: LicenseIntent,
    opts: ApplyOptions = {},
  ): Promise<ApplyResult> {
    checkApplyOptions(opts);
    const { skus, state, prepared, changeSet } = await prepare(target, intent, opts);
    firstError(prepared);
    const body = prepared.plan.body;
    if (body === null) return result(state, skus, prepared, 'unchanged');
    if (opts.dryRun) return result(state, skus, prepared, 'dryRun');
    if (state.target.kind === 'user' && prepared.setUsageLocation) {
      const usageLocation = prepared.setUsageLocation;
      await graphCall(() => client.users.byUserId(state.target.id).patch({ usageLocation })).catch(
        (error) => {
          throw explainGraphRefusal(error, { operation: 'setUsageLocation', target: state.target });
        },
      );
    }
    try {
      await graphCall(() =>
        state.target.kind === 'user'
          ? client.users.byUserId(state.target.id).assignLicense.post(body)
          : client.groups.byGroupId(state.target.id).assignLicense.post(body),
      );
    } catch (error) {
      // The answer was lost (reset, gateway timeout): the write may have been applied. Look before failing.
      if (!(await reachedAfterAmbiguousFailure(error, state.target, intent, opts))) {
        throw explainGraphRefusal(error, {
          operation: 'assignLicense',
          target: state.target,
          skus: changeSet.skus,
          tenantSkus: skus,
        });
      }
    }
    if (state.target.kind === 'group') noteGroupWrite(client, state.target.id, body);
    return result(state, skus, prepared, 'applied');
  }

  async function reachedAfterAmbiguousFailure(
    error: unknown,
    target: LicenseTarget,
    intent: LicenseIntent,
    opts: ApplyOptions,
  ): Promise<boolean> {
    const e = error as { kind?: string; status?: number };
    const ambiguous = e.kind === 'network' || (e.status !== undefined && e.status >= 500 && e.status !== 503);
    if (!ambiguous) return false;
    try {
      const again = await prepare(target, intent, { ...opts, maxRemovals: undefined });
      return again.prepared.plan.body === null;
    } catch {
      return false;
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

  const context = { client, tenantSkus, sleep, readTarget };

  return {
    async listSkus(opts = {}) {
      checkListSkusOptions(opts);
      const skus = await tenantSkus(opts.refresh === true);
      return [...tenantSkuIndex(skus).skus];
    },
    async getSku(ref) {
      return resolveSku(ref, await tenantSkus());
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
    async plan(target, intent, opts = {}) {
      checkApplyOptions(opts);
      const { skus, state, prepared } = await prepare(target, intent, opts);
      firstError(prepared);
      return result(state, skus, prepared, prepared.plan.body === null ? 'unchanged' : 'dryRun');
    },
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
      await graphCall(() => client.users.byUserId(userId).reprocessLicenseAssignment.post());
      return userLicenses(userId);
    },
    listSkuHolders: (skuRef) => listSkuHolders(context, skuRef),
    exportLicenses: (target) => exportDesiredState(context, checkTarget(target)),
    planDirectToGroupMigration: (opts) =>
      planDirectToGroupMigration(context, checkMigrationOptions(opts) ?? opts),
    applyBulk: (items, opts) => runBulk({ client, tenantSkus }, items, opts),
  };
}

export type ServiceContext = {
  client: GraphClient;
  tenantSkus: (refresh?: boolean) => Promise<SubscribedSku[]>;
  sleep: (ms: number) => Promise<void>;
  readTarget: (target: LicenseTarget) => Promise<TargetState>;
};
