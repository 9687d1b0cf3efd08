import { type GraphAssignedLicense, toLicenses, toStates } from '../core/graph-values.js';
import { checkTargetId } from '../core/ids.js';
import { explainLicenseError, isLicenseError } from '../core/member-errors.js';
import { checkOptions, integer, type Schema } from '../core/options-check.js';
import { describeSkuId, skuLabel } from '../core/sku-index.js';
import type { GraphDirectoryObject } from '../core/target-state.js';
import { allPages, graphCall } from '../engine/graph-call.js';
import type { GroupWrite } from '../engine/group-write-log.js';
import type { ServiceContext } from './service-context.js';

export interface WaitOptions {
  /** Give up after this long, in ms. Default 600,000 (10 minutes). */
  timeoutMs?: number;
  /** First wait between polls, in ms. Default 1,000. */
  initialIntervalMs?: number;
  /** Longest wait between polls, in ms. Default 30,000. */
  maxIntervalMs?: number;
  /**
   * When the write being waited for was sent (a Date or ms since 1970). Default: the last write this client sent
   * to the group through this package, if any. After a write, a `ProcessingComplete` is trusted only once the
   * write's effect was seen (processing seen during the wait, or the group's licenses already showing the write),
   * or `settleMs` after the write: right after a write, Graph may still serve the previous state.
   */
  writtenAt?: Date | number;
  /** How long after `writtenAt` a `ProcessingComplete` is trusted without having seen processing, in ms. Default 5,000. */
  settleMs?: number;
}

const HOUR = 3_600_000;

export const WAIT_OPTIONS: Schema<WaitOptions> = {
  timeoutMs: integer(0, 24 * HOUR),
  initialIntervalMs: integer(1, HOUR),
  maxIntervalMs: integer(1, HOUR),
  settleMs: integer(0, HOUR),
  writtenAt: (value) =>
    (typeof value === 'number' && Number.isFinite(value) && value >= 0) ||
    (value instanceof Date && Number.isFinite(value.getTime()))
      ? undefined
      : 'a time (a Date or milliseconds since 1970)',
};

export const checkWaitOptions = (options: unknown) => checkOptions(options, WAIT_OPTIONS);

export interface MemberLicenseError {
  skuId: string;
  sku: string;
  skuPartNumber: string;
  /** Graph's code, e.g. `CountViolation`. */
  error: string;
  /** `Error` or `ActiveWithError`. */
  state: string | null;
  explanation: string;
  remediation: string;
}

export interface MemberLicenseErrors {
  userId: string;
  displayName: string | null;
  userPrincipalName: string | null;
  errors: MemberLicenseError[];
}

export interface GroupProcessingReport {
  groupId: string;
  /** Last `licenseProcessingState.state` seen. */
  state: string | null;
  completed: boolean;
  timedOut: boolean;
  polls: number;
  elapsedMs: number;
  /** A state other than `ProcessingComplete` was seen during the wait (the write's effect was observed). */
  processingSeen: boolean;
  /** Members whose licenses from this group failed, each error decoded. */
  membersWithErrors: MemberLicenseErrors[];
}

const MEMBER_SELECT = ['id', 'displayName', 'userPrincipalName', 'licenseAssignmentStates'];

/**
 * The members in error through the users-only cast (`membersWithLicenseErrors/graph.user`), with their
 * `licenseAssignmentStates`. A member that comes back without that property (Graph drops it at times) is read on
 * its own (`GET /users/{id}`), so that no error goes missing.
 */
async function readMembersInError(context: ServiceContext, groupId: string): Promise<GraphDirectoryObject[]> {
  const builder = context.client.groups.byGroupId(groupId).membersWithLicenseErrors.graphUser;
  const members = (await allPages(
    ({ options }) => builder.get({ queryParameters: { select: MEMBER_SELECT }, options }),
    (url, { options }) => builder.withUrl(url).get({ options }),
    {
      client: context.client,
      path: `/groups/${groupId}/membersWithLicenseErrors/graph.user`,
      pace: context.reads,
    },
  )) as GraphDirectoryObject[];
  return Promise.all(
    members.map(async (member) => {
      if (Array.isArray(member.licenseAssignmentStates) || !member.id) return member;
      const id = member.id;
      const user = await graphCall(
        ({ options }) =>
          context.client.users.byUserId(id).get({ queryParameters: { select: MEMBER_SELECT }, options }),
        context.reads,
      );
      return (user ?? member) as GraphDirectoryObject;
    }),
  );
}

