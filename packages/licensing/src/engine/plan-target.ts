import { LicensingError } from '../core/licensing-error.js';
import { type PreparedPlan, prepareTargetPlan } from '../core/prepare.js';
import type { TargetState } from '../core/target-state.js';
import { errorOf } from './errors.js';
import { failed, type Job, optionsOf, type Step } from './job.js';
import { preflight } from './preflight.js';
import type { RunContext } from './run-context.js';
import { afterReread } from './verify.js';

export interface PlanExtras {
  membersNeedingSeat?: ReadonlyMap<string, number>;
  groupNames?: ReadonlyMap<string, string>;
}

/** A seat error that counts this service's own writes says so (the tenant's own counts would still show a seat). */
function withOwnSeats(run: RunContext, error: LicensingError): LicensingError {
  const skuId = error.resolvedId ?? error.value;
  if (error.code !== 'SEATS_EXHAUSTED' || typeof skuId !== 'string') return error;
  const own = run.seats.usedBy(skuId);
  if (own <= 0) return error;
  return new LicensingError({
    code: error.code,
    field: error.field,
    value: error.value,
    message: `${error.message} This counts ${own} seat(s) that this service's own writes took since the tenant's seat counts were read.`,
    suggestions: error.suggestions,
    ...(error.resolvedId === undefined ? {} : { resolvedId: error.resolvedId }),
  });
}

/**
 * Stage "plan": plans the job's change set against the state just read and the tenant's SKUs with the service's
 * own writes counted in (the seat ledger), and checks it. Nothing to change ends the job; a plan that passes goes
 * to the pre-flight.
 */
export function planTarget(run: RunContext, job: Job, state: TargetState, extras: PlanExtras = {}): Step {
  const held = job.seats?.open ? job.seats.seats : undefined;
  if (job.seats) run.seats.release(job.seats);
  let prepared: PreparedPlan;
  try {
    prepared = prepareTargetPlan(state, job.changeSet, run.seats.apply(run.skus), {
      ...optionsOf(run, job).prepare,
      ...extras,
    });
  } catch (error) {
    return failed(errorOf(error), error);
  }
  if (!job.first) job.first = { state, prepared };
  job.warnings = prepared.warnings;
  const verified = afterReread(run, job, prepared, held);
  if (verified) return verified;
  const [firstError] = prepared.errors;
  if (firstError) {
    const error = withOwnSeats(run, firstError);
    return failed(errorOf(error), error);
  }
  const body = prepared.plan.body;
  if (body === null) {
    const inherited = prepared.warnings.filter((w) => w.code === 'INHERITED_LICENSE_SKIPPED');
    if (inherited.length > 0) {
      return { outcome: { status: 'skipped', reason: inherited.map((w) => w.message).join(' ') } };
    }
    const notes = prepared.warnings.map((w) => w.message).join(' ');
    return { outcome: { status: 'unchanged', ...(notes ? { reason: notes } : {}) } };
  }
  return preflight(run, job, state, prepared, extras.membersNeedingSeat);
}
