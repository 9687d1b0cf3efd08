/**
 * The seed file format (JSON). Every section is optional; a missing section takes the default seed's.
 * Products are named by catalog part number (`skuPartNumber`) or skuId; service plans by name or id.
 */
export interface Seed {
  tenant?: SeedTenant;
  apps?: SeedApp[];
  skus?: SeedSku[];
  /**
   * Commercial subscriptions (`/directory/subscriptions`). A SKU's `prepaidUnits` are the sums of its subscriptions'
   * `totalLicenses` by status; a SKU with none in the seed gets one subscription per non-zero count of its own.
   */
  subscriptions?: SeedSubscription[];
  users?: SeedUser[];
  groups?: SeedGroup[];
  /** Plan prerequisites: `servicePlan` needs at least one of `requiresAnyOf` enabled for the same user. */
  planDependencies?: SeedPlanDependency[];
  /** Plans that cannot be used in some usage locations (ISO 3166 alpha-2 codes). */
  prohibitedUsageLocations?: SeedProhibitedLocation[];
  /** Extra mutually exclusive plan sets, on top of Microsoft's list shipped with the catalog. */
  extraMutualExclusions?: string[][];
  /**
   * A large tenant described by a few numbers (deterministic for a `randomSeed`): its SKUs, users and groups are added
   * after the seed's own. With `generate`, the `skus`, `users` and `groups` a seed omits start empty instead of
   * being taken from the default tenant.
   */
  generate?: SeedGenerator;
}

/** The `generate` section: every field but `users` and `groups` has a default. */
export interface SeedGenerator {
  /** Seeds the generator: the same section gives the same tenant (default 1). */
  randomSeed?: number;
  /** Users to create (`gen-user00000@<domain>` …). */
  users: number;
  /** Security groups to create (`Generated Group 0000` …): a few big ones, many small ones. */
  groups: number;
  /** How many SKUs (common products first, then the catalog's order), or their part numbers / skuIds (default 30). */
  skus?: number | string[];
  /** Fraction of groups that hold licenses, one or two SKUs each, half with 1–3 plans disabled (default 0.6). */
  licensedGroups?: number;
  /** Each user joins 0 to this many groups (default 4). */
  maxGroupsPerUser?: number;
  /** Fraction of users with a direct license too (default 0.1). */
  directLicenses?: number;
  /** Fraction of users who are guests (default 0.02). */
  guests?: number;
  /** Fraction of accounts with sign-in blocked (default 0.03). */
  disabledAccounts?: number;
  /** Fraction of groups nested in an earlier group (default 0.01): their members inherit nothing from it. */
  nestedGroups?: number;
  /** SKUs that get 5 % fewer seats than the users who would hold them (CountViolation backlog; default 1). */
  shortSkus?: number;
  /**
   * Fraction of would-be paths kept although they conflict (mutually exclusive plans, a missing prerequisite),
   * giving members in error (default 0.02); the others are not created.
   */
  conflicts?: number;
  /** Creation and sign-in dates are drawn back from this ISO 8601 date (default: today, 00:00 UTC). */
  referenceDate?: string;
}

export interface SeedTenant {
  id?: string;
  /** Initial domain, e.g. `contoso.onmicrosoft.com`; also accepted as tenant in token URLs. */
  domain?: string;
  displayName?: string;
  /** The usage location group-based licensing uses for users without one. */
  countryLetterCode?: string;
}

export interface SeedApp {
  name: string;
  clientId: string;
  clientSecret: string;
  /** Application permissions (Graph app roles), e.g. `LicenseAssignment.ReadWrite.All`. */
  roles: string[];
  /** Certificates the app may sign `client_assertion`s with (Entra key credentials). */
  certificates?: SeedCertificate[];
}

/**
 * A certificate registered on an app: a certificate PEM (`-----BEGIN CERTIFICATE-----`, thumbprints computed), or a
 * public key PEM (`-----BEGIN PUBLIC KEY-----`) with the thumbprint(s) assertions will name it by.
 */
