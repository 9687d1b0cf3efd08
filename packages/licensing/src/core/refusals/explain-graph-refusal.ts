import { guidsIn } from '@entra-licensing/graph-client';

import type { SkuChangeRequest } from '../change-set.js';
import type { SubscribedSkuLike } from '../graph-models.js';
import { LicensingError, type LicensingErrorCode, shownValue } from '../licensing-error.js';
import { describeSkuId, skuLabel } from '../sku-index.js';
import { type GraphOperation, permissionFor } from './permissions.js';

/** What was being done when Graph refused, so that the refusal can be said in the caller's words. */
export interface RefusalContext {
  operation: GraphOperation;
  /** The group or user the request was about. */
  target?: { kind: 'group' | 'user'; id: string };
  /** The field the target came from (default `target.id`). */
  targetField?: string;
  /** The SKUs of the write as the caller typed them (`ref`) and where (`field`); Graph names only GUIDs. */
  skus?: readonly Pick<SkuChangeRequest, 'skuId' | 'field' | 'ref' | 'label'>[];
  /** The tenant's SKUs, for product names. */
  tenantSkus?: readonly SubscribedSkuLike[];
}

/** The parts of a Graph refusal this looks at: a GraphError, a `$batch` item's error, or anything alike. */
interface RefusalLike {
  status?: unknown;
  code?: unknown;
  message?: unknown;
}

/** A Graph 400 whose message names a SKU problem, and what it means in this package's codes. */
const SKU_REFUSALS: readonly { pattern: RegExp; code: LicensingErrorCode; says: string }[] = [
  {
    pattern: /does not correspond to a valid company License/i,
    code: 'SKU_NOT_IN_TENANT',
    says: 'the tenant has no subscription for it',
  },
  {
    pattern: /does not have any available licenses/i,
    code: 'SEATS_EXHAUSTED',
    says: 'no seat of it is free',
  },
  {
    pattern: /cannot be assigned to a/i,
    code: 'SKU_NOT_ASSIGNABLE',
    says: 'it cannot be assigned to this target',
  },
  {
    pattern: /both added and removed/i,
    code: 'SKU_ADD_AND_REMOVE',
    says: 'it is both added and removed in the same call',
  },
  { pattern: /is not assigned to/i, code: 'SKU_NOT_ASSIGNED', says: 'it is not assigned to the target' },
  {
    pattern: /inherited from a group/i,
    code: 'INHERITED_LICENSE',
    says: 'the user inherits it from a group, so it cannot be changed on the user directly',
  },
  {
    pattern: /mutually exclusive|conflict with plans/i,
    code: 'MUTUALLY_EXCLUSIVE_PLANS',
    says: 'one of its service plans cannot be combined with a plan the target already has',
  },
];

