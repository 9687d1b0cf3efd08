import { JWT_BEARER_ASSERTION_TYPE } from '../identity/client-assertion.js';
import { type ClientAssertionOptions, signClientAssertion } from './client-assertion.js';
import { call } from './http.js';

/** Where to ask for a token: an emulator's origin and tenant (a running emulator has both). */
export interface TokenTarget {
  url: string;
  tenantId: string;
  /** PEM to trust for an HTTPS emulator. */
  ca?: string;
}

/** A seed app as the token endpoint knows it. */
export interface TokenApp {
  clientId: string;
  clientSecret: string;
}

export interface TokenOptions {
  /** `secret` (default) or `certificate` (a client_assertion signed with the test certificate, or `certificate`). */
  credential?: 'secret' | 'certificate';
  certificate?: ClientAssertionOptions['certificate'];
  algorithm?: ClientAssertionOptions['algorithm'];
  /** Default `https://graph.microsoft.com/.default`. */
  scope?: string;
}

/** A token request the endpoint refused: Entra's `error` and AADSTS codes (never the secret or the assertion). */
export class TokenRequestError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly errorCodes: readonly number[],
    description: string,
  ) {
    super(`token endpoint answered ${status} ${error}: ${description}`);
    this.name = 'TokenRequestError';
  }
}

/** The token endpoint's success answer. */
export interface TokenAnswer {
  token_type: 'Bearer';
  expires_in: number;
  ext_expires_in: number;
  access_token: string;
}

/** Gets an access token over HTTP from the emulator's token endpoint, as any client would (client credentials). */
export async function requestToken(
  target: TokenTarget,
  app: TokenApp,
  options: TokenOptions = {},
): Promise<string> {
  return (await requestTokenAnswer(target, app, options)).access_token;
}

/** As {@link requestToken}, with the whole answer (`expires_in`, …). */
export async function requestTokenAnswer(
  target: TokenTarget,
  app: TokenApp,
  options: TokenOptions = {},
): Promise<TokenAnswer> {
  const tokenEndpoint = `${target.url}/${target.tenantId}/oauth2/v2.0/token`;
  const form = new URLSearchParams({
    grant_type: 'client_credentials',
    client_id: app.clientId,
    scope: options.scope ?? 'https://graph.microsoft.com/.default',
  });
  if (options.credential === 'certificate') {
    form.set('client_assertion_type', JWT_BEARER_ASSERTION_TYPE);
    form.set(
      'client_assertion',
      await signClientAssertion({
        clientId: app.clientId,
        tokenEndpoint,
        certificate: options.certificate,
        algorithm: options.algorithm,
      }),
    );
  } else {
    form.set('client_secret', app.clientSecret);
  }
  const answer = await call(tokenEndpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form.toString(),
    ca: target.ca,
  });
  let body: { access_token?: string; error?: string; error_codes?: number[]; error_description?: string } =
    {};
  try {
    body = JSON.parse(answer.text) as typeof body;
  } catch {
    // not JSON: reported below with the status
  }
  if (answer.status !== 200 || typeof body.access_token !== 'string') {
    throw new TokenRequestError(
      answer.status,
      body.error ?? 'unknown',
      body.error_codes ?? [],
      (body.error_description ?? '').split(' Trace ID: ')[0] ?? '',
    );
  }
  return body as TokenAnswer;
}