export interface SeedCertificate {
  pem: string;
  /** SHA-1 thumbprint, hex (colons and spaces allowed); required with a bare public key unless `thumbprintSha256` is given. */
  thumbprint?: string;
  /** SHA-256 thumbprint, hex. */
  thumbprintSha256?: string;
}

export interface SeedSubscription {
  /** Catalog part number or skuId; the SKU is added to the tenant if `skus` does not list it. */
  sku: string;
  status: 'Enabled' | 'Warning' | 'Suspended' | 'LockedOut';
  totalLicenses: number;
  /** ISO 8601, or null (default) when no change is scheduled. */
  nextLifecycleDateTime?: string | null;
  /** Default false. */
  isTrial?: boolean;
  /** GUID; derived from the SKU and the position when omitted. */
  id?: string;
  /** Default: derived like `id`. */
  commerceSubscriptionId?: string;
  /** ISO 8601; default `2020-01-01T00:00:00Z`. */
  createdDateTime?: string;
}

export interface SeedServicePlan {
  servicePlanName: string;
  servicePlanId: string;
}

export interface SeedSku {
  /** Catalog part number (e.g. `SPE_E3`) or skuId. */
  sku: string;
  /**
   * Active (assignable) seats: `prepaidUnits.enabled`. Required unless `subscriptions` cover the SKU (then its counts
   * come from them, and a count given here must agree).
   */
  enabled?: number;
  /** Plans the SKU has besides the catalog's (e.g. one Microsoft added since). */
  extraServicePlans?: SeedServicePlan[];
  suspended?: number;
  warning?: number;
  lockedOut?: number;
  capabilityStatus?: 'Enabled' | 'Warning' | 'Suspended' | 'Deleted' | 'LockedOut';
  appliesTo?: 'User' | 'Company';
}

export interface SeedLicense {
  sku: string;
  /** Plan names or ids. */
  disabledPlans?: string[];
}

export interface SeedUser {
  id?: string;
  userPrincipalName: string;
  displayName: string;
  givenName?: string;
  surname?: string;
  jobTitle?: string;
  mail?: string;
  usageLocation?: string | null;
  /** Sign-in allowed (default true). */
  accountEnabled?: boolean;
  /** `Member` (default) or `Guest`. */
  userType?: 'Member' | 'Guest';
  /** ISO 8601 date and time the account was created (default `2020-01-01T00:00:00Z`). */
  createdDateTime?: string;
  /** Sign-in dates, each ISO 8601 or null; omitted or null: the user never signed in. */
  signInActivity?: SeedSignInActivity | null;
  /** Directly assigned licenses. */
  licenses?: SeedLicense[];
}

export interface SeedSignInActivity {
  lastSignInDateTime?: string | null;
  lastNonInteractiveSignInDateTime?: string | null;
  lastSuccessfulSignInDateTime?: string | null;
}

export type SeedGroupKind = 'security' | 'microsoft365' | 'distribution' | 'mailEnabledSecurity';

export interface SeedGroup {
  id?: string;
  displayName: string;
  description?: string;
  kind: SeedGroupKind;
  /** For `microsoft365`: whether the group is also a security group (default false). */
  securityEnabled?: boolean;
  createdDateTime?: string;
  mailNickname?: string;
  /**
   * Members: users by userPrincipalName or id, and groups (nested) by id or displayName. Members of a nested group
   * do not inherit this group's licenses (Entra licenses direct members only).
   */
  members?: string[];
  /**
   * Makes the group dynamic (`groupTypes` gains `DynamicMembership`): the rule is shown, not evaluated; the members
   * are the seed's `members`, and direct membership changes are refused.
   */
  membershipRule?: string;
  /** Licenses assigned to the group (processed at start-up). */
  licenses?: SeedLicense[];
}

export interface SeedPlanDependency {
  servicePlan: string;
  requiresAnyOf: string[];
}

export interface SeedProhibitedLocation {
  servicePlan: string;
  countries: string[];
}
