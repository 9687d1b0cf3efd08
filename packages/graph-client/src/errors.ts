/** What failed: Graph answered an error, the token endpoint refused, the network failed, this client refused locally, or something else threw. */
export type GraphErrorKind = 'graph' | 'token' | 'network' | 'refused' | 'unexpected';

export interface GraphInnerError {
  code?: string;
  date?: string;
  requestId?: string;
  clientRequestId?: string;
}

export interface GraphErrorInit {
  kind: GraphErrorKind;
  status?: number;
  code: string;
  message: string;
  requestId?: string;
  clientRequestId?: string;
  retryAfterSeconds?: number;
  innerError?: GraphInnerError;
  cause?: unknown;
}

const BEARER = /\bBearer\s+[\w\-.~+/]+=*/gi;
const JWT = /\beyJ[\w-]*\.[\w-]*\.[\w-]*/g;

/** Removes anything that looks like a bearer token or a JWT from a text meant for errors and logs. */
export function redactTokens(text: string): string {
  return text.replace(BEARER, 'Bearer [redacted]').replace(JWT, '[redacted token]');
}

/**
 * The one error this package lets out: HTTP status, Graph `error.code`, message, `request-id`,
 * `client-request-id`, `Retry-After`. It never carries a token, a secret or request headers.
 */
export class GraphError extends Error {
  override readonly name = 'GraphError';
  readonly kind: GraphErrorKind;
  /** HTTP status of the failed response; undefined when no response was received. */
  readonly status: number | undefined;
  /** Graph `error.code` (e.g. `Request_BadRequest`), token-endpoint `error`, or a local code (`NetworkError`, `HostNotAllowed`, …). */
  readonly code: string;
  readonly requestId: string | undefined;
  readonly clientRequestId: string | undefined;
  /** `Retry-After` of the response in seconds (may be fractional). */
  readonly retryAfterSeconds: number | undefined;
  readonly innerError: GraphInnerError | undefined;

  constructor(init: GraphErrorInit) {
    super(
      redactTokens(init.message),
      init.cause === undefined ? undefined : { cause: sanitizeCause(init.cause) },
    );
    this.kind = init.kind;
    this.status = init.status;
    this.code = init.code;
    this.requestId = init.requestId;
    this.clientRequestId = init.clientRequestId;
    this.retryAfterSeconds = init.retryAfterSeconds;
    this.innerError = init.innerError;
  }

  /** A plain object for logs and n8n output (no stack, no cause). */
  toJSON(): Omit<GraphErrorInit, 'cause'> & { name: string } {
    return {
      name: this.name,
      kind: this.kind,
      ...(this.status === undefined ? {} : { status: this.status }),
      code: this.code,
      message: this.message,
      ...(this.requestId ? { requestId: this.requestId } : {}),
      ...(this.clientRequestId ? { clientRequestId: this.clientRequestId } : {}),
      ...(this.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: this.retryAfterSeconds }),
      ...(this.innerError ? { innerError: this.innerError } : {}),
    };
  }
}

/** Keeps only the name, message and code of a cause: Kiota errors carry response headers, fetch errors the request. */
function sanitizeCause(cause: unknown): Error | undefined {
  if (!(cause instanceof Error)) return undefined;
  const clean = new Error(redactTokens(cause.message));
  clean.name = cause.name;
  const code = (cause as { code?: unknown }).code;
  if (typeof code === 'string') Object.assign(clean, { code });
  return clean;
}

export function isGraphError(value: unknown): value is GraphError {
  return value instanceof GraphError;
}

type HeaderBag = Record<string, string[] | string | undefined> | undefined;

function header(headers: HeaderBag, name: string): string | undefined {
  if (!headers) return undefined;
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== name) continue;
    // Kiota splits header values on commas (which breaks HTTP dates): join them back
    return Array.isArray(value) ? value.join(',') : value;
  }
  return undefined;
}

/** Parses `Retry-After` as seconds (decimal, possibly fractional) or as an HTTP date. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (value === null || value === undefined || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, (date - now) / 1000);
}

interface KiotaMainError {
  code?: string | null;
  message?: string | null;
  innerError?: {
    requestId?: string | null;
    clientRequestId?: string | null;
    date?: Date | null;
    additionalData?: Record<string, unknown>;
  } | null;
}
interface KiotaApiErrorLike {
  responseStatusCode?: number;
  responseHeaders?: Record<string, string[]>;
  errorEscaped?: KiotaMainError | null;
  error?: KiotaMainError | null;
  message?: string;
}

const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EPIPE',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

function networkCode(err: unknown): string | undefined {
  let current: unknown = err;
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && NETWORK_CODES.has(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  if (err instanceof TypeError && /fetch failed|network/i.test(err.message)) return 'NetworkError';
  if (err instanceof Error && (err.name === 'AbortError' || err.name === 'TimeoutError')) return err.name;
  return undefined;
}

/**
 * Turns whatever Kiota or the transport throws into a GraphError: a deserialized ODataError (not a
 * real Error), a DefaultApiError, a fetch/undici network failure, or an Error of this package.
 */
export function toGraphError(err: unknown): GraphError {
  if (err instanceof GraphError) return err;
  const apiError = (err && typeof err === 'object' ? err : {}) as KiotaApiErrorLike;
  const status = typeof apiError.responseStatusCode === 'number' ? apiError.responseStatusCode : undefined;
  if (status !== undefined) {
    const headers = apiError.responseHeaders;
    const main = apiError.errorEscaped ?? apiError.error ?? undefined;
    const inner = main?.innerError ?? undefined;
    const innerCode = inner?.additionalData?.code;
    const innerError: GraphInnerError | undefined = inner
      ? {
          ...(typeof innerCode === 'string' ? { code: innerCode } : {}),
          ...(inner.date ? { date: inner.date.toISOString() } : {}),
          ...(inner.requestId ? { requestId: inner.requestId } : {}),
          ...(inner.clientRequestId ? { clientRequestId: inner.clientRequestId } : {}),
        }
      : undefined;
    const requestId = header(headers, 'request-id') ?? inner?.requestId ?? undefined;
    const clientRequestId = header(headers, 'client-request-id') ?? inner?.clientRequestId ?? undefined;
    const retryAfterSeconds = parseRetryAfter(header(headers, 'retry-after'));
    return new GraphError({
      kind: 'graph',
      status,
      code: main?.code || `HTTP${status}`,
      message: main?.message || `Microsoft Graph answered HTTP ${status} without an error body`,
      ...(requestId ? { requestId } : {}),
      ...(clientRequestId ? { clientRequestId } : {}),
      ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
      ...(innerError ? { innerError } : {}),
    });
  }
  const network = networkCode(err);
  if (network) {
    return new GraphError({
      kind: 'network',
      code: network,
      message: `The request to Microsoft Graph failed before a response was received (${network})`,
      cause: err,
    });
  }
  const message = err instanceof Error ? err.message : String(err);
  return new GraphError({ kind: 'unexpected', code: 'UnexpectedError', message, cause: err });
}

/** The one error for an option or credential field that is wrong before any request (`kind: 'refused'`, `InvalidOption`). */
export function invalidOption(message: string): GraphError {
  return new GraphError({ kind: 'refused', code: 'InvalidOption', message });
}
