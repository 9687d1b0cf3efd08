import { createGraphClient } from '@entra-licensing/graph-client';
import { type BulkRunner, describeError } from './types.js';

/**
 * What a script author writes first: a `for` loop over the targets with our generated client, one `await` at a
 * time, default retry handling (3 retries honouring Retry-After).
 */
export const naiveRunner: BulkRunner = {
  id: 'naive',
  label: 'naive sequential loop over the generated client',
  targetKind: 'groups',
  async run(job) {
    const client = createGraphClient({
      credentials: { tenantId: job.tenantId, clientId: job.clientId, clientSecret: job.clientSecret },
      baseUrl: new URL(job.graphBaseUrl).origin,
      loginBaseUrl: job.loginBaseUrl,
    });
    const failures: string[] = [];
    for (const id of job.targets) {
      try {
        await client.groups.byGroupId(id).assignLicense.post({
          addLicenses: [{ skuId: job.skuId, disabledPlans: job.disabledPlans }],
          removeLicenses: [],
        });
      } catch (error) {
        failures.push(describeError(error));
      }
    }
    return { failures: failures.length, failureSamples: [...new Set(failures)].slice(0, 3) };
  },
};
