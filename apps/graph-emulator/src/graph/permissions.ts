/** Application permissions (app roles) that grant each kind of operation; any one of a list suffices. */
export const PERMISSIONS = {
  readSkus: [
    'LicenseAssignment.Read.All',
    'LicenseAssignment.ReadWrite.All',
    'Organization.Read.All',
    'Organization.ReadWrite.All',
    'Directory.Read.All',
    'Directory.ReadWrite.All',
  ],
  /** `/directory/subscriptions`: Organization.Read.All least privileged (directory-list-subscriptions). */
  readSubscriptions: [
    'Organization.Read.All',
    'Organization.ReadWrite.All',
    'Directory.Read.All',
    'Directory.ReadWrite.All',
  ],
  readOrganization: [
    'Organization.Read.All',
    'Organization.ReadWrite.All',
    'Directory.Read.All',
    'Directory.ReadWrite.All',
  ],
  readUsers: [
    'User.Read.All',
    'User.ReadWrite.All',
    'User.ReadBasic.All',
    'Directory.Read.All',
    'Directory.ReadWrite.All',
  ],
  writeUsers: ['User.ReadWrite.All', 'Directory.ReadWrite.All'],
  readLicenseDetails: [
    'LicenseAssignment.Read.All',
    'LicenseAssignment.ReadWrite.All',
    'User.Read.All',
    'User.ReadWrite.All',
    'Directory.Read.All',
    'Directory.ReadWrite.All',
  ],
  readGroups: [
    'GroupMember.Read.All',
    'GroupMember.ReadWrite.All',
    'Group.Read.All',
    'Group.ReadWrite.All',
    'Directory.Read.All',
    'Directory.ReadWrite.All',
  ],
  writeMembers: ['GroupMember.ReadWrite.All', 'Group.ReadWrite.All', 'Directory.ReadWrite.All'],
  assignGroupLicenses: ['LicenseAssignment.ReadWrite.All', 'Group.ReadWrite.All', 'Directory.ReadWrite.All'],
  assignUserLicenses: ['LicenseAssignment.ReadWrite.All', 'User.ReadWrite.All', 'Directory.ReadWrite.All'],
} as const satisfies Record<string, readonly string[]>;

export type PermissionKind = keyof typeof PERMISSIONS;
