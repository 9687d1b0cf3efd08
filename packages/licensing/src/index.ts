export type {
  AddLicense,
  LicenseChangeSet,
  SkuChangeRequest,
} from './core/change-set.js';
export {
  mergeChangeSets,
  planAddLicenses,
  planChangeSet,
  planRemoveLicenses,
  planSetLicenses,
  planSwapLicenses,
  planUpdateServicePlans,
} from './core/change-set.js';
export type {
  Capability,
  CapabilityCheck,
  DoctorReport,
  PermissionRequirement,
  TenantFeature,
} from './core/doctor/capabilities.js';
export {
  CAPABILITIES,
  checkCapabilities,
  grantedPermissions,
  tenantFeatures,
} from './core/doctor/capabilities.js';
export type {
  AssignedLicenseLike,
  AssignLicenseBody,
  LicenseAssignmentStateLike,
  SubscribedSkuLike,
} from './core/graph-models.js';
export { isGuid } from './core/guid.js';
export type { LicenseIntent, LicenseIntentAction, SkuSpec } from './core/intent.js';
export { INTENT_ACTIONS, resolveIntent } from './core/intent.js';
export type { LicensingErrorCode, LicensingErrorOptions } from './core/licensing-error.js';
export { isLicensingError, LicensingError, shownValue } from './core/licensing-error.js';
export type { LicenseErrorExplanation } from './core/member-errors.js';
export { explainLicenseError } from './core/member-errors.js';
export type {
  LicensePlan,
  NormalizedLicense,
  PlanOptions,
  PlanWarning,
  SkuChange,
  SkuChangeAction,
} from './core/plan.js';
export { applyAssignLicenseBody, planLicenseChanges } from './core/plan.js';
export type { PrepareOptions } from './core/prepare.js';
export type { FreedSpend, FreedSpendLine } from './core/reclaim/spend.js';
export type {
  ReclaimBucket,
  ReclaimEvidence,
  ReclaimExclusion,
  ReclaimExclusionReason,
} from './core/reclaim/types.js';
export type { RefusalContext } from './core/refusals/explain-graph-refusal.js';
export { explainGraphRefusal } from './core/refusals/explain-graph-refusal.js';
export type { GraphOperation, PermissionNeed } from './core/refusals/permissions.js';
export { permissionFor } from './core/refusals/permissions.js';
export type { LicensePlanJson, NamedPlanRef, NamedSkuChange } from './core/render.js';
export { planToJson, renderPlan } from './core/render.js';
export * from './core/report/index.js';
export type { ResolveOptions } from './core/resolve.js';
export { MAX_REFERENCE_LENGTH, resolveServicePlan, resolveSku } from './core/resolve.js';
export type { ResolvedServicePlan, ResolvedSku, SkuSeats } from './core/sku-index.js';
export { describeSkuId, planLabel, seatsOf, skuLabel } from './core/sku-index.js';
export type { LicenseTarget } from './core/target.js';
export type {
  DataBearingPlan,
  DataKind,
  DataLoss,
  ExplainedPath,
  ExplainedPlan,
  ExplainedSku,
  HolderRow,
  ImpactEntry,
  LicenseGrant,
  LicensePath,
  MemberImpact,
  PathGrantor,
  TenantGroup,
  TenantModel,
  TenantPlan,
  TenantSku,
  TenantUser,
  UserExplanation,
} from './core/tenant/index.js';
export {
  DATA_BEARING_PLANS,
  dataBearing,
  describeImpact,
  holdersToCsv,
  holdersToTable,
} from './core/tenant/index.js';
export { lookAlikeHint } from './core/text-match.js';
export type { ExistingPlan, TargetValidationContext, ValidationResult } from './core/validate.js';
export { validatePlan } from './core/validate.js';
export type { MemberRemoval, MemberRemovalResult, MemberRemovalRun } from './engine/member-removal.js';
export type { NextAction, Operation as EngineOperation, RetryLimits } from './engine/next-action.js';
export { nextAction } from './engine/next-action.js';
export type {
  WriteAnswerSignal,
  WriteGrant,
  WritePacer,
  WritePacingChoice,
} from './engine/pacing/write-pacing.js';
export type { FailureClass, FailureFacts } from './engine/retry-policy.js';
export { classifyFailure } from './engine/retry-policy.js';
export type {
  BulkContext,
  BulkError,
  BulkItem,
  BulkItemOptions,
  BulkItemResult,
  BulkOptions,
  BulkProgressEvent,
  BulkRun,
  BulkStats,
  BulkStatus,
} from './engine/run-bulk.js';
export { runBulk } from './engine/run-bulk.js';
export type { SignInUnavailable } from './engine/sign-in-read.js';
export type {
  GroupProcessingReport,
  MemberLicenseError,
  MemberLicenseErrors,
  WaitOptions,
} from './service/group-processing.js';
export type { DesiredStateDocument, NamedLicense, SkuHolders } from './service/holders-and-export.js';
export type { LicenseReportOptions, LicenseReportSource } from './service/license-report.js';
export { readLicenseReport } from './service/license-report.js';
export type {
  ApplyOptions,
  ApplyResult,
  GroupLicenses,
  LicensingService,
  LicensingServiceOptions,
  UserLicenses,
} from './service/licensing-service.js';
export { createLicensingService } from './service/licensing-service.js';
export type { MigrationMove, MigrationOptions, MigrationPlan, MigrationSkip } from './service/migration.js';
export type {
  ApplyReclaimOptions,
  FindReclaimableOptions,
  ReclaimActionResult,
  ReclaimActionStatus,
  ReclaimApplyRun,
  ReclaimExceptionList,
  ReclaimPlan,
  ReclaimPlanAction,
  ReclaimPlanCandidate,
} from './service/reclaim.js';
export type { ResolvedTarget } from './service/resolve-target.js';
export type { PeopleOptions, SwapCarry } from './service/tenant-apply.js';
export type { ChangeImpact, PlannedTargetChange, TenantQueryOptions } from './service/tenant-view.js';
