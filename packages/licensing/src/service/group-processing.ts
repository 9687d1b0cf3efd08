import { describeSkuId, skuLabel } from '../sku-index.js';
import { allPages, graphCall } from './graph-call.js';
import { toStates } from './graph-values.js';
import { explainLicenseError, isLicenseError } from './member-errors.js';
import type { ServiceContext } from './service-context.js';
import { checkTarget } from './target.js';
import { type GraphDirectoryObject, isUserObject } from './target-state.js';

export interface WaitOptions {
  /** Give up after this long, in ms. Default 600,000 (10 minutes). */
  timeoutMs?: number;
  /** First wait between polls, in ms. Default 1,000. */
  initialIntervalMs?: number;
  /** Longest wait between polls, in ms. Default 30,000. */
  maxIntervalMs?: number;
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
  /** Members whose licenses from this group failed, each error decoded. */
  membersWithErrors: MemberLicenseErrors[];
}

/** Members of a group whose license assignment from that group failed, with each error explained. */
export async function listMembersWithLicenseErrors(
  context: ServiceContext,
  groupId: string,
): Promise<MemberLicenseErrors[]> {
  checkTarget({ kind: 'group', id: groupId }, 'groupId');
  const skus = await context.tenantSkus();
  const builder = context.client.groups.byGroupId(groupId).membersWithLicenseErrors;
  const select = ['id', 'displayName', 'userPrincipalName', 'licenseAssignmentStates'];
  const members = (
    (await allPages(
      () => builder.get({ queryParameters: { select } }),
      (url) => builder.withUrl(url).get(),
      { client: context.client, path: `/groups/${groupId}/membersWithLicenseErrors` },
    )) as GraphDirectoryObject[]
  ).filter(isUserObject);
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

/**
 * Polls `licenseProcessingState` with exponential backoff (×1.5, capped) until `ProcessingComplete` or the timeout,
 * then lists the members in error. A timeout is reported (`timedOut: true`), not thrown.
 */
export async function waitForGroupProcessing(
  context: ServiceContext,
  groupId: string,
  options: WaitOptions = {},
): Promise<GroupProcessingReport> {
  checkTarget({ kind: 'group', id: groupId }, 'groupId');
  const timeoutMs = options.timeoutMs ?? 600_000;
  let interval = Math.max(1, options.initialIntervalMs ?? 1000);
  const maxInterval = Math.max(interval, options.maxIntervalMs ?? 30_000);
  const started = Date.now();
  let polls = 0;
  let state: string | null = null;
  for (;;) {
    const group = await graphCall(() =>
      context.client.groups
        .byGroupId(groupId)
        .get({ queryParameters: { select: ['id', 'licenseProcessingState'] } }),
    );
    polls += 1;
    state = group?.licenseProcessingState?.state ?? null;
    const elapsed = Date.now() - started;
    if (state === 'ProcessingComplete' || elapsed >= timeoutMs) {
      const completed = state === 'ProcessingComplete';
      return {
        groupId: groupId.toLowerCase(),
        state,
        completed,
        timedOut: !completed,
        polls,
        elapsedMs: Date.now() - started,
        membersWithErrors: await listMembersWithLicenseErrors(context, groupId),
      };
    }
    await context.sleep(Math.min(interval, Math.max(0, timeoutMs - elapsed)));
    interval = Math.min(maxInterval, interval * 1.5);
  }
}
