import type { ReclaimBucket, ReclaimCriteria, ReclaimEvidence, ReclaimUserFacts } from './types.js';

export const DAY_MS = 86_400_000;

export type BucketVerdict =
  | { bucket: ReclaimBucket }
  | { excluded: 'active' | 'inGracePeriod' | 'noSignInData' };

/** A Graph date as epoch ms: null stays null, an unreadable one is `NaN` (callers treat it as "recent"). */
export function dateMs(value: string | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  return Date.parse(value);
}

/** Within the last `days` before `now` (an unreadable date counts as recent: nothing is taken on a guess). */
export function withinDays(value: string | null | undefined, days: number, now: number): boolean {
  const at = dateMs(value);
  if (at === null) return false;
  if (Number.isNaN(at)) return true;
  return now - at < days * DAY_MS;
}

export function evidenceOf(user: ReclaimUserFacts): ReclaimEvidence {
  const activity = user.signInActivity ?? null;
  return {
    createdDateTime: user.createdDateTime,
    lastSignInDateTime: activity?.lastSignInDateTime ?? null,
    lastNonInteractiveSignInDateTime: activity?.lastNonInteractiveSignInDateTime ?? null,
    lastSuccessfulSignInDateTime: activity?.lastSuccessfulSignInDateTime ?? null,
  };
}

/**
 * The latest sign-in that counts as use. `lastSuccessfulSignInDateTime` (either kind, successful only) when Graph
 * has it; it is recorded only since 2023-12-01 and not backfilled, so without it the latest attempt of either kind
 * stands in (an interactive-only look would flag people who use only apps). Null: none recorded. NaN: unreadable.
 */
export function lastUseMs(evidence: ReclaimEvidence): number | null {
  const successful = dateMs(evidence.lastSuccessfulSignInDateTime);
  if (successful !== null) return successful;
  const attempts = [
    dateMs(evidence.lastSignInDateTime),
    dateMs(evidence.lastNonInteractiveSignInDateTime),
  ].filter((v): v is number => v !== null);
  if (attempts.length === 0) return null;
  if (attempts.some(Number.isNaN)) return Number.NaN;
  return Math.max(...attempts);
}

/**
 * Which bucket a user falls in, or why none. In order: an account created within the grace period is never a
 * candidate (new starters, even those whose sign-in is still blocked); a blocked account is `disabled` (needs no
 * sign-in data); without sign-in data nothing more can be said; no sign-in recorded since creation is `never`
 * (`dormant` for accounts older than Graph's records); no use for `inactiveDays` is `dormant`.
 */
export function bucketOf(user: ReclaimUserFacts, criteria: ReclaimCriteria, now: number): BucketVerdict {
  const created = dateMs(user.createdDateTime);
  if (created !== null && (Number.isNaN(created) || now - created < criteria.graceDays * DAY_MS)) {
    return { excluded: 'inGracePeriod' };
  }
  if (user.accountEnabled === false) return { bucket: 'disabled' };
  if (user.signInActivity === undefined) return { excluded: 'noSignInData' };
  const lastUse = lastUseMs(evidenceOf(user));
  if (lastUse === null) return { bucket: 'never' };
  if (Number.isNaN(lastUse)) return { excluded: 'active' };
  return now - lastUse >= criteria.inactiveDays * DAY_MS ? { bucket: 'dormant' } : { excluded: 'active' };
}
