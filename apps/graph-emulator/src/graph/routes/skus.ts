import { graphErrors } from '../../errors/graph-errors.js';
import type { Directory } from '../../model/directory.js';
import { type GraphResponse, jsonResponse } from '../graph-response.js';
import { contextUrl } from '../list.js';
import { parseSelect } from '../odata-query.js';
import { subscribedSkuJson } from '../projections.js';
import type { RouteContext } from './route-table.js';

const SUBSCRIBED_SKU_PROPERTIES = [
  'accountName',
  'accountId',
  'appliesTo',
  'capabilityStatus',
  'consumedUnits',
  'id',
  'skuId',
  'skuPartNumber',
  'subscriptionIds',
  'prepaidUnits',
  'servicePlans',
];

const skuListCache = new WeakMap<Directory, { key: string; body: unknown; text: string }>();

/** `GET /subscribedSkus`: `$select` only (a `$filter` is refused, as Graph does). */
export function listSubscribedSkus({ request, directory }: RouteContext): GraphResponse {
  if (request.query.has('$filter'))
    throw graphErrors.badRequest('Query filter expressions are not supported.');
  const select = parseSelect(request.query, 'subscribedSku', SUBSCRIBED_SKU_PROPERTIES);
  // The list is large (every plan of every SKU) and read often: cache it while nothing it shows changes.
  const skus = [...directory.skus.values()];
  const consumed = skus.map((s) => directory.consumedUnits(s.skuId)).join(',');
  const key = `${request.baseUrl}|${request.version}|${select?.join(',')}|${consumed}|${directory.revision}`;
  const cached = skuListCache.get(directory);
  if (cached?.key === key) return { ...jsonResponse(200, cached.body), rawJson: cached.text };
  const value = skus.map((sku) => {
    const json = subscribedSkuJson(directory, sku);
    return select ? Object.fromEntries(select.map((k) => [k, json[k]])) : json;
  });
  const body = {
    '@odata.context': contextUrl(request, select ? `subscribedSkus(${select.join(',')})` : 'subscribedSkus'),
    value,
  };
  skuListCache.set(directory, { key, body, text: JSON.stringify(body) });
  return jsonResponse(200, body);
}

/** `GET /subscribedSkus/{tenantId}_{skuId}`. */
export function getSubscribedSku({ request, directory, params }: RouteContext): GraphResponse {
  const id = params.subscribedSkuId!;
  const [tenantId, skuId] = id.toLowerCase().split('_');
  const sku = tenantId === directory.tenant.id && skuId ? directory.skus.get(skuId) : undefined;
  if (!sku) throw graphErrors.notFound(id);
  return jsonResponse(200, {
    '@odata.context': contextUrl(request, 'subscribedSkus/$entity'),
    ...subscribedSkuJson(directory, sku),
  });
}
