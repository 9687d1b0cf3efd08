import { stableGuid } from '../ids.js';
import { testCertificate } from '../test-certificate.js';
import type { Seed, SeedGroup, SeedUser } from './seed-types.js';

const TENANT_ID = 'e8e96c2a-d787-4eb1-98d7-9e57c965f1de';
const TENANT_DOMAIN = 'contoso.onmicrosoft.com';

/** [key, given name, surname, usage location (null = none), job title] */
const PEOPLE = [
  ['adele', 'Adele', 'Vance', 'US', 'Retail Manager'],
  ['alex', 'Alex', 'Wilber', 'US', 'Marketing Assistant'],
  ['allan', 'Allan', 'Deyoung', 'US', 'IT Admin'],
  ['christie', 'Christie', 'Cline', 'US', 'Buyer'],
  ['debra', 'Debra', 'Berger', 'US', 'Administrative Assistant'],
  ['diego', 'Diego', 'Siciliani', 'US', 'HR Manager'],
  ['emily', 'Emily', 'Braun', 'US', 'Budget Analyst'],
  ['enrico', 'Enrico', 'Cattaneo', 'US', 'Attorney'],
  ['grady', 'Grady', 'Archie', 'US', 'Designer'],
  ['henrietta', 'Henrietta', 'Mueller', 'DE', 'Developer'],
  ['irvin', 'Irvin', 'Sayers', 'US', 'Director'],
  ['isaiah', 'Isaiah', 'Langer', 'US', 'Sales Rep'],
  ['johanna', 'Johanna', 'Lorenz', 'DE', 'Senior Engineer'],
  ['joni', 'Joni', 'Sherman', 'US', 'Paralegal'],
  ['lee', 'Lee', 'Gu', 'US', 'Director'],
  ['lidia', 'Lidia', 'Holloway', 'US', 'Product Manager'],
  ['lynne', 'Lynne', 'Robbins', 'US', 'Planner'],
  ['megan', 'Megan', 'Bowen', 'US', 'Marketing Manager'],
  ['miriam', 'Miriam', 'Graham', 'US', 'Director'],
  ['nestor', 'Nestor', 'Wilke', 'US', 'Director'],
  ['patti', 'Patti', 'Fernandez', 'US', 'President'],
  ['pradeep', 'Pradeep', 'Gupta', 'GB', 'Accountant'],
  ['raul', 'Raul', 'Razo', 'US', 'Sales Rep'],
  ['sanjay', 'Sanjay', 'Patel', 'GB', 'Sales Rep'],
  ['sofia', 'Sofia', 'Rossi', 'FR', 'Sales Rep'],
  ['tomas', 'Tomas', 'Novak', 'DE', 'Sales Rep'],
  ['ursula', 'Ursula', 'Klein', 'DE', 'Sales Rep'],
  ['victor', 'Victor', 'Moreau', 'FR', 'Sales Rep'],
  ['wendy', 'Wendy', 'Hughes', 'GB', 'Sales Rep'],
  ['xavier', 'Xavier', 'Dupont', 'FR', 'Sales Rep'],
  ['yara', 'Yara', 'Haddad', 'US', 'Store Associate'],
  ['zoe', 'Zoe', 'Fischer', 'US', 'Store Associate'],
  ['aaron', 'Aaron', 'Price', 'US', 'Store Associate'],
  ['bianca', 'Bianca', 'Costa', 'US', 'Store Associate'],
  ['carlos', 'Carlos', 'Perez', 'CU', 'Contractor'],
  ['dana', 'Dana', 'Kim', null, 'Contractor'],
  ['eli', 'Eli', 'Brooks', null, 'Contractor'],
  ['fatima', 'Fatima', 'Zahra', null, 'Contractor'],
] as const satisfies ReadonlyArray<readonly [string, string, string, string | null, string]>;

type UserKey = (typeof PEOPLE)[number][0];

const upn = (key: string): string => `${key}@${TENANT_DOMAIN}`;
const userId = (key: string): string => stableGuid(`graph-emulator:user:${key}`);
const groupId = (key: string): string => stableGuid(`graph-emulator:group:${key}`);

const SALES: string[] = [
  'isaiah',
  'raul',
  'sanjay',
  'sofia',
  'tomas',
  'ursula',
  'victor',
  'wendy',
  'xavier',
  'adele',
  'alex',
  'christie',
  'debra',
  'diego',
  'emily',
  'enrico',
  'grady',
  'irvin',
  'joni',
  'lee',
];
const E5_ROLLOUT: string[] = [
  'allan',
  'henrietta',
  'johanna',
  'lidia',
  'lynne',
  'megan',
  'miriam',
  'nestor',
  'patti',
  'pradeep',
  'isaiah',
  'raul',
  'sanjay',
  'sofia',
];
const FRONTLINE: string[] = ['yara', 'zoe', 'aaron', 'bianca', 'adele', 'christie'];

