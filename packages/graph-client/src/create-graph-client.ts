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
import { type GraphClientOptions, resolveClientOptions } from './client-options.js';
import { createGraphLicensingClient, type GraphLicensingClient } from './generated/graphLicensingClient.js';
import { rejectWithGraphErrors } from './graph-error-adapter.js';
import { GraphAuthorizationMiddleware } from './middleware/authorization-middleware.js';
import { ClientRequestIdMiddleware } from './middleware/client-request-id-middleware.js';
import { ResponseBodyMiddleware } from './middleware/response-body-middleware.js';
import { withPathIdValidation } from './path-ids.js';
import { PACKAGE_NAME, PACKAGE_VERSION } from './version.js';

export type { GraphClientOptions } from './client-options.js';

/** The Kiota-generated client, with the adapter (for `$batch` or raw requests) and the resolved endpoints. */
export type GraphClient = GraphLicensingClient & {
  readonly requestAdapter: RequestAdapter;
  /** Versioned root, e.g. `https://graph.microsoft.com/v1.0`. */
  readonly graphBaseUrl: string;
  /** The only origin this client sends requests (and tokens) to. */
  readonly graphOrigin: string;
};

/**
 * Creates the Graph licensing client: Kiota's generated request builders over a fetch pipeline with
 * a client-request-id, retry (Retry-After, fractional seconds included), redirects, a User-Agent naming
 * this package, and an authorization step that only ever talks to the configured Graph origin. Every
 * request rejects with a GraphError; every `by…Id()` id is validated before it reaches a URL.
 */
export function createGraphClient(options: GraphClientOptions): GraphClient {
  const resolved = resolveClientOptions(options);
  const httpClient = new HttpClient(
    resolved.fetch,
    new ClientRequestIdMiddleware(),
    new RetryHandler(
      new RetryHandlerOptions({ maxRetries: resolved.maxRetries, delay: resolved.retryDelaySeconds }),
    ),
    new RedirectHandler(),
    new ParametersNameDecodingHandler(),
    new UserAgentHandler(
      new UserAgentHandlerOptions({ productName: PACKAGE_NAME, productVersion: PACKAGE_VERSION }),
    ),
    new ResponseBodyMiddleware(),
    new GraphAuthorizationMiddleware(resolved.graphOrigin, resolved.tokens),
  );
  const requestAdapter = rejectWithGraphErrors(
    new FetchRequestAdapter(new AnonymousAuthenticationProvider(), undefined, undefined, httpClient),
  );
  requestAdapter.baseUrl = resolved.graphBaseUrl;
  const client = withPathIdValidation(createGraphLicensingClient(requestAdapter));
  const extras = { requestAdapter, graphBaseUrl: resolved.graphBaseUrl, graphOrigin: resolved.graphOrigin };
  return new Proxy(client, {
    get(target, property, receiver) {
      if (typeof property === 'string' && Object.hasOwn(extras, property)) {
        return extras[property as keyof typeof extras];
      }
      return Reflect.get(target, property, receiver);
    },
  }) as GraphClient;
}
