import { Client } from '@microsoft/microsoft-graph-client';
import { type BulkRunner, collectFailures } from './types.js';

/**
 * `@microsoft/microsoft-graph-client` 3.0.7 as its docs show it: `.api('/groups/{id}/assignLicense').post(…)`, every
 * target at once with `Promise.all`, default middleware (RetryHandler: 3 retries, `Retry-After` honoured).
 * Its auth provider attaches the token only to https Graph hosts or the `customHosts` given (the emulator runs
 * with TLS in this benchmark for that reason).
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
      customHosts: new Set([new URL(job.graphBaseUrl).hostname]),
    });
    const body = {
      addLicenses: [{ skuId: job.skuId, disabledPlans: job.disabledPlans }],
      removeLicenses: [],
    };
    const settled = await Promise.allSettled(
      job.targets.map((id) => client.api(`/groups/${id}/assignLicense`).post(body)),
    );
    return collectFailures(settled);
  },
};
