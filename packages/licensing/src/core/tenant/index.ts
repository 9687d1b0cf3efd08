export { DATA_BEARING_PLANS, type DataBearingPlan, type DataKind, dataBearing } from './data-bearing.js';
export { type ChangeLosses, dataLossRefusal } from './guard.js';
export { holdersToCsv, holdersToTable } from './holders-format.js';
export {
  type DataLoss,
  dataLosses,
  describeImpact,
  type ImpactEntry,
  type MemberImpact,
  memberImpact,
  pathsAfter,
  type SourceChange,
} from './impact.js';
export {
  buildTenantModel,
  findUser,
  type LicenseGrant,
  type LicensePath,
  type TenantGroup,
  type TenantModel,
  type TenantPlan,
  type TenantSku,
  type TenantUser,
} from './model.js';
export {
  type ExplainedPath,
  type ExplainedPlan,
  type ExplainedSku,
  explainPaths,
  type HeldRights,
  type HolderRow,
  heldRights,
  holders,
  type PathGrantor,
  pathGrants,
  type UserExplanation,
} from './rights.js';
export { type CarriedPlans, carryDisabledPlans } from './swap.js';
