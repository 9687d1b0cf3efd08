/** App-only client-credentials flow with a client secret. */
export interface ClientSecretCredentials {
  tenantId: string;
  clientId: string;
  clientSecret: string;
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
export type GraphCredentials = ClientSecretCredentials | AccessTokenProvider | TokenCredentialLike | 'none';

export function isClientSecretCredentials(c: GraphCredentials): c is ClientSecretCredentials {
  return typeof c === 'object' && c !== null && 'clientSecret' in c;
}
export function isAccessTokenProvider(c: GraphCredentials): c is AccessTokenProvider {
  return (
    typeof c === 'object' && c !== null && typeof (c as AccessTokenProvider).getAccessToken === 'function'
  );
}
export function isTokenCredential(c: GraphCredentials): c is TokenCredentialLike {
  return typeof c === 'object' && c !== null && typeof (c as TokenCredentialLike).getToken === 'function';
}