function textOf(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** The SKU of the request that Graph's message names (by GUID), else the only SKU of the request. */
function skuNamed(message: string, context: RefusalContext) {
  const ids = guidsIn(message);
  const skus = context.skus ?? [];
  const fromRequest = skus.find((s) => ids.includes(s.skuId)) ?? (skus.length === 1 ? skus[0] : undefined);
  if (fromRequest) return fromRequest;
  const id = ids.find((i) => describeSkuId(i, context.tenantSkus));
  if (!id) return undefined;
  const sku = describeSkuId(id, context.tenantSkus);
  return { skuId: id, field: 'sku', ref: id, label: sku ? skuLabel(sku) : id };
}

function graphSaid(status: number | undefined, code: string, message: string): string {
  const head = [status ? `HTTP ${status}` : undefined, code || undefined].filter(Boolean).join(' ');
  // Graph's own words, shortened, without their closing period (the sentence around them adds one).
  const words = (message.length > 300 ? `${message.slice(0, 300)}…` : message).replace(/\.+$/, '');
  return `Graph answered ${head}${words ? `: ${words}` : ''}`;
}

/**
 * Graph's refusal said in plain language, as a LicensingError naming the field and the value the caller typed:
 * a 403 names the application permission the operation needs; SKU refusals name the product as the caller typed
 * it, with its name and (as `resolvedId`) the GUID it resolved to; a 404 on the target is `TARGET_NOT_FOUND`.
 * The original error is kept as `cause`, Graph's status and code as `status` and `graphCode`.
 */
export function explainGraphRefusal(error: unknown, context: RefusalContext): LicensingError {
  if (error instanceof LicensingError) return error;
  const e = (error ?? {}) as RefusalLike;
  const status = typeof e.status === 'number' ? e.status : undefined;
  const graphCode = textOf(e.code);
  const message = textOf(e.message) || (error instanceof Error ? error.message : String(error));
  const kind = context.target?.kind ?? 'group';
  const targetField = context.targetField ?? 'target.id';
  const targetValue = context.target?.id;
  const said = graphSaid(status, graphCode, message);
  const make = (code: LicensingErrorCode, field: string, value: unknown, text: string, extra = {}) =>
    new LicensingError({
      code,
      field,
      value,
      message: text,
      ...(status === undefined ? {} : { status }),
      ...(graphCode ? { graphCode } : {}),
      cause: error,
      ...extra,
    });

  if (status === 403 || graphCode === 'Authorization_RequestDenied') {
    const need = permissionFor(context.operation, kind);
    return make(
      'PERMISSION_DENIED',
      targetField,
      targetValue,
      `The app registration may not ${need.action}: grant it the application permission ${need.least} (or ${need.alternatives.join(' or ')}) and give admin consent. ${said}.`,
      { suggestions: [need.least, ...need.alternatives] },
    );
  }
  if (status === 401 || graphCode === 'InvalidAuthenticationToken') {
    return make(
      'GRAPH_ERROR',
      targetField,
      targetValue,
      `Microsoft Graph did not accept the access token: check the tenant, client id, secret or certificate, and the cloud. ${said}.`,
    );
  }
  if ((status === 404 || graphCode === 'Request_ResourceNotFound') && context.target) {
    const what = kind === 'group' ? 'group' : 'user';
    return make(
      'TARGET_NOT_FOUND',
      targetField,
      targetValue,
      `${targetField} ${shownValue(targetValue)}: no ${what} with this id exists in the tenant. ${said}.`,
    );
  }
  if (/invalid usage location/i.test(message)) {
    return make(
      'USAGE_LOCATION_MISSING',
      'usageLocation',
      targetValue,
      `The user ${shownValue(targetValue)} has no valid usageLocation, and Graph refuses to assign a license without one. Set usageLocation (a two-letter country code such as US), or pass the usageLocation option. ${said}.`,
    );
  }
  if (/not supported for group|securityEnabled/i.test(message) && kind === 'group') {
    return make(
      'GROUP_NOT_ELIGIBLE',
      targetField,
      targetValue,
      `${targetField} ${shownValue(targetValue)} is not a security group; only security groups and Microsoft 365 groups with securityEnabled can hold licenses. ${said}.`,
    );
  }
  const skuRefusal = SKU_REFUSALS.find((r) => r.pattern.test(message));
  if (skuRefusal) {
    const sku = skuNamed(message, context);
    if (sku) {
      const typed = sku.ref ?? sku.skuId;
      const name =
        sku.label ??
        skuLabel(
          describeSkuId(sku.skuId, context.tenantSkus) ?? {
            displayName: sku.skuId,
            skuPartNumber: sku.skuId,
          },
        );
      const shownName = typed === name || typed === sku.skuId ? name : `${shownValue(typed)} (${name})`;
      return make(
        skuRefusal.code,
        sku.field,
        typed,
        `${sku.field}: ${shownName} was refused because ${skuRefusal.says} [skuId ${sku.skuId}]. ${said}.`,
        { resolvedId: sku.skuId },
      );
    }
  }
  if (/depends on the service plan/i.test(message)) {
    return make(
      'GRAPH_ERROR',
      context.skus?.[0]?.field ?? targetField,
      context.skus?.[0]?.ref ?? targetValue,
      `A service plan of this license needs another plan that would be disabled: enable the plan it depends on, or disable the dependent plan too. ${said}.`,
    );
  }
  if (graphCode === 'Directory_ConcurrencyViolation' || /concurrent requests/i.test(message)) {
    return make(
      'GRAPH_ERROR',
      targetField,
      targetValue,
      `Another change to the same object was in progress, so nothing was changed; run it again. ${said}.`,
    );
  }
  if (status === 429) {
    return make(
      'GRAPH_ERROR',
      targetField,
      targetValue,
      `Microsoft Graph is throttling this app; try again later. ${said}.`,
    );
  }
  const need = permissionFor(context.operation, kind);
  return make('GRAPH_ERROR', targetField, targetValue, `Microsoft Graph refused to ${need.action}. ${said}.`);
}
