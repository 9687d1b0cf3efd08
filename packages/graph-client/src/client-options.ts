import { ClientCertificateTokenSource } from './auth/client-certificate-token-source.js';
import { ClientSecretTokenSource } from './auth/client-secret-token-source.js';
import {
  type GraphCredentials,
  isAccessTokenProvider,
  isClientCertificateCredentials,
  isClientSecretCredentials,
  isFederatedTokenCredentials,
  isTokenCredential,
} from './auth/credentials.js';
import { FederatedTokenSource } from './auth/federated-token-source.js';
import { NO_TOKEN, ProviderTokenSource, TokenCredentialTokenSource } from './auth/provider-token-sources.js';
import type { TokenSource } from './auth/token-source.js';
import { GRAPH_API_VERSIONS, GRAPH_CLOUDS, type GraphApiVersion, type GraphCloud } from './clouds.js';
import { DEFAULT_REQUEST_TIMEOUT_MS, withDeadline } from './deadline-fetch.js';
import { invalidOption } from './errors.js';
import type { FetchLike } from './fetch.js';
import { parseOriginOption } from './host-policy.js';

export interface GraphClientOptions {
  /**
   * Client secret `{ tenantId, clientId, clientSecret }`, certificate `{ tenantId, clientId, certificate }`, a
   * token provider, a TokenCredential (anything with `getToken()`), or `'none'` when `fetch` authenticates by itself.
   */
  credentials: GraphCredentials;
  /** National cloud: Graph host and login authority. Default `global`. */
  cloud?: GraphCloud;
  /** Graph origin (scheme, host, port; no path) overriding the cloud's, e.g. the emulator or a proxy. */
  baseUrl?: string;
  /** Login authority origin overriding the cloud's; the token endpoint is `<origin>/<tenant>/oauth2/v2.0/token`. */
  loginBaseUrl?: string;
  /** Token scope. Default `<cloud Graph origin>/.default`. */
  scope?: string;
  /** Default `v1.0`. */
  apiVersion?: GraphApiVersion;
  /** Transport for Graph and token requests. Default: the global fetch. */
  fetch?: FetchLike;
  /** Retries of 429/503/504 responses, honouring Retry-After (integer 0–10). Default 3. */
  maxRetries?: number;
  /** Wait before a retry when the response has no Retry-After, in seconds (0–180; grows exponentially). Default 3. */
  retryDelaySeconds?: number;
  /**
   * Deadline of each request, token requests included, in ms: connecting, the first byte and the whole body must
   * all come within it (1–3,600,000). Default 60,000. On expiry the request fails with a GraphError `Timeout`
   * naming the host and the time waited (and is retried like any network failure where the caller retries).
   */
  requestTimeoutMs?: number;
}

/** The options after validation, with defaults applied. */
export interface ResolvedClientOptions {
  graphOrigin: string;
  graphBaseUrl: string;
  maxRetries: number;
  retryDelaySeconds: number;
  fetch: FetchLike;
  tokens: TokenSource;
}

function numberOption(name: string, value: unknown, fallback: number, max: number, integer: boolean): number {
  if (value === undefined) return fallback;
  if (
    typeof value !== 'number' ||
    !Number.isFinite(value) ||
    value < 0 ||
    value > max ||
    (integer && !Number.isInteger(value))
  ) {
    throw invalidOption(
      `Option ${name} must be ${integer ? 'an integer' : 'a number'} from 0 to ${max}, got ${JSON.stringify(value)}`,
    );
  }
  return value;
}

function oneOf<T extends string>(name: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !allowed.includes(value as T)) {
    throw invalidOption(`Option ${name} must be one of ${allowed.join(', ')}, got ${JSON.stringify(value)}`);
  }
  return value as T;
}

function tokenSourceFor(
  credentials: GraphCredentials,
  loginOrigin: string,
  scope: string,
  fetchImpl: FetchLike,
): TokenSource {
  if (credentials === 'none') return NO_TOKEN;
  // Checked first: a TokenCredential may carry tenantId/clientSecret too (@azure/identity's ClientSecretCredential).
  if (isTokenCredential(credentials)) return new TokenCredentialTokenSource(credentials, [scope]);
  if (isAccessTokenProvider(credentials)) return new ProviderTokenSource(credentials, [scope]);
  if (isClientCertificateCredentials(credentials)) {
    return new ClientCertificateTokenSource(credentials, loginOrigin, scope, fetchImpl);
  }
  if (isClientSecretCredentials(credentials)) {
    return new ClientSecretTokenSource(credentials, loginOrigin, scope, fetchImpl);
  }
  if (isFederatedTokenCredentials(credentials)) {
    return new FederatedTokenSource(credentials, loginOrigin, scope, fetchImpl);
  }
  throw invalidOption(
    "Option credentials must be { tenantId, clientId, clientSecret }, { tenantId, clientId, certificate }, { tenantId, clientId, federatedTokenFile }, an object with getAccessToken(), a TokenCredential with getToken(), or 'none'",
  );
}

/** Validates every option locally (errors name the option and the value, never a secret). */
export function resolveClientOptions(options: GraphClientOptions): ResolvedClientOptions {
  if (!options || typeof options !== 'object')
    throw invalidOption('createGraphClient needs an options object');
  const cloud =
    GRAPH_CLOUDS[oneOf('cloud', options.cloud ?? 'global', Object.keys(GRAPH_CLOUDS) as GraphCloud[])];
  const apiVersion = oneOf('apiVersion', options.apiVersion ?? 'v1.0', GRAPH_API_VERSIONS);
  const graphOrigin =
    options.baseUrl === undefined ? cloud.graph : parseOriginOption('baseUrl', options.baseUrl);
  const loginOrigin =
    options.loginBaseUrl === undefined
      ? cloud.login
      : parseOriginOption('loginBaseUrl', options.loginBaseUrl);
  if (options.scope !== undefined && (typeof options.scope !== 'string' || options.scope.trim() === '')) {
    throw invalidOption(`Option scope must be a non-empty string, got ${JSON.stringify(options.scope)}`);
  }
  if (options.fetch !== undefined && typeof options.fetch !== 'function') {
    throw invalidOption('Option fetch must be a function');
  }
  const requestTimeoutMs = numberOption(
    'requestTimeoutMs',
    options.requestTimeoutMs,
    DEFAULT_REQUEST_TIMEOUT_MS,
    3_600_000,
    true,
  );
  if (requestTimeoutMs < 1) throw invalidOption('Option requestTimeoutMs must be at least 1');
  const fetchImpl: FetchLike = withDeadline(
    options.fetch ?? ((url, init) => fetch(url, init)),
    requestTimeoutMs,
  );
  return {
    graphOrigin,
    graphBaseUrl: `${graphOrigin}/${apiVersion}`,
    maxRetries: numberOption('maxRetries', options.maxRetries, 3, 10, true),
    retryDelaySeconds: numberOption('retryDelaySeconds', options.retryDelaySeconds, 3, 180, false),
    fetch: fetchImpl,
    tokens: tokenSourceFor(
      options.credentials,
      loginOrigin,
      options.scope ?? `${cloud.graph}/.default`,
      fetchImpl,
    ),
  };
}
