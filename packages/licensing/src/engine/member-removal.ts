import { GraphError } from '@entra-licensing/graph-client';
import { LicensingError } from '../core/licensing-error.js';
import type { BatchResponse } from './batch-transport.js';
import { newJob } from './collect-items.js';
import { Dispatcher } from './dispatch.js';
import { errorOf, graphErrorOf } from './errors.js';
import { GroupWriteLog } from './group-write-log.js';
import { failed, type Job, type Op, type OpHandler, type Outcome, type Step } from './job.js';
import { checkNextLink, underVersionRoot } from './next-link.js';
import { choosePacer } from './pacing/choose-pacer.js';
import { customPacer } from './pacing/custom-pacer.js';
import { emptyStats, emptySummary } from './results.js';
import type { RunContext } from './run-context.js';
import { retryLimitsOf, settingsOf } from './run-engine.js';
import { SeatLedger } from './seat-ledger.js';
import { RETRY_AFTER_MARGIN_MS, ThrottleScopes } from './throttle-scopes.js';
import type { BulkError, BulkOptions, BulkStats, BulkStatus, EngineContext } from './types.js';

/** One membership to end: the user leaves the group (and, with it, the licenses the group gives them). */
export interface MemberRemoval {
  groupId: string;
  userId: string;
  /** Echoed in the result (default: the index). */
  key?: string;
}

export interface MemberRemovalResult {
  index: number;
  key: string;
  groupId: string;
  userId: string;
  /** `unchanged`: the user was no longer a member. `planned`: dry run. */
  status: Exclude<BulkStatus, 'skipped'>;
  reason?: string;
  error?: BulkError;
  /** Graph requests sent for this removal (retries and verification included). */
  requests: number;
}

export interface MemberRemovalRun {
  /** Exactly one result per removal, in input order. */
  results: MemberRemovalResult[];
  summary: Record<BulkStatus, number>;
  stats: BulkStats;
}

export type MemberRemovalOptions = Pick<
  BulkOptions,
  | 'dryRun'
  | 'concurrency'
  | 'batchSize'
  | 'maxRetries'
  | 'maxThrottleRetries'
  | 'backoffBaseMs'
  | 'backoffMaxMs'
  | 'onProgress'
  | 'random'
  | 'pacing'
>;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function checkRemoval(removal: MemberRemoval, index: number): MemberRemoval {
  for (const field of ['groupId', 'userId'] as const) {
    const value = (removal as Partial<MemberRemoval> | undefined)?.[field];
    if (typeof value !== 'string' || !GUID.test(value)) {
      throw new LicensingError({
        code: 'INVALID_GUID',
        field: `removals[${index}].${field}`,
        value,
        message: `removals[${index}].${field} must be an object id (a GUID), got ${JSON.stringify(value)}.`,
      });
    }
  }
  return { ...removal, groupId: removal.groupId.toLowerCase(), userId: removal.userId.toLowerCase() };
}

const deleteUrl = (r: MemberRemoval) =>
  `/groups/${encodeURIComponent(r.groupId)}/members/${encodeURIComponent(r.userId)}/$ref`;
const memberOfPath = (r: MemberRemoval) => `/users/${encodeURIComponent(r.userId)}/memberOf`;

/** Graph's refusal of the removal, with the permission it needs named. */
function refusalError(removal: MemberRemoval, response: BatchResponse | undefined, cause: unknown): unknown {
  const graph = response ? graphErrorOf(response) : cause;
  if (!(graph instanceof GraphError)) return graph;
  const denied = graph.status === 403;
  return new LicensingError({
    code: denied ? 'PERMISSION_DENIED' : 'GRAPH_ERROR',
    field: 'groupId',
    value: removal.groupId,
    message: denied
      ? `Graph refused to remove user ${removal.userId} from group ${removal.groupId} (${graph.code}, HTTP 403): ` +
        'removing a member needs the application permission GroupMember.ReadWrite.All (or Group.ReadWrite.All or ' +
        'Directory.ReadWrite.All), granted with admin consent.'
      : `Graph refused to remove user ${removal.userId} from group ${removal.groupId}: ${graph.message} (${graph.code}${graph.status === undefined ? '' : `, HTTP ${graph.status}`}).`,
    ...(graph.status === undefined ? {} : { status: graph.status }),
    graphCode: graph.code,
    cause: graph,
  });
}

/**
 * The stage of one removal: `DELETE …/members/{id}/$ref`; after an answer that may have landed (or a busy
 * directory), the user's groups are read before anything is sent again (verify), and the removal is applied when
 * the group is gone from them, or sent again when it is still there.
 */
