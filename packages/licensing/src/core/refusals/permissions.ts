/** The Graph operations this package sends, for naming the permission a refusal is about. */
export type GraphOperation =
  | 'assignLicense'
  | 'readSkus'
  | 'readTarget'
  | 'readMembers'
  | 'readGroupProcessing'
  | 'readMemberErrors'
  | 'setUsageLocation'
  | 'reprocessUser'
  | 'listHolders';

export interface PermissionNeed {
  /** What the operation does, in words (`assign licenses to a group`). */
  action: string;
  /** The least-privileged application permission, then the higher ones that also work. */
  least: string;
  alternatives: readonly string[];
}

type Kind = 'group' | 'user';

/** Application permissions per operation (Microsoft Graph permission reference; see docs/graph-licensing-api §4). */
export function permissionFor(operation: GraphOperation, kind: Kind = 'group'): PermissionNeed {
  switch (operation) {
    case 'assignLicense':
      return {
        action: `assign or remove licenses of a ${kind}`,
        least: 'LicenseAssignment.ReadWrite.All',
        alternatives: [
          'Directory.ReadWrite.All',
          kind === 'group' ? 'Group.ReadWrite.All' : 'User.ReadWrite.All',
        ],
      };
    case 'readSkus':
      return {
        action: "read the tenant's subscribed SKUs",
        least: 'LicenseAssignment.Read.All',
        alternatives: ['Organization.Read.All', 'Directory.Read.All'],
      };
    case 'readTarget':
      return kind === 'group'
        ? {
            action: "read a group's licenses",
            least: 'GroupMember.Read.All',
            alternatives: ['Group.Read.All', 'Directory.Read.All'],
          }
        : { action: "read a user's licenses", least: 'User.Read.All', alternatives: ['Directory.Read.All'] };
    case 'readMembers':
      return {
        action: "read a group's members (for the seat check)",
        least: 'GroupMember.Read.All',
        alternatives: ['Group.Read.All', 'Directory.Read.All'],
      };
    case 'readGroupProcessing':
      return {
        action: "read a group's license processing state",
        least: 'GroupMember.Read.All',
        alternatives: ['Group.Read.All', 'Directory.Read.All'],
      };
    case 'readMemberErrors':
      return {
        action: "read a group's members with license errors",
        least: 'GroupMember.Read.All and User.Read.All',
        alternatives: ['Directory.Read.All'],
      };
    case 'setUsageLocation':
      return {
        action: "set a user's usage location",
        least: 'User.ReadWrite.All',
        alternatives: ['Directory.ReadWrite.All'],
      };
    case 'reprocessUser':
      return {
        action: "reprocess a user's group-based licenses",
        least: 'LicenseAssignment.ReadWrite.All',
        alternatives: ['User.ReadWrite.All', 'Directory.ReadWrite.All'],
      };
    case 'listHolders':
      return {
        action: 'list the groups and users holding a SKU',
        least: 'GroupMember.Read.All and User.Read.All',
        alternatives: ['Directory.Read.All'],
      };
  }
}
