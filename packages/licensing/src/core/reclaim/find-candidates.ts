import { LicensingError } from '../licensing-error.js';
import { chooseActions } from './actions.js';
import { bucketOf, evidenceOf } from './bucket.js';
import { exemptionTest } from './exceptions.js';
import type {
  ReclaimAction,
  ReclaimCandidate,
  ReclaimCriteria,
  ReclaimExceptions,
  ReclaimExclusion,
  ReclaimUserFacts,
} from './types.js';

/** The longest look-back accepted (Graph keeps sign-in dates since April 2020; ten years is beyond any need). */
export const MAX_DAYS = 3650;

export interface FindCandidatesInput<Impact> extends ReclaimCriteria {
  exceptions?: ReclaimExceptions;
  /** Ids of the exempt groups' members (read by the caller). */
  exemptGroupMembers?: ReadonlySet<string>;
  /** Only these SKUs (skuIds); all when absent. */
  skus?: readonly string[];
  /** The moment "now" (epoch ms). */
  now: number;
  /** The member-level impact of one action on this user. */
  impactOf: (user: ReclaimUserFacts, action: Omit<ReclaimAction<Impact>, 'impact'>) => Impact;
}

export interface CandidateSearch<Impact> {
  candidates: ReclaimCandidate<Impact>[];
  /** Licensed users who are not candidates, and why. */
  excluded: ReclaimExclusion[];
}

function checkDays(field: string, value: unknown, min: number): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > MAX_DAYS) {
    throw new LicensingError({
      code: 'INVALID_INPUT',
      field,
      value,
      message: `${field} must be a whole number of days from ${min} to ${MAX_DAYS}, got ${JSON.stringify(value)}.`,
    });
  }
}

/** Checks the criteria before anything is read: the field and the value at fault are named. */
export function checkCriteria(criteria: ReclaimCriteria): void {
  checkDays('inactiveDays', criteria.inactiveDays, 1);
  checkDays('graceDays', criteria.graceDays, 0);
}

/**
 * The reclaim candidates among users already read: each licensed user is put in a bucket or excluded with the
 * reason, and each candidate gets, per license, the action that frees its seat with that action's impact.
 */
export function findCandidates<Impact>(
  users: readonly ReclaimUserFacts[],
  input: FindCandidatesInput<Impact>,
): CandidateSearch<Impact> {
  checkCriteria(input);
  const exempt = exemptionTest(input.exceptions ?? {}, input.exemptGroupMembers ?? new Set());
  const skus = input.skus ? new Set(input.skus.map((s) => s.toLowerCase())) : undefined;
  const candidates: ReclaimCandidate<Impact>[] = [];
  const excluded: ReclaimExclusion[] = [];
  for (const user of users) {
    const held = user.licenses.filter((l) => !skus || skus.has(l.skuId.toLowerCase()));
    if (held.length === 0) continue;
    const who = { id: user.id, userPrincipalName: user.userPrincipalName };
    if (exempt(user)) {
      excluded.push({ ...who, reason: 'excepted' });
      continue;
    }
    const verdict = bucketOf(user, input, input.now);
    if ('excluded' in verdict) {
      excluded.push({ ...who, reason: verdict.excluded });
      continue;
    }
    const choice = chooseActions(user, input.graceDays, input.now, skus);
    if (choice.changedInGrace.length > 0) {
      excluded.push({ ...who, reason: 'licenseChangedInGracePeriod', skuPartNumbers: choice.changedInGrace });
    }
    if (choice.heldByKeptGroup.length > 0) {
      excluded.push({ ...who, reason: 'groupGrantsKeptLicense', skuPartNumbers: choice.heldByKeptGroup });
    }
    if (choice.actions.length === 0) continue;
    candidates.push({
      ...who,
      bucket: verdict.bucket,
      evidence: evidenceOf(user),
      actions: choice.actions.map((a) => ({ ...a, impact: input.impactOf(user, a) })),
    });
  }
  return { candidates, excluded };
}