function removalStage(removal: MemberRemoval, run: RunContext): { first: (job: Job) => Op } {
  const write = (job: Job, notBefore = 0): Op => ({
    job,
    kind: 'write',
    stage: 'removeMember',
    method: 'DELETE',
    url: deleteUrl(removal),
    notBefore,
    handler,
  });
  const check = (job: Job, notBefore: number): Op => ({
    job,
    kind: 'read',
    stage: 'memberCheck',
    method: 'GET',
    url: `${memberOfPath(removal)}?$select=id&$top=999`,
    notBefore,
    pages: { origin: run.settings.origin, path: `${run.settings.versionRoot}${memberOfPath(removal)}` },
    handler,
  });
  const followed = new Set<string>();
  const handler: OpHandler = {
    accepted(_run, op, response): Step {
      const { job } = op;
      if (op.stage === 'removeMember') {
        job.wrote = true;
        return { outcome: { status: 'applied' } };
      }
      const page = (response.body ?? {}) as { value?: { id?: unknown }[]; '@odata.nextLink'?: unknown };
      const stillMember = (page.value ?? []).some(
        (g) => typeof g.id === 'string' && g.id.toLowerCase() === removal.groupId,
      );
      if (stillMember) return { ops: [write(job)] };
      const link = page['@odata.nextLink'];
      if (link !== undefined && link !== null) {
        const checked = checkNextLink(link, op.pages ?? { origin: run.settings.origin, path: '' }, followed);
        if (!checked.ok) return failed(errorOf(checked.error), checked.error);
        followed.add(checked.url.href);
        return {
          ops: [{ ...op, url: underVersionRoot(checked.url, run.settings.versionRoot), notBefore: 0 }],
        };
      }
      if (job.maybeWrote) return { outcome: { status: 'applied' } };
      return {
        outcome: {
          status: 'unchanged',
          reason: `User ${removal.userId} is no longer a member of group ${removal.groupId}.`,
        },
      };
    },
    refused(_run, op, response, cause): Step {
      const { job } = op;
      if (op.stage === 'removeMember' && response?.status === 404) {
        // Graph's answer when the membership is not there: an earlier attempt landed, or someone else removed it.
        if (job.maybeWrote) return { outcome: { status: 'applied' } };
        return {
          outcome: {
            status: 'unchanged',
            reason: `User ${removal.userId} is not a member of group ${removal.groupId}: nothing to remove.`,
          },
        };
      }
      const error = refusalError(removal, response, cause);
      return failed(errorOf(error), error);
    },
    reread(runContext, op, mayHaveLanded, notBefore): Step {
      const { job } = op;
      if (mayHaveLanded) job.maybeWrote = true;
      runContext.stats.rereads += 1;
      followed.clear();
      return { ops: [check(job, notBefore)] };
    },
  };
  return { first: (job) => write(job) };
}

/**
 * Removes users from groups through the engine — the same `$batch` dispatcher, write pacer, Retry-After handling and
 * failure policy as license assignments — with one result per removal. A pair named twice is removed once (both
 * results share it). Nothing is checked against licenses here: reclaim decides which memberships end.
 */
export async function runMemberRemovals(
  context: Pick<EngineContext, 'client' | 'seats' | 'scopes'>,
  removals: readonly MemberRemoval[],
  options: MemberRemovalOptions = {},
): Promise<MemberRemovalRun> {
  const started = Date.now();
  if (!Array.isArray(removals)) {
    throw new LicensingError({
      code: 'INVALID_INPUT',
      field: 'removals',
      value: removals,
      message: 'removals must be an array of { groupId, userId }.',
    });
  }
  const checked = removals.map(checkRemoval);
  const emit: RunContext['emit'] = (event) => {
    try {
      options.onProgress?.(event);
    } catch {
      // a failing progress listener must not break the run
    }
  };
  const stats = emptyStats();
  const seats = context.seats ?? new SeatLedger();
  const { client } = context;
  const run: RunContext = {
    client,
    skus: [],
    seats,
    settings: { ...settingsOf(context, options, {}), groupSeatCheck: false },
    limits: retryLimitsOf(options),
    stats,
    emit,
    // Membership removals write no group licenses: nothing for the group-write log.
    groupWrites: new GroupWriteLog(),
    scopes: context.scopes ?? new ThrottleScopes(RETRY_AFTER_MARGIN_MS),
  };
  const jobs: Job[] = [];
  const jobOf: Job[] = [];
  const byPair = new Map<string, Job>();
  const firstOps = new Map<Job, Op>();
  checked.forEach((removal, index) => {
    const pair = `${removal.groupId}/${removal.userId}`;
    const existing = byPair.get(pair);
    if (existing) {
      existing.items.push(index);
      jobOf.push(existing);
      return;
    }
    const job = newJob({ kind: 'group', id: removal.groupId }, index, {
      skus: [],
      exclusive: false,
      fromSet: false,
    });
    byPair.set(pair, job);
    jobs.push(job);
    jobOf.push(job);
    firstOps.set(job, removalStage(removal, run).first(job));
  });
  stats.targets = jobs.length;
  emit({ type: 'start', items: removals.length, targets: jobs.length, invalidItems: 0 });
  let done = 0;
  const finish = (job: Job, outcome: Outcome) => {
    job.outcome = outcome;
    done += 1;
    emit({ type: 'target-done', target: job.target, status: outcome.status, done, total: jobs.length });
  };
  if (run.settings.dryRun) {
    for (const job of jobs) finish(job, { status: 'planned' });
  } else {
    const dispatcher = new Dispatcher(run, jobs, choosePacer(options.pacing, customPacer(options)), finish);
    for (const op of firstOps.values()) dispatcher.enqueue(op);
    await dispatcher.drain();
    // Seats came back (and Entra reprocesses in the background): the tenant's counts are read again next time.
    if (jobs.some((j) => j.wrote || j.maybeWrote)) seats.markStale();
  }
  const summary = emptySummary();
  const results = checked.map((removal, index): MemberRemovalResult => {
    const job = jobOf[index] as Job;
    const outcome: Outcome = job.outcome ?? {
      status: 'failed',
      error: { code: 'InternalError', message: 'No result.' },
      reason: 'No result.',
    };
    const status = outcome.status === 'skipped' ? 'unchanged' : outcome.status;
    summary[status] += 1;
    return {
      index,
      key: removal.key ?? String(index),
      groupId: removal.groupId,
      userId: removal.userId,
      status,
      ...(outcome.reason ? { reason: outcome.reason } : {}),
      ...(outcome.error ? { error: outcome.error } : {}),
      requests: job.requests,
    };
  });
  stats.elapsedMs = Date.now() - started;
  emit({ type: 'end', summary, stats });
  return { results, summary, stats };
}
