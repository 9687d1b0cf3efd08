import { type GraphResponse, JSON_CONTENT_TYPE } from './graph-response.js';

/** Graph's error codes used by the directory (licensing) endpoints. */
export type GraphErrorCode =
  | 'Request_BadRequest'
  | 'Request_ResourceNotFound'
  | 'Request_UnsupportedQuery'
  | 'BadRequest'
  | 'Authorization_RequestDenied'
  | 'InvalidAuthenticationToken'
  | 'TooManyRequests'
  | 'Directory_ConcurrencyViolation'
  | 'serviceNotAvailable'
  | 'gatewayTimeout'
  | 'FailedDependency'
  | 'UnknownError';

/** An error a handler throws; turned into Graph's envelope by {@link errorResponse}. */
export class GraphError extends Error {
  constructor(
    readonly status: number,
    readonly code: GraphErrorCode,
    message: string,
    readonly headers: Record<string, string> = {},
    readonly innerExtra: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'GraphError';
  }
}

export const badRequest = (message: string): GraphError => new GraphError(400, 'Request_BadRequest', message);

export const notFound = (id: string): GraphError =>
  new GraphError(
    404,
    'Request_ResourceNotFound',
    `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`,
  );

export const unsupportedQuery = (message = 'Unsupported query.'): GraphError =>
  new GraphError(400, 'Request_UnsupportedQuery', message);

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
