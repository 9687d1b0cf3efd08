/** Kiota's per-request retry options (e.g. to turn the client's retry off for one request), from the client's runtime. */
export { RetryHandlerOptions } from '@microsoft/kiota-http-fetchlibrary';
export { buildClientAssertion, CLIENT_ASSERTION_TYPE } from './auth/client-assertion.js';
export { type LoadedClientCertificate, loadClientCertificate } from './auth/client-certificate.js';
export type {
  AccessTokenProvider,
  ClientCertificate,
  ClientCertificateCredentials,
  ClientSecretCredentials,
  FederatedTokenCredentials,
  GraphCredentials,
  TokenCredentialLike,
} from './auth/credentials.js';
export { GRAPH_API_VERSIONS, GRAPH_CLOUDS, type GraphApiVersion, type GraphCloud } from './clouds.js';
export { createGraphClient, type GraphClient, type GraphClientOptions } from './create-graph-client.js';
export { DEFAULT_REQUEST_TIMEOUT_MS } from './deadline-fetch.js';
export {
  GraphError,
  type GraphErrorKind,
  type GraphInnerError,
  isGraphError,
  parseRetryAfter,
  redactTokens,
  toGraphError,
} from './errors.js';
export type { FetchLike } from './fetch.js';
export { isLoopbackHost, untrustedOriginReason } from './host-policy.js';
export {
  DOMAIN_PATTERN,
  escapeODataString,
  GUID_PATTERN,
  guidsIn,
  isDomainName,
  isGuid,
  isTenantId,
  isUserId,
  isUserPrincipalName,
  USER_PRINCIPAL_NAME_PATTERN,
} from './ids.js';
export * from './models.js';
export { assertPathId, pathIdProblem } from './path-ids.js';
export { PACKAGE_NAME, PACKAGE_VERSION } from './version.js';
