import { GraphError } from '@entra-licensing/graph-client';
import type { LicenseIntent, SkuSpec } from '../core/intent.js';
import { type LicensingError, LicensingError as LicensingErrorClass } from '../core/licensing-error.js';
import type { LicenseTarget } from '../core/target.js';
import { dataLossRefusal } from '../core/tenant/guard.js';
import type { CarriedPlans } from '../core/tenant/swap.js';
import { defaultSleep } from '../engine/graph-call.js';
import type { BulkContext, BulkItem, BulkItemResult, BulkOptions, BulkRun } from '../engine/types.js';
import type { ServiceContext } from './service-context.js';
import {
  type ChangeImpact,
  carriedPlansFor,
  changeImpacts,
  guardDataLoss,
  type PlannedTargetChange,
  removesSomething,
  type TenantContext,
  type TenantQueryOptions,
} from './tenant-view.js';

/** A swap of one SKU for another whose disabled plans were carried over by name. */
export interface SwapCarry extends CarriedPlans {
  /** The SKU removed and the SKU added, as given. */
  from: string;
  to: string;
}

/** The options the guard and the impact add to a single-target call. */
export interface PeopleOptions {
  /** Let the call take a mailbox or files from members who hold it through no other path. Default false. */
  allowDataLoss?: boolean;
  /** Attach the member-level impact to the result (reads the members). Always done for a refused change. */
  impact?: boolean;
}

/**
 * A swap of exactly one SKU for one other given by name only: the added SKU gets the removed one's disabled plans
 * where it has a plan of the same name. Any other intent is returned as it is.
 */
/**
 * Whether an intent can switch anything off for its target (checked locally, so that a call that only adds costs no
 * extra read): `remove`, `swap`, `set`, `updatePlans` with `disable`, `assign` with disabled plans.
 */
export function mayRemove(intent: unknown): boolean {
  if (!intent || typeof intent !== 'object') return false;
  const i = intent as { action?: unknown; disable?: unknown; skus?: unknown };
  if (i.action === 'remove' || i.action === 'swap' || i.action === 'set') return true;
  if (i.action === 'updatePlans') return Array.isArray(i.disable) && i.disable.length > 0;
  if (i.action === 'assign' && Array.isArray(i.skus))
    return i.skus.some((s) => typeof s === 'object' && s !== null && 'disabledPlans' in s);
  return false;
}

export async function carrySwapChoices(
  context: ServiceContext,
  target: LicenseTarget,
  intent: LicenseIntent,
): Promise<{ intent: LicenseIntent; swap?: SwapCarry }> {
  if (
    intent?.action !== 'swap' ||
    !Array.isArray(intent.remove) ||
    !Array.isArray(intent.add) ||
    intent.remove.length !== 1 ||
    intent.add.length !== 1
  )
    return { intent };
  const from = intent.remove[0];
  const to: SkuSpec | undefined = intent.add[0];
  if (typeof from !== 'string' || typeof to !== 'string') return { intent };
  const carried = await carriedPlansFor(context, target, from, to);
  return {
    intent: { action: 'swap', remove: [from], add: [{ sku: to, disabledPlans: carried.disabledPlans }] },
    swap: { from, to, ...carried },
  };
}

/**
 * Runs one planned call under the guard on people: `plan` (a dry run) gives the change, the guard refuses it before
 * any write when it takes data from members without another path, then `write` sends it.
 */
export async function withPeopleGuard<R extends PlannedTargetChange>(
  context: TenantContext,
  options: PeopleOptions & { dryRun?: boolean; mayRemove: boolean },
  plan: () => Promise<R>,
  write: () => Promise<R>,
  query: TenantQueryOptions = {},
): Promise<R & { impact?: ChangeImpact }> {
  if (options.dryRun === true) {
    const planned = await plan();
    if (options.impact !== true) return planned;
    const [impact] = await changeImpacts(context, [planned], query);
    return impact ? { ...planned, impact } : planned;
  }
  let impact: ChangeImpact | undefined;
  const guarded = options.allowDataLoss !== true && options.mayRemove;
  if (guarded || options.impact === true) {
    const planned = await plan();
    if (guarded) [impact] = await guardDataLoss(context, [planned], false, query);
    if (options.impact === true && !impact) [impact] = await changeImpacts(context, [planned], query);
  }
  const written = await write();
  return impact ? { ...written, impact } : written;
}

/** A bulk run's dry-run results as planned changes (one per target; merged items share their target's plan). */
export function plannedChanges(
  results: readonly {
    target: LicenseTarget;
    status: string;
    plan?: PlannedTargetChange['plan'];
    displayName?: string | null;
  }[],
): PlannedTargetChange[] {
  const seen = new Set<string>();
  const changes: PlannedTargetChange[] = [];
  for (const r of results) {
    if (r.status !== 'planned' || !r.plan) continue;
    const key = `${r.target.kind}:${r.target.id.toLowerCase()}`;
    if (seen.has(key)) continue;
    seen.add(key);
    changes.push({
      target: r.target,
      targetName: r.displayName
        ? `${r.target.kind} ${r.displayName} (${r.target.id})`
        : `${r.target.kind} ${r.target.id}`,
      plan: r.plan,
    });
  }
  return changes;
}

