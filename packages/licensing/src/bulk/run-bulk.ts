import type { GraphClient, SubscribedSku } from '@entra-licensing/graph-client';
import { type LicenseChangeSet, mergeChangeSets } from '../change-set.js';
import { type LicenseIntent, resolveIntent } from '../intent.js';
import { LicensingError } from '../licensing-error.js';
import { checkBulkOptions } from '../options/schemas.js';
import type { LicensePlan, PlanWarning } from '../plan.js';
import { type LicensePlanJson, planToJson } from '../render.js';
import { toLicenses } from '../service/graph-values.js';
import { type GroupWrite, noteGroupWrite } from '../service/group-processing.js';
import { type PreparedPlan, type PrepareOptions, prepareTargetPlan } from '../service/prepare.js';
import {
  checkTarget,
  describeTarget,
  type LicenseTarget,
  targetKey,
  targetNotFound,
} from '../service/target.js';
import {
  type GraphDirectoryObject,
  isUserObject,
  TARGET_SELECT,
  type TargetState,
  toTargetState,
} from '../service/target-state.js';
import { tenantSkuIndex } from '../sku-index.js';
import { type BatchRequest, type BatchResponse, sendBatch } from './batch-transport.js';
import { backoffMs, retryAfterMs, ThrottleScopes } from './throttle-scopes.js';
import { WritePacer } from './write-pacer.js';

/** One input of a bulk run: what to do to which target. `key` is echoed in the result (default: the index). */
export interface BulkItem {
  target: LicenseTarget;
  intent: LicenseIntent;
  key?: string;
}

export interface BulkOptions extends PrepareOptions {
  /** Plan and validate every target (reads only), send no write; results have status `planned`. */
  dryRun?: boolean;
  /** `$batch` requests in flight at once. Default 10. */
  concurrency?: number;
  /** Requests per `$batch` (1–20). Default 20. */
  batchSize?: number;
  /** Retries per target after 5xx, resets and `Directory_ConcurrencyViolation`. Default 6. */
  maxRetries?: number;
  /** Retries per target after 429 (each waits its Retry-After). Default 200. */
  maxThrottleRetries?: number;
  /** First backoff delay in ms (doubles per retry, jittered). Default 500. */
  backoffBaseMs?: number;
  /** Longest backoff delay in ms. Default 30,000. */
  backoffMaxMs?: number;
  onProgress?: (event: BulkProgressEvent) => void;
  /** Random source for jitter (tests pass a seeded one). */
  random?: () => number;
  /**
   * For groups gaining a SKU: read the members and compare those without it to the free seats (a warning, or an
   * error with `strictSeats`). One extra read per such group. Default true.
   */
  groupSeatCheck?: boolean;
  /** Once Graph throttles writes, cap writes in flight at twice the accepted rate × round trip (far fewer 429s). Default true. */
  pacing?: boolean;
}

/** `planned`: dry run. `skipped`: nothing could be done (e.g. only inherited licenses to remove). */
export type BulkStatus = 'applied' | 'unchanged' | 'skipped' | 'failed' | 'planned';

export interface BulkError {
  code: string;
  message: string;
  field?: string;
  value?: unknown;
  /** HTTP status, when Graph refused. */
  status?: number;
  suggestions?: readonly string[];
}

export interface BulkItemResult {
  index: number;
  key: string;
  target: LicenseTarget;
  status: BulkStatus;
  /** Why it was skipped, unchanged with notes, or failed. */
  reason?: string;
  error?: BulkError;
  /** The plan of the call this item took part in (shared by merged items). */
  plan?: LicensePlanJson;
  warnings: PlanWarning[];
  /** Other input indexes merged into the same Graph call. */
  mergedWith: number[];
  /** Graph requests sent for this item's target (reads and writes, retries included). */
  requests: number;
}

export interface BulkStats {
  targets: number;
  batches: number;
  requests: number;
  writes: number;
  throttled: number;
  retries: number;
  rereads: number;
  elapsedMs: number;
}

