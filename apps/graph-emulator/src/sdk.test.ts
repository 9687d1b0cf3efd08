import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { defaultSeed } from './seed/default-seed.js';
import { testCertificate } from './test-certificate.js';
import { useEmulator } from './test-support/harness.js';

const { ids } = defaultSeed;
const here = dirname(fileURLToPath(import.meta.url));

describe("Microsoft's SDKs against the emulator (--tls, NODE_EXTRA_CA_CERTS)", () => {
  const h = useEmulator({ tls: true, timeScale: 1000 }, false);

  it('@azure/identity gets a token (secret and certificate) and @microsoft/microsoft-graph-client sees Graph’s answers', async () => {
    const { emulator } = h;
    expect(emulator.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(emulator.caCertificatePath).toBeDefined();
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [join(here, 'test-support', 'sdk-client.mjs')],
      {
        cwd: join(here, '..'),
        env: {
          ...process.env,
          NODE_EXTRA_CA_CERTS: emulator.caCertificatePath,
          EMULATOR_URL: emulator.url,
          TENANT_ID: ids.tenantDomain,
          CLIENT_ID: ids.apps.licensingAdmin.clientId,
          CLIENT_SECRET: ids.apps.licensingAdmin.clientSecret,
          CERTIFICATE_PEM: `${testCertificate.privateKeyPem}\n${testCertificate.certificatePem}`,
          GROUP_ID: ids.groups.licensingPilot,
          BAD_GROUP_ID: ids.groups.allStaff,
        },
        timeout: 30_000,
      },
    );
    const out = JSON.parse(stdout);
    expect(out.identityTokenLength).toBeGreaterThan(100);
    // MSAL's own certificate assertion (ClientCertificateCredential) is accepted.
    expect(out.certificateTokenClaims).toMatchObject({
      appid: ids.apps.licensingAdmin.clientId,
      tid: ids.tenantId,
    });
    expect(out.skus).toContainEqual(['SPE_E3', 20]);
    expect(out.assign).toMatchObject({
      id: ids.groups.licensingPilot,
      displayName: 'Licensing Pilot',
      createdDateTime: '2021-03-12T11:15:03Z',
      groupTypes: [],
      securityEnabled: true,
    });
    expect(out.group.assignedLicenses).toEqual([
      {
        disabledPlans: [ids.plans.EXCHANGE_S_FOUNDATION, ids.plans.ATA],
        skuId: ids.skus.EMSPREMIUM,
      },
    ]);
    expect(['QueuedForProcessing', 'ProcessingInProgress', 'ProcessingComplete']).toContain(
      out.group.licenseProcessingState.state,
    );
    expect(out.error).toEqual({ statusCode: 400, code: 'Request_BadRequest' });
    expect(out.pagedUsers).toBe(defaultSeed.users?.length);
    expect(out.unlicensedCount).toBeGreaterThan(0);
  });
});
