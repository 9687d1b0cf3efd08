import type { Directory } from '../../model/directory.js';
import { badRequest, notFound } from '../errors.js';
import { jsonResponse } from '../graph-response.js';
import { contextUrl } from '../list.js';
import { parseSelect } from '../odata-query.js';
import { subscribedSkuJson } from '../projections.js';
import type { GraphRequest } from '../request.js';
import { methodNotAllowed, type Operation, read, segmentNotFound } from './operation.js';

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

export function skuOperation(request: GraphRequest, directory: Directory, rest: string[]): Operation {
  if (request.method !== 'GET') throw methodNotAllowed();
  if (rest.length === 0) {
    return read('readSkus', 3, () => {
      if (request.query.has('$filter')) throw badRequest('Query filter expressions are not supported.');
      const select = parseSelect(request.query, 'subscribedSku', SUBSCRIBED_SKU_PROPERTIES);
      // The list is large (every plan of every SKU) and read often: cache it while nothing it shows changes.
      const skus = [...directory.skus.values()];
      const consumed = skus.map((s) => directory.consumedUnits(s.skuId)).join(',');
      const key = `${request.baseUrl}|${request.version}|${select?.join(',')}|${consumed}`;
      const cached = skuListCache.get(directory);
      if (cached?.key === key) return { ...jsonResponse(200, cached.body), rawJson: cached.text };
      const value = skus.map((sku) => {
        const json = subscribedSkuJson(directory, sku);
        return select ? Object.fromEntries(select.map((k) => [k, json[k]])) : json;
      });
      const body = {
        '@odata.context': contextUrl(
          request,
          select ? `subscribedSkus(${select.join(',')})` : 'subscribedSkus',
        ),
        value,
      };
      skuListCache.set(directory, { key, body, text: JSON.stringify(body) });
      return jsonResponse(200, body);
    });
  }
  const id = rest[0]!;
  if (rest.length > 1) throw segmentNotFound(rest[1]!);
  return read('readSkus', 1, () => {
    const [tenantId, skuId] = id.toLowerCase().split('_');
    const sku = tenantId === directory.tenant.id && skuId ? directory.skus.get(skuId) : undefined;
    if (!sku) throw notFound(id);
    return jsonResponse(200, {
      '@odata.context': contextUrl(request, 'subscribedSkus/$entity'),
      ...subscribedSkuJson(directory, sku),
    });
  });
}
