import { toLicenses } from '../core/graph-values.js';
import type { PreparedPlan } from '../core/prepare.js';
import { tenantSkuIndex } from '../core/sku-index.js';
import { type GraphDirectoryObject, isUserObject, type TargetState } from '../core/target-state.js';
import { type Job, optionsOf, type Step } from './job.js';
import { assignOp, usageLocationOp } from './requests.js';
import type { RunContext } from './run-context.js';

/** Per new SKU: the members (users) of a group that do not hold it yet, each of whom would take a seat. */
export function seatNeeds(
  members: readonly GraphDirectoryObject[],
  skuIds: readonly string[],
): Map<string, number> {
  const users = members.filter(isUserObject);
  const held = users.map((m) => new Set(toLicenses(m.assignedLicenses).map((l) => l.skuId)));
  const needs = new Map<string, number>();
  for (const skuId of skuIds) needs.set(skuId, held.filter((skus) => !skus.has(skuId)).length);
  return needs;
}

/**
 * The seats a planned write takes if Graph accepts it: for a user, one per SKU it does not hold yet (by any source);
 * for a group, one per member lacking the SKU, up to the free seats (members beyond them fail, taking none).
 */
export function seatsTaken(
  run: RunContext,
  state: TargetState,
  prepared: PreparedPlan,
  membersNeedingSeat?: ReadonlyMap<string, number>,
): Map<string, number> {
  const taken = new Map<string, number>();
  const held = new Set(state.assigned.map((l) => l.skuId));
  const index = tenantSkuIndex(run.seats.apply(run.skus));
  for (const change of prepared.plan.changes) {
    if (change.action !== 'add' || held.has(change.skuId)) continue;
    if (state.target.kind === 'user') {
      taken.set(change.skuId, 1);
      continue;
    }
    const needed = membersNeedingSeat?.get(change.skuId) ?? 0;
    const sku = index.bySkuId.get(change.skuId);
    const free = sku?.seats ? sku.seats.available : 0;
    if (needed > 0) taken.set(change.skuId, Math.min(needed, free));
  }
  return taken;
}

/**
 * The seats an accepted write frees: a user's direct copy that no group also grants. (A group's removal frees seats
 * only as Graph processes its members, and not for members holding the SKU otherwise: the ledger credits none.)
 */
export function seatsFreed(state: TargetState, prepared: PreparedPlan): Map<string, number> {
  const freed = new Map<string, number>();
  if (state.target.kind !== 'user') return freed;
  for (const skuId of prepared.plan.body?.removeLicenses ?? []) {
    const inherited = state.states.some((s) => s.skuId === skuId && s.assignedByGroup !== null);
    if (!inherited) freed.set(skuId, 1);
  }
  return freed;
}

/**
 * Stage "pre-flight": the plan passed its checks (seats against the ledger, eligibility, usage location); hold
 * the seats it takes and queue its writes (the usage location first, when asked and needed). A dry run ends here
 * (its seats stay held until the run ends, so that later items of the run are counted against them).
 */
export function preflight(
  run: RunContext,
  job: Job,
  state: TargetState,
  prepared: PreparedPlan,
  membersNeedingSeat?: ReadonlyMap<string, number>,
): Step {
  const body = prepared.plan.body;
  if (!body) return { outcome: { status: 'unchanged' } };
  job.seats = run.seats.reserve(seatsTaken(run, state, prepared, membersNeedingSeat));
  job.frees = seatsFreed(state, prepared);
  if (optionsOf(run, job).dryRun) return { outcome: { status: 'planned' } };
  const assign = assignOp(job, body);
  if (prepared.setUsageLocation && state.target.kind === 'user' && !job.usageLocationSet) {
    return { ops: [usageLocationOp(job, prepared.setUsageLocation, assign)] };
  }
  return { ops: [assign] };
}
