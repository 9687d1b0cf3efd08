import { type GraphClient, GraphError } from '@entra-licensing/graph-client';
import type { CompanySubscriptionLike } from '../core/report/types.js';
import { type BatchRequest, sendBatch } from './batch-transport.js';
import { defaultSleep, READ_LIMITS } from './graph-call.js';
import { nextAction } from './next-action.js';
import { checkNextLink, underVersionRoot } from './next-link.js';

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

interface Answer {
  value?: unknown[];
  displayName?: unknown;
  '@odata.nextLink'?: unknown;
  error?: { code?: string; message?: string };
}

interface Pending {
  key: 'subscriptions' | 'organization';
  collection: string;
  url: string;
  faultRetries: number;
  throttleRetries: number;
}

/**
 * Reads `/directory/subscriptions` (every page, nextLinks checked) and the organization's name in one `$batch`
 * round trip. Each answer goes through the engine's decision function: 429 waits, transient answers are retried,
 * anything else fails with Graph's error — except a refused `/organization`, which only costs the report its name.
 */
export async function readReportExtras(context: ReportReadContext): Promise<ReportExtras> {
  const { client } = context;
  const sleep = context.sleep ?? defaultSleep;
  const versionRoot = new URL(client.graphBaseUrl).pathname.replace(/\/+$/, '');
  const subscriptions: CompanySubscriptionLike[] = [];
  let organization: ReportExtras['organization'] = null;
  const followed = new Set<string>();
  let queue: Pending[] = [
    {
      key: 'subscriptions',
      collection: '/directory/subscriptions',
      url: '/directory/subscriptions',
      faultRetries: 0,
      throttleRetries: 0,
    },
    {
      key: 'organization',
      collection: '/organization',
      url: '/organization?$select=id,displayName',
      faultRetries: 0,
      throttleRetries: 0,
    },
  ];
  while (queue.length > 0) {
    const sent = queue;
    queue = [];
    const requests: BatchRequest[] = sent.map((r, i) => ({ id: String(i), method: 'GET', url: r.url }));
    // A $batch that got no answer (socket closed, timeout) leaves every read unanswered: the policy decides each.
    const answers = await sendBatch(client, requests).catch((error: unknown) => {
      if (error instanceof GraphError && error.status === undefined) return [];
      throw error;
    });
    let delay = 0;
    for (const [i, read] of sent.entries()) {
      const answer = answers.find((a) => a.id === String(i));
      const body = (answer?.body ?? {}) as Answer;
      const status = answer?.status;
      if (status !== undefined && status >= 200 && status < 300) {
        if (read.key === 'organization') {
          const org = (body.value?.[0] ?? {}) as { id?: unknown; displayName?: unknown };
          if (typeof org.id === 'string')
            organization = {
              id: org.id,
              displayName: typeof org.displayName === 'string' ? org.displayName : org.id,
            };
          continue;
        }
        subscriptions.push(...((body.value ?? []) as CompanySubscriptionLike[]));
        const link = body['@odata.nextLink'];
        if (link === undefined || link === null) continue;
        const checked = checkNextLink(
          link,
          { origin: client.graphOrigin, path: `${versionRoot}${read.collection}` },
          followed,
        );
        if (!checked.ok) throw checked.error;
        followed.add(checked.url.href);
        queue.push({ ...read, url: underVersionRoot(checked.url, versionRoot), faultRetries: 0 });
        continue;
      }
      if (read.key === 'organization' && (status === 403 || status === 401)) continue;
      const retryAfter = Number(answer?.headers['retry-after']);
      const decision = nextAction(
        { kind: 'read', faultRetries: read.faultRetries, throttleRetries: read.throttleRetries },
        {
          status,
          code: body.error?.code,
          message: body.error?.message,
          ...(Number.isFinite(retryAfter) ? { retryAfterMs: retryAfter * 1000 } : {}),
        },
        { ...READ_LIMITS, random: Math.random },
      );
      if (decision.action === 'wait' || decision.action === 'retry' || decision.action === 'reread') {
        delay = Math.max(delay, decision.delayMs);
        queue.push({
          ...read,
          faultRetries: read.faultRetries + (decision.action === 'wait' ? 0 : 1),
          throttleRetries: read.throttleRetries + (decision.action === 'wait' ? 1 : 0),
        });
        continue;
      }
      throw new GraphError({
        kind: status === undefined ? 'network' : 'graph',
        ...(status === undefined ? {} : { status }),
        code: body.error?.code ?? `HTTP${status ?? ''}`,
        message: `Reading ${read.collection}: ${body.error?.message ?? 'no answer'}`,
      });
    }
    if (queue.length > 0 && delay > 0) await sleep(delay);
  }
  return { subscriptions, organization };
}
