import { AllowedHostsValidator, BaseBearerTokenAuthenticationProvider } from '@microsoft/kiota-abstractions';
import { createGraphServiceClient, GraphRequestAdapter } from '@microsoft/msgraph-sdk';
import '@microsoft/msgraph-sdk-users';
import { type BulkRunner, collectFailures } from './types.js';

/**
 * The official Kiota SDK (`@microsoft/msgraph-sdk` + `-users`; the `-groups` package is not served here, so it
 * licenses users): `client.users.byUserId(id).assignLicense.post(…)` for every target with `Promise.all`, default
 * middleware (Kiota RetryHandler: 3 retries, 3 s, `Retry-After` honoured).
 */
export const msgraphSdkRunner: BulkRunner = {
  id: 'msgraph-sdk',
  label: '@microsoft/msgraph-sdk + -users (user assignLicense), Promise.all',
  targetKind: 'users',
  async run(job) {
    const host = new URL(job.graphBaseUrl).host;
    const auth = new BaseBearerTokenAuthenticationProvider({
      getAuthorizationToken: async () => job.token,
      getAllowedHostsValidator: () => new AllowedHostsValidator(new Set([host])),
    });
    const adapter = new GraphRequestAdapter(auth);
    adapter.baseUrl = job.graphBaseUrl;
    const client = createGraphServiceClient(adapter);
    const settled = await Promise.allSettled(
      job.targets.map((id) =>
        client.users.byUserId(id).assignLicense.post({
          addLicenses: [{ skuId: job.skuId, disabledPlans: job.disabledPlans }],
          removeLicenses: [],
        }),
      ),
    );
    return collectFailures(settled);
  },
};
