/** `/directory/subscriptions`: the tenant's commercial subscriptions (Graph's companySubscription). */

import { graphErrors } from '../../errors/graph-errors.js';
import type { Directory } from '../../model/directory.js';
import type { Subscription } from '../../model/types.js';
import { type GraphResponse, jsonResponse } from '../graph-response.js';
import { contextUrl } from '../list.js';
import { parseSelect } from '../odata-query.js';
import { selectFragment } from './lookups.js';
import type { RouteContext } from './route-table.js';

/** The properties of companySubscription in Graph v1.0 (CSDL), in the order Graph's example shows them. */
const COMPANY_SUBSCRIPTION_PROPERTIES = [
  'createdDateTime',
  'commerceSubscriptionId',
  'id',
  'isTrial',
  'nextLifecycleDateTime',
  'serviceStatus',
  'skuId',
  'skuPartNumber',
  'status',
  'totalLicenses',
  'ownerId',
  'ownerTenantId',
  'ownerType',
];

function subscriptionJson(directory: Directory, subscription: Subscription): Record<string, unknown> {
  const sku = directory.skus.get(subscription.skuId);
  return {
    createdDateTime: subscription.createdDateTime,
    commerceSubscriptionId: subscription.commerceSubscriptionId,
    id: subscription.id,
    isTrial: subscription.isTrial,
    nextLifecycleDateTime: subscription.nextLifecycleDateTime,
    serviceStatus: (sku?.servicePlans ?? []).map((p) => ({
      appliesTo: sku?.appliesTo ?? 'User',
      provisioningStatus: 'Success',
      servicePlanId: p.servicePlanId,
      servicePlanName: p.servicePlanName,
    })),
    skuId: subscription.skuId,
    skuPartNumber: sku?.skuPartNumber ?? null,
    status: subscription.status,
    totalLicenses: subscription.totalLicenses,
    // Bought by the tenant itself in the emulator: no account admin or partner is recorded.
    ownerId: null,
    ownerTenantId: null,
    ownerType: null,
  };
}

const selected = (json: Record<string, unknown>, select: readonly string[] | undefined) =>
  select ? Object.fromEntries(select.map((k) => [k, json[k]])) : json;

/** `GET /directory/subscriptions`: every subscription, `$select` supported. */
export function listSubscriptions({ request, directory }: RouteContext): GraphResponse {
  const select = parseSelect(request.query, 'companySubscription', COMPANY_SUBSCRIPTION_PROPERTIES);
  return jsonResponse(200, {
    '@odata.context': contextUrl(request, selectFragment('directory/subscriptions', { select })),
    value: directory.subscriptions.map((s) => selected(subscriptionJson(directory, s), select)),
  });
}

/** `GET /directory/subscriptions/{id}`. */
export function getSubscription({ request, directory, params }: RouteContext): GraphResponse {
  const id = params.subscriptionId!;
  const subscription = directory.subscriptions.find((s) => s.id === id.toLowerCase());
  if (!subscription) throw graphErrors.notFound(id);
  const select = parseSelect(request.query, 'companySubscription', COMPANY_SUBSCRIPTION_PROPERTIES);
  return jsonResponse(200, {
    '@odata.context': contextUrl(request, `${selectFragment('directory/subscriptions', { select })}/$entity`),
    ...selected(subscriptionJson(directory, subscription), select),
  });
}
