/** App-only client-credentials flow with a client secret. */
export interface ClientSecretCredentials {
  tenantId: string;
  clientId: string;
  clientSecret: string;
}

/**
 * The certificate of an app registration: its private key, and either the certificate itself (PEM) or the
 * thumbprint Entra shows for it (SHA-1, 40 hex digits, or SHA-256, 64 hex digits).
 */
export interface ClientCertificate {
  /** PEM private key: PKCS#8 (`BEGIN PRIVATE KEY`, `BEGIN ENCRYPTED PRIVATE KEY`) or PKCS#1 (`BEGIN RSA PRIVATE KEY`). */
  privateKey: string;
  /** PEM certificate (`BEGIN CERTIFICATE`). Checked against the key; its SHA-256 thumbprint goes into the assertion. */
  certificate?: string;
  /** Thumbprint of the certificate as Entra lists it, when the certificate itself is not given. */
  thumbprint?: string;
  /** Passphrase of an encrypted private key. */
  passphrase?: string;
}

/** App-only client-credentials flow with a certificate (a signed client assertion, as MSAL sends it). */
export interface ClientCertificateCredentials {
  tenantId: string;
  clientId: string;
  certificate: ClientCertificate;
}

/**
 * Workload identity federation: a token issued to the workload by another identity provider (GitHub Actions' OIDC
 * token, a Kubernetes service account token), kept in a file, is the client assertion. The app registration must
 * trust that issuer and subject (a federated identity credential).
 */
export interface FederatedTokenCredentials {
  /** Tenant id (GUID) or domain. */
  tenantId: string;
  /** The app registration's client id, which trusts the token's issuer and subject. */
  clientId: string;
  /** Path of the file holding the token (read again at each sign-in), like AZURE_FEDERATED_TOKEN_FILE. */
  federatedTokenFile: string;
}

/** Any source of Graph access tokens (MSAL, a certificate flow, a managed identity, a delegated session, …). */
export interface AccessTokenProvider {
  /** Returns a bearer token for `scopes`; called for every request, so cache inside the provider. */
  getAccessToken(scopes: string[]): Promise<string>;
}

/** The shape of `@azure/identity`'s TokenCredential, accepted structurally (no runtime dependency). */
export interface TokenCredentialLike {
  getToken(
    scopes: string | string[],
    options?: object,
  ): Promise<{ token: string; expiresOnTimestamp: number } | null>;
}

/**
 * How the client authenticates. `'none'` sends no Authorization header: use it when the injected
 * `fetch` authenticates by itself (for example n8n's `httpRequestWithAuthentication`).
 */
export type GraphCredentials =
  | ClientSecretCredentials
  | ClientCertificateCredentials
  | FederatedTokenCredentials
  | AccessTokenProvider
  | TokenCredentialLike
  | 'none';

function hasFunction(c: unknown, name: string): boolean {
  return typeof c === 'object' && c !== null && typeof (c as Record<string, unknown>)[name] === 'function';
}

/**
 * A TokenCredential is anything with a `getToken` function, whatever else it carries: `@azure/identity`'s
 * `ClientSecretCredential` also has `tenantId` and `clientSecret` properties, and is still a TokenCredential.
 */
export function isTokenCredential(c: GraphCredentials): c is TokenCredentialLike {
  return hasFunction(c, 'getToken');
}
export function isAccessTokenProvider(c: GraphCredentials): c is AccessTokenProvider {
  return !isTokenCredential(c) && hasFunction(c, 'getAccessToken');
}
function isPlainCredentialObject(c: GraphCredentials): c is Exclude<GraphCredentials, 'none'> {
  return typeof c === 'object' && c !== null && !isTokenCredential(c) && !isAccessTokenProvider(c);
}
export function isClientCertificateCredentials(c: GraphCredentials): c is ClientCertificateCredentials {
  return isPlainCredentialObject(c) && 'certificate' in c;
}
export function isClientSecretCredentials(c: GraphCredentials): c is ClientSecretCredentials {
  return isPlainCredentialObject(c) && !('certificate' in c) && 'clientSecret' in c;
}
export function isFederatedTokenCredentials(c: GraphCredentials): c is FederatedTokenCredentials {
  return (
    isPlainCredentialObject(c) &&
    !('certificate' in c) &&
    !('clientSecret' in c) &&
    'federatedTokenFile' in c &&
    typeof c.federatedTokenFile === 'string' &&
    c.federatedTokenFile.trim() !== ''
  );
}
