import { GraphError, toGraphError } from '@entra-licensing/graph-client';
import { LicensingError } from '../core/licensing-error.js';
import type { BatchResponse } from './batch-transport.js';
import type { Outcome } from './job.js';
import type { BulkError } from './types.js';

/** A thrown error as a result's error (fields kept, nothing secret: GraphError messages are redacted). */
export function errorOf(error: unknown): BulkError {
  if (error instanceof LicensingError) {
    return {
      code: error.code,
      message: error.message,
      field: error.field,
      value: error.value,
      ...(error.status === undefined ? {} : { status: error.status }),
      ...(error.graphCode === undefined ? {} : { graphCode: error.graphCode }),
      ...(error.suggestions.length > 0 ? { suggestions: error.suggestions } : {}),
    };
  }
  const e = error as { code?: unknown; message?: unknown; status?: unknown };
  return {
    code: typeof e?.code === 'string' ? e.code : 'UnexpectedError',
    message: typeof e?.message === 'string' ? e.message : String(error),
    ...(typeof e?.status === 'number' ? { status: e.status } : {}),
  };
}

/** Graph's `error.code` and `error.message` of a `$batch` answer. */
export function graphFacts(response: BatchResponse): {
  code: string | undefined;
  message: string | undefined;
} {
  const body = response.body as { error?: { code?: unknown; message?: unknown } } | undefined;
  return {
    code: typeof body?.error?.code === 'string' ? body.error.code : undefined,
    message: typeof body?.error?.message === 'string' ? body.error.message : undefined,
  };
}

/** A refused `$batch` item as the GraphError a single request would have thrown. */
export function graphErrorOf(response: BatchResponse): GraphError {
  const { code, message } = graphFacts(response);
  const requestId = response.headers['request-id'];
  return new GraphError({
    kind: 'graph',
    status: response.status,
    code: code ?? `HTTP${response.status}`,
    message: message ?? `Microsoft Graph answered HTTP ${response.status} without an error body`,
    ...(requestId ? { requestId } : {}),
  });
}

/**
 * A failed outcome's error as raised: the original LicensingError or GraphError when there is one (another error
 * as the GraphError it stands for), else the GraphError its result's error describes (retries ran out, say).
 */
export function raisedError(outcome: Outcome | undefined): LicensingError | GraphError {
  const cause = outcome?.cause;
  if (cause instanceof LicensingError || cause instanceof GraphError) return cause;
  if (cause !== undefined) return toGraphError(cause);
  const error = outcome?.error ?? { code: 'InternalError', message: 'The call ended without a result.' };
  return new GraphError({
    kind: error.status === undefined ? 'network' : 'graph',
    ...(error.status === undefined ? {} : { status: error.status }),
    code: error.code,
    message: error.message,
  });
}
