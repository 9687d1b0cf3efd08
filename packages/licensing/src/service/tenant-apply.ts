import type { LicenseIntent, SkuSpec } from '../core/intent.js';
import type { LicenseTarget } from '../core/target.js';
import type { CarriedPlans } from '../core/tenant/swap.js';
import { defaultSleep } from '../engine/graph-call.js';
import { runEngine } from '../engine/run-engine.js';
import type { BulkContext, BulkItem, BulkOptions } from '../engine/types.js';
import type { ServiceContext } from './service-context.js';
import {
  type ChangeImpact,
  carriedPlansFor,
  changeImpacts,
  guardDataLoss,
  type PlannedTargetChange,
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
    !intent ||
    intent.action !== 'swap' ||
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

/**
 * The guard for a bulk run: a dry run of the same items (⌈targets/20⌉ `$batch` reads) gives every planned change;
 * a run that would take data from people through no other path is refused before any write.
 */
export async function guardBulkDataLoss(
  context: BulkContext,
  items: readonly BulkItem[],
  options: BulkOptions,
): Promise<void> {
  if (!items.some((item) => mayRemove(item?.intent))) return;
  const { onProgress: _progress, ...quiet } = options;
  const dry = await runEngine(context, items, { ...quiet, dryRun: true });
  await guardDataLoss({ ...context, sleep: defaultSleep }, plannedChanges(dry.run.results), false);
}
