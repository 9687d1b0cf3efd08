import {
  directLicenses,
  type GraphAssignedLicense,
  type GraphLicenseState,
  type LicenseStateView,
  toLicenses,
  toStates,
} from './graph-values.js';
import type { NormalizedLicense } from './plan.js';
import type { LicenseTarget } from './target.js';

/** What the service knows about a target before planning. */
export interface TargetState {
  target: LicenseTarget;
  /** The object id Graph returned (a user may be addressed by UPN). */
  objectId: string;
  displayName: string | null;
  /** Every assigned license (for a user: direct and inherited). */
  assigned: NormalizedLicense[];
  /** What the planner may change: a group's licenses, or a user's direct assignments only. */
  manageable: NormalizedLicense[];
  /** A user's per-source license states (empty for groups). */
  states: LicenseStateView[];
  /** A user's usage location (undefined for groups). */
  usageLocation?: string | null;
  /** A group's license processing state (undefined for users). */
  processingState?: string | null;
  /** Groups: only security-enabled groups can hold licenses (undefined when Graph did not say). */
  securityEnabled?: boolean | null;
}

/** `$select` for each kind: license properties are returned only when selected. */
export const TARGET_SELECT: Record<LicenseTarget['kind'], string[]> = {
  group: ['id', 'displayName', 'securityEnabled', 'assignedLicenses', 'licenseProcessingState'],
  user: [
    'id',
    'displayName',
    'userPrincipalName',
    'assignedLicenses',
    'licenseAssignmentStates',
    'usageLocation',
  ],
};

/** Graph's JSON of a group or user (or the Kiota model of one: same property names). */
export interface GraphDirectoryObject {
  /** Kiota's name for `@odata.type`. */
  odataType?: string | null;
  id?: string | null;
  userPrincipalName?: string | null;
  displayName?: string | null;
  assignedLicenses?: GraphAssignedLicense[] | null;
  licenseAssignmentStates?: GraphLicenseState[] | null;
  usageLocation?: string | null;
  securityEnabled?: boolean | null;
  licenseProcessingState?: { state?: string | null } | null;
}

export function toTargetState(target: LicenseTarget, object: GraphDirectoryObject): TargetState {
  const assigned = toLicenses(object.assignedLicenses);
  if (target.kind === 'group') {
    return {
      target,
      objectId: (object.id ?? target.id).toLowerCase(),
      displayName: object.displayName ?? null,
      assigned,
      manageable: assigned,
      states: [],
      processingState: object.licenseProcessingState?.state ?? null,
      securityEnabled: object.securityEnabled ?? null,
    };
  }
  const statesKnown = Array.isArray(object.licenseAssignmentStates);
  const states = toStates(object.licenseAssignmentStates);
  return {
    target,
    objectId: (object.id ?? target.id).toLowerCase(),
    displayName: object.displayName ?? null,
    assigned,
    manageable: directLicenses(states, assigned, statesKnown),
    states,
    usageLocation: object.usageLocation ?? null,
  };
}

/** Members lists mix users, groups and devices: keep the users (`@odata.type` `#microsoft.graph.user`). */
export function isUserObject(object: GraphDirectoryObject): boolean {
  return (
    object.odataType === undefined ||
    object.odataType === null ||
    object.odataType === '#microsoft.graph.user'
  );
}
