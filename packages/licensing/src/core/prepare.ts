import type { LicenseChangeSet } from './change-set.js';
import { planChangeSet } from './change-set.js';
import type { SubscribedSkuLike } from './graph-models.js';
import { LicensingError } from './licensing-error.js';
import { boolean, integer, type Schema, text } from './options-check.js';
import type { LicensePlan, PlanWarning } from './plan.js';
import { describeSkuId, skuLabel, tenantSkuIndex } from './sku-index.js';
import { describeTarget } from './target.js';
import type { TargetState } from './target-state.js';
import { type ExistingPlan, validatePlan } from './validate.js';

export interface PrepareOptions {
  /** Refuse a plan that removes more than this many SKUs from the target. */
  maxRemovals?: number;
  /** For groups: a seat shortfall is an error instead of a warning. */
  strictSeats?: boolean;
  /** For users without a usage location: set it (ISO 3166 alpha-2, e.g. `US`) before assigning. */
  usageLocation?: string;
}

/** The rules of the planning options, shared by every function that takes them. */
export const PREPARE_OPTIONS: Schema<PrepareOptions> = {
  maxRemovals: integer(0, 1000),
  strictSeats: boolean,
  usageLocation: text(/^[A-Za-z]{2}$/, 'a two-letter ISO 3166 country code such as US'),
};

export interface PreparedPlan {
  plan: LicensePlan;
  errors: LicensingError[];
  warnings: PlanWarning[];
  /** The usage location to set on the user before the write (only when asked and needed). */
  setUsageLocation?: string;
}

const USAGE_LOCATION = /^[A-Za-z]{2}$/;

function skuName(skuId: string, tenantSkus: readonly SubscribedSkuLike[]): string {
  const sku = describeSkuId(skuId, tenantSkus);
  return sku ? skuLabel(sku) : skuId;
}

function inheritedFrom(
  state: TargetState,
  skuId: string,
  groupNames?: ReadonlyMap<string, string>,
): string[] {
  return state.states
    .filter((s) => s.skuId === skuId && s.assignedByGroup !== null)
    .map((s) => {
      const name = s.assignedByGroup ? groupNames?.get(s.assignedByGroup) : undefined;
      return name ? `group ${name} (${s.assignedByGroup})` : `group ${s.assignedByGroup}`;
    });
}

/** Enabled plans a user holds through groups (for the mutual-exclusion check). */
function inheritedPlans(state: TargetState, tenantSkus: readonly SubscribedSkuLike[]): ExistingPlan[] {
  const index = tenantSkuIndex(tenantSkus);
  const result: ExistingPlan[] = [];
  for (const s of state.states) {
    if (s.assignedByGroup === null || s.state === 'Error' || s.state === 'Disabled') continue;
    for (const plan of index.bySkuId.get(s.skuId)?.servicePlans ?? []) {
      if (!s.disabledPlans.includes(plan.servicePlanId)) {
        result.push({ servicePlanId: plan.servicePlanId, source: `group ${s.assignedByGroup}` });
      }
    }
  }
  return result;
}

/**
 * Plans a change set against a target's current state and checks it: inherited licenses, seats, usage location,
 * mutual exclusions, `maxRemovals`. Throws only for a change that cannot be planned at all; everything else is
 * returned in `errors` so a bulk run can report it per item.
 */
