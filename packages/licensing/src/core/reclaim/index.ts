export type { ActionChoice } from './actions.js';
export { chooseActions } from './actions.js';
export type { BucketVerdict } from './bucket.js';
export { bucketOf, DAY_MS, evidenceOf, lastUseMs } from './bucket.js';
export { exemptionTest } from './exceptions.js';
export type { CandidateSearch, FindCandidatesInput } from './find-candidates.js';
export { checkCriteria, findCandidates, MAX_DAYS } from './find-candidates.js';
export type { ActionEffects, ReclaimSearchOptions, SignInRecord } from './from-tenant.js';
export {
  actionEffects,
  findReclaimableIn,
  reclaimFacts,
  sourceChangeOf,
} from './from-tenant.js';
export type { FreedSpend, FreedSpendLine } from './spend.js';
export { spendFreed } from './spend.js';
export type * from './types.js';
