import type { PreparedPlan } from '../core/prepare.js';
import type { Job, Op, Step } from './job.js';
import { readOp } from './requests.js';
import type { RunContext } from './run-context.js';

/**
 * Stage "verify", first half: a write got an answer that does not say whether it landed (or the object was busy).
 * Nothing more is written to the target until it has been read again; the re-read goes through the plan stage,
 * which calls {@link afterReread}.
 */
export function rereadBeforeRetry(run: RunContext, op: Op, mayHaveLanded: boolean, notBefore: number): Step {
  const { job } = op;
  if (mayHaveLanded) {
    if (op.stage === 'assign') job.maybeWrote = true;
    run.seats.markStale();
  }
  run.stats.rereads += 1;
  return { ops: [readOp(job, notBefore)] };
}

/**
 * Stage "verify", second half: after the re-read of a target whose write may have landed (or was accepted), a plan
 * with nothing left to do means the write is in place: the job is applied and the seats it held are taken. When the
 * write did not land the plan goes on as for a first read (the seats are planned again).
 */
export function afterReread(
  run: RunContext,
  job: Job,
  prepared: PreparedPlan,
  heldSeats: ReadonlyMap<string, number> | undefined,
): Step | undefined {
  if (!(job.wrote || job.maybeWrote) || prepared.plan.body !== null) return undefined;
  if (heldSeats) run.seats.settle(run.seats.reserve(heldSeats));
  return { outcome: { status: 'applied' } };
}