function targetKey(target: unknown): string {
  const t = target as { kind?: unknown; id?: unknown } | null | undefined;
  return `${String(t?.kind)}:${typeof t?.id === 'string' ? t.id.toLowerCase() : String(t?.id)}`;
}

/**
 * The guard for a bulk run, per target: the items that could switch something off (and neither allow data loss nor
 * are dry runs) are planned first (⌈targets/20⌉ `$batch` reads, and their members); a target whose change would take
 * a mailbox or files from people through no other path gets a failed result (`DATA_LOSS`, nothing sent for it), and
 * the other items run as they would have. `run` is the engine's bulk run.
 */
export async function runGuardedBulk(
  context: BulkContext,
  items: readonly BulkItem[],
  options: BulkOptions,
  run: (items: readonly BulkItem[], options: BulkOptions) => Promise<BulkRun>,
): Promise<BulkRun> {
  const own = (item: BulkItem | undefined) =>
    (item?.options ?? {}) as { allowDataLoss?: unknown; dryRun?: unknown };
  const guarded = (item: BulkItem | undefined) =>
    (own(item).dryRun ?? options.dryRun) !== true &&
    (own(item).allowDataLoss ?? options.allowDataLoss) !== true &&
    mayRemove(item?.intent);
  const riskyTargets = new Set(items.filter(guarded).map((item) => targetKey(item?.target)));
  if (riskyTargets.size === 0) return run(items, options);
  // Every item of those targets, so that they merge into the same calls as in the real run.
  const risky = items.filter((item) => riskyTargets.has(targetKey(item?.target)));
  const { onProgress: _progress, ...quiet } = options;
  const planned = await run(
    risky.map((item) => ({ ...item, options: { ...item.options, dryRun: true } })),
    { ...quiet, dryRun: true },
  );
  const changes = plannedChanges(planned.results).filter(removesSomething);
  const refused = new Map<string, { error: LicensingError | GraphError }>();
  try {
    const impacts = await changeImpacts({ ...context, sleep: defaultSleep }, changes);
    for (const impact of impacts) {
      const error = dataLossRefusal([{ targetName: impact.targetName, losses: impact.dataLosses }], false);
      if (error) refused.set(targetKey(impact.target), { error });
    }
  } catch (error) {
    // The members could not be read (after the failure policy's retries): who would lose what is unknown, so the
    // targets that switch something off are not written; the other items run.
    if (!(error instanceof GraphError || error instanceof LicensingErrorClass)) throw error;
    for (const change of changes) refused.set(targetKey(change.target), { error });
  }
  if (refused.size === 0) return run(items, options);
  const keptIndexes = items.flatMap((item, index) => (refused.has(targetKey(item?.target)) ? [] : [index]));
  const kept = await run(
    keptIndexes.map((index) => ({ ...(items[index] as BulkItem), key: items[index]?.key ?? String(index) })),
    options,
  );
  const plans = new Map(planned.results.map((r) => [targetKey(r.target), r]));
  const results: BulkItemResult[] = items.map((item, index) => {
    const at = keptIndexes.indexOf(index);
    const done = at >= 0 ? kept.results[at] : undefined;
    if (done) {
      return Object.assign(done, {
        index,
        mergedWith: done.mergedWith.map((j) => keptIndexes[j] ?? j),
      });
    }
    const refusal = refused.get(targetKey(item?.target));
    const dry = plans.get(targetKey(item?.target));
    const error = refusal?.error;
    const dataLoss = error instanceof LicensingErrorClass && error.code === 'DATA_LOSS';
    const result: BulkItemResult = {
      index,
      key: item?.key ?? String(index),
      target: item?.target,
      status: 'failed',
      reason: dataLoss
        ? (error?.message ?? '')
        : `Not written: its members could not be read to check what they would lose (${error?.message ?? 'no answer'}).`,
      error: dataLoss
        ? { code: 'DATA_LOSS', message: error?.message ?? '', field: 'allowDataLoss', value: false }
        : {
            code: error?.code ?? 'GRAPH_ERROR',
            message: `Not written: its members could not be read to check what they would lose (${error?.message ?? 'no answer'}).`,
            ...(error instanceof GraphError && error.status !== undefined ? { status: error.status } : {}),
          },
      ...(dry?.plan ? { plan: dry.plan } : {}),
      warnings: [],
      mergedWith: [],
      ...(dry?.displayName === undefined ? {} : { displayName: dry.displayName }),
      requests: 0,
    };
    if (error) Object.defineProperty(result, 'cause', { value: error, enumerable: false });
    return result;
  });
  const summary = { applied: 0, unchanged: 0, skipped: 0, failed: 0, planned: 0 };
  for (const r of results) summary[r.status] += 1;
  const stats = {
    ...kept.stats,
    batches: kept.stats.batches + planned.stats.batches,
    requests: kept.stats.requests + planned.stats.requests,
  };
  return { results, summary, stats };
}
