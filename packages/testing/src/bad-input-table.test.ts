import { createGraphClient, type GraphClient } from '@entra-licensing/graph-client';
import { defaultSeed, type RunningEmulator, startEmulator } from '@entra-licensing/graph-emulator';
import { createLicensingService, type LicensingService } from '@entra-licensing/licensing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BadInputClass, badInputCases, expectedShown, runBadInputCase } from './bad-input-table.js';

const cases = badInputCases(defaultSeed.ids);
/** Classes known locally: nothing but the tenant's SKU list may be read before the error. */
const LOCAL: readonly BadInputClass[] = ['option', 'id', 'whitespace', 'path', 'huge', 'target'];

let h: { emulator: RunningEmulator; client: GraphClient; service: LicensingService };
beforeAll(async () => {
  // time-scaled, no throttling: the licensing admin app of the default tenant
  const emulator = await startEmulator({ timeScale: 100, processingDelayMs: 2000, throttle: 'off' });
  const app = defaultSeed.ids.apps.licensingAdmin;
  const client = createGraphClient({
    baseUrl: emulator.url,
    loginBaseUrl: emulator.url,
    scope: `${emulator.url}/.default`,
    credentials: { tenantId: emulator.tenantId, clientId: app.clientId, clientSecret: app.clientSecret },
    maxRetries: 0,
  });
  h = { emulator, client, service: createLicensingService({ client }) };
});
afterAll(async () => {
  await h?.emulator.stop();
});

describe(`the adversarial table: ${cases.length} bad inputs`, () => {
  it('has at least 120 cases, covering every class, with unique names', () => {
    expect(cases.length).toBeGreaterThanOrEqual(120);
    const classes = new Set(cases.map((c) => c.class));
    expect([...classes].sort()).toEqual(
      ['huge', 'id', 'intent', 'option', 'path', 'plan', 'sku', 'target', 'tenant-rule', 'whitespace'].sort(),
    );
    expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
  });

  it.each(cases.map((c) => [c.name, c] as const))(
    '%s → exact code, field and value, the value shown, no write',
    async (_name, c) => {
      h.emulator.reset();
      const error = await runBadInputCase(c, { service: h.service, client: h.client });
      expect(error, 'the call should have failed').toBeDefined();
      expect(error?.field).toBe(c.field);
      expect(error?.code).toBe(c.code);
      expect(error?.value).toEqual(c.value);
      expect(error?.message).toContain(expectedShown(c));
      // Shortened: a 100,000-character value never makes a 100,000-character message.
      expect(error?.message.length).toBeLessThan(2000);
      const requests = h.emulator.requests();
      expect(requests.filter((r) => r.write)).toEqual([]);
      if (LOCAL.includes(c.class)) {
        expect(requests.map((r) => r.path).filter((p) => !p.endsWith('/subscribedSkus'))).toEqual([]);
      }
    },
  );
});
