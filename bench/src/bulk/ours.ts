import { createGraphClient } from '@entra-licensing/graph-client';
import { createLicensingService } from '@entra-licensing/licensing';
import type { BulkRunner } from './types.js';

/**
 * Our bulk path with its defaults: `createLicensingService(…).applyBulk(items)`, one `set` intent per group
 * (the SKU with exactly these plans disabled; other SKUs left alone).
 */
export const oursRunner: BulkRunner = {
  id: 'ours',
  label: 'ours: licensing applyBulk ($batch, throttle-aware)',
  targetKind: 'groups',
  async run(job) {
    const client = createGraphClient({
      credentials: { tenantId: job.tenantId, clientId: job.clientId, clientSecret: job.clientSecret },
      baseUrl: new URL(job.graphBaseUrl).origin,
      loginBaseUrl: job.loginBaseUrl,
    });
    const service = createLicensingService({ client });
    const run = await service.applyBulk(
      job.targets.map((id) => ({
        target: { kind: 'group' as const, id },
        intent: { action: 'set' as const, licenses: [{ sku: job.skuId, disabledPlans: job.disabledPlans }] },
      })),
    );
    if (run.results.length !== job.targets.length) {
      throw new Error(`applyBulk returned ${run.results.length} results for ${job.targets.length} items`);
    }
    const failed = run.results.filter((r) => r.status === 'failed');
    return {
      failures: failed.length,
      failureSamples: [
        ...new Set(failed.map((r) => `${r.error?.code ?? ''} ${r.reason ?? ''}`.trim())),
      ].slice(0, 3),
      stats: run.stats,
    };
  },
};