const ids = {
  tenantId: TENANT_ID,
  tenantDomain: TENANT_DOMAIN,
  apps: {
    /** LicenseAssignment.ReadWrite.All plus the read permissions the product needs. */
    licensingAdmin: {
      clientId: stableGuid('graph-emulator:app:licensing-admin'),
      clientSecret: 'emulator~licensing-admin~secret',
    },
    /** Read permissions only. */
    licensingReader: {
      clientId: stableGuid('graph-emulator:app:licensing-reader'),
      clientSecret: 'emulator~licensing-reader~secret',
    },
    /** Directory.ReadWrite.All: for test set-up (memberships, usage locations). */
    directoryAdmin: {
      clientId: stableGuid('graph-emulator:app:directory-admin'),
      clientSecret: 'emulator~directory-admin~secret',
    },
    /** The licensing roles plus AuditLog.Read.All (sign-in activity) and GroupMember.ReadWrite.All (reclaiming). */
    licensingReclaimer: {
      clientId: stableGuid('graph-emulator:app:licensing-reclaimer'),
      clientSecret: 'emulator~licensing-reclaimer~secret',
    },
  },
  groups: {
    /** The group of Microsoft's assignLicense page (security group, no licenses at start, 12 members). */
    licensingPilot: '1132b215-826f-42a9-8cfe-1643d19d17fd',
    /** Security group, SPE_E3 assigned at start, 20 members. */
    sales: groupId('sales'),
    /** Security group, no licenses, 14 members: more than SPE_E5's 10 seats. */
    e5Rollout: groupId('e5-rollout'),
    /** Security group, EXCHANGESTANDARD assigned; one member holds EXCHANGEDESKLESS directly (conflict). */
    frontline: groupId('frontline'),
    /** Microsoft 365 group with securityEnabled = true (eligible). */
    projectFalcon: groupId('project-falcon'),
    /** Microsoft 365 group with securityEnabled = false (not eligible). */
    marketing: groupId('marketing'),
    /** Distribution group (not eligible). */
    allStaff: groupId('all-staff'),
    /** Security group: a user in a prohibited usage location and users without usage location. */
    contractors: groupId('contractors'),
    /** Security group, for plan-dependency scenarios (AAD_PREMIUM_P2 needs AAD_PREMIUM). */
    identityGovernance: groupId('identity-governance'),
    /** Security group without members. */
    empty: groupId('empty'),
  },
  users: Object.fromEntries(PEOPLE.map(([key]) => [key, userId(key)])) as Record<UserKey, string>,
  skus: {
    EMSPREMIUM: 'b05e124f-c7cc-45a0-a6aa-8cf78c946968',
    ENTERPRISEPREMIUM: 'c7df2760-2c81-4ef7-b578-5b5392b571df',
    SPE_E3: '05e9a617-0261-4cee-bb44-138d3ef5d965',
    SPE_E5: '06ebc4ee-1bb5-47dd-8120-11324bc54e06',
    ENTERPRISEPACK: '6fd2c87f-b296-42f0-b197-1e91e994b900',
    EXCHANGESTANDARD: '4b9405b0-7788-4568-add1-99614e613b69',
    EXCHANGEDESKLESS: '80b2d799-d2ba-4d2a-8842-fb0d0f3a4b82',
    AAD_PREMIUM: '078d2b04-f1bd-4111-bbd4-b4b1b354cef4',
    AAD_PREMIUM_P2: '84a661c4-e949-4bd2-a560-ed7766fcaf2b',
    POWER_BI_STANDARD: 'a403ebcc-fae0-4ca2-8c8c-7a907fd6c235',
    /** appliesTo Company: cannot be assigned to users or groups. */
    CRMSTORAGE: '328dc228-00bc-48c6-8b09-1fbc8bc3435d',
    /** capabilityStatus Suspended: no assignable seats. */
    VISIOCLIENT: 'c5928f49-12ba-48f7-ada3-0d743a3601d5',
  },
  plans: {
    EXCHANGE_S_FOUNDATION: '113feb6c-3fe4-4440-bddc-54d774bf0318',
    ATA: '14ab5db5-e6c4-4b20-b4bc-13e36fd2227f',
    MICROSOFT_COMMUNICATION_COMPLIANCE: 'a413a9ff-720c-4822-98ef-2f37c2a21f4c',
    AAD_PREMIUM: '41781fb2-bc02-4b7c-bd55-b576c07bb09d',
    AAD_PREMIUM_P2: 'eec0eb4f-6444-4f95-aba0-50c24d67f998',
    EXCHANGE_S_STANDARD: '9aaf7827-d63c-4b61-89c3-182f06f82e5c',
    EXCHANGE_S_DESKLESS: '4a82b400-a79f-41a4-b4e2-e94f5787b113',
    MCOSTANDARD: '0feaeb32-d00e-4d66-bd5a-43b5b83db82c',
    MCOEV: '4828c8ec-dc2e-4779-b502-87ac9ce28ab7',
    MCOMEETADV: '3e26ee1f-8a5f-4d52-aee2-b81ce45c8f40',
  },
} as const;

