import type { SubscribedSku } from '@entra-licensing/graph-client';
import { toLicenses, toStates } from '../core/graph-values.js';
import { explainLicenseError, isLicenseError } from '../core/member-errors.js';
import { resolveSku } from '../core/resolve.js';
import { describePlanId, describeSkuId, skuLabel } from '../core/sku-index.js';
import type { LicenseTarget } from '../core/target.js';
import type { TargetState } from '../core/target-state.js';
import { allPages } from '../engine/graph-call.js';
import type { ServiceContext } from './service-context.js';

/** One license of a target in names. For users, one entry per source (direct, or each granting group). */
export interface NamedLicense {
  skuId: string;
  skuPartNumber: string;
  sku: string;
  disabledPlans: { servicePlanId: string; servicePlanName: string; label: string }[];
  /** Users only: true for a direct assignment, false when inherited. Groups: always true. */
  direct: boolean;
  /** Users only: the group that grants it. */
  assignedByGroup: string | null;
  state: string | null;
  error: string | null;
  /** Plain explanation of `error`, when there is one. */
  explanation?: string;
}

function planNames(skuId: string, disabledPlans: readonly string[], skus: readonly SubscribedSku[]) {
  const sku = describeSkuId(skuId, skus);
  return disabledPlans.map((id) => {
    const plan = sku?.servicePlans.find((p) => p.servicePlanId === id);
    return {
      servicePlanId: id,
      servicePlanName: plan?.servicePlanName ?? id,
      label: describePlanId(id, sku),
    };
  });
}

/** A target's licenses in names (groups: assigned licenses; users: each license state). */
export function describeLicenses(state: TargetState, skus: readonly SubscribedSku[]): NamedLicense[] {
  const sources =
    state.target.kind === 'group' || state.states.length === 0
      ? state.assigned.map((l) => ({ ...l, assignedByGroup: null, state: null, error: null }))
      : state.states;
  return sources.map((s) => {
    const sku = describeSkuId(s.skuId, skus);
    const error = isLicenseError(s.error) ? s.error : null;
    return {
      skuId: s.skuId,
      skuPartNumber: sku?.skuPartNumber ?? s.skuId,
      sku: sku ? skuLabel(sku) : s.skuId,
      disabledPlans: planNames(s.skuId, s.disabledPlans, skus),
      direct: s.assignedByGroup === null,
      assignedByGroup: s.assignedByGroup,
      state: s.state,
      error,
      ...(error ? { explanation: explainLicenseError(error).explanation } : {}),
    };
  });
}

/** A desired-state document in names that `set` (and the bulk `set` intent) accepts back. */
export interface DesiredStateDocument {
  target: LicenseTarget;
  displayName: string | null;
  /** Part numbers and plan names; for a user only the direct assignments (inherited ones belong to groups). */
  licenses: { sku: string; disabledPlans: string[] }[];
}

export async function exportDesiredState(
  context: ServiceContext,
  target: LicenseTarget,
): Promise<DesiredStateDocument> {
  const skus = await context.tenantSkus();
  const state = await context.readTarget(target);
  return {
    target,
    displayName: state.displayName,
    licenses: state.manageable.map((l) => {
      const sku = describeSkuId(l.skuId, skus);
      const partNumberIsUnique = sku !== undefined && resolvesBack(sku.skuPartNumber, l.skuId, skus);
      return {
        sku: partNumberIsUnique && sku ? sku.skuPartNumber : l.skuId,
        disabledPlans: planNames(l.skuId, l.disabledPlans, skus).map((p) => p.servicePlanName),
      };
    }),
  };
}

function resolvesBack(ref: string, skuId: string, skus: readonly SubscribedSku[]): boolean {
  try {
    return resolveSku(ref, skus).skuId === skuId;
  } catch {
    return false;
  }
}

export interface SkuHolders {
  skuId: string;
  sku: string;
  groups: { id: string; displayName: string | null; disabledPlans: string[] }[];
  users: {
    id: string;
    displayName: string | null;
    userPrincipalName: string | null;
    direct: boolean;
    inheritedFrom: string[];
  }[];
}

/** Groups and users holding a SKU, read with `assignedLicenses/any(x:x/skuId eq …)`. */
export async function listSkuHolders(context: ServiceContext, skuRef: string): Promise<SkuHolders> {
  const skus = await context.tenantSkus();
  const sku = resolveSku(skuRef, skus);
  const filter = `assignedLicenses/any(x:x/skuId eq ${sku.skuId})`;
  const { client } = context;
  const groups = await allPages(
    ({ options }) =>
      client.groups.get({
        queryParameters: { filter, select: ['id', 'displayName', 'assignedLicenses'] },
        options,
      }),
    (url, { options }) => client.groups.withUrl(url).get({ options }),
    { client, path: '/groups', pace: context.reads },
  );
  const users = await allPages(
    ({ options }) =>
      client.users.get({
        queryParameters: {
          filter,
          select: ['id', 'displayName', 'userPrincipalName', 'assignedLicenses', 'licenseAssignmentStates'],
        },
        options,
      }),
    (url, { options }) => client.users.withUrl(url).get({ options }),
    { client, path: '/users', pace: context.reads },
  );
  return {
    skuId: sku.skuId,
    sku: skuLabel(sku),
    groups: groups.map((g) => ({
      id: (g.id ?? '').toLowerCase(),
      displayName: g.displayName ?? null,
      disabledPlans: toLicenses(g.assignedLicenses).find((l) => l.skuId === sku.skuId)?.disabledPlans ?? [],
    })),
    users: users.map((u) => {
      const states = toStates(u.licenseAssignmentStates).filter((s) => s.skuId === sku.skuId);
      return {
        id: (u.id ?? '').toLowerCase(),
        displayName: u.displayName ?? null,
        userPrincipalName: u.userPrincipalName ?? null,
        direct: states.length === 0 || states.some((s) => s.assignedByGroup === null),
        inheritedFrom: states.flatMap((s) => (s.assignedByGroup ? [s.assignedByGroup] : [])),
      };
    }),
  };
}
