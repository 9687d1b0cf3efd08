import type { GraphClient } from '@entra-licensing/graph-client';
import type { CompanySubscriptionLike } from '../core/report/types.js';
import { batchedReads } from './batched-reads.js';
import { defaultSleep } from './graph-call.js';

export interface ReportReadContext {
  client: GraphClient;
  sleep?: (ms: number) => Promise<void>;
}

/** What the report reads beside the tenant license model. */
export interface ReportExtras {
  /** `GET /directory/subscriptions`, paged to the end. */
  subscriptions: CompanySubscriptionLike[];
  /** `GET /organization`'s id and display name; `null` when the identity may not read it. */
  organization: { id: string; displayName: string } | null;
}

/**
 * Reads `/directory/subscriptions` (every page, nextLinks checked) and the organization's name in one `$batch`
 * round trip, under the engine's read policy (`batchedReads`) — except that a refused `/organization` only costs
 * the report its name.
 */
export async function readReportExtras(context: ReportReadContext): Promise<ReportExtras> {
  const subscriptions: CompanySubscriptionLike[] = [];
  let organization: ReportExtras['organization'] = null;
  await batchedReads(
    context.client,
    [
      { key: 'subscriptions', collection: '/directory/subscriptions', url: '/directory/subscriptions' },
      { key: 'organization', url: '/organization?$select=id,displayName' },
    ],
    (key, body) => {
      if (key === 'subscriptions') {
        subscriptions.push(...((body.value ?? []) as CompanySubscriptionLike[]));
        return;
      }
      const org = (body.value?.[0] ?? {}) as { id?: unknown; displayName?: unknown };
      if (typeof org.id === 'string') {
        organization = {
          id: org.id,
          displayName: typeof org.displayName === 'string' ? org.displayName : org.id,
        };
      }
    },
    {
      sleep: context.sleep ?? defaultSleep,
      tolerate: (key, status) => key === 'organization' && (status === 401 || status === 403),
    },
  );
  return { subscriptions, organization };
}