export interface BulkRun {
  /** Exactly one result per input item, in input order. */
  results: BulkItemResult[];
  summary: Record<BulkStatus, number>;
  stats: BulkStats;
}

export type BulkProgressEvent =
  | { type: 'start'; items: number; targets: number; invalidItems: number }
  | { type: 'target-done'; target: LicenseTarget; status: BulkStatus; done: number; total: number }
  | { type: 'throttled'; scope: string; retryAfterMs: number }
  | { type: 'retry'; target: LicenseTarget; reason: string; attempt: number; delayMs: number }
  | { type: 'end'; summary: Record<BulkStatus, number>; stats: BulkStats };

export interface BulkContext {
  client: GraphClient;
  tenantSkus: (refresh?: boolean) => Promise<SubscribedSku[]>;
}

interface Outcome {
  status: BulkStatus;
  reason?: string;
  error?: BulkError;
}

interface Job {
  target: LicenseTarget;
  items: number[];
  changeSet: LicenseChangeSet;
  firstPlan?: LicensePlan;
  warnings: PlanWarning[];
  /** A write was accepted. */
  wrote: boolean;
  /** A write may have been applied (the answer was lost or was a gateway error). */
  maybeWrote: boolean;
  faultRetries: number;
  throttleRetries: number;
  requests: number;
  outcome?: Outcome;
  /** A group's state while its members are read for the seat pre-flight. */
  pending?: { state: TargetState; members: GraphDirectoryObject[]; newSkus: string[] };
}

interface Op {
  job: Job;
  kind: 'read' | 'write';
  stage: 'read' | 'members' | 'usageLocation' | 'assign';
  method: BatchRequest['method'];
  url: string;
  body?: unknown;
  notBefore: number;
  /** The request to queue once this one succeeded. */
  followUp?: Op;
}

function errorOf(error: unknown): BulkError {
  if (error instanceof LicensingError) {
    return {
      code: error.code,
      message: error.message,
      field: error.field,
      value: error.value,
      ...(error.suggestions.length > 0 ? { suggestions: error.suggestions } : {}),
    };
  }
  const e = error as { code?: unknown; message?: unknown; status?: unknown };
  return {
    code: typeof e?.code === 'string' ? e.code : 'UnexpectedError',
    message: typeof e?.message === 'string' ? e.message : String(error),
    ...(typeof e?.status === 'number' ? { status: e.status } : {}),
  };
}

function graphErrorOf(response: BatchResponse): BulkError {
  const body = response.body as { error?: { code?: unknown; message?: unknown } } | undefined;
  const code = typeof body?.error?.code === 'string' ? body.error.code : `HTTP${response.status}`;
  const message =
    typeof body?.error?.message === 'string' ? body.error.message : `Graph answered HTTP ${response.status}`;
  return { code, message, status: response.status };
}

function isConcurrencyViolation(response: BatchResponse): boolean {
  const error = graphErrorOf(response);
  return error.code === 'Directory_ConcurrencyViolation' || /concurren/i.test(error.message);
}

function pathOf(target: LicenseTarget): string {
  return `/${target.kind === 'group' ? 'groups' : 'users'}/${encodeURIComponent(target.id)}`;
}

function readOp(job: Job, notBefore: number): Op {
  const select = TARGET_SELECT[job.target.kind].join(',');
  return {
    job,
    kind: 'read',
    stage: 'read',
    method: 'GET',
    url: `${pathOf(job.target)}?$select=${select}`,
    notBefore,
  };
}

function odataTypeOf(object: GraphDirectoryObject): string | null {
  const type = (object as Record<string, unknown>)['@odata.type'];
  return typeof type === 'string' ? type : (object.odataType ?? null);
}

/** `@odata.nextLink` as a path under the version root, for a `$batch` step. */
function relativeUrl(link: string | undefined): string | undefined {
  if (!link) return undefined;
  const match = /^https?:\/\/[^/]+\/(?:v1\.0|beta)(\/.*)$/.exec(link);
  return match?.[1];
}

