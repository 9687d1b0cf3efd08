import { readFile } from 'node:fs/promises';
import { GraphError } from '../errors.js';
import type { FetchLike } from '../fetch.js';
import { CLIENT_ASSERTION_TYPE } from './client-assertion.js';
import { ClientCredentialsTokenSource } from './client-credentials-token-source.js';
import type { FederatedTokenCredentials } from './credentials.js';

/**
 * Workload identity federation, as `@azure/identity`'s WorkloadIdentityCredential does it: the token in
 * `federatedTokenFile` (GitHub's OIDC token, a Kubernetes service account token, …) is the client assertion of the
 * client-credentials request. The file is read again for each token request (those tokens are short-lived and
 * rotated in place).
 */
export class FederatedTokenSource extends ClientCredentialsTokenSource {
  constructor(
    credentials: FederatedTokenCredentials,
    loginOrigin: string,
    scope: string,
    fetchImpl: FetchLike,
    now: () => number = Date.now,
  ) {
    const secrets: string[] = [];
    super(
      credentials,
      {
        formFields: async () => {
          let assertion: string;
          try {
            assertion = (await readFile(credentials.federatedTokenFile, 'utf8')).trim();
          } catch (error) {
            throw new GraphError({
              kind: 'token',
              code: 'FederatedTokenUnreadable',
              message: `Cannot read the federated token file ${credentials.federatedTokenFile} (${(error as { code?: string }).code ?? 'error'})`,
            });
          }
          if (assertion === '') {
            throw new GraphError({
              kind: 'token',
              code: 'FederatedTokenEmpty',
              message: `The federated token file ${credentials.federatedTokenFile} is empty`,
            });
          }
          secrets.push(assertion);
          return { client_assertion_type: CLIENT_ASSERTION_TYPE, client_assertion: assertion };
        },
        secrets,
      },
      loginOrigin,
      scope,
      fetchImpl,
      now,
    );
  }
}