export function prepareTargetPlan(
  state: TargetState,
  changeSet: LicenseChangeSet,
  tenantSkus: readonly SubscribedSkuLike[],
  options: PrepareOptions & {
    membersNeedingSeat?: ReadonlyMap<string, number>;
    /** Display names of the groups a user inherits licenses from (named in messages). */
    groupNames?: ReadonlyMap<string, string>;
  } = {},
): PreparedPlan {
  const isUser = state.target.kind === 'user';
  const manageable = new Set(state.manageable.map((l) => l.skuId));
  if (isUser) {
    for (const request of changeSet.skus) {
      const groups = inheritedFrom(state, request.skuId, options.groupNames);
      if (request.present && request.mustBeAssigned && !manageable.has(request.skuId) && groups.length > 0) {
        throw new LicensingError({
          code: 'INHERITED_LICENSE',
          field: request.field,
          value: request.skuId,
          message: `${request.field}: ${skuName(request.skuId, tenantSkus)} is inherited by ${describeTarget(state.target, state.displayName)} from ${groups.join(', ')}; change its service plans on that group instead.`,
        });
      }
    }
  }
  const plan = planChangeSet(state.manageable, changeSet);
  const warnings = plan.warnings.map((warning): PlanWarning => {
    const groups =
      isUser && warning.code === 'SKU_NOT_ASSIGNED'
        ? inheritedFrom(state, warning.skuId, options.groupNames)
        : [];
    if (groups.length === 0) return warning;
    return {
      code: 'INHERITED_LICENSE_SKIPPED',
      skuId: warning.skuId,
      field: warning.field,
      message: `${skuName(warning.skuId, tenantSkus)} is inherited from ${groups.join(', ')}, not assigned directly; it was left alone (remove the user from the group, or the license from the group).`,
    };
  });
  const planned: LicensePlan = { ...plan, warnings };
  const validation = validatePlan(
    planned,
    {
      kind: state.target.kind,
      tenantSkus,
      strictSeats: options.strictSeats === true,
      ...(options.membersNeedingSeat ? { membersNeedingSeat: options.membersNeedingSeat } : {}),
      ...(isUser
        ? {
            otherEnabledPlans: inheritedPlans(state, tenantSkus),
            seatsAlreadyHeld: new Set(state.assigned.map((l) => l.skuId)),
          }
        : {}),
    },
    changeSet,
  );
  const errors = [...validation.errors];
  const removals = planned.body?.removeLicenses.length ?? 0;
  if (options.maxRemovals !== undefined && removals > options.maxRemovals) {
    errors.push(
      new LicensingError({
        code: 'MAX_REMOVALS_EXCEEDED',
        field: 'maxRemovals',
        value: options.maxRemovals,
        message: `The plan for ${describeTarget(state.target, state.displayName)} removes ${removals} SKU(s) (${planned.body?.removeLicenses
          .map((id) => skuName(id, tenantSkus))
          .join(', ')}), more than maxRemovals = ${options.maxRemovals}. Nothing was sent.`,
      }),
    );
  }
  let setUsageLocation: string | undefined;
  const addsNewSku = planned.changes.some((c) => c.action === 'add');
  if (
    state.target.kind === 'group' &&
    state.securityEnabled === false &&
    (planned.body?.addLicenses.length ?? 0) > 0
  ) {
    errors.push(
      new LicensingError({
        code: 'GROUP_NOT_ELIGIBLE',
        field: 'target.id',
        value: state.target.id,
        message: `${describeTarget(state.target, state.displayName)} is not a security group (securityEnabled: false); only security groups and Microsoft 365 groups with securityEnabled can hold licenses.`,
      }),
    );
  }
  if (isUser && addsNewSku && !state.usageLocation) {
    if (options.usageLocation === undefined) {
      errors.push(
        new LicensingError({
          code: 'USAGE_LOCATION_MISSING',
          field: 'usageLocation',
          value: state.usageLocation ?? null,
          message: `${describeTarget(state.target, state.displayName)} has no usageLocation, and Graph refuses to assign a license without one. Set usageLocation (a two-letter country code such as US) on the user, or pass the usageLocation option.`,
        }),
      );
    } else if (!USAGE_LOCATION.test(options.usageLocation)) {
      errors.push(
        new LicensingError({
          code: 'INVALID_INPUT',
          field: 'usageLocation',
          value: options.usageLocation,
          message: `usageLocation must be a two-letter ISO 3166 country code such as US, got ${JSON.stringify(options.usageLocation)}.`,
        }),
      );
    } else {
      setUsageLocation = options.usageLocation.toUpperCase();
    }
  }
  return {
    plan: planned,
    errors,
    warnings: validation.warnings,
    ...(setUsageLocation ? { setUsageLocation } : {}),
  };
}
