import { checkTargetId } from '../options/ids.js';
import { checkWaitOptions } from '../options/schemas.js';
import { describeSkuId, skuLabel } from '../sku-index.js';
import { allPages, graphCall } from './graph-call.js';
import { type GraphAssignedLicense, toLicenses, toStates } from './graph-values.js';
import { explainLicenseError, isLicenseError } from './member-errors.js';
import type { ServiceContext } from './service-context.js';
import type { GraphDirectoryObject } from './target-state.js';

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
    { client: context.client, path: `/groups/${groupId}/membersWithLicenseErrors/graph.user` },
  )) as GraphDirectoryObject[];
  return Promise.all(
    members.map(async (member) => {
      if (Array.isArray(member.licenseAssignmentStates) || !member.id) return member;
      const id = member.id;
      const user = await graphCall(
        ({ options }) =>
          context.client.users.byUserId(id).get({ queryParameters: { select: MEMBER_SELECT }, options }),
        context.sleep,
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

/** A group write this process sent: when, and what it asked for (to recognise its effect in a later read). */
export interface GroupWrite {
  at: number;
  body: {
    addLicenses: readonly { skuId: string; disabledPlans: readonly string[] }[];
    removeLicenses: readonly string[];
  };
}

const groupWrites = new WeakMap<object, Map<string, GroupWrite>>();

/** Records an accepted `assignLicense` on a group, so that a later wait knows what to look for. */
export function noteGroupWrite(client: object, groupId: string, body: GroupWrite['body']): void {
  let writes = groupWrites.get(client);
  if (!writes) {
    writes = new Map();
    groupWrites.set(client, writes);
  }
  writes.set(groupId.toLowerCase(), { at: Date.now(), body });
}

/** The last write to a group through this client, if any. */
export function lastGroupWrite(client: object, groupId: string): GroupWrite | undefined {
  return groupWrites.get(client)?.get(groupId.toLowerCase());
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
  const known = lastGroupWrite(context.client, groupId);
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
      context.sleep,
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
