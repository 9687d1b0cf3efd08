import { AnonymousAuthenticationProvider, type RequestAdapter } from '@microsoft/kiota-abstractions';
import {
  FetchRequestAdapter,
  HttpClient,
  ParametersNameDecodingHandler,
  RedirectHandler,
  RetryHandler,
  RetryHandlerOptions,
  UserAgentHandler,
  UserAgentHandlerOptions,
} from '@microsoft/kiota-http-fetchlibrary';
import { ClientSecretTokenSource } from './auth/client-secret-token-source.js';
import {
  type GraphCredentials,
  isAccessTokenProvider,
  isClientSecretCredentials,
  isTokenCredential,
} from './auth/credentials.js';
import { NO_TOKEN, ProviderTokenSource, TokenCredentialTokenSource } from './auth/provider-token-sources.js';
import type { TokenSource } from './auth/token-source.js';
import { GRAPH_API_VERSIONS, GRAPH_CLOUDS, type GraphApiVersion, type GraphCloud } from './clouds.js';
import { GraphError } from './errors.js';
import type { FetchLike } from './fetch.js';
import { createGraphLicensingClient, type GraphLicensingClient } from './generated/graphLicensingClient.js';
import { rejectWithGraphErrors } from './graph-error-adapter.js';
import { parseOriginOption } from './host-policy.js';
import { GraphAuthorizationMiddleware } from './middleware/authorization-middleware.js';
import { ClientRequestIdMiddleware } from './middleware/client-request-id-middleware.js';
import { ResponseBodyMiddleware } from './middleware/response-body-middleware.js';
import { withPathIdValidation } from './path-ids.js';
import { PACKAGE_NAME, PACKAGE_VERSION } from './version.js';

export interface GraphClientOptions {
  /** Client secret, token provider, TokenCredential, or `'none'` when `fetch` authenticates by itself. */
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
  /** Retries of 429/503/504 responses, honouring Retry-After (0–10). Default 3. */
  maxRetries?: number;
  /** Wait before a retry when the response has no Retry-After, in seconds (0–180; grows exponentially). Default 3. */
  retryDelaySeconds?: number;
}

/** The Kiota-generated client, with the adapter (for `$batch` or raw requests) and the resolved endpoints. */
export type GraphClient = GraphLicensingClient & {
  readonly requestAdapter: RequestAdapter;
  /** Versioned root, e.g. `https://graph.microsoft.com/v1.0`. */
  readonly graphBaseUrl: string;
  /** The only origin this client sends requests (and tokens) to. */
  readonly graphOrigin: string;
};

function invalid(message: string): GraphError {
  return new GraphError({ kind: 'refused', code: 'InvalidOption', message });
}

function intOption(
  name: string,
  value: number | undefined,
  fallback: number,
  min: number,
  max: number,
): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    throw invalid(`Option ${name} must be a number from ${min} to ${max}, got ${JSON.stringify(value)}`);
  }
  return value;
}

function tokenSourceFor(
  options: GraphClientOptions,
  loginOrigin: string,
  scope: string,
  fetchImpl: FetchLike,
): TokenSource {
  const { credentials } = options;
  if (credentials === 'none') return NO_TOKEN;
  if (isClientSecretCredentials(credentials)) {
    return new ClientSecretTokenSource(credentials, loginOrigin, scope, fetchImpl);
  }
  if (isAccessTokenProvider(credentials)) return new ProviderTokenSource(credentials, [scope]);
  if (isTokenCredential(credentials)) return new TokenCredentialTokenSource(credentials, [scope]);
  throw invalid(
    "Option credentials must be { tenantId, clientId, clientSecret }, an object with getAccessToken(), a TokenCredential with getToken(), or 'none'",
  );
}

/**
 * Creates the Graph licensing client: Kiota's generated request builders over a fetch pipeline with
 * retry (Retry-After, fractional seconds included), redirects, a User-Agent naming this package, and
 * an authorization step that only ever talks to the configured Graph origin. Every request rejects
 * with a GraphError; every `by…Id()` id is validated before it reaches a URL.
 */
export function createGraphClient(options: GraphClientOptions): GraphClient {
  if (!options || typeof options !== 'object') throw invalid('createGraphClient needs an options object');
  const cloudName = options.cloud ?? 'global';
  const cloud = GRAPH_CLOUDS[cloudName];
  if (!cloud) {
    throw invalid(
      `Option cloud must be one of ${Object.keys(GRAPH_CLOUDS).join(', ')}, got ${JSON.stringify(cloudName)}`,
    );
  }
  const apiVersion = options.apiVersion ?? 'v1.0';
  if (!GRAPH_API_VERSIONS.includes(apiVersion)) {
    throw invalid(
      `Option apiVersion must be one of ${GRAPH_API_VERSIONS.join(', ')}, got ${JSON.stringify(apiVersion)}`,
    );
  }
  const graphOrigin =
    options.baseUrl === undefined ? cloud.graph : parseOriginOption('baseUrl', options.baseUrl);
  const loginOrigin =
    options.loginBaseUrl === undefined
      ? cloud.login
      : parseOriginOption('loginBaseUrl', options.loginBaseUrl);
  const scope = options.scope ?? `${cloud.graph}/.default`;
  const maxRetries = intOption('maxRetries', options.maxRetries, 3, 0, 10);
  const delay = intOption('retryDelaySeconds', options.retryDelaySeconds, 3, 0, 180);
  if (options.fetch !== undefined && typeof options.fetch !== 'function')
    throw invalid('Option fetch must be a function');
  const fetchImpl: FetchLike = options.fetch ?? ((url, init) => fetch(url, init));

  const tokens = tokenSourceFor(options, loginOrigin, scope, fetchImpl);
  const httpClient = new HttpClient(
    fetchImpl,
    new ClientRequestIdMiddleware(),
    new RetryHandler(new RetryHandlerOptions({ maxRetries, delay })),
    new RedirectHandler(),
    new ParametersNameDecodingHandler(),
    new UserAgentHandler(
      new UserAgentHandlerOptions({ productName: PACKAGE_NAME, productVersion: PACKAGE_VERSION }),
    ),
    new ResponseBodyMiddleware(),
    new GraphAuthorizationMiddleware(graphOrigin, tokens),
  );
  const requestAdapter = rejectWithGraphErrors(
    new FetchRequestAdapter(new AnonymousAuthenticationProvider(), undefined, undefined, httpClient),
  );
  const graphBaseUrl = `${graphOrigin}/${apiVersion}`;
  requestAdapter.baseUrl = graphBaseUrl;
  const client = withPathIdValidation(createGraphLicensingClient(requestAdapter));
  const extras = { requestAdapter, graphBaseUrl, graphOrigin } as const;
  return new Proxy(client, {
    get(target, property, receiver) {
      if (typeof property === 'string' && property in extras) return extras[property as keyof typeof extras];
      return Reflect.get(target, property, receiver);
    },
  }) as GraphClient;
}