/** Members of a group whose license assignment from that group failed, with each error explained. */
export async function listMembersWithLicenseErrors(
  context: ServiceContext,
  groupId: string,
): Promise<MemberLicenseErrors[]> {
  checkTargetId('group', groupId, 'groupId');
  const skus = await context.tenantSkus();
  const members = await readMembersInError(context, groupId);
  const group = groupId.toLowerCase();
  const reports: MemberLicenseErrors[] = [];
  for (const member of members) {
    const errors: MemberLicenseError[] = [];
    for (const state of toStates(member.licenseAssignmentStates)) {
      if (state.assignedByGroup !== group || !isLicenseError(state.error)) continue;
      const sku = describeSkuId(state.skuId, skus);
      const explained = explainLicenseError(state.error);
      errors.push({
        skuId: state.skuId,
        sku: sku ? skuLabel(sku) : state.skuId,
        skuPartNumber: sku?.skuPartNumber ?? state.skuId,
        error: state.error,
        state: state.state,
        explanation: explained.explanation,
        remediation: explained.remediation,
      });
    }
    if (errors.length > 0) {
      reports.push({
        userId: (member.id ?? '').toLowerCase(),
        displayName: member.displayName ?? null,
        userPrincipalName: member.userPrincipalName ?? null,
        errors,
      });
    }
  }
  return reports;
}

/** Whether a read of the group's licenses already shows the write (then its processing state is not older). */
export function writeVisible(assigned: unknown, body: GroupWrite['body']): boolean {
  const licenses = toLicenses(assigned as GraphAssignedLicense[] | null | undefined);
  const bySku = new Map(licenses.map((l) => [l.skuId, l.disabledPlans.join()]));
  return (
    body.removeLicenses.every((id) => !bySku.has(id.toLowerCase())) &&
    body.addLicenses.every(
      (a) =>
        bySku.get(a.skuId.toLowerCase()) ===
        [...a.disabledPlans]
          .map((p) => p.toLowerCase())
          .sort()
          .join(),
    )
  );
}

/**
 * Whether a `ProcessingComplete` read can be trusted after a write: processing was seen during the wait, the read
 * already shows the write, or the settle time since the write has passed (a read replica serves the previous state
 * for a while). Without a known write there is nothing the read could be stale about.
 */
export function completionTrusted(evidence: {
  writtenAt: number | undefined;
  processingSeen: boolean;
  writeSeen: boolean;
  now: number;
  settleMs: number;
}): boolean {
  if (evidence.writtenAt === undefined) return true;
  return (
    evidence.processingSeen || evidence.writeSeen || evidence.now - evidence.writtenAt >= evidence.settleMs
  );
}

/**
 * Polls `licenseProcessingState` with exponential backoff (×1.5, capped) until a trusted `ProcessingComplete` or
 * the timeout, then lists the members in error. A timeout is reported (`timedOut: true`), not thrown.
 */
export async function waitForGroupProcessing(
  context: ServiceContext,
  groupId: string,
  options: WaitOptions = {},
): Promise<GroupProcessingReport> {
  checkTargetId('group', groupId, 'groupId');
  checkWaitOptions(options);
  const started = Date.now();
  const timeoutMs = options.timeoutMs ?? 600_000;
  const settleMs = options.settleMs ?? 5_000;
  const known = context.groupWrites.last(groupId);
  const writtenAt =
    options.writtenAt === undefined
      ? known?.at
      : typeof options.writtenAt === 'number'
        ? options.writtenAt
        : options.writtenAt.getTime();
  // The body is only compared when it is the write being waited for.
  const body =
    known && (options.writtenAt === undefined || known.at >= (writtenAt ?? 0)) ? known.body : undefined;
  let interval = options.initialIntervalMs ?? 1000;
  const maxInterval = Math.max(interval, options.maxIntervalMs ?? 30_000);
  let polls = 0;
  let processingSeen = false;
  let state: string | null = null;
  for (;;) {
    const group = await graphCall(
      (config) =>
        context.client.groups.byGroupId(groupId).get({
          queryParameters: { select: ['id', 'licenseProcessingState', 'assignedLicenses'] },
          options: config.options,
        }),
      context.reads,
    );
    polls += 1;
    state = group?.licenseProcessingState?.state ?? null;
    if (state !== null && state !== 'ProcessingComplete') processingSeen = true;
    const now = Date.now();
    const writeSeen = body !== undefined && writeVisible(group?.assignedLicenses, body);
    const completed =
      state === 'ProcessingComplete' &&
      completionTrusted({ writtenAt, processingSeen, writeSeen, now, settleMs });
    const elapsed = now - started;
    if (completed || elapsed >= timeoutMs) {
      return {
        groupId: groupId.toLowerCase(),
        state,
        completed,
        timedOut: !completed,
        polls,
        elapsedMs: Date.now() - started,
        processingSeen,
        membersWithErrors: await listMembersWithLicenseErrors(context, groupId),
      };
    }
    // Waiting only for the settle time: poll again when it has passed, not later.
    const untilSettled =
      state === 'ProcessingComplete' && writtenAt !== undefined
        ? Math.max(1, writtenAt + settleMs - now)
        : interval;
    await context.sleep(Math.min(interval, untilSettled, Math.max(0, timeoutMs - elapsed)));
    interval = Math.min(maxInterval, interval * 1.5);
  }
}
