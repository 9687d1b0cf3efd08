import type { FetchLike } from '../fetch.js';
import { buildClientAssertion, CLIENT_ASSERTION_TYPE } from './client-assertion.js';
import { validateClientCertificateCredentials } from './client-certificate.js';
import { ClientCredentialsTokenSource } from './client-credentials-token-source.js';
import type { ClientCertificateCredentials } from './credentials.js';

/** Client-credentials token with a certificate (a fresh signed assertion per token request), cached like the secret's. */
export class ClientCertificateTokenSource extends ClientCredentialsTokenSource {
  constructor(
    credentials: ClientCertificateCredentials,
    loginOrigin: string,
    scope: string,
    fetchImpl: FetchLike,
    now: () => number = Date.now,
  ) {
    const certificate = validateClientCertificateCredentials(credentials);
    const secrets = [credentials.certificate.privateKey, credentials.certificate.passphrase].filter(
      (s): s is string => typeof s === 'string' && s !== '',
    );
    super(
      credentials,
      {
        formFields: async (tokenUrl, nowMs) => ({
          client_assertion_type: CLIENT_ASSERTION_TYPE,
          client_assertion: await buildClientAssertion(certificate, {
            clientId: credentials.clientId,
            tokenUrl,
            nowMs,
          }),
        }),
        secrets,
      },
      loginOrigin,
      scope,
      fetchImpl,
      now,
    );
  }
}
