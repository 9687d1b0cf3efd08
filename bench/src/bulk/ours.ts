import { createGraphClient } from '@entra-licensing/graph-client';
import { createLicensingService } from '@entra-licensing/licensing';
import { withPacer } from '@entra-licensing/licensing/pacing';
import { LegacyPacer } from '../pacing/legacy-pacer.js';
import type { BulkRunner } from './types.js';

/**
 * Our bulk path: `createLicensingService(…).applyBulk(items)`, one `set` intent per group (the SKU with exactly
 * these plans disabled; other SKUs left alone). `pacing` undefined = the product's pacer (the signal pacer); `'legacy'`
 * is 0.1's in-flight cap (`src/pacing/legacy-pacer.ts`, plugged in through the library's `withPacer` seam), kept here
 * for this comparison only.
 */
function ours(id: string, label: string, pacing?: 'legacy'): BulkRunner {
  return {
    id,
    label,
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
          intent: {
            action: 'set' as const,
            licenses: [{ sku: job.skuId, disabledPlans: job.disabledPlans }],
          },
        })),
        pacing === 'legacy' ? withPacer({}, () => new LegacyPacer()) : {},
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
}

export const oursRunner = ours('ours', 'ours: licensing applyBulk (signal pacer, default)');
export const oursLegacyRunner = ours('ours-legacy', "ours, legacy pacer (0.1's in-flight cap)", 'legacy');
