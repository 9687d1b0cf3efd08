import type { SubscribedSkuLike } from '../graph-models.js';
import { type GraphOperation, permissionFor } from '../refusals/permissions.js';

/** One thing an identity must be allowed: every permission of `least`, or every one of some `alternatives` entry. */
export interface PermissionRequirement {
  action: string;
  /** The least-privileged permissions (all needed). */
  least: string[];
  /** Higher-privileged sets that also work (each set all needed). */
  alternatives: string[][];
}

export interface Capability {
  /** `command` for the CLI, `node` for the n8n node. */
  surface: 'command' | 'node';
  /** `report`, or `Group › Assign License`. */
  name: string;
  needs: PermissionRequirement[];
}

export interface CapabilityCheck extends Capability {
  allowed: boolean;
  /** The requirements not met, least privileged permission first. */
  missing: PermissionRequirement[];
}

export interface TenantFeature {
  feature: string;
  available: boolean;
  /** What it needs and, when missing, what to get. */
  message: string;
}

export interface DoctorReport {
  /** `roles` (app-only token) or `scp` (delegated). */
  tokenKind: 'application' | 'delegated' | 'unknown';
  granted: string[];
  capabilities: CapabilityCheck[];
  features: TenantFeature[];
}

function split(permissions: string): string[] {
  return permissions.split(' and ').map((p) => p.trim());
}

function need(operation: GraphOperation, kind: 'group' | 'user' = 'group'): PermissionRequirement {
  const p = permissionFor(operation, kind);
  return { action: p.action, least: split(p.least), alternatives: p.alternatives.map(split) };
}

/** Reads the report needs beyond the operations of `permissionFor` (Microsoft Graph permission reference). */
const READ_USERS: PermissionRequirement = {
  action: "read every user's licenses and license paths",
  least: ['User.Read.All'],
  alternatives: [['User.ReadWrite.All'], ['Directory.Read.All']],
};
const READ_SUBSCRIPTIONS: PermissionRequirement = {
  action: "read the tenant's subscriptions (/directory/subscriptions: expiry, trials, state)",
  least: ['Organization.Read.All'],
  alternatives: [['Organization.ReadWrite.All'], ['Directory.Read.All']],
};

const READ_SKUS = need('readSkus');
const READ_GROUP = need('readTarget', 'group');
const READ_USER = need('readTarget', 'user');
const WRITE_GROUP = need('assignLicense', 'group');
const WRITE_USER = need('assignLicense', 'user');

/** What each command and node operation needs. */
export const CAPABILITIES: readonly Capability[] = [
  { surface: 'command', name: 'skus', needs: [READ_SKUS] },
  { surface: 'command', name: 'export', needs: [READ_SKUS, READ_GROUP] },
  { surface: 'command', name: 'export --users', needs: [READ_SKUS, READ_GROUP, READ_USERS] },
  { surface: 'command', name: 'plan', needs: [READ_SKUS, READ_GROUP, READ_USER, need('readMembers')] },
  {
    surface: 'command',
    name: 'apply',
    needs: [READ_SKUS, READ_GROUP, READ_USER, need('readMembers'), WRITE_GROUP, WRITE_USER],
  },
  { surface: 'command', name: 'wait', needs: [need('readGroupProcessing'), need('readMemberErrors')] },
  { surface: 'command', name: 'report', needs: [READ_SKUS, READ_GROUP, READ_USERS, READ_SUBSCRIPTIONS] },
  { surface: 'command', name: 'explain / who-has', needs: [READ_SKUS, READ_GROUP, READ_USERS] },
  { surface: 'command', name: 'reprocess', needs: [READ_USER, need('reprocessUser')] },
  { surface: 'node', name: 'Group › Get Licenses', needs: [READ_SKUS, READ_GROUP] },
  {
    surface: 'node',
    name: 'Group › Assign License',
    needs: [READ_SKUS, READ_GROUP, need('readMembers'), WRITE_GROUP],
  },
  { surface: 'node', name: 'Group › Remove License', needs: [READ_SKUS, READ_GROUP, WRITE_GROUP] },
  {
    surface: 'node',
    name: 'Group › Set Licenses',
    needs: [READ_SKUS, READ_GROUP, need('readMembers'), WRITE_GROUP],
  },
  { surface: 'node', name: 'Group › Update Service Plans', needs: [READ_SKUS, READ_GROUP, WRITE_GROUP] },
  {
    surface: 'node',
    name: 'Group › Wait for Processing',
    needs: [need('readGroupProcessing'), need('readMemberErrors')],
  },
  { surface: 'node', name: 'SKU › Get / Get Many', needs: [READ_SKUS] },
  { surface: 'node', name: 'User › Get License Details', needs: [READ_SKUS, READ_USER] },
  { surface: 'node', name: 'User › Assign License', needs: [READ_SKUS, READ_USER, WRITE_USER] },
  { surface: 'node', name: 'User › Remove License', needs: [READ_SKUS, READ_USER, WRITE_USER] },
  { surface: 'node', name: 'User › Reprocess', needs: [need('reprocessUser')] },
  {
    surface: 'node',
    name: 'Trigger (SKU seats, group errors)',
    needs: [READ_SKUS, need('readMemberErrors')],
  },
];

