import { invalidOption } from '../errors.js';
import type { FetchLike } from '../fetch.js';
import {
  type ClientAuthentication,
  ClientCredentialsTokenSource,
  validateAppIdentity,
} from './client-credentials-token-source.js';
import type { ClientSecretCredentials } from './credentials.js';

/** Validates client-secret credentials locally, before any request. Never echoes the secret. */
export function validateClientSecretCredentials(c: ClientSecretCredentials): void {
  validateAppIdentity(c);
  if (typeof c.clientSecret !== 'string' || c.clientSecret.trim() === '') {
    throw invalidOption('credentials.clientSecret must be a non-empty string');
  }
}

/** The client secret as the token request's `client_secret` field. */
export function clientSecretAuthentication(c: ClientSecretCredentials): ClientAuthentication {
  validateClientSecretCredentials(c);
  return { formFields: async () => ({ client_secret: c.clientSecret }), secrets: [c.clientSecret] };
}

/** Client-credentials token with a client secret, cached until shortly before it expires. */
export class ClientSecretTokenSource extends ClientCredentialsTokenSource {
  constructor(
    credentials: ClientSecretCredentials,
    loginOrigin: string,
    scope: string,
    fetchImpl: FetchLike,
    now: () => number = Date.now,
  ) {
    super(credentials, clientSecretAuthentication(credentials), loginOrigin, scope, fetchImpl, now);
  }
}
