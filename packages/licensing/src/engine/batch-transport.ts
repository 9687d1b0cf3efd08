import type { GraphClient } from '@entra-licensing/graph-client';
import { toGraphError } from '@entra-licensing/graph-client';
import { NO_CLIENT_RETRY } from './no-client-retry.js';

/** One request inside a JSON `$batch`. */
export interface BatchRequest {
  id: string;
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** Relative to the version root, e.g. `/groups/{id}/assignLicense`. */
  url: string;
  body?: unknown;
}

/** One answer of a `$batch`, with lower-cased header names. */
export interface BatchResponse {
  id: string;
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

interface RawBatchResponse {
  responses?: { id?: unknown; status?: unknown; headers?: Record<string, unknown> | null; body?: unknown }[];
}

/**
 * Sends a `$batch` through the client's request adapter (so its auth, host pinning and middleware apply), writing
 * the JSON ourselves: every step with a body gets `Content-Type: application/json`, and both arrays of an
 * `assignLicense` body are kept even when empty. Throws a GraphError when the batch itself fails. The client's own
 * retry handler is off for it: the engine's failure policy decides about every answer, the batch's included.
 */
export async function sendBatch(
  client: GraphClient,
  requests: readonly BatchRequest[],
): Promise<BatchResponse[]> {
  const payload = {
    requests: requests.map((r) => ({
      id: r.id,
      method: r.method,
      url: r.url,
      ...(r.body === undefined ? {} : { headers: { 'Content-Type': 'application/json' }, body: r.body }),
    })),
  };
  let raw: ArrayBuffer | undefined;
  try {
    const info = client.batch.toPostRequestInformation({ requests: [] });
    info.headers.delete('Content-Type');
    info.addRequestOptions(NO_CLIENT_RETRY);
    info.setStreamContent(
      new TextEncoder().encode(JSON.stringify(payload)).buffer as ArrayBuffer,
      'application/json',
    );
    raw = await client.requestAdapter.sendPrimitive<ArrayBuffer>(info, 'ArrayBuffer', undefined);
  } catch (error) {
    throw toGraphError(error);
  }
  const text = raw ? new TextDecoder().decode(raw) : '';
  const parsed = (text ? JSON.parse(text) : {}) as RawBatchResponse;
  return (parsed.responses ?? []).map((r) => {
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(r.headers ?? {})) headers[k.toLowerCase()] = String(v);
    return {
      id: String(r.id),
      status: typeof r.status === 'number' ? r.status : 0,
      headers,
      body: r.body,
    };
  });
}
