import { GraphError, graphErrors } from '../errors/graph-errors.js';
import { formatRetryAfter } from '../errors/retry-after.js';
import type { FaultRule } from '../faults/fault-spec.js';
import type { Runtime } from '../runtime.js';
import { errorResponse, type RequestIds } from './error-response.js';
import type { GraphResponse } from './graph-response.js';
import { PERMISSIONS } from './permissions.js';
import type { GraphRequest } from './request.js';
import { graphRouteTable } from './routes/graph-route-table.js';
import { resourceUnitCost } from './routes/lookups.js';
import type { Operation } from './routes/route-table.js';

/** What the request log needs to know about one executed Graph request. */
export interface ExecutionRecord {
  write: boolean;
  target: string | null;
  scopes: string[];
  throttleScope: string | null;
  retryAfter: number | null;
  fault: FaultRule | null;
  resourceUnits: number | null;
}

export interface Execution {
  response: GraphResponse;
  record: ExecutionRecord;
  /** Ends the write's hold on its target object (call once the answer is sent). */
  release(): void;
}

const noop = (): void => {};

export function emptyRecord(): ExecutionRecord {
  return {
    write: false,
    target: null,
    scopes: [],
    throttleScope: null,
    retryAfter: null,
    fault: null,
    resourceUnits: null,
  };
}

function tooManyRequests(
  ids: RequestIds,
  retryAfterMs: number,
  headers: Record<string, string>,
): GraphResponse {
  return errorResponse(graphErrors.tooManyRequests(retryAfterMs, headers), ids);
}

/**
 * Runs one Graph request (top-level or a `$batch` item): routing, permission, injected faults, throttling,
 * concurrency, then the operation itself. `transportFaults` allows reset/slow (not possible inside a batch).
 */
export function executeGraph(
  runtime: Runtime,
  request: GraphRequest,
  ids: RequestIds,
  transportFaults: boolean,
): Execution {
  const record = emptyRecord();

  const fail = (error: unknown): Execution => {
    if (error instanceof GraphError) return { response: errorResponse(error, ids), record, release: noop };
    throw error;
  };
  let operation: Operation;
  try {
    operation = graphRouteTable.resolve(runtime.directory, request);
  } catch (error) {
    return fail(error);
  }
  if (operation.refusal) return fail(operation.refusal);
  record.write = operation.write;
  record.target = operation.target ?? null;
  const granted: readonly string[] = PERMISSIONS[operation.permission];
  if (!request.app.roles.some((role) => granted.includes(role))) {
    return fail(graphErrors.insufficientPrivileges());
  }
  const now = runtime.now();
  const throttler = runtime.throttler;
  const scopes = throttler.scopesFor(request.app.clientId, operation.write);
  record.scopes = scopes.list;

  const cost = resourceUnitCost(operation, request.query);
  record.resourceUnits = cost;
  const decision = throttler.admit(request.app.clientId, operation.write, cost, now);
  if (decision.throttled) {
    record.throttleScope = decision.scope;
    record.retryAfter = Number(formatRetryAfter(decision.retryAfterMs));
    return {
      response: tooManyRequests(ids, decision.retryAfterMs, {
        'x-ms-throttle-scope': decision.scope,
        'x-ms-throttle-information': decision.information,
        'x-ms-resource-unit': String(cost),
      }),
      record,
      release: noop,
    };
  }

  const fault = runtime.faults.draw(
    operation.write,
    (rule) => transportFaults || (rule.kind !== 'reset' && rule.kind !== 'slow'),
  );
  if (fault) {
    record.fault = fault;
    switch (fault.kind) {
      case '429': {
        const scope = operation.write ? scopes.appWrite : scopes.ru;
        const retryMs = fault.ms / runtime.timeScale;
        throttler.penalize(scope, now + retryMs);
        record.throttleScope = scope;
        record.retryAfter = Number(formatRetryAfter(retryMs));
        const info = operation.write ? 'WriteLimitExceeded' : 'ResourceUnitLimitExceeded';
        return {
          response: tooManyRequests(ids, retryMs, {
            'x-ms-throttle-scope': scope,
            'x-ms-throttle-information': info,
          }),
          record,
          release: noop,
        };
      }
      case '503': {
        const retryMs = fault.ms / runtime.timeScale;
        record.retryAfter = Number(formatRetryAfter(retryMs));
        return fail(graphErrors.serviceUnavailable(retryMs));
      }
      case '504':
        return fail(graphErrors.gatewayTimeout());
      case 'concurrency':
        return fail(graphErrors.concurrencyViolation());
      default:
        break; // reset and slow are applied by the transport
    }
  }

  let release = noop;
  const target = operation.target;
  if (operation.write && target && runtime.concurrencyViolations) {
    if (runtime.inFlight.has(target)) return fail(graphErrors.concurrencyViolation());
    runtime.inFlight.set(target, now);
    release = () => {
      runtime.inFlight.delete(target);
    };
  }

  let response: GraphResponse;
  try {
    response = operation.run();
  } catch (error) {
    release();
    const failed = fail(error);
    // An admitted request that fails (404, 400…) was still charged: Graph reports its cost on errors too.
    failed.response.headers['x-ms-resource-unit'] = String(cost);
    return failed;
  }
  response.headers['x-ms-resource-unit'] = String(cost);
  const limitPercentage = formatLimitPercentage(decision.limitPercentage);
  if (limitPercentage !== undefined) response.headers['x-ms-throttle-limit-percentage'] = limitPercentage;
  return { response, record, release };
}

/**
 * `x-ms-throttle-limit-percentage`: sent only once more than 0.8 of a limit is used; Graph's values range from
 * 0.8 to 1.8 (throttling guidance, "Identity and access service limits").
 */
export function formatLimitPercentage(usage: number): string | undefined {
  if (!(usage > 0.8)) return undefined;
  return String(Math.min(1.8, Math.floor(usage * 100) / 100));
}
