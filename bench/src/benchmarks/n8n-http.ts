import { existsSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { SpawnedEmulator } from '@entra-licensing/graph-emulator/testing';
import {
  emulatorCredential,
  executeBatch,
  importCredentials,
  importWorkflows,
  setUpRealN8n,
  startEmulator,
} from '@entra-licensing/n8n-harness';
import type { Benchmark } from '../lib/options.js';
import { tmpDir } from '../lib/paths.js';
import { targetsNotInDesiredState } from '../lib/readback.js';
import { countWrites } from '../lib/request-log.js';
import { bulkTenant } from '../lib/seed.js';
import { formatNumber, formatRatio, formatSummary, summarize } from '../lib/stats.js';
import { throttleFor } from './bulk.js';

const LATENCY = '100-300';
const HEADER_CREDENTIAL = { id: 'benchHeaderAuth01', name: 'Graph emulator bearer token' };
const ENTRA_CREDENTIAL = { id: 'benchEntra01', name: 'Graph emulator (licensing-admin)' };

interface Variant {
  id: 'http-request' | 'ours-in-n8n';
  label: string;
  workerName: string;
}

const variants: Variant[] = [
  {
    id: 'http-request',
    label: 'n8n HTTP Request node per item (Retry On Fail 3 × 1 s, On Error: continue)',
    workerName: 'Assign license',
  },
  { id: 'ours-in-n8n', label: 'our n8n node, Group › Assign License per item', workerName: 'Assign license' },
];

function workflow(variant: Variant, groupIds: string[], graphBaseUrl: string, body: unknown) {
  const worker =
    variant.id === 'http-request'
      ? {
          id: 'worker',
          name: variant.workerName,
          type: 'n8n-nodes-base.httpRequest',
          typeVersion: 4.2,
          position: [400, 0],
          parameters: {
            method: 'POST',
            url: `=${graphBaseUrl}/groups/{{ $json.id }}/assignLicense`,
            authentication: 'genericCredentialType',
            genericAuthType: 'httpHeaderAuth',
            sendBody: true,
            specifyBody: 'json',
            jsonBody: JSON.stringify(body),
            options: {},
          },
          credentials: { httpHeaderAuth: HEADER_CREDENTIAL },
          retryOnFail: true,
          maxTries: 3,
          waitBetweenTries: 1000,
          onError: 'continueRegularOutput',
        }
      : {
          id: 'worker',
          name: variant.workerName,
          type: 'n8n-nodes-entra-licensing.microsoftEntraLicensing',
          typeVersion: 1,
          position: [400, 0],
          parameters: {
            resource: 'group',
            operation: 'assignLicense',
            group: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
            licenses: {
              license: (
                body as { addLicenses: { skuId: string; disabledPlans: string[] }[] }
              ).addLicenses.map((l) => ({
                sku: l.skuId,
                disabledPlans: l.disabledPlans,
              })),
            },
          },
          credentials: { microsoftEntraLicensingApi: ENTRA_CREDENTIAL },
          onError: 'continueRegularOutput',
        };
  return {
    id: variant.id === 'http-request' ? 'benchHttpReq01' : 'benchOursNode01',
    name: `bench ${variant.id}`,
    active: false,
    settings: {},
    nodes: [
      {
        id: 'start',
        name: 'Start',
        type: 'n8n-nodes-base.manualTrigger',
        typeVersion: 1,
        position: [0, 0],
        parameters: {},
      },
      {
        id: 'targets',
        name: 'Targets',
        type: 'n8n-nodes-base.code',
        typeVersion: 2,
        position: [200, 0],
        parameters: { jsCode: `return ${JSON.stringify(groupIds.map((id) => ({ json: { id } })))};` },
      },
      worker,
    ],
    connections: {
      Start: { main: [[{ node: 'Targets', type: 'main', index: 0 }]] },
      Targets: { main: [[{ node: variant.workerName, type: 'main', index: 0 }]] },
    },
  };
}

interface N8nRecord {
  nodeMs: number;
  processS: number;
  writes: number;
  throttled: number;
  failures: number;
  wrong: number;
  outputItems: number;
  executionError: string | null;
}

/** The worker node's execution time (all its tries) from n8n's own execution snapshot. */
function workerMs(home: string, workflowId: string, worker: string): number {
  const file = path.join(home, 'snapshots', `${workflowId}-snapshot.json`);
  if (!existsSync(file)) return Number.NaN;
  const data = JSON.parse(readFileSync(file, 'utf8')) as {
    data: { resultData: { runData: Record<string, { executionTime?: number }[]> } };
  };
  return (data.data.resultData.runData[worker] ?? []).reduce(
    (sum, task) => sum + (task.executionTime ?? 0),
    0,
  );
}

export const n8nHttp: Benchmark = {
  name: 'n8n-http',
  describe:
    'N license writes from a real n8n: its HTTP Request node per item vs our node (slow: starts n8n each run)',
  async run(options) {
    const runs = options.runs ?? 1;
    const n = options.n;
    const throttle = throttleFor(n);
    const tenant = bulkTenant({ groups: n, randomSeed: options.seed });
    await mkdir(tmpDir, { recursive: true });
    const seedFile = path.join(tmpDir, `n8n-seed-${process.pid}.json`);
    await writeFile(seedFile, JSON.stringify(tenant.seed));
    const emulatorArgs = ['--seed', seedFile, '--latency', LATENCY, '--throttle', throttle.spec];
    const emulatorOptions = { timeScale: throttle.timeScale, extraArgs: emulatorArgs };
    const body = {
      addLicenses: [{ skuId: tenant.skuId, disabledPlans: tenant.disabledPlans }],
      removeLicenses: [],
    };

    // n8n from the e2e cache (installed on first use), our node packed and installed as a community package.
    const setup = await setUpRealN8n({ emulatorOptions });
    setup.emulator.stop();
    const records = new Map<string, N8nRecord[]>(variants.map((v) => [v.id, []]));
    for (let round = 0; round < runs; round++) {
      for (const variant of variants) {
        const emulator: SpawnedEmulator = await startEmulator(emulatorOptions);
        try {
          const app = emulator.config.apps.find((a) => a.roles.includes('LicenseAssignment.ReadWrite.All'))!;
          const token = await emulator.getToken(app.name);
          await importCredentials(setup.paths, setup.home, [
            {
              ...HEADER_CREDENTIAL,
              type: 'httpHeaderAuth',
              data: { name: 'Authorization', value: `Bearer ${token}` },
            },
            emulatorCredential(emulator, ENTRA_CREDENTIAL),
          ]);
          const wf = workflow(variant, tenant.groupIds, emulator.config.graphBaseUrl, body);
          await importWorkflows(setup.paths, setup.home, [wf]);
          const t0 = performance.now();
          const batch = await executeBatch(setup.paths, setup.home, [wf.id]);
          const processS = (performance.now() - t0) / 1000;
          const result = batch.results[wf.id];
          const out = result?.runData?.[variant.workerName] ?? [];
          const log = await emulator.requests();
          const counts = countWrites(log);
          const wrong = await targetsNotInDesiredState(
            emulator.config.graphBaseUrl,
            token,
            'groups',
            tenant.groupIds,
            tenant.skuId,
            tenant.disabledPlans,
          );
          const record: N8nRecord = {
            nodeMs: result?.error ? Number.NaN : workerMs(setup.home, wf.id, variant.workerName),
            processS,
            writes: counts.writes,
            throttled: counts.throttled,
            // An item that is missing (the execution stopped) counts as failed too.
            failures: n - out.filter((item) => item.error === undefined && item.status !== 'failed').length,
            wrong: wrong.length,
            outputItems: out.length,
            executionError: result?.error ?? null,
          };
          records.get(variant.id)!.push(record);
          console.log(
            `  ${variant.id} run ${round + 1}/${runs}: node ${(record.nodeMs / 1000).toFixed(1)} s (n8n process ${processS.toFixed(1)} s), ${record.writes} writes, ${record.throttled} × 429, ${record.failures} failed items, ${record.wrong} wrong`,
          );
        } finally {
          emulator.stop();
        }
      }
    }
    const stat = (id: string, pick: (r: N8nRecord) => number) => summarize(records.get(id)!.map(pick));
    const oursS = stat('ours-in-n8n', (r) => r.nodeMs / 1000).median;
    return {
      name: 'n8n-http',
      title: `n8n: ${n} license writes from a real n8n 2.41.1`,
      method: `One workflow per variant (manual trigger → Code node emitting ${n} group ids → the worker node), run with \`n8n execute-batch\` against a fresh emulator each time (latency ${LATENCY} ms, write limit ${throttle.bucket} per ${throttle.windowS} s, floor ${formatNumber(throttle.floorS, 1)} s). Time is the worker node's execution time from n8n's execution record.`,
      settings: {
        n,
        runs,
        floorS: Number(throttle.floorS.toFixed(2)),
        throttle: throttle.spec,
        latencyMs: LATENCY,
      },
      tables: [
        {
          title: `Median (min–max) of ${runs} run(s); ratio = its node time ÷ ours in the same run`,
          columns: [
            'variant',
            'node s',
            '÷ floor',
            '÷ ours',
            'write requests',
            '429s',
            'failed items',
            'not in desired state',
          ],
          rows: variants.map((v) => {
            const s = stat(v.id, (r) => r.nodeMs / 1000);
            const stopped = !Number.isFinite(s.median);
            return [
              v.label,
              stopped ? 'n/a (execution stopped)' : formatSummary(s, 1),
              stopped
                ? 'n/a'
                : formatSummary(
                    stat(v.id, (r) => r.nodeMs / 1000 / throttle.floorS),
                    2,
                  ),
              formatRatio(s.median / oursS),
              formatSummary(
                stat(v.id, (r) => r.writes),
                0,
              ),
              formatSummary(
                stat(v.id, (r) => r.throttled),
                0,
              ),
              formatSummary(
                stat(v.id, (r) => r.failures),
                0,
              ),
              formatSummary(
                stat(v.id, (r) => r.wrong),
                0,
              ),
            ];
          }),
        },
      ],
      checks: [],
      notes: [
        ...variants.flatMap((v) =>
          [
            ...new Set(
              records
                .get(v.id)!
                .map((r) => r.executionError)
                .filter(Boolean),
            ),
          ].map(
            (e) =>
              `${v.label}: the execution stopped with "${e}"; node time n/a, every item it did not output counts as failed.`,
          ),
        ),
        'The HTTP Request node sends every item at once (no batching option set) with a bearer token from an HTTP Header Auth credential; "Retry On Fail" re-runs the node when it throws, and with "On Error: continue" a failed item becomes an output item with an `error` field instead.',
        'The n8n process time includes starting n8n (about 10–20 s) and is not compared.',
      ],
      data: Object.fromEntries(records),
    };
  },
};
