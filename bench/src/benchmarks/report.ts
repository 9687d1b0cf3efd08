import { spawn } from 'node:child_process';
import { mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createGraphClient } from '@entra-licensing/graph-client';
import { spawnEmulatorCli } from '@entra-licensing/graph-emulator/testing';
import {
  buildLicenseReport,
  createLicensingService,
  readLicenseReport,
  reportModelOf,
} from '@entra-licensing/licensing';
import type { Benchmark } from '../lib/options.js';
import { tmpDir } from '../lib/paths.js';
import { formatNumber, formatSummary, summarize } from '../lib/stats.js';

const USERS = 50_000;
const GROUPS = 2_000;
const PAGE = 999;
/** As the bulk benchmark: each answer 100–300 ms after the request. */
const LATENCY = '100-300';
const MEAN_LATENCY_MS = 200;
/** Users the naive read is timed on; its figure for the whole tenant is that time scaled to 50,000. */
const NAIVE_SAMPLE = 200;
const HTML_LIMIT_BYTES = 2 * 1024 * 1024;

const cliBin = fileURLToPath(new URL('../../../packages/cli/bin/entra-licensing.js', import.meta.url));

function runCli(args: string[], env: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliBin, ...args], {
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    child.on('error', reject);
    child.on('close', (code) => resolve(code ?? 1));
  });
}

