/**
 * Reclaim: finding licenses held by people who do not use them. The pure part works on facts already read (the
 * tenant license model plus each user's `signInActivity`); reading them is the engine's job.
 */

/** The three dates of Graph's `signInActivity` (each null when Graph recorded none). */
export interface SignInActivity {
  lastSignInDateTime: string | null;
  lastNonInteractiveSignInDateTime: string | null;
  lastSuccessfulSignInDateTime: string | null;
}

/** One path by which a user holds a SKU (one `licenseAssignmentStates` entry). */
export interface ReclaimLicensePath {
  skuId: string;
  skuPartNumber: string;
  /** The licensing group, or null for a direct assignment. */
  groupId: string | null;
  groupName?: string | null;
  /** Graph's `state`: `Active`, `ActiveWithError`, `Disabled`, `Error`. */
  state: string | null;
  /** When this path last changed state (Graph's `lastUpdatedDateTime`). */
  lastUpdatedDateTime: string | null;
}

/** What the candidate search needs to know about one user. */
export interface ReclaimUserFacts {
  id: string;
  userPrincipalName: string;
  accountEnabled: boolean | null;
  createdDateTime: string | null;
  /**
   * Graph's `signInActivity`; `undefined` when it could not be read (no `AuditLog.Read.All` or no Entra ID P1):
   * then only the `disabled` bucket is searched.
   */
  signInActivity?: SignInActivity | null;
  licenses: readonly ReclaimLicensePath[];
}

export type ReclaimBucket = 'never' | 'dormant' | 'disabled';

/** The evidence a candidate was chosen on (the output contract's field names). */
export interface ReclaimEvidence {
  createdDateTime: string | null;
  lastSignInDateTime: string | null;
  lastNonInteractiveSignInDateTime: string | null;
  lastSuccessfulSignInDateTime: string | null;
}

export type ReclaimActionKind = 'removeDirectLicense' | 'removeGroupMember';

/** The action that frees one license of a candidate, with what it does to that member. */
export interface ReclaimAction<Impact = unknown> {
  kind: ReclaimActionKind;
  skuPartNumber: string;
  skuId: string;
  groupId?: string;
  groupName?: string;
  impact: Impact;
}

export interface ReclaimCandidate<Impact = unknown> {
  id: string;
  userPrincipalName: string;
  bucket: ReclaimBucket;
  evidence: ReclaimEvidence;
  actions: ReclaimAction<Impact>[];
}

/** Why a user with a license is not a candidate (shown, so that nobody wonders where a person went). */
export type ReclaimExclusionReason =
  | 'active'
  | 'inGracePeriod'
  | 'excepted'
  | 'licenseChangedInGracePeriod'
  | 'groupGrantsKeptLicense'
  | 'noSignInData';

export interface ReclaimExclusion {
  id: string;
  userPrincipalName: string;
  reason: ReclaimExclusionReason;
  /** For `licenseChangedInGracePeriod` and `groupGrantsKeptLicense`: the SKUs kept (the others may be reclaimed). */
  skuPartNumbers?: string[];
}

/** An exceptions list as given: users by UPN or id, groups (by id) whose members are exempt. */
export interface ReclaimExceptions {
  users?: readonly string[];
  groups?: readonly string[];
}

export interface ReclaimCriteria {
  /** No successful sign-in of either kind for this many days: `dormant`. */
  inactiveDays: number;
  /** Accounts created, and licenses whose path changed, within this many days are never candidates. */
  graceDays: number;
}
