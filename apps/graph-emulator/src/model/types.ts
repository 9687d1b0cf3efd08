export interface AssignedLicense {
  skuId: string;
  disabledPlans: string[];
}

export type LicenseState = 'Active' | 'ActiveWithError' | 'Disabled' | 'Error';
export type LicenseError =
  | 'None'
  | 'CountViolation'
  | 'MutuallyExclusiveViolation'
  | 'DependencyViolation'
  | 'ProhibitedInUsageLocationViolation'
  | 'UniquenessViolation'
  | 'Other';

export interface LicenseAssignmentState {
  skuId: string;
  disabledPlans: string[];
  /** null = direct assignment. */
  assignedByGroup: string | null;
  state: LicenseState;
  error: LicenseError;
  lastUpdatedDateTime: string;
}

export interface ServicePlan {
  servicePlanId: string;
  servicePlanName: string;
}

export interface Sku {
  skuId: string;
  skuPartNumber: string;
  servicePlans: ServicePlan[];
  appliesTo: 'User' | 'Company';
  capabilityStatus: 'Enabled' | 'Warning' | 'Suspended' | 'Deleted' | 'LockedOut';
  prepaidUnits: { enabled: number; suspended: number; warning: number; lockedOut: number };
  subscriptionIds: string[];
}

export type UserType = 'Member' | 'Guest';

/** Graph's signInActivity, the three dates the emulator keeps (the request ids are answered as null). */
export interface SignInActivity {
  lastSignInDateTime: string | null;
  lastNonInteractiveSignInDateTime: string | null;
  lastSuccessfulSignInDateTime: string | null;
}

export interface User {
  id: string;
  userPrincipalName: string;
  displayName: string;
  givenName: string | null;
  surname: string | null;
  jobTitle: string | null;
  mail: string | null;
  usageLocation: string | null;
  accountEnabled: boolean;
  /** `Member` (the organization's own) or `Guest` (invited). */
  userType: UserType;
  createdDateTime: string;
  /** Sign-in dates (Entra ID P1 data); null: never signed in (or not since April 2020, as Graph says). */
  signInActivity: SignInActivity | null;
  /** Directly assigned licenses (the user's own assignLicense). */
  directLicenses: AssignedLicense[];
  /** Per-source states, direct and inherited; recomputed when the user is processed. */
  licenseAssignmentStates: LicenseAssignmentState[];
}

export interface Group {
  id: string;
  displayName: string;
  description: string | null;
  mailNickname: string;
  mail: string | null;
  mailEnabled: boolean;
  securityEnabled: boolean;
  groupTypes: string[];
  visibility: string | null;
  createdDateTime: string;
  /** Direct user members (ids), in the order they were added. */
  memberIds: string[];
  /** Direct group members (nested groups, ids): their members do not inherit this group's licenses. */
  memberGroupIds: string[];
  /** Set for dynamic groups (`groupTypes` has `DynamicMembership`); members come from the seed. */
  membershipRule: string | null;
  /** The group's license configuration, as last written by assignLicense. */
  assignedLicenses: AssignedLicense[];
  /** The configuration the last completed processing applied to members. */
  appliedLicenses: AssignedLicense[];
  /** false until licenses were first assigned: licenseProcessingState is then null. */
  everLicensed: boolean;
}

export type SubscriptionStatus = 'Enabled' | 'Warning' | 'Suspended' | 'LockedOut' | 'Deleted';

/** A commercial subscription (Graph's companySubscription): a SKU's seats come from its subscriptions. */
export interface Subscription {
  id: string;
  commerceSubscriptionId: string;
  skuId: string;
  status: SubscriptionStatus;
  totalLicenses: number;
  isTrial: boolean;
  createdDateTime: string;
  /** When the subscription moves to its next state if not renewed; null when none is scheduled. */
  nextLifecycleDateTime: string | null;
}

export interface App {
  name: string;
  clientId: string;
  clientSecret: string;
  roles: string[];
  /** Certificates registered on the app (key credentials), for `client_assertion` sign-in. */
  certificates: readonly AppCertificate[];
}

/** A key credential of an app: its public key and the thumbprints an assertion names it by. */
export interface AppCertificate {
  /** SHA-1 of the certificate (DER), upper-case hex: what `x5t` carries (base64url) and Entra shows. */
  thumbprint: string | undefined;
  /** SHA-256 of the certificate (DER), upper-case hex: what `x5t#S256` carries (base64url). */
  thumbprintSha256: string | undefined;
  /** The public key, as a PEM (SPKI). */
  publicKeyPem: string;
  /** Validity of the certificate (undefined for a bare public key). */
  notBefore: Date | undefined;
  notAfter: Date | undefined;
}

export interface Tenant {
  id: string;
  domain: string;
  displayName: string;
  countryLetterCode: string;
}

/** Plan prerequisites: key plan id needs one of the listed plan ids. */
export type PlanDependencies = Map<string, string[]>;
/** Plan id → upper-case countries where it is prohibited. */
export type ProhibitedLocations = Map<string, Set<string>>;
/** Plan id → plan ids it cannot be combined with. */
export type MutualExclusions = Map<string, Set<string>>;
