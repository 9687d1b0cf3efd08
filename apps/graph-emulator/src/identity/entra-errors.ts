import { randomUUID } from 'node:crypto';

/** An Entra (AADSTS) error as the token endpoint answers it. */
export interface EntraError {
  status: number;
  body: {
    error: string;
    error_description: string;
    error_codes: number[];
    timestamp: string;
    trace_id: string;
    correlation_id: string;
    error_uri?: string;
  };
}

/** `2024-10-02 22:05:03Z`: the timestamp format of Entra's error answers. */
function entraTimestamp(now = new Date()): string {
  return `${now.toISOString().slice(0, 19).replace('T', ' ')}Z`;
}

/**
 * The one factory of token-endpoint errors: `{error, error_description: "AADSTS<code>: <text> Trace ID: …
 * Correlation ID: … Timestamp: …", error_codes: [code], timestamp, trace_id, correlation_id, error_uri}`.
 */
export function entraError(
  status: 400 | 401,
  error: string,
  code: number,
  text: string,
  correlationId?: string,
): EntraError {
  const traceId = randomUUID();
  const correlation = correlationId ?? randomUUID();
  const timestamp = entraTimestamp();
  return {
    status,
    body: {
      error,
      error_description: `AADSTS${code}: ${text} Trace ID: ${traceId} Correlation ID: ${correlation} Timestamp: ${timestamp}`,
      error_codes: [code],
      timestamp,
      trace_id: traceId,
      correlation_id: correlation,
      error_uri: `https://login.microsoftonline.com/error?code=${code}`,
    },
  };
}

/** `AADSTS900144`: a required form parameter is missing. */
export const missingParameter = (name: string, correlationId?: string): EntraError =>
  entraError(
    400,
    'invalid_request',
    900144,
    `The request body must contain the following parameter: '${name}'.`,
    correlationId,
  );
