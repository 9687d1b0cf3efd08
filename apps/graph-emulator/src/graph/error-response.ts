/** Graph's error envelope: `{"error":{"code","message","innerError":{"date","request-id","client-request-id"}}}`. */
import type { GraphError } from '../errors/graph-errors.js';
import { type GraphResponse, JSON_CONTENT_TYPE } from './graph-response.js';

export interface RequestIds {
  requestId: string;
  clientRequestId: string;
}

/** `2025-02-13T10:17:06`: the innerError date format Graph uses (UTC, no fraction, no zone). */
export function innerErrorDate(now: Date = new Date()): string {
  return now.toISOString().slice(0, 19);
}

export function errorBody(error: GraphError, ids: RequestIds): unknown {
  return {
    error: {
      code: error.code,
      message: error.message,
      innerError: {
        ...error.innerExtra,
        date: innerErrorDate(),
        'request-id': ids.requestId,
        'client-request-id': ids.clientRequestId,
      },
    },
  };
}

export function errorResponse(error: GraphError, ids: RequestIds): GraphResponse {
  return {
    status: error.status,
    headers: { 'content-type': JSON_CONTENT_TYPE, ...error.headers },
    body: errorBody(error, ids),
  };
}