/** A granted `X.ReadWrite.All` also grants `X.Read.All`. */
function expand(granted: readonly string[]): Set<string> {
  const set = new Set(granted);
  for (const p of granted) {
    const read = p.replace('.ReadWrite.', '.Read.');
    if (read !== p) set.add(read);
  }
  return set;
}

function met(requirement: PermissionRequirement, granted: ReadonlySet<string>): boolean {
  const all = (set: readonly string[]) => set.every((p) => granted.has(p));
  return all(requirement.least) || requirement.alternatives.some(all);
}

/** The decoded claims of an access token: `roles` for an app, `scp` (space-separated) for a user. */
export function grantedPermissions(claims: { roles?: unknown; scp?: unknown }): {
  tokenKind: DoctorReport['tokenKind'];
  granted: string[];
} {
  if (Array.isArray(claims.roles)) {
    return {
      tokenKind: 'application',
      granted: claims.roles.filter((r): r is string => typeof r === 'string'),
    };
  }
  if (typeof claims.scp === 'string')
    return { tokenKind: 'delegated', granted: claims.scp.split(' ').filter(Boolean) };
  return { tokenKind: 'unknown', granted: [] };
}

/** Entra ID P1's service plan, and P2's (which includes P1). */
const P1_PLANS = new Set(['AAD_PREMIUM', 'AAD_PREMIUM_P2']);

/** What the tenant's SKUs make possible: group-based licensing and sign-in activity both need Entra ID P1. */
export function tenantFeatures(
  skus: readonly SubscribedSkuLike[],
  granted: ReadonlySet<string> = new Set(),
): TenantFeature[] {
  const auditLog = granted.has('AuditLog.Read.All');
  const p1 = skus.some(
    (s) =>
      (s.prepaidUnits?.enabled ?? 0) > 0 &&
      (s.servicePlans ?? []).some((p) => P1_PLANS.has(p.servicePlanName ?? '')),
  );
  const source = p1
    ? skus.find((s) => (s.servicePlans ?? []).some((p) => P1_PLANS.has(p.servicePlanName ?? '')))
        ?.skuPartNumber
    : undefined;
  return [
    {
      feature: 'group-based licensing',
      available: p1,
      message: p1
        ? `Entra ID P1 is in ${source}: groups can assign licenses (every member who benefits needs P1).`
        : 'Needs Entra ID P1 (or a product that includes it, such as Microsoft 365 E3 or Business Premium): no SKU of the tenant has it.',
    },
    {
      feature: 'sign-in activity (unused licenses)',
      available: p1,
      message: p1
        ? `Entra ID P1 is in ${source}: signInActivity can be read${auditLog ? '.' : ' once this identity has AuditLog.Read.All (it has not).'}`
        : 'Needs Entra ID P1 or P2 and AuditLog.Read.All: no SKU of the tenant has P1.',
    },
  ];
}

/** Which commands and node operations an identity with these claims can run, and what each missing one needs. */
export function checkCapabilities(
  claims: { roles?: unknown; scp?: unknown },
  skus: readonly SubscribedSkuLike[] = [],
): DoctorReport {
  const { tokenKind, granted } = grantedPermissions(claims);
  const set = expand(granted);
  return {
    tokenKind,
    granted: [...granted].sort(),
    capabilities: CAPABILITIES.map((c) => {
      const missing = c.needs.filter((n, i, all) => !met(n, set) && all.indexOf(n) === i);
      return { ...c, allowed: missing.length === 0, missing };
    }),
    features: tenantFeatures(skus, set),
  };
}
