import { graphErrors } from '../errors/graph-errors.js';
import type { RequestLogEntry } from '../request-log.js';
import type { Runtime } from '../runtime.js';
import { errorBody, type RequestIds } from './error-response.js';
import { type GraphResponse, jsonResponse } from './graph-response.js';
import { type ExecutionRecord, emptyRecord, executeGraph } from './pipeline.js';
import type { GraphRequest } from './request.js';

const MAX_BATCH = 20;

interface BatchItem {
  id: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
  dependsOn: string[];
}

const invalidBatch = graphErrors.invalidRequest;

function parseBatch(body: unknown): BatchItem[] {
  const requests =
    typeof body === 'object' && body !== null ? (body as Record<string, unknown>).requests : undefined;
  if (!Array.isArray(requests))
    throw invalidBatch('Invalid batch payload format: a "requests" array is required.');
  if (requests.length > MAX_BATCH) {
    throw invalidBatch(
      `The number of requests in a batch cannot exceed ${MAX_BATCH}; this batch has ${requests.length}.`,
    );
  }
  const items = requests.map((raw: unknown, index): BatchItem => {
    const r = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
    if (typeof r.id !== 'string' || r.id === '')
      throw invalidBatch(`Invalid batch payload format: requests[${index}].id is required.`);
    if (typeof r.method !== 'string')
      throw invalidBatch(`Invalid batch payload format: requests[${index}].method is required.`);
    if (typeof r.url !== 'string')
      throw invalidBatch(`Invalid batch payload format: requests[${index}].url is required.`);
    const headers: Record<string, string> = {};
    if (typeof r.headers === 'object' && r.headers !== null) {
      for (const [k, v] of Object.entries(r.headers)) headers[k.toLowerCase()] = String(v);
    }
    const dependsOn = Array.isArray(r.dependsOn) ? r.dependsOn.map(String) : [];
    return { id: r.id, method: r.method.toUpperCase(), url: r.url, headers, body: r.body, dependsOn };
  });
  const seen = new Set<string>();
  for (const item of items) {
    if (seen.has(item.id))
      throw invalidBatch(`Batch request ids must be unique; '${item.id}' appears more than once.`);
    seen.add(item.id);
  }
  for (const item of items) {
    for (const dep of item.dependsOn) {
      if (!seen.has(dep))
        throw invalidBatch(`Request '${item.id}' depends on '${dep}', which is not in the batch.`);
    }
  }
  return items;
}

function splitUrl(url: string): {
  version: 'v1.0' | 'beta' | undefined;
  segments: string[];
  query: URLSearchParams;
} {
  const parsed = new URL(url.replace(/^\/?/, '/'), 'http://batch.invalid');
  let segments = parsed.pathname
    .split('/')
    .filter((s) => s.length > 0)
    .map((s) => decodeURIComponent(s));
  let version: 'v1.0' | 'beta' | undefined;
  if (segments[0] === 'v1.0' || segments[0] === 'beta') {
    version = segments[0];
    segments = segments.slice(1);
  }
  return { version, segments, query: parsed.searchParams };
}

/** Header names as Graph writes them inside batch answers (JSON keys are case-sensitive). */
const BATCH_HEADER_NAMES: Record<string, string> = {
  'content-type': 'Content-Type',
  location: 'Location',
  'retry-after': 'Retry-After',
  'www-authenticate': 'WWW-Authenticate',
};

function batchHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = { 'Cache-Control': 'no-cache', 'OData-Version': '4.0' };
  for (const [name, value] of Object.entries(headers)) out[BATCH_HEADER_NAMES[name] ?? name] = value;
  return out;
}

export interface BatchOutcome {
  response: GraphResponse;
  entries: Omit<RequestLogEntry, 'seq'>[];
  /** Releases the concurrency holds of the items' writes (once the answer is sent). */
  release(): void;
}

/** JSON batching: up to 20 requests, run in order, `dependsOn` failures answered 424; outer status 200. */
export function executeBatch(
  runtime: Runtime,
  outer: GraphRequest,
  ids: RequestIds,
  arrival: number,
): BatchOutcome {
  const items = parseBatch(outer.body);
  const statuses = new Map<string, number>();
  const responses: unknown[] = [];
  const entries: Omit<RequestLogEntry, 'seq'>[] = [];
  const releases: (() => void)[] = [];
  for (const item of items) {
    const { version, segments, query } = splitUrl(item.url);
    const itemVersion = version ?? outer.version;
    const path = `/${itemVersion}/${segments.join('/')}`;
    let response: GraphResponse;
    let record: ExecutionRecord = { ...emptyRecord(), write: item.method !== 'GET' };
    const failedDependency = item.dependsOn.find((dep) => (statuses.get(dep) ?? 424) >= 400);
    if (failedDependency !== undefined) {
      response = jsonResponse(424, errorBody(graphErrors.failedDependency(failedDependency), ids));
    } else if (item.body !== undefined && !item.headers['content-type']) {
      response = jsonResponse(
        400,
        errorBody(
          graphErrors.invalidRequest('A Content-Type header is required for a request with a body.'),
          ids,
        ),
      );
    } else {
      const execution = executeGraph(
        runtime,
        {
          method: item.method,
          version: itemVersion,
          segments,
          query,
          headers: { ...outer.headers, ...item.headers },
          body: item.body,
          baseUrl: outer.baseUrl,
          app: outer.app,
        },
        ids,
        false,
      );
      response = execution.response;
      record = execution.record;
      releases.push(execution.release);
    }
    statuses.set(item.id, response.status);
    responses.push({
      id: item.id,
      status: response.status,
      headers: batchHeaders(response.headers),
      body: response.body,
    });
    const now = runtime.now();
    entries.push({
      time: new Date(arrival).toISOString(),
      timeMs: arrival,
      completedMs: now,
      clientId: outer.app.clientId,
      method: item.method,
      path,
      target: record.target,
      status: response.status,
      throttled: response.status === 429,
      retryAfter: record.retryAfter,
      write: record.write,
      scopes: record.scopes,
      throttleScope: record.throttleScope,
      fault: record.fault?.kind ?? null,
      resourceUnits: record.resourceUnits,
      batch: { requestId: ids.requestId, id: item.id },
      requestId: ids.requestId,
    });
  }
  return {
    response: jsonResponse(200, { responses }),
    entries,
    release: () => {
      for (const release of releases) release();
    },
  };
}
