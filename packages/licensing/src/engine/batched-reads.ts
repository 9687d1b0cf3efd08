import { type GraphClient, GraphError } from '@entra-licensing/graph-client';
import { type BatchRequest, sendBatch } from './batch-transport.js';
import { graphCall, READ_LIMITS } from './graph-call.js';
import { nextAction } from './next-action.js';
import { checkNextLink, underVersionRoot } from './next-link.js';

/** One read sent inside `$batch`: a collection (paged to the end) or one object. */
export interface BatchedRead {
  key: string;
  /** The collection's path (nextLinks are checked against it and followed); undefined for one object. */
  collection?: string;
  /** The URL under the version root, query included. */
  url: string;
}

/** A successful answer's body, as Graph sends it. */
export interface BatchedAnswer {
  value?: unknown[];
  '@odata.nextLink'?: unknown;
  error?: { code?: string; message?: string };
  [property: string]: unknown;
}

export interface BatchedReadOptions {
  sleep: (ms: number) => Promise<void>;
  /** A failed answer that costs only its own read (e.g. a refused `/organization`): skipped, not thrown. */
  tolerate?: (key: string, status: number | undefined) => boolean;
}

interface Pending extends BatchedRead {
  faultRetries: number;
  throttleRetries: number;
  notBefore: number;
}

/**
 * Reads through `$batch`, 20 a call. Each page of each read is handed to `onPage(key, body)`; a collection's
 * nextLinks are checked (same origin and path, never twice) and followed to the end. Each failed answer goes
 * through the engine's decision function (`nextAction`): a 429 closes the batch's scope until its Retry-After
 * (nothing is sent into it before), transient answers are retried with their own counts, anything else fails with
 * Graph's error. A `$batch` still unanswered after the call's own retries leaves each of its reads unanswered, so
 * that the policy decides for each read.
 */
export async function batchedReads(
  client: GraphClient,
  reads: readonly BatchedRead[],
  onPage: (key: string, body: BatchedAnswer) => void,
  options: BatchedReadOptions,
): Promise<void> {
  const versionRoot = new URL(client.graphBaseUrl).pathname.replace(/\/+$/, '');
  const followed = new Map<string, Set<string>>(reads.map((r) => [r.key, new Set()]));
  let queue: Pending[] = reads.map((r) => ({ ...r, faultRetries: 0, throttleRetries: 0, notBefore: 0 }));
  let closedUntil = 0;
  while (queue.length > 0) {
    const now = Date.now();
    if (now < closedUntil) {
      await options.sleep(closedUntil - now);
      continue;
    }
    const ready = queue.filter((r) => r.notBefore <= now).slice(0, 20);
    if (ready.length === 0) {
      await options.sleep(Math.max(1, Math.min(...queue.map((r) => r.notBefore)) - now));
      continue;
    }
    const sent = new Set(ready);
    queue = queue.filter((r) => !sent.has(r));
    const requests: BatchRequest[] = ready.map((r, i) => ({ id: String(i), method: 'GET', url: r.url }));
    const answers = await graphCall(() => sendBatch(client, requests), options.sleep).catch(
      (error: unknown) => {
        if (error instanceof GraphError && error.status === undefined) return [];
        throw error;
      },
    );
    for (const [i, read] of ready.entries()) {
      const answer = answers.find((a) => a.id === String(i));
      const body = (answer?.body ?? {}) as BatchedAnswer;
      const status = answer?.status;
      if (status !== undefined && status >= 200 && status < 300) {
        onPage(read.key, body);
        const link = body['@odata.nextLink'];
        if (read.collection === undefined || link === undefined || link === null) continue;
        const seen = followed.get(read.key) ?? new Set<string>();
        const scope = { origin: client.graphOrigin, path: `${versionRoot}${read.collection}` };
        const checked = checkNextLink(link, scope, seen);
        if (!checked.ok) throw checked.error;
        seen.add(checked.url.href);
        queue.push({
          ...read,
          url: underVersionRoot(checked.url, versionRoot),
          faultRetries: 0,
          notBefore: 0,
        });
        continue;
      }
      if (options.tolerate?.(read.key, status)) continue;
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
      if (decision.action === 'wait') closedUntil = Math.max(closedUntil, Date.now() + decision.delayMs);
      if (decision.action === 'wait' || decision.action === 'retry' || decision.action === 'reread') {
        queue.push({
          ...read,
          faultRetries: read.faultRetries + (decision.action === 'wait' ? 0 : 1),
          throttleRetries: read.throttleRetries + (decision.action === 'wait' ? 1 : 0),
          notBefore: Date.now() + decision.delayMs,
        });
        continue;
      }
      throw new GraphError({
        kind: status === undefined ? 'network' : 'graph',
        ...(status === undefined ? {} : { status }),
        code: body.error?.code ?? `HTTP${status ?? ''}`,
        message: `Reading ${read.url.split('?')[0]}: ${body.error?.message ?? 'no answer'}`,
      });
    }
  }
}