const LICENSING_ROLES = [
  'LicenseAssignment.ReadWrite.All',
  'LicenseAssignment.Read.All',
  'Group.Read.All',
  'GroupMember.Read.All',
  'User.Read.All',
  'Organization.Read.All',
] as const;

const DAY = 86_400_000;
/** 09:00 UTC, `days` before today: sign-in dates stay "N days ago" whenever the emulator starts. */
const daysAgo = (days: number): string =>
  new Date(Math.floor(Date.now() / DAY) * DAY - days * DAY + 9 * 3_600_000)
    .toISOString()
    .replace('.000Z', 'Z');

/**
 * Sign-in activity of the default tenant (days ago: interactive, non-interactive; successful = the later): everyone
 * signed in lately but Dana (dormant, 200 days), Eli (never, account from 2020), Fatima (non-interactive only) and
 * Zoe (a new starter: created 5 days ago, no sign-in yet).
 */
function signIns(key: string, index: number): Pick<SeedUser, 'createdDateTime' | 'signInActivity'> {
  const activity = (
    interactive: number | null,
    nonInteractive: number | null,
  ): SeedUser['signInActivity'] => {
    const latest = [interactive, nonInteractive].filter((d): d is number => d !== null);
    return {
      lastSignInDateTime: interactive === null ? null : daysAgo(interactive),
      lastNonInteractiveSignInDateTime: nonInteractive === null ? null : daysAgo(nonInteractive),
      lastSuccessfulSignInDateTime: latest.length === 0 ? null : daysAgo(Math.min(...latest)),
    };
  };
  switch (key) {
    case 'dana':
      return { signInActivity: activity(200, 195) };
    case 'eli':
      return { signInActivity: null };
    case 'fatima':
      return { signInActivity: activity(null, 2) };
    case 'zoe':
      return { createdDateTime: daysAgo(5), signInActivity: null };
    default:
      return { signInActivity: activity(1 + (index % 20), index % 4) };
  }
}

function person(
  [key, givenName, surname, usageLocation, jobTitle]: (typeof PEOPLE)[number],
  index: number,
): SeedUser {
  const user: SeedUser = {
    id: userId(key),
    userPrincipalName: upn(key),
    mail: upn(key),
    displayName: `${givenName} ${surname}`,
    givenName,
    surname,
    jobTitle,
    usageLocation,
    ...signIns(key, index),
  };
  if (key === 'yara') user.licenses = [{ sku: 'EXCHANGEDESKLESS' }];
  if (key === 'patti') user.licenses = [{ sku: 'ENTERPRISEPACK' }, { sku: 'POWER_BI_STANDARD' }];
  if (key === 'megan') user.licenses = [{ sku: 'POWER_BI_STANDARD' }];
  return user;
}

function group(key: keyof typeof ids.groups, rest: Omit<SeedGroup, 'id'>): SeedGroup {
  return { id: ids.groups[key], ...rest };
}

const allKeys = PEOPLE.map(([key]) => key);

