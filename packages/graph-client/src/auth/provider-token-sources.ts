import { GraphError } from '../errors.js';
import type { AccessTokenProvider, TokenCredentialLike } from './credentials.js';
import type { TokenSource } from './token-source.js';

function failed(source: string, err: unknown): GraphError {
  if (err instanceof GraphError) return err;
  return new GraphError({
    kind: 'token',
    code: 'TokenProviderFailed',
    message: `${source} failed to return an access token${err instanceof Error && err.name ? ` (${err.name})` : ''}`,
  });
}

function checked(source: string, token: unknown): string {
  if (typeof token !== 'string' || token === '') {
    throw new GraphError({
      kind: 'token',
      code: 'TokenProviderFailed',
      message: `${source} returned no access token`,
    });
  }
  return token;
}

/** Calls a getAccessToken() provider for every request (the provider caches). */
export class ProviderTokenSource implements TokenSource {
  constructor(
    private readonly provider: AccessTokenProvider,
    private readonly scopes: string[],
  ) {}
  async getToken(): Promise<string> {
    let token: unknown;
    try {
      token = await this.provider.getAccessToken(this.scopes);
    } catch (err) {
      throw failed('credentials.getAccessToken()', err);
    }
    return checked('credentials.getAccessToken()', token);
  }
  invalidate(): void {}
}

/** Adapts an `@azure/identity` TokenCredential (which caches and refreshes by itself). */
export class TokenCredentialTokenSource implements TokenSource {
  constructor(
    private readonly credential: TokenCredentialLike,
    private readonly scopes: string[],
  ) {}
  async getToken(): Promise<string> {
    let result: Awaited<ReturnType<TokenCredentialLike['getToken']>>;
    try {
      result = await this.credential.getToken(this.scopes);
    } catch (err) {
      throw failed('credentials.getToken()', err);
    }
    return checked('credentials.getToken()', result?.token);
  }
  invalidate(): void {}
}

/** No Authorization header: the injected fetch authenticates. */
export const NO_TOKEN: TokenSource = {
  getToken: async () => undefined,
  invalidate: () => {},
};
