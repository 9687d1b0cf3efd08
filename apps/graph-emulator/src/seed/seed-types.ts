/**
 * The seed file format (JSON). Every section is optional; a missing section takes the default seed's.
 * Products are named by catalog part number (`skuPartNumber`) or skuId; service plans by name or id.
 */
export interface Seed {
  tenant?: SeedTenant;
  apps?: SeedApp[];
  skus?: SeedSku[];
  users?: SeedUser[];
  groups?: SeedGroup[];
  /** Plan prerequisites: `servicePlan` needs at least one of `requiresAnyOf` enabled for the same user. */
  planDependencies?: SeedPlanDependency[];
  /** Plans that cannot be used in some usage locations (ISO 3166 alpha-2 codes). */
  prohibitedUsageLocations?: SeedProhibitedLocation[];
  /** Extra mutually exclusive plan sets, on top of Microsoft's list shipped with the catalog. */
  extraMutualExclusions?: string[][];
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

export interface SeedSku {
  /** Catalog part number (e.g. `SPE_E3`) or skuId. */
  sku: string;
  /** Active (assignable) seats: `prepaidUnits.enabled`. */
  enabled: number;
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
