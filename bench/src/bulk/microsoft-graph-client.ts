import { Client } from '@microsoft/microsoft-graph-client';
import { type BulkRunner, collectFailures } from './types.js';

/**
 * `@microsoft/microsoft-graph-client` 3.0.7 as its docs show it: `.api('/groups/{id}/assignLicense').post(…)`, every
 * target at once with `Promise.all`, default middleware (RetryHandler: 3 retries, `Retry-After` honoured).
 * Its auth provider only attaches a token to https Graph hosts (or https custom hosts), so against the plain-http
 * emulator the bearer token is passed as a request header instead; nothing else changes.
 */
export const microsoftGraphClientRunner: BulkRunner = {
  id: 'microsoft-graph-client',
  label: '@microsoft/microsoft-graph-client 3.0.7, Promise.all',
  targetKind: 'groups',
  async run(job) {
    const client = Client.init({
      baseUrl: `${new URL(job.graphBaseUrl).origin}/`,
      defaultVersion: 'v1.0',
      authProvider: (done) => done(null, job.token),
    });
    const body = {
      addLicenses: [{ skuId: job.skuId, disabledPlans: job.disabledPlans }],
      removeLicenses: [],
    };
    const settled = await Promise.allSettled(
      job.targets.map((id) =>
        client.api(`/groups/${id}/assignLicense`).header('Authorization', `Bearer ${job.token}`).post(body),
      ),
    );
    return collectFailures(settled);
  },
};
