import type { AssignedLicenseLike, LicenseAssignmentStateLike, SubscribedSkuLike } from '../graph-models.js';

/** A user as the report reads it (a slice of the tenant license model). */
export interface ReportUser {
  id: string;
  userPrincipalName: string;
  displayName?: string | null;
  /** `false` = sign-in blocked. */
  accountEnabled?: boolean | null;
  /** `Member` or `Guest`. */
  userType?: string | null;
  usageLocation?: string | null;
  assignedLicenses?: readonly AssignedLicenseLike[] | null;
  licenseAssignmentStates?: readonly LicenseAssignmentStateLike[] | null;
}

/** A group that assigns licenses. */
export interface ReportGroup {
  id: string;
  displayName?: string | null;
  assignedLicenses?: readonly AssignedLicenseLike[] | null;
}

/** `companySubscription` of `GET /directory/subscriptions`. */
export interface CompanySubscriptionLike {
  id?: string | null;
  commerceSubscriptionId?: string | null;
  skuId?: string | null;
  skuPartNumber?: string | null;
  /** `Enabled`, `Warning`, `Suspended`, `Deleted`, `LockedOut`. */
  status?: string | null;
  totalLicenses?: number | null;
  isTrial?: boolean | null;
  createdDateTime?: string | Date | null;
  nextLifecycleDateTime?: string | Date | null;
}

/** What the report is computed from: the tenant license model's parts it needs. */
export interface ReportTenantModel {
  tenant: { id: string; displayName: string };
  skus: readonly SubscribedSkuLike[];
  groups: readonly ReportGroup[];
  users: readonly ReportUser[];
}

export type FindingKind =
  | 'backlog'
  | 'expiring'
  | 'suspended'
  | 'lockedOut'
  | 'warning'
  | 'overAssigned'
  | 'newServicePlan'
  | 'duplicateAssignment'
  | 'overlappingSkus'
  | 'disabledAccountLicensed'
  | 'guestLicensed'
  | 'memberErrors';

export const FINDING_KINDS: readonly FindingKind[] = [
  'backlog',
  'expiring',
  'suspended',
  'lockedOut',
  'warning',
  'overAssigned',
  'newServicePlan',
  'duplicateAssignment',
  'overlappingSkus',
  'disabledAccountLicensed',
  'guestLicensed',
  'memberErrors',
];

export type Severity = 'critical' | 'warning' | 'info';

/** One license of a desired-state file entry (the CLI's `licenses.schema.json`). */
export type DesiredLicense = string | { sku: string; disabledPlans?: string[] };

/** A desired-state file (`entra-licensing apply <file>`) that carries out a fix. */
export interface DesiredStateFix {
  groups?: { group: string; licenses: DesiredLicense[]; exclusive?: boolean }[];
  users?: { user: string; licenses: DesiredLicense[]; exclusive?: boolean }[];
}

/** How to fix a finding: always a sentence; a command line or a desired-state file when the toolkit can do it. */
export interface ReportFix {
  /** What to do, in one sentence. */
  summary: string;
  /** An `entra-licensing` command line that carries it out (after `desiredState` is saved, when both are given). */
  command?: string;
  /** A desired-state file to save (YAML or JSON) and run with `entra-licensing apply <file>`. */
  desiredState?: DesiredStateFix;
}

export interface ReportUserRef {
  id: string;
  userPrincipalName: string;
}

export interface Finding {
  kind: FindingKind;
  severity: Severity;
  skuPartNumber?: string;
  groupId?: string;
  groupName?: string;
  users?: ReportUserRef[];
  count?: number;
  message: string;
  fix?: ReportFix;
}

export interface ReportSku {
  skuId: string;
  skuPartNumber: string;
  productName: string;
  enabled: number;
  consumed: number;
  warning: number;
  suspended: number;
  lockedOut: number;
  available: number;
  backlog: { members: number; seatsNeeded: number };
}

/** A SKU's service plans, kept so that a later report can tell which plans are new. */
export interface ReportSkuPlans {
  skuPartNumber: string;
  servicePlans: { servicePlanId: string; servicePlanName: string }[];
}

export interface SkuTrend {
  skuPartNumber: string;
  consumedBefore: number;
  consumedNow: number;
  enabledBefore: number;
  enabledNow: number;
  /** Consumption change per day over the period (negative: falling). */
  perDay: number;
  /** Days until `available` reaches 0 at this rate; absent when consumption is not rising. */
  runwayDays?: number;
  message: string;
}

export interface ReportComparison {
  baselineGeneratedAt: string;
  days: number;
  newFindings: { kind: FindingKind; message: string }[];
  resolvedFindings: { kind: FindingKind; message: string }[];
  newSkus: string[];
  removedSkus: string[];
  newServicePlans: { skuPartNumber: string; servicePlanName: string; servicePlanId: string }[];
  trends: SkuTrend[];
}

export interface Money {
  amount: number;
  currency: string;
}

export interface SpendLine {
  /** What the amount is spent on. */
  on: 'unassigned' | 'disabledAccounts' | 'guests';
  skuPartNumber: string;
  groupId?: string;
  groupName?: string;
  seats: number;
  /** Per the price's period, e.g. `month`. */
  period: string;
  cost: Money;
}

export interface ReportSpend {
  lines: SpendLine[];
  /** One total per currency and period: amounts of different currencies are never added together. */
  totals: { on: SpendLine['on']; period: string; cost: Money }[];
  /** SKUs of the tenant without a price. */
  unpriced: string[];
}

/** Data beyond the contract's three lists: plan inventory (for the next baseline), comparison and spend. */
export interface ReportDetails {
  skuPlans: ReportSkuPlans[];
  comparison?: ReportComparison;
  spend?: ReportSpend;
}

/** `entra-licensing report --format json`. */
export interface LicenseReport {
  generatedAt: string;
  tenant: { id: string; displayName: string };
  skus: ReportSku[];
  findings: Finding[];
  details: ReportDetails;
}
