import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnEmulatorCli } from '@entra-licensing/graph-emulator/testing';
import type { ChildJob, ChildResult } from '../bulk/child.js';
import { microsoftGraphClientRunner } from '../bulk/microsoft-graph-client.js';
import { msgraphSdkRunner } from '../bulk/msgraph-sdk.js';
import { naiveRunner } from '../bulk/naive.js';
import { oursLegacyRunner, oursRunner } from '../bulk/ours.js';
import type { BulkRunner } from '../bulk/types.js';
import { runChild } from '../lib/child.js';
import type { Benchmark } from '../lib/options.js';
import { benchDir, tmpDir } from '../lib/paths.js';
import { bulkTenant } from '../lib/seed.js';
import { formatNumber, formatRatio, formatSummary, type Summary, summarize } from '../lib/stats.js';
import { barChart } from '../lib/svg.js';

/** Graph's write limit per app + tenant: 3,000 writes per 150 s, i.e. a refill of 20 writes/s. */
const GRAPH_WRITES = 3000;
const GRAPH_WINDOW_S = 150;
const GRAPH_RATE = GRAPH_WRITES / GRAPH_WINDOW_S;
export const LATENCY = '100-300';
const TARGET_RATIO = 1.1;
const childScript = path.join(path.dirname(fileURLToPath(import.meta.url)), '../bulk/child.ts');

export interface ThrottleSetting {
  bucket: number;
  windowS: number;
  timeScale: number;
  /** Writes per second once the bucket is empty. */
  rate: number;
  floorS: number;
  spec: string;
}

/**
 * Graph's write rate with a bucket of N ÷ 4 (so that N ≥ 3 × bucket and throttling binds), time-scaled only when
 * the floor would exceed 40 s, so that each run takes at most about a minute.
 */
export function throttleFor(n: number): ThrottleSetting {
  const bucket = Math.max(1, Math.floor(n / 4));
  const windowS = (GRAPH_WINDOW_S * bucket) / GRAPH_WRITES;
  const unscaledFloor = (n - bucket) / GRAPH_RATE;
  const timeScale = Math.max(1, Math.ceil(unscaledFloor / 40));
  const rate = GRAPH_RATE * timeScale;
  return {
    bucket,
    windowS,
    timeScale,
    rate,
    floorS: (n - bucket) / rate,
    spec: `graph,appWrite=${bucket}/${windowS}s`,
  };
}

export interface RunRecord extends ChildResult {
  ratio: number;
}

type NumericKey = Exclude<
  { [K in keyof RunRecord]: RunRecord[K] extends number ? K : never }[keyof RunRecord],
  undefined
>;

/** Runs one bulk job in its own process (`../bulk/child.ts`) and returns what it printed. */
export async function runBulkChild(
  job: ChildJob,
  name: string,
  caCertificatePath?: string,
): Promise<ChildResult> {
  await mkdir(tmpDir, { recursive: true });
  const jobFile = path.join(tmpDir, `${name}-${process.pid}.json`);
  await writeFile(jobFile, JSON.stringify(job));
  const child = await runChild(process.execPath, ['--import', 'tsx', childScript, jobFile], {
    cwd: benchDir,
    env: caCertificatePath ? { ...process.env, NODE_EXTRA_CA_CERTS: caCertificatePath } : process.env,
    timeoutMs: 600_000,
  });
  const line = child.stdout.trim().split('\n').pop() ?? '';
  if (child.code !== 0 || !line.startsWith('{')) {
    throw new Error(`bulk runner ${job.runner} exited ${child.code}: ${child.stderr.slice(-2000)}`);
  }
  return JSON.parse(line) as ChildResult;
}

/** One runner over N targets on a fresh emulator, in its own process. */
export async function measure(
  runner: BulkRunner,
  n: number,
  throttle: ThrottleSetting,
  seed: number,
): Promise<RunRecord> {
  const tenant = bulkTenant({ groups: n, users: n, randomSeed: seed });
  const emulator = await spawnEmulatorCli({
    seed: tenant.seed,
    latency: LATENCY,
    throttle: throttle.spec,
    timeScale: throttle.timeScale,
    randomSeed: seed,
    tls: true,
  });
  try {
    const job: ChildJob = {
      url: emulator.url,
      runner: runner.id,
      groupIds: tenant.groupIds,
      userIds: tenant.userIds,
      skuId: tenant.skuId,
      disabledPlans: tenant.disabledPlans,
    };
    const result = await runBulkChild(job, 'bulk-job', emulator.caCertificatePath);
    return { ...result, ratio: result.wallS / throttle.floorS };
  } finally {
    await emulator.stop();
  }
}

const runners: BulkRunner[] = [
  oursRunner,
  oursLegacyRunner,
  naiveRunner,
  microsoftGraphClientRunner,
  msgraphSdkRunner,
];

