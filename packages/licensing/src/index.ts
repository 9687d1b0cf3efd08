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
} from './bulk/run-bulk.js';
export { runBulk } from './bulk/run-bulk.js';
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
export type { FreedSpend, FreedSpendLine } from './core/reclaim/spend.js';
export type {
  ReclaimBucket,
  ReclaimEvidence,
  ReclaimExclusion,
  ReclaimExclusionReason,
} from './core/reclaim/types.js';
export * from './core/report/index.js';
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
export type { SignInUnavailable } from './engine/sign-in-read.js';
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
export { isLicensingError, LicensingError, shownValue } from './licensing-error.js';
export type {
  LicensePlan,
  NormalizedLicense,
  PlanOptions,
  PlanWarning,
  SkuChange,
  SkuChangeAction,
} from './plan.js';
export { applyAssignLicenseBody, planLicenseChanges } from './plan.js';
export type { RefusalContext } from './refusals/explain-graph-refusal.js';
export { explainGraphRefusal } from './refusals/explain-graph-refusal.js';
export type { GraphOperation, PermissionNeed } from './refusals/permissions.js';
export { permissionFor } from './refusals/permissions.js';
export type { LicensePlanJson, NamedPlanRef, NamedSkuChange } from './render.js';
export { planToJson, renderPlan } from './render.js';
export type { ResolveOptions } from './resolve.js';
export { MAX_REFERENCE_LENGTH, resolveServicePlan, resolveSku } from './resolve.js';
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
export type { LicenseErrorExplanation } from './service/member-errors.js';
export { explainLicenseError } from './service/member-errors.js';
export type { MigrationMove, MigrationOptions, MigrationPlan, MigrationSkip } from './service/migration.js';
export type { PrepareOptions } from './service/prepare.js';
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
export type { LicenseTarget } from './service/target.js';
export type { PeopleOptions, SwapCarry } from './service/tenant-apply.js';
export type { ChangeImpact, PlannedTargetChange, TenantQueryOptions } from './service/tenant-view.js';
export type { ResolvedServicePlan, ResolvedSku, SkuSeats } from './sku-index.js';
export { describeSkuId, planLabel, seatsOf, skuLabel } from './sku-index.js';
export { lookAlikeHint } from './text-match.js';
export type { ExistingPlan, TargetValidationContext, ValidationResult } from './validate.js';
export { validatePlan } from './validate.js';
