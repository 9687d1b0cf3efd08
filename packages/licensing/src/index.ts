export type {
  AddLicense,
  LicenseChangeSet,
  SkuChangeRequest,
} from './change-set.js';
export {
  mergeChangeSets,
  planAddLicenses,
  planChangeSet,
  planRemoveLicenses,
  planSetLicenses,
  planSwapLicenses,
  planUpdateServicePlans,
} from './change-set.js';
export type {
  AssignedLicenseLike,
  AssignLicenseBody,
  LicenseAssignmentStateLike,
  SubscribedSkuLike,
} from './graph-models.js';
export { isGuid } from './guid.js';
export type { LicenseIntent, LicenseIntentAction, SkuSpec } from './intent.js';
export { INTENT_ACTIONS, resolveIntent } from './intent.js';
export type { LicensingErrorCode, LicensingErrorOptions } from './licensing-error.js';
export { isLicensingError, LicensingError } from './licensing-error.js';
export type {
  LicensePlan,
  NormalizedLicense,
  PlanOptions,
  PlanWarning,
  SkuChange,
  SkuChangeAction,
} from './plan.js';
export { applyAssignLicenseBody, planLicenseChanges } from './plan.js';
export type { LicensePlanJson, NamedPlanRef, NamedSkuChange } from './render.js';
export { planToJson, renderPlan } from './render.js';
export type { ResolveOptions } from './resolve.js';
export { resolveServicePlan, resolveSku } from './resolve.js';
export type { ResolvedServicePlan, ResolvedSku, SkuSeats } from './sku-index.js';
export { describeSkuId, planLabel, seatsOf, skuLabel } from './sku-index.js';
export type { ExistingPlan, TargetValidationContext, ValidationResult } from './validate.js';
export { validatePlan } from './validate.js';
