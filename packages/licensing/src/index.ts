/**
 * `@entra-licensing/licensing`: Microsoft Entra licensing by product and plan names, planned before it is sent.
 *
 * Glossary, in the order a change goes through the package:
 * - **intent**: what the caller asks for a target, in names (`{ action: 'assign', skus: ['SPE_E3'] }`): {@link LicenseIntent}.
 * - **change set**: the intent resolved against the tenant's SKUs, in GUIDs ({@link LicenseChangeSet}); several
 *   intents for one target merge into one change set.
 * - **plan**: the change set against the target's current licenses: the `assignLicense` body and a change per SKU
 *   ({@link LicensePlan}); `renderPlan` and `planToJson` show it.
 * - **prepared plan**: a plan checked for this target (seats, eligibility, usage location, `maxRemovals`): the errors
 *   and warnings it carries decide whether it is sent.
 * - **job**: the engine's work on one target in a run (its reads, its plan, its write, its retries).
 * - **op**: one Graph request of a job, sent inside a `$batch`.
 *
 * The service ({@link createLicensingService}) and the bulk path ({@link runBulk}) take intents; the pure functions
 * (resolve, plan, validate, render) are here for callers that hold the Graph data themselves.
 */

// Planning, validation and rendering (pure)
export type { AddLicense, LicenseChangeSet, SkuChangeRequest } from './core/change-set.js';
export {
  planAddLicenses,
  planChangeSet,
  planRemoveLicenses,
  planSetLicenses,
  planSwapLicenses,
  planUpdateServicePlans,
} from './core/change-set.js';
// License health report and doctor
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
  LicenseUnitsDetailLike,
  ServicePlanInfoLike,
  SubscribedSkuLike,
} from './core/graph-models.js';
export type { GuidValue } from './core/guid.js';
export { isGuid } from './core/guid.js';
// Intents and name resolution
export type { LicenseIntent, LicenseIntentAction, SkuSpec } from './core/intent.js';
export { INTENT_ACTIONS, resolveIntent } from './core/intent.js';
// Errors
export type { LicensingErrorCode, LicensingErrorOptions } from './core/licensing-error.js';
export { isLicensingError, LicensingError, shownValue } from './core/licensing-error.js';
export { mapLimit } from './core/map-limit.js';
export type { LicensePlan, PlanOptions, PlanWarning, SkuChange, SkuChangeAction } from './core/plan.js';
export { planLicenseChanges } from './core/plan.js';
export type { PrepareOptions } from './core/prepare.js';
// Reclaim: licenses held by people who do not use them
export type { FreedSpend, FreedSpendLine } from './core/reclaim/spend.js';
export type {
  ReclaimActionKind,
  ReclaimBucket,
  ReclaimEvidence,
  ReclaimExclusion,
  ReclaimExclusionReason,
} from './core/reclaim/types.js';
export type { RefusalContext } from './core/refusals/explain-graph-refusal.js';
export { explainGraphRefusal } from './core/refusals/explain-graph-refusal.js';
export type { GraphOperation } from './core/refusals/permissions.js';
export type { LicensePlanJson, NamedPlanRef, NamedSkuChange } from './core/render.js';
export { planToJson, renderPlan } from './core/render.js';
export * from './core/report/index.js';
export type { ResolveOptions } from './core/resolve.js';
export { resolveServicePlan, resolveSku } from './core/resolve.js';
export type { ResolvedServicePlan, ResolvedSku, SkuSeats } from './core/sku-index.js';
export { planLabel, skuLabel } from './core/sku-index.js';
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
export type { ReportExtras, ReportReadContext } from './engine/report-read.js';
export { readReportExtras } from './engine/report-read.js';
// The service and the bulk path
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
export type {
  RemoveGroupMemberOptions,
  RemoveGroupMemberResult,
} from './service/remove-group-member.js';
export type { ResolvedTarget } from './service/resolve-target.js';
export type { PeopleOptions, SwapCarry } from './service/tenant-apply.js';
export type { ChangeImpact, PlannedTargetChange, TenantQueryOptions } from './service/tenant-view.js';