/** The tenant every test and the demo start from (Contoso, with the group of Microsoft's assignLicense page). */
export const defaultSeed: Seed & { readonly ids: typeof ids } = {
  ids,
  tenant: { id: TENANT_ID, domain: TENANT_DOMAIN, displayName: 'Contoso', countryLetterCode: 'US' },
  apps: [
    {
      name: 'licensing-admin',
      ...ids.apps.licensingAdmin,
      certificates: [{ pem: testCertificate.certificatePem }],
      roles: [...LICENSING_ROLES],
    },
    {
      name: 'licensing-reader',
      ...ids.apps.licensingReader,
      certificates: [{ pem: testCertificate.certificatePem }],
      roles: [
        'LicenseAssignment.Read.All',
        'Group.Read.All',
        'GroupMember.Read.All',
        'User.Read.All',
        'Organization.Read.All',
      ],
    },
    {
      name: 'directory-admin',
      ...ids.apps.directoryAdmin,
      certificates: [{ pem: testCertificate.certificatePem }],
      roles: ['Directory.ReadWrite.All'],
    },
    {
      name: 'licensing-reclaimer',
      ...ids.apps.licensingReclaimer,
      certificates: [{ pem: testCertificate.certificatePem }],
      roles: [...LICENSING_ROLES, 'AuditLog.Read.All', 'GroupMember.ReadWrite.All'],
    },
  ],
  skus: [
    { sku: 'EMSPREMIUM', enabled: 100 },
    { sku: 'ENTERPRISEPREMIUM', enabled: 50 },
    { sku: 'SPE_E3', enabled: 25 },
    { sku: 'SPE_E5', enabled: 10 },
    { sku: 'ENTERPRISEPACK', enabled: 40, warning: 5 },
    { sku: 'EXCHANGESTANDARD', enabled: 20 },
    { sku: 'EXCHANGEDESKLESS', enabled: 10 },
    { sku: 'AAD_PREMIUM', enabled: 30 },
    { sku: 'AAD_PREMIUM_P2', enabled: 5 },
    { sku: 'POWER_BI_STANDARD', enabled: 1000000 },
    { sku: 'CRMSTORAGE', enabled: 10, appliesTo: 'Company' },
    { sku: 'VISIOCLIENT', enabled: 0, suspended: 5, capabilityStatus: 'Suspended' },
  ],
  users: PEOPLE.map(person),
  groups: [
    group('licensingPilot', {
      displayName: 'Licensing Pilot',
      description: 'The group of the assignLicense documentation page',
      kind: 'security',
      createdDateTime: '2021-03-12T11:15:03Z',
      members: [
        'adele',
        'alex',
        'allan',
        'christie',
        'debra',
        'diego',
        'emily',
        'enrico',
        'grady',
        'henrietta',
        'irvin',
        'megan',
      ].map(upn),
    }),
    group('sales', {
      displayName: 'Sales',
      kind: 'security',
      createdDateTime: '2021-05-03T08:00:00Z',
      members: SALES.map(upn),
      licenses: [{ sku: 'SPE_E3' }],
    }),
    group('e5Rollout', {
      displayName: 'E5 Rollout',
      kind: 'security',
      createdDateTime: '2022-01-10T09:30:00Z',
      members: E5_ROLLOUT.map(upn),
    }),
    group('frontline', {
      displayName: 'Frontline Workers',
      kind: 'security',
      createdDateTime: '2022-02-14T10:00:00Z',
      members: FRONTLINE.map(upn),
      licenses: [{ sku: 'EXCHANGESTANDARD' }],
    }),
    group('projectFalcon', {
      displayName: 'Project Falcon',
      kind: 'microsoft365',
      securityEnabled: true,
      createdDateTime: '2023-06-01T12:00:00Z',
      members: ['lee', 'lidia', 'lynne', 'miriam', 'nestor', 'joni'].map(upn),
    }),
    group('marketing', {
      displayName: 'Marketing',
      kind: 'microsoft365',
      securityEnabled: false,
      createdDateTime: '2023-06-02T12:00:00Z',
      members: ['alex', 'megan', 'grady', 'lidia', 'emily', 'joni', 'debra', 'patti'].map(upn),
    }),
    group('allStaff', {
      displayName: 'All Staff',
      kind: 'distribution',
      createdDateTime: '2020-11-20T07:00:00Z',
      members: allKeys.map(upn),
    }),
    group('contractors', {
      displayName: 'Contractors',
      kind: 'security',
      createdDateTime: '2024-02-01T15:45:00Z',
      members: ['carlos', 'dana', 'eli', 'fatima'].map(upn),
    }),
    group('identityGovernance', {
      displayName: 'Identity Governance',
      kind: 'security',
      createdDateTime: '2024-03-01T15:45:00Z',
      members: ['lee', 'patti', 'nestor', 'irvin'].map(upn),
    }),
    group('empty', {
      displayName: 'Empty Group',
      kind: 'security',
      createdDateTime: '2024-04-01T00:00:00Z',
      members: [],
    }),
  ],
  planDependencies: [
    { servicePlan: 'AAD_PREMIUM_P2', requiresAnyOf: ['AAD_PREMIUM'] },
    { servicePlan: 'MCOMEETADV', requiresAnyOf: ['MCOSTANDARD'] },
    { servicePlan: 'MCOEV', requiresAnyOf: ['MCOSTANDARD'] },
    {
      servicePlan: 'SHAREPOINTWAC',
      requiresAnyOf: ['SHAREPOINTENTERPRISE', 'SHAREPOINTSTANDARD', 'SHAREPOINTDESKLESS'],
    },
  ],
  prohibitedUsageLocations: [
    { servicePlan: 'MCOEV', countries: ['CU'] },
    { servicePlan: 'MCOMEETADV', countries: ['CU'] },
  ],
};