export const bulk: Benchmark = {
  name: 'bulk',
  describe: 'N license writes under Graph write throttling: ours vs a naive loop vs the official SDKs',
  async run(options) {
    const runs = options.runs ?? 3;
    const n = options.n;
    const throttle = throttleFor(n);
    const only = process.env.BENCH_BULK_RUNNERS?.split(',').map((s) => s.trim());
    const active = only ? runners.filter((r) => only.includes(r.id)) : runners;
    const records = new Map<string, RunRecord[]>(active.map((r) => [r.id, []]));
    for (let round = 0; round < runs; round++) {
      for (const runner of active) {
        const record = await measure(runner, n, throttle, options.seed + round);
        records.get(runner.id)!.push(record);
        console.log(
          `  ${runner.id} run ${round + 1}/${runs}: ${record.wallS.toFixed(1)} s, ${record.ratio.toFixed(2)}× floor, ${record.writes} writes, ${record.throttled} × 429, ${record.failures} failures, ${record.wrong} wrong`,
        );
      }
    }
    const stat = (id: string, key: NumericKey): Summary => summarize(records.get(id)!.map((r) => r[key]));
    const oursWall = records.has('ours') ? stat('ours', 'wallS').median : Number.NaN;
    const rows = active.map((r) => [
      r.label,
      formatSummary(stat(r.id, 'wallS'), 1),
      formatSummary(stat(r.id, 'ratio'), 2),
      formatRatio(stat(r.id, 'wallS').median / oursWall),
      formatSummary(stat(r.id, 'writes'), 0),
      formatSummary(stat(r.id, 'throttled'), 0),
      formatSummary(stat(r.id, 'failures'), 0),
      formatSummary(stat(r.id, 'wrong'), 0),
      formatSummary(stat(r.id, 'retryAfterViolations'), 0),
    ]);
    const checks = [];
    if (records.has('ours')) {
      const ratio = stat('ours', 'ratio');
      const failures = stat('ours', 'failures');
      const wrong = stat('ours', 'wrong');
      checks.push(
        {
          label: 'our bulk path, wall time ÷ throttle floor (median)',
          measured: formatSummary(ratio, 2, '×'),
          target: `≤ ${TARGET_RATIO}×`,
          pass: ratio.median <= TARGET_RATIO,
        },
        {
          label: 'our bulk path, failures (worst run)',
          measured: String(failures.max),
          target: '0',
          pass: failures.max === 0,
        },
        {
          label: 'our bulk path, targets not in desired state (worst run)',
          measured: String(wrong.max),
          target: '0',
          pass: wrong.max === 0,
        },
      );
    }
    const samples = active
      .map(
        (r) => [r.id, [...new Set(records.get(r.id)!.flatMap((x) => x.failureSamples))].slice(0, 3)] as const,
      )
      .filter(([, s]) => s.length > 0)
      .map(([id, s]) => `${id} failures, e.g.: ${s.join(' · ')}`);
    return {
      name: 'bulk',
      title: `Bulk: ${n} license writes under Graph's write throttling`,
      method: `Each run starts a fresh emulator (bucket full) seeded with ${n} security groups and ${n} users, latency ${LATENCY} ms, write limit ${throttle.bucket} per ${throttle.windowS} s per app + tenant (Graph's 20 writes/s${throttle.timeScale > 1 ? `, time-scale ${throttle.timeScale}` : ''}); every target must end with ${'SPE_E3'} with two plans disabled. Floor = (N − bucket) ÷ refill rate = ${formatNumber(throttle.floorS, 1)} s. Runners interleaved, ${runs} rounds.`,
      settings: {
        n,
        runs,
        bucket: throttle.bucket,
        windowS: throttle.windowS,
        timeScale: throttle.timeScale,
        latencyMs: LATENCY,
        floorS: Number(throttle.floorS.toFixed(2)),
        throttle: throttle.spec,
      },
      tables: [
        {
          title: `Median (min–max) of ${runs} runs; the ratio column is their wall time ÷ ours in the same run`,
          columns: [
            'runner',
            'wall s',
            '÷ floor',
            '÷ ours',
            'write requests',
            '429s',
            'failures',
            'not in desired state',
            'sent before Retry-After',
          ],
          rows,
        },
      ],
      checks,
      notes: [
        '"write requests" counts the writes that reached the emulator (its request log): direct assignLicense calls and `$batch` items one by one.',
        '"sent before Retry-After": requests the runner sent (its global fetch, watched on its own clock) into a throttle scope while the Retry-After it had received for that scope had not elapsed; a request waiting for its own Retry-After while others go out is counted.',
        'The emulator charges every throttled request against the limit, as Graph does (all requests accrue against the usage limits): a retry storm lengthens the throttling.',
        ...samples,
      ],
      svg: barChart({
        title: `Bulk, ${n} writes: wall time (s), floor ${formatNumber(throttle.floorS, 1)} s`,
        unit: 's',
        reference: { value: throttle.floorS, label: 'floor' },
        bars: active.map((r) => ({ label: r.label, value: stat(r.id, 'wallS').median })),
      }),
      data: { throttle, records: Object.fromEntries(records) },
    };
  },
};