export const report: Benchmark = {
  name: 'report',
  describe: `the license health report of a ${USERS.toLocaleString('en-US')}-user tenant (latency ${LATENCY} ms): read floor, HTML size, vs one licenseDetails read per user`,
  async run(options) {
    const runs = options.runs ?? 3;
    // The emulator in its own process (its work is not charged to ours), Graph's read limits on.
    const emulator = await spawnEmulatorCli({
      seed: { generate: { users: USERS, groups: GROUPS, randomSeed: options.seed } },
      latency: LATENCY,
      throttle: 'graph',
      randomSeed: options.seed,
      startTimeoutMs: 300_000,
    });
    try {
      const config = (await (await fetch(`${emulator.url}/_emulator/config`)).json()) as {
        apps: { name: string; clientId: string; clientSecret: string }[];
      };
      const app = config.apps.find((a) => a.name === 'licensing-reader') ?? config.apps[0]!;
      const credentials = {
        tenantId: emulator.tenantId,
        clientId: app.clientId,
        clientSecret: app.clientSecret,
      };
      const ours: number[] = [];
      const requests: number[] = [];
      let findings = 0;
      for (let round = 0; round < runs; round++) {
        const client = createGraphClient({ baseUrl: emulator.url, loginBaseUrl: emulator.url, credentials });
        const service = createLicensingService({ client });
        await service.listSkus(); // sign-in and the SKU list out of the timed part, as every run of a service has them
        const before = (await emulator.requests()).length;
        const t0 = performance.now();
        const result = await readLicenseReport({ client, service });
        ours.push((performance.now() - t0) / 1000);
        requests.push((await emulator.requests()).length - before);
        findings = result.findings.length;
        console.log(
          `  ours run ${round + 1}/${runs}: ${ours.at(-1)!.toFixed(1)} s, ${requests.at(-1)} requests`,
        );
      }
      // Where the time goes: the tenant model read alone, and the findings computed from it (pure).
      const client0 = createGraphClient({ baseUrl: emulator.url, loginBaseUrl: emulator.url, credentials });
      const service0 = createLicensingService({ client: client0 });
      await service0.listSkus();
      const tm = performance.now();
      const model = await service0.readTenantModel();
      const modelS = (performance.now() - tm) / 1000;
      const skus = await service0.listSkus();
      const tb = performance.now();
      buildLicenseReport({
        model: reportModelOf(
          model,
          skus.map((k) => ({
            skuId: k.skuId,
            skuPartNumber: k.skuPartNumber,
            consumedUnits: k.seats?.consumed ?? 0,
            prepaidUnits: { enabled: k.seats?.enabled ?? 0 },
            servicePlans: k.servicePlans.map((p) => ({
              servicePlanId: p.servicePlanId,
              servicePlanName: p.servicePlanName,
            })),
          })),
          { id: emulator.tenantId, displayName: 'bench' },
        ),
      });
      const buildS = (performance.now() - tb) / 1000;
      console.log(
        `  tenant model read alone: ${modelS.toFixed(1)} s; findings from it: ${buildS.toFixed(2)} s`,
      );
      // The read floor: the users are one chain of pages ($top=999, each page's nextLink needed for the next), so
      // it takes ⌈users / 999⌉ round trips at the mean latency, and the subscriptions read one more.
      const chain = Math.ceil(USERS / PAGE);
      const floorS = ((chain + 1) * MEAN_LATENCY_MS) / 1000;

      // The naive way: one licenseDetails read per user, one at a time (timed on a sample, scaled up).
      const client = createGraphClient({ baseUrl: emulator.url, loginBaseUrl: emulator.url, credentials });
      const service = createLicensingService({ client });
      await service.listSkus();
      const page = await client.users.get({ queryParameters: { top: NAIVE_SAMPLE, select: ['id'] } });
      const users = { value: (page?.value ?? []).flatMap((u) => (u.id ? [{ id: u.id }] : [])) };
      const t1 = performance.now();
      for (const u of users.value) await client.users.byUserId(u.id).licenseDetails.get();
      const naiveSampleS = (performance.now() - t1) / 1000;
      const naiveS = (naiveSampleS / users.value.length) * USERS;

      // The HTML page of this tenant, written by the CLI.
      mkdirSync(tmpDir, { recursive: true });
      const html = path.join(tmpDir, 'report-50k.html');
      const code = await runCli(
        ['report', '--out', html, '--graph-base-url', emulator.url, '--login-base-url', emulator.url],
        {
          AZURE_TENANT_ID: emulator.tenantId,
          AZURE_CLIENT_ID: app.clientId,
          AZURE_CLIENT_SECRET: app.clientSecret,
        },
      );
      if (code !== 0) throw new Error(`entra-licensing report exited ${code}`);
      const htmlBytes = statSync(html).size;

      const s = summarize(ours);
      const ratio = s.median / floorS;
      return {
        name: 'report',
        title: `License health report, ${USERS.toLocaleString('en-US')} users / ${GROUPS.toLocaleString('en-US')} groups`,
        method: `readLicenseReport (tenant model + SKUs + /directory/subscriptions + organization, then the findings) against the emulator's generated tenant with ${LATENCY} ms latency per answer, Graph's throttling profile on (the emulator in its own process); floor = (⌈users/999⌉ + 1) round trips × ${MEAN_LATENCY_MS} ms mean latency; the naive read is timed on ${NAIVE_SAMPLE} users and scaled to the tenant.`,
        settings: {
          users: USERS,
          groups: GROUPS,
          latency: LATENCY,
          throttle: 'graph',
          runs,
          seed: options.seed,
        },
        tables: [
          {
            title: 'Read and build the report',
            columns: ['way', 'time (s)', 'requests', '× floor'],
            rows: [
              [
                'ours: readLicenseReport',
                formatSummary(s, 1),
                formatNumber(summarize(requests).median, 0),
                ratio.toFixed(2),
              ],
              ['of which: the tenant model read alone', modelS.toFixed(1), '', (modelS / floorS).toFixed(2)],
              ['of which: the findings (pure, from the model)', buildS.toFixed(2), '0', ''],
              ['floor', floorS.toFixed(1), String(chain + 1), '1.00'],
              [
                `naive: licenseDetails per user, one at a time (${NAIVE_SAMPLE} timed, scaled)`,
                naiveS.toFixed(0),
                formatNumber(USERS, 0),
                (naiveS / floorS).toFixed(1),
              ],
            ],
          },
          {
            title: 'The HTML page',
            columns: ['findings', 'HTML bytes', 'limit'],
            rows: [[String(findings), formatNumber(htmlBytes, 0), formatNumber(HTML_LIMIT_BYTES, 0)]],
          },
        ],
        checks: [
          {
            label: 'report read ≤ 1.2 × floor',
            measured: `${ratio.toFixed(2)}×`,
            target: '≤ 1.2×',
            pass: ratio <= 1.2,
          },
          {
            label: 'HTML ≤ 2 MB',
            measured: `${(htmlBytes / 2 ** 20).toFixed(2)} MiB`,
            target: '≤ 2 MiB',
            pass: htmlBytes <= HTML_LIMIT_BYTES,
          },
        ],
        notes: [
          `The naive read gives licenseDetails only: no group paths, errors, account state or subscriptions, which the report needs too.`,
        ],
        data: { ours: s, requests, modelS, buildS, floorS, naiveSampleS, naiveS, htmlBytes, findings },
      };
    } finally {
      await emulator.stop();
    }
  },
};