/** Per new SKU: the members (users) that do not hold it yet, each of whom would take a seat. */
function seatNeeds(members: readonly GraphDirectoryObject[], skuIds: readonly string[]): Map<string, number> {
  const users = members.filter(isUserObject);
  const needs = new Map<string, number>();
  for (const skuId of skuIds) {
    needs.set(
      skuId,
      users.filter((m) => !toLicenses(m.assignedLicenses).some((l) => l.skuId === skuId)).length,
    );
  }
  return needs;
}

function emptySummary(): Record<BulkStatus, number> {
  return { applied: 0, unchanged: 0, skipped: 0, failed: 0, planned: 0 };
}

/**
 * Applies many intents: resolves and checks each item locally, merges items per target (refusing contradictions
 * per item), reads each target, plans, and writes through `$batch` with bounded concurrency. 429s close their
 * throttle scope until Retry-After has passed; 5xx, resets and concurrency violations are retried with jittered
 * backoff, re-reading the target first when a write may have been applied. One result per item, in input order.
 */
export async function runBulk(
  context: BulkContext,
  items: readonly BulkItem[],
  options: BulkOptions = {},
): Promise<BulkRun> {
  checkBulkOptions(options);
  const started = Date.now();
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? 10));
  const batchSize = Math.min(20, Math.max(1, Math.floor(options.batchSize ?? 20)));
  const maxRetries = options.maxRetries ?? 6;
  const maxThrottleRetries = options.maxThrottleRetries ?? 200;
  const baseMs = options.backoffBaseMs ?? 500;
  const maxMs = options.backoffMaxMs ?? 30_000;
  const random = options.random ?? Math.random;
  const emit = (event: BulkProgressEvent) => {
    try {
      options.onProgress?.(event);
    } catch {
      // a failing progress listener must not break the run
    }
  };
  if (!Array.isArray(items)) {
    throw new LicensingError({
      code: 'INVALID_INPUT',
      field: 'items',
      value: items,
      message: 'items must be an array.',
    });
  }
  const stats: BulkStats = {
    targets: 0,
    batches: 0,
    requests: 0,
    writes: 0,
    throttled: 0,
    retries: 0,
    rereads: 0,
    elapsedMs: 0,
  };
  const localFailures = new Map<number, BulkError>();
  const jobs = new Map<string, Job>();
  const jobOfItem = new Map<number, Job>();
  let skus: SubscribedSku[] = [];
  let tenantFailure: BulkError | undefined;
  try {
    skus = items.length > 0 ? await context.tenantSkus() : [];
  } catch (error) {
    // Without the tenant's SKUs nothing can be checked: every item fails with the reason, none is sent.
    tenantFailure = errorOf(error);
  }
  const perJobSets = new Map<Job, LicenseChangeSet[]>();

  items.forEach((item, index) => {
    try {
      if (tenantFailure) {
        localFailures.set(index, {
          ...tenantFailure,
          message: `Could not read the tenant's subscribed SKUs: ${tenantFailure.message}`,
        });
        return;
      }
      const target = checkTarget(item?.target);
      let changeSet: LicenseChangeSet;
      try {
        const resolved = resolveIntent(item.intent, skus);
        // Fields are named inside the item (`intent.skus[0]`), like the errors of resolveIntent below.
        changeSet = { ...resolved, skus: resolved.skus.map((r) => ({ ...r, field: `intent.${r.field}` })) };
      } catch (error) {
        throw error instanceof LicensingError ? error.withFieldPrefix('intent') : error;
      }
      const key = targetKey(target);
      const job = jobs.get(key);
      if (!job) {
        const created: Job = {
          target,
          items: [index],
          changeSet,
          warnings: [],
          wrote: false,
          maybeWrote: false,
          faultRetries: 0,
          throttleRetries: 0,
          requests: 0,
        };
        jobs.set(key, created);
        perJobSets.set(created, [changeSet]);
        jobOfItem.set(index, created);
        return;
      }
      const sets = perJobSets.get(job) ?? [];
      try {
        job.changeSet = mergeChangeSets([...sets, changeSet]);
      } catch (error) {
        const reason = error instanceof LicensingError ? error.message : String(error);
        throw new LicensingError({
          code: 'CONFLICTING_INTENTS',
          field: 'intent',
          value: item.intent?.action,
          message: `Item ${index} contradicts item(s) ${job.items.join(', ')} for the same ${describeTarget(target)} and was not merged: ${reason}`,
        });
      }
      sets.push(changeSet);
      job.items.push(index);
      jobOfItem.set(index, job);
    } catch (error) {
      localFailures.set(index, errorOf(error));
    }
  });

  const allJobs = [...jobs.values()];
  stats.targets = allJobs.length;
  emit({ type: 'start', items: items.length, targets: allJobs.length, invalidItems: localFailures.size });

  const seatBudget = new Map<string, number>();
  for (const sku of tenantSkuIndex(skus).skus) seatBudget.set(sku.skuId, sku.seats?.available ?? 0);
  const scopes = new ThrottleScopes();
  const pacer = options.pacing === false ? undefined : new WritePacer();
  const queue: Op[] = allJobs.map((job) => readOp(job, 0));
  let unfinished = allJobs.length;
  let done = 0;
  let inFlight = 0;
  let writesInFlight = 0;
  let wake: (() => void) | undefined;
  const notify = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };

  const finish = (job: Job, outcome: Outcome) => {
    if (job.outcome) return;
    job.outcome = outcome;
    unfinished -= 1;
    done += 1;
    emit({ type: 'target-done', target: job.target, status: outcome.status, done, total: allJobs.length });
  };

  const retry = (op: Op, reason: string, reread: boolean, minDelayMs = 0) => {
    const { job } = op;
    job.faultRetries += 1;
    if (job.faultRetries > maxRetries) {
      finish(job, {
        status: 'failed',
        reason: `Gave up after ${maxRetries} retries: ${reason}`,
        error: { code: 'RETRIES_EXHAUSTED', message: `Gave up after ${maxRetries} retries: ${reason}` },
      });
      return;
    }
    stats.retries += 1;
    const delayMs = Math.max(minDelayMs, backoffMs(job.faultRetries, baseMs, maxMs, random));
    emit({ type: 'retry', target: job.target, reason, attempt: job.faultRetries, delayMs });
    const notBefore = Date.now() + delayMs;
    if (reread) {
      stats.rereads += 1;
      queue.push(readOp(job, notBefore));
    } else {
      queue.push({ ...op, notBefore });
    }
  };

  const throttled = (op: Op, scope: string | undefined, waitMs: number) => {
    stats.throttled += 1;
    if (op.kind === 'write') pacer?.onThrottled(Date.now());
    scopes.close(scope, waitMs, Date.now());
    emit({ type: 'throttled', scope: scope ?? '*', retryAfterMs: waitMs });
    op.job.throttleRetries += 1;
    if (op.job.throttleRetries > maxThrottleRetries) {
      finish(op.job, {
        status: 'failed',
        reason: `Still throttled after ${maxThrottleRetries} retries.`,
        error: {
          code: 'TooManyRequests',
          message: `Still throttled after ${maxThrottleRetries} retries.`,
          status: 429,
        },
      });
      return;
    }
    queue.unshift({ ...op, notBefore: 0 });
  };

  const planJob = (job: Job, state: TargetState, membersNeedingSeat?: Map<string, number>) => {
    let prepared: PreparedPlan;
    try {
      prepared = prepareTargetPlan(state, job.changeSet, skus, {
        ...options,
        ...(membersNeedingSeat ? { membersNeedingSeat } : {}),
      });
    } catch (error) {
      finish(job, { status: 'failed', error: errorOf(error), reason: errorOf(error).message });
      return;
    }
    const [firstError] = prepared.errors;
    if (firstError) {
      finish(job, { status: 'failed', error: errorOf(firstError), reason: firstError.message });
      return;
    }
    job.warnings = prepared.warnings;
    const body = prepared.plan.body;
    if (!job.firstPlan) job.firstPlan = prepared.plan;
    if (body === null) {
      if (job.wrote || job.maybeWrote) {
        finish(job, { status: 'applied' });
        return;
      }
      const inherited = prepared.warnings.filter((w) => w.code === 'INHERITED_LICENSE_SKIPPED');
      if (inherited.length > 0) {
        finish(job, { status: 'skipped', reason: inherited.map((w) => w.message).join(' ') });
        return;
      }
      const notes = prepared.warnings.map((w) => w.message).join(' ');
      finish(job, { status: 'unchanged', ...(notes ? { reason: notes } : {}) });
      return;
    }
    if (job.target.kind === 'user' && !job.wrote && !job.maybeWrote) {
      const held = new Set(state.assigned.map((l) => l.skuId));
      for (const change of prepared.plan.changes) {
        if (change.action !== 'add' || held.has(change.skuId)) continue;
        const left = seatBudget.get(change.skuId) ?? 0;
        if (left < 1) {
          const error = new LicensingError({
            code: 'SEATS_EXHAUSTED',
            field: 'intent',
            value: change.skuId,
            message: `No free seat is left for SKU ${change.skuId} in this run (earlier items of the run used the last ones).`,
          });
          finish(job, { status: 'failed', error: errorOf(error), reason: error.message });
          return;
        }
        seatBudget.set(change.skuId, left - 1);
      }
    }
    if (options.dryRun) {
      finish(job, { status: 'planned' });
      return;
    }
    const assign: Op = {
      job,
      kind: 'write',
      stage: 'assign',
      method: 'POST',
      url: `${pathOf(job.target)}/assignLicense`,
      body: { addLicenses: body.addLicenses, removeLicenses: body.removeLicenses },
      notBefore: 0,
    };
    if (prepared.setUsageLocation && state.target.kind === 'user') {
      // The assignment goes only after Graph accepted the usage location (never in the same batch).
      queue.push({
        job,
        kind: 'write',
        stage: 'usageLocation',
        method: 'PATCH',
        url: pathOf(job.target),
        body: { usageLocation: prepared.setUsageLocation },
        notBefore: 0,
        followUp: assign,
      });
    } else {
      queue.push(assign);
    }
  };

  const handle = (op: Op, response: BatchResponse) => {
    const { job } = op;
    const status = response.status;
    if (status === 429) {
      const wait =
        retryAfterMs(response.headers['retry-after'], Date.now()) ?? backoffMs(1, baseMs, maxMs, random);
      throttled(op, response.headers['x-ms-throttle-scope'], wait);
      return;
    }
    const serverWait = retryAfterMs(response.headers['retry-after'], Date.now()) ?? 0;
    if (op.stage === 'members') {
      const pending = job.pending;
      if (!pending) return;
      if (status === 200) {
        const page = (response.body ?? {}) as { value?: GraphDirectoryObject[]; '@odata.nextLink'?: string };
        pending.members.push(...(page.value ?? []).map((m) => ({ ...m, odataType: odataTypeOf(m) })));
        const next = relativeUrl(page['@odata.nextLink']);
        if (next) {
          queue.push({ ...op, url: next, notBefore: 0 });
          return;
        }
        job.pending = undefined;
        planJob(job, pending.state, seatNeeds(pending.members, pending.newSkus));
      } else if (status >= 500 || status === 409) {
        retry(
          op,
          `${graphErrorOf(response).code} while reading members of ${describeTarget(job.target)}`,
          false,
          serverWait,
        );
      } else {
        // No permission to read members (or a transient answer): plan without the seat pre-flight.
        job.pending = undefined;
        planJob(job, pending.state);
      }
      return;
    }
    if (op.kind === 'read') {
      if (status === 200) {
        const state = toTargetState(job.target, (response.body ?? {}) as GraphDirectoryObject);
        const assigned = new Set(state.assigned.map((l) => l.skuId));
        const newSkus = job.changeSet.skus
          .filter((r) => r.present && !assigned.has(r.skuId))
          .map((r) => r.skuId);
        const checkSeats =
          state.target.kind === 'group' &&
          options.groupSeatCheck !== false &&
          newSkus.length > 0 &&
          !job.maybeWrote;
        if (!checkSeats) {
          planJob(job, state);
          return;
        }
        job.pending = { state, members: [], newSkus };
        queue.push({
          job,
          kind: 'read',
          stage: 'members',
          method: 'GET',
          url: `${pathOf(job.target)}/members?$select=id,assignedLicenses&$top=999`,
          notBefore: 0,
        });
      } else if (status >= 500 || status === 409) {
        retry(
          op,
          `${graphErrorOf(response).code} while reading ${describeTarget(job.target)}`,
          false,
          serverWait,
        );
      } else {
        const error = status === 404 ? errorOf(targetNotFound(job.target)) : graphErrorOf(response);
        finish(job, { status: 'failed', error, reason: error.message });
      }
      return;
    }
    if (status >= 200 && status < 300) {
      pacer?.onAccepted(Date.now());
      if (op.stage === 'assign') {
        job.wrote = true;
        if (job.target.kind === 'group')
          noteGroupWrite(context.client, job.target.id, op.body as GroupWrite['body']);
        finish(job, { status: 'applied' });
      } else if (op.followUp) {
        queue.push(op.followUp);
      }
      return;
    }
    const error = graphErrorOf(response);
    if (status === 503) {
      retry(op, `${error.code} (HTTP 503)`, false, serverWait);
    } else if (isConcurrencyViolation(response)) {
      retry(op, error.code, true, serverWait);
    } else if (status >= 500) {
      job.maybeWrote = op.stage === 'assign' || job.maybeWrote;
      retry(
        op,
        `${error.code} (HTTP ${status}); the write may have been applied, re-reading first`,
        true,
        serverWait,
      );
    } else {
      finish(job, { status: 'failed', error, reason: error.message });
    }
  };

  const transportFailure = (op: Op, error: unknown) => {
    const e = error as { status?: number; retryAfterSeconds?: number; code?: string; message?: string };
    if (e.status === 429) {
      throttled(op, undefined, (e.retryAfterSeconds ?? baseMs / 1000) * 1000);
      return;
    }
    if (e.status !== undefined && e.status < 500 && e.status !== 408) {
      finish(op.job, { status: 'failed', error: errorOf(error), reason: errorOf(error).message });
      return;
    }
    const reason = `the $batch request failed (${e.code ?? 'network error'})`;
    if (op.kind === 'write') {
      op.job.maybeWrote = op.stage === 'assign' || op.job.maybeWrote;
      retry(op, `${reason}; the write may have been applied, re-reading first`, true);
    } else {
      retry(op, reason, false);
    }
  };

  const sendOps = async (ops: Op[]) => {
    const requests: BatchRequest[] = ops.map((op, i) => ({
      id: String(i + 1),
      method: op.method,
      url: op.url,
      ...(op.body === undefined ? {} : { body: op.body }),
    }));
    stats.batches += 1;
    stats.requests += ops.length;
    const writes = ops.filter((op) => op.kind === 'write').length;
    writesInFlight += writes;
    const sentAt = Date.now();
    for (const op of ops) {
      op.job.requests += 1;
      if (op.kind === 'write') stats.writes += 1;
    }
    let responses: BatchResponse[];
    try {
      responses = await sendBatch(context.client, requests);
    } catch (error) {
      writesInFlight -= writes;
      for (const op of ops) transportFailure(op, error);
      return;
    }
    writesInFlight -= writes;
    if (writes > 0) pacer?.onRoundTrip(Date.now() - sentAt);
    const byId = new Map(responses.map((r) => [r.id, r]));
    ops.forEach((op, i) => {
      const response = byId.get(String(i + 1));
      if (!response) transportFailure(op, { code: 'MissingBatchResponse' });
      else handle(op, response);
    });
  };

  /**
   * Up to one batch of ready requests: writes first (the write quota is the scarce one), then member reads (they
   * unlock writes), then target reads.
   */
  const takeReady = (now: number): Op[] => {
    const picked: Op[] = [];
    for (const stages of [['usageLocation', 'assign'], ['members'], ['read']] as const) {
      const kind = stages[0] === 'usageLocation' ? 'write' : 'read';
      if (scopes.openAt(kind) > now) continue;
      const room = kind === 'write' && pacer ? pacer.limit(now) - writesInFlight : batchSize;
      if (room < 1) continue;
      const limit = Math.min(batchSize, picked.length + room);
      const wanted: readonly Op['stage'][] = stages;
      for (let i = 0; i < queue.length && picked.length < limit; ) {
        const op = queue[i] as Op;
        if (op.job.outcome) {
          queue.splice(i, 1);
        } else if (wanted.includes(op.stage) && op.notBefore <= now) {
          picked.push(op);
          queue.splice(i, 1);
        } else {
          i += 1;
        }
      }
    }
    return picked;
  };

  const nextTime = (): number => {
    const writesCapped = pacer !== undefined && pacer.limit(Date.now()) - writesInFlight < 1;
    let next = Number.POSITIVE_INFINITY;
    for (const op of queue) {
      if (op.job.outcome || (op.kind === 'write' && writesCapped)) continue;
      next = Math.min(next, Math.max(op.notBefore, scopes.openAt(op.kind)));
    }
    return next;
  };

  while (unfinished > 0) {
    const now = Date.now();
    while (inFlight < concurrency) {
      const ops = takeReady(now);
      if (ops.length === 0) break;
      inFlight += 1;
      void sendOps(ops).finally(() => {
        inFlight -= 1;
        notify();
      });
    }
    if (unfinished === 0) break;
    const next = nextTime();
    const waitMs =
      inFlight < concurrency && Number.isFinite(next) ? Math.max(0, next - Date.now()) : undefined;
    if (inFlight === 0 && waitMs === undefined) {
      // Nothing queued and nothing in flight: every job must be finished.
      for (const job of allJobs) {
        if (!job.outcome) {
          finish(job, {
            status: 'failed',
            error: { code: 'InternalError', message: 'The bulk run lost track of this target.' },
          });
        }
      }
      break;
    }
    await new Promise<void>((resolve) => {
      const timer = waitMs === undefined ? undefined : setTimeout(resolve, waitMs);
      wake = () => {
        if (timer) clearTimeout(timer);
        resolve();
      };
    });
    wake = undefined;
  }

  const summary = emptySummary();
  const results: BulkItemResult[] = items.map((item, index) => {
    const key = item?.key ?? String(index);
    const failure = localFailures.get(index);
    const job = jobOfItem.get(index);
    if (failure || !job) {
      summary.failed += 1;
      const error = failure ?? { code: 'InternalError', message: 'No result.' };
      return {
        index,
        key,
        target: item?.target,
        status: 'failed',
        reason: error.message,
        error,
        warnings: [],
        mergedWith: [],
        requests: 0,
      };
    }
    const outcome = job.outcome ?? { status: 'failed', reason: 'No outcome.' };
    summary[outcome.status] += 1;
    return {
      index,
      key,
      target: job.target,
      status: outcome.status,
      ...(outcome.reason ? { reason: outcome.reason } : {}),
      ...(outcome.error ? { error: outcome.error } : {}),
      ...(job.firstPlan
        ? { plan: planToJson(job.firstPlan, { tenantSkus: skus, target: describeTarget(job.target) }) }
        : {}),
      warnings: job.warnings,
      mergedWith: job.items.filter((i) => i !== index),
      requests: job.requests,
    };
  });
  stats.elapsedMs = Date.now() - started;
  emit({ type: 'end', summary, stats });
  return { results, summary, stats };
}
