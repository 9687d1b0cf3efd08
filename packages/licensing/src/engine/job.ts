import type { LicenseChangeSet } from '../core/change-set.js';
import type { PlanWarning } from '../core/plan.js';
import type { PreparedPlan, PrepareOptions } from '../core/prepare.js';
import type { LicenseTarget } from '../core/target.js';
import type { GraphDirectoryObject, TargetState } from '../core/target-state.js';
import type { BatchResponse } from './batch-transport.js';
import type { PageScope } from './next-link.js';
import type { RunContext } from './run-context.js';
import type { SeatReservation } from './seat-ledger.js';
import type { BulkError, BulkItemOptions, BulkStatus } from './types.js';

/** How a target ended. `cause`: the error as raised (a LicensingError or GraphError), for single-target callers. */
export interface Outcome {
  status: BulkStatus;
  reason?: string;
  error?: BulkError;
  cause?: unknown;
}

/** Everything the engine knows about one target while it works on it. */
export interface Job {
  target: LicenseTarget;
  /** Input indexes merged into this target, in input order. */
  items: number[];
  changeSet: LicenseChangeSet;
  /** The options its items carried (merged), over the run's: see `optionsOf`. */
  own: BulkItemOptions;
  /** The first state read and the plan made from it (shown in results). */
  first?: { state: TargetState; prepared: PreparedPlan };
  /** Per skuId, seats the planned write frees when accepted (a user's direct copy that no group also grants). */
  frees?: ReadonlyMap<string, number>;
  warnings: PlanWarning[];
  /** A write was accepted. */
  wrote: boolean;
  /** A write may have been applied (the answer was lost or was a gateway error). */
  maybeWrote: boolean;
  /** The usage location Graph accepted for this user. */
  usageLocationSet?: string;
  faultRetries: number;
  throttleRetries: number;
  requests: number;
  /** Seats held for the planned write. */
  seats?: SeatReservation;
  outcome?: Outcome;
  /** While extra reads for the plan are under way (group names, member pages). */
  pending?: PendingReads;
}

export interface PendingReads {
  state: TargetState;
  /** Group members read so far (for the seat pre-flight) and the SKUs they are counted for. */
  members?: { objects: GraphDirectoryObject[]; skuIds: string[]; followed: Set<string> };
  /** Inheriting groups' display names (users, single-target calls). */
  groupNames?: { names: Map<string, string>; waiting: number };
}

export type OpStage =
  | 'read'
  | 'groupName'
  | 'members'
  | 'usageLocation'
  | 'assign'
  | 'removeMember'
  | 'memberCheck';

/**
 * The stage of a write that is not a license assignment (removing a group member, see `member-removal.ts`): the
 * dispatcher hands this op's answers, after the one decision function, to it instead of the license stages.
 */
export interface OpHandler {
  accepted(run: RunContext, op: Op, response: BatchResponse): Step;
  /** Refused for good (not retried): the job's end, or what to send instead. */
  refused(run: RunContext, op: Op, response: BatchResponse | undefined, cause: unknown): Step;
  /** An ambiguous or busy answer to a write: what to read before anything more is written. */
  reread(run: RunContext, op: Op, mayHaveLanded: boolean, notBefore: number): Step;
}

/** One Graph request of a job, queued for a `$batch`. */
export interface Op {
  job: Job;
  kind: 'read' | 'write';
  stage: OpStage;
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** Relative to the version root. */
  url: string;
  body?: unknown;
  /** Not before this time (epoch ms). */
  notBefore: number;
  /** The request to queue once this one succeeded. */
  followUp?: Op;
  /** For paged reads: where a next link may lead. */
  pages?: PageScope;
  /** For `groupName` reads: the group. */
  groupId?: string;
  /** Its own stage's handler (writes other than license assignments). */
  handler?: OpHandler;
}

/** What a stage hands back to the orchestrator: more requests, or the job's end. */
export type Step = { ops: Op[] } | { outcome: Outcome };

export const noOps: Step = { ops: [] };

export function failed(error: BulkError, cause?: unknown): Step {
  return {
    outcome: { status: 'failed', error, reason: error.message, ...(cause === undefined ? {} : { cause }) },
  };
}

/** How a job is planned and whether it is written: the run's options with its items' own over them. */
export function optionsOf(run: RunContext, job: Job): { prepare: PrepareOptions; dryRun: boolean } {
  const { dryRun, ...prepare } = job.own;
  return {
    prepare: { ...run.settings.prepare, ...prepare },
    dryRun: dryRun ?? run.settings.dryRun,
  };
}
