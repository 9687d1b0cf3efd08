import { spawnEmulatorCli } from '@entra-licensing/graph-emulator/testing';
import autocannon from 'autocannon';
import type { Benchmark } from '../lib/options.js';
import { bulkTenant, writerApp } from '../lib/seed.js';
import { formatNumber, formatRatio, formatSummary, summarize } from '../lib/stats.js';
import { throttleFor } from './bulk.js';

const REQUESTS_PER_RUN = 10_000;
const CONNECTIONS = 16;
const TARGET_RPS = 2000;

interface Load {
  id: string;
  label: string;
  method: 'GET' | 'POST';
  paths: string[];
  body?: string;
}

async function blast(
  url: string,
  token: string,
  load: Load,
): Promise<{ rps: number; p50: number; p99: number; errors: number }> {
  let i = 0;
  const t0 = performance.now();
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    amount: REQUESTS_PER_RUN,
    timeout: 10,
    requests: [
      {
        method: load.method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        ...(load.body ? { body: load.body } : {}),
        setupRequest: (request) => ({ ...request, path: load.paths[i++ % load.paths.length]! }),
      },
    ],
  });
  // autocannon's own duration is coarse (whole ticks): time the run here.
  const seconds = (performance.now() - t0) / 1000;
  return {
    rps: result.requests.total / seconds,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
  };
}

export const emulator: Benchmark = {
  name: 'emulator',
  describe:
    "the emulator's own throughput (requests/s) for subscribedSkus, a group read and assignLicense, throttling off",
  async run(options) {
    const runs = options.runs ?? 3;
    const tenant = bulkTenant({ groups: 1000, randomSeed: options.seed });
    const server = await spawnEmulatorCli({
      seed: tenant.seed,
      throttle: 'off',
      latency: '0',
      timeScale: 1000,
    });
    try {
      const { config } = server;
      const token = await server.getToken(writerApp(config).name);
      const base = new URL(config.graphBaseUrl).pathname;
      const loads: Load[] = [
        {
          id: 'subscribedSkus',
          label: 'GET /v1.0/subscribedSkus',
          method: 'GET',
          paths: [`${base}/subscribedSkus`],
        },
        {
          // The read the library polls while a group is processed (formerly the emulator package's own benchmark).
          id: 'groupRead',
          label: 'GET /v1.0/groups/{id}?$select=id,licenseProcessingState (1,000 groups in turn)',
          method: 'GET',
          paths: tenant.groupIds.map((id) => `${base}/groups/${id}?$select=id,licenseProcessingState`),
        },
        {
          id: 'assignLicense',
          label: 'POST /v1.0/groups/{id}/assignLicense (1,000 groups in turn)',
          method: 'POST',
          paths: tenant.groupIds.map((id) => `${base}/groups/${id}/assignLicense`),
          body: JSON.stringify({
            addLicenses: [{ skuId: tenant.skuId, disabledPlans: tenant.disabledPlans }],
            removeLicenses: [],
          }),
        },
      ];
      // Warm-up, not counted.
      for (const load of loads) await blast(server.url, token, { ...load, paths: load.paths.slice(0, 50) });
      const samples = new Map(loads.map((l) => [l.id, [] as Awaited<ReturnType<typeof blast>>[]]));
      for (let r = 0; r < runs; r++) {
        for (const load of loads) samples.get(load.id)!.push(await blast(server.url, token, load));
      }
      const bulkRate = throttleFor(options.n).rate;
      const rows = loads.map((load) => {
        const s = samples.get(load.id)!;
        const rps = summarize(s.map((x) => x.rps));
        return {
          load,
          rps,
          cells: [
            load.label,
            formatSummary(rps, 0),
            formatSummary(summarize(s.map((x) => x.p50)), 1),
            formatSummary(summarize(s.map((x) => x.p99)), 1),
            String(s.reduce((a, x) => a + x.errors, 0)),
            formatRatio(rps.median / bulkRate),
          ],
        };
      });
      return {
        name: 'emulator',
        title: "The emulator's own throughput",
        method: `autocannon, ${CONNECTIONS} connections, ${REQUESTS_PER_RUN.toLocaleString('en-US')} requests per run on loopback; emulator in its own process with throttling off, no latency, no faults; ${runs} runs after a warm-up.`,
        settings: { runs, connections: CONNECTIONS, requestsPerRun: REQUESTS_PER_RUN },
        tables: [
          {
            title:
              'Requests/s (median (min–max)); headroom = emulator requests/s ÷ the write rate the bulk benchmark allows',
            columns: ['request', 'requests/s', 'p50 ms', 'p99 ms', 'errors / non-2xx', 'headroom'],
            rows: rows.map((r) => r.cells),
          },
        ],
        checks: rows.map((r) => ({
          label: `emulator ${r.load.id} throughput`,
          measured: `${formatNumber(r.rps.median, 0)} requests/s`,
          target: `≥ ${TARGET_RPS}`,
          pass: r.rps.median >= TARGET_RPS,
        })),
        notes: [
          'The load generator shares the 2 cores with the emulator, so these are lower bounds of what the emulator can serve.',
        ],
        data: Object.fromEntries(samples),
      };
    } finally {
      await server.stop();
    }
  },
};
