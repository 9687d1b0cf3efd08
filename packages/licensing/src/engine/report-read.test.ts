import { createGraphClient, GraphError } from '@entra-licensing/graph-client';
import { defaultSeed, type RunningEmulator, startEmulator } from '@entra-licensing/graph-emulator';
import { afterEach, describe, expect, it } from 'vitest';
import { readReportExtras } from './report-read.js';

let emulator: RunningEmulator | undefined;

afterEach(async () => {
  await emulator?.stop();
  emulator = undefined;
});

function clientFor(running: RunningEmulator, app: { clientId: string; clientSecret: string }) {
  return createGraphClient({
    baseUrl: running.url,
    loginBaseUrl: running.url,
    credentials: { tenantId: running.tenantId, clientId: app.clientId, clientSecret: app.clientSecret },
    maxRetries: 0,
  });
}

describe('readReportExtras over HTTP', () => {
  it('reads every subscription and the organization in one $batch', async () => {
    const running = await startEmulator({
      throttle: 'off',
      seed: {
        subscriptions: [
          {
            sku: 'POWER_BI_PRO',
            status: 'Enabled',
            totalLicenses: 5,
            nextLifecycleDateTime: '2027-01-01T00:00:00Z',
          },
          { sku: 'POWER_BI_PRO', status: 'Warning', totalLicenses: 2, isTrial: true },
        ],
      },
    });
    emulator = running;
    const before = running.requests().length;
    const extras = await readReportExtras({
      client: clientFor(running, defaultSeed.ids.apps.licensingReader),
    });
    const graphRequests = running
      .requests()
      .slice(before)
      .filter((r) => !r.path.includes('/token'));
    // One round trip: the $batch and its two reads.
    expect(graphRequests.map((r) => `${r.method} ${r.path}`).sort()).toEqual([
      'GET /v1.0/directory/subscriptions',
      'GET /v1.0/organization',
      'POST /v1.0/$batch',
    ]);
    expect(extras.organization).toEqual({ id: running.tenantId, displayName: 'Contoso' });
    const e3 = extras.subscriptions.filter((s) => s.skuPartNumber === 'POWER_BI_PRO');
    expect(e3.map((s) => [s.status, s.totalLicenses, s.isTrial, s.nextLifecycleDateTime])).toEqual([
      ['Enabled', 5, false, '2027-01-01T00:00:00Z'],
      ['Warning', 2, true, null],
    ]);
  });

  it('an identity without Organization.Read.All gets Graph refusal, named', async () => {
    const app = {
      clientId: '0a9b8c7d-6e5f-4a3b-9c2d-1e0f9a8b7c6d',
      clientSecret: 'skus-only-secret-0123456789',
    };
    const running = await startEmulator({
      throttle: 'off',
      seed: { apps: [{ name: 'skus-only', ...app, roles: ['LicenseAssignment.Read.All'] }] },
    });
    emulator = running;
    const error = await readReportExtras({ client: clientFor(running, app) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphError);
    expect({
      status: (error as GraphError).status,
      message: (error as GraphError).message.split(':')[0],
    }).toEqual({
      status: 403,
      message: 'Reading /directory/subscriptions',
    });
  });
});
