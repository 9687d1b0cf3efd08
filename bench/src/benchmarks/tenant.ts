import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnEmulatorCli } from '@entra-licensing/graph-emulator/testing';
import { runChild } from '../lib/child.js';
import type { Benchmark } from '../lib/options.js';
import { benchDir, tmpDir } from '../lib/paths.js';
import { formatNumber, formatRatio, formatSummary, summarize } from '../lib/stats.js';
import type { TenantChildJob, TenantChildResult } from '../tenant/child.js';
import { LATENCY } from './bulk.js';

const USERS = 50_000;
const GROUPS = 2_000;
const SKUS = 30;
/** Graph's page limit for directory collections. */
const PAGE = 999;
/** The `graph` profile's resource units per app and tenant for > 500 users: 8,000 per 10 s, bucket starting full. */
const RU_BUCKET = 8000;
const RU_WINDOW_S = 10;
/** Mean of the uniform latency `100-300` ms. */
const MEAN_LATENCY_S = 0.2;
const NAIVE_USERS = 150;
const NAIVE_GROUPS = 100;
const QUERIES = 50;
const childScript = path.join(path.dirname(fileURLToPath(import.meta.url)), '../tenant/child.ts');

/**
 * The floor of the model read: its requests are three chains of pages followed one after the other (users, licensed
 * groups, SKUs) run side by side, so the longest chain × the mean latency; and the resource units it costs beyond the
 * full bucket, divided by the refill rate. The floor is the larger of the two.
 */
function floorOf(users: number, licensedGroups: number) {
  const userPages = Math.ceil(users / PAGE);
  const groupPages = Math.max(1, Math.ceil(licensedGroups / PAGE));
  // Costs of the emulator's `graph` profile: GET /users 2, other reads 1, subscribedSkus 3; $select −1, minimum 1.
  const units = userPages * 1 + groupPages * 1 + 3;
  const latencyS = Math.max(userPages, groupPages, 1) * MEAN_LATENCY_S;
  const budgetS = Math.max(0, units - RU_BUCKET) / (RU_BUCKET / RU_WINDOW_S);
  return { userPages, groupPages, units, latencyS, budgetS, floorS: Math.max(latencyS, budgetS) };
}

async function runOnce(seed: number): Promise<TenantChildResult> {
  const emulator = await spawnEmulatorCli({
    seed: { generate: { users: USERS, groups: GROUPS, skus: SKUS, randomSeed: seed } },
    latency: LATENCY,
    throttle: 'graph',
    randomSeed: seed,
    startTimeoutMs: 300_000,
  });
  try {
    const job: TenantChildJob = {
      url: emulator.url,
      naiveUserSample: NAIVE_USERS,
      naiveGroupSample: NAIVE_GROUPS,
      queries: QUERIES,
    };
    await mkdir(tmpDir, { recursive: true });
    const jobFile = path.join(tmpDir, `tenant-job-${process.pid}.json`);
    await writeFile(jobFile, JSON.stringify(job));
    const child = await runChild(process.execPath, ['--expose-gc', '--import', 'tsx', childScript, jobFile], {
      cwd: benchDir,
      timeoutMs: 1_200_000,
    });
    const line = child.stdout.trim().split('\n').pop() ?? '';
    if (child.code !== 0 || !line.startsWith('{')) {
      throw new Error(`tenant child exited ${child.code}: ${child.stderr.slice(-2000)}`);
    }
    return JSON.parse(line) as TenantChildResult;
  } finally {
    await emulator.stop();
  }
}

export const tenant: Benchmark = {
  name: 'tenant',
  describe: `the tenant license model of ${USERS.toLocaleString('en-US')} users / ${GROUPS.toLocaleString('en-US')} groups / ${SKUS} SKUs: read vs its floor, explainUser and a one-group impact, vs the naive reads`,
  async run(options) {
    const runs = options.runs ?? 3;
    const records: TenantChildResult[] = [];
    for (let r = 0; r < runs; r++) {
      const record = await runOnce(options.seed + r);
      const floor = floorOf(record.users, record.groups);
      console.log(
        `  run ${r + 1}/${runs}: model ${record.modelReadS.toFixed(2)} s = ${(record.modelReadS / floor.floorS).toFixed(2)}× floor (${floor.floorS.toFixed(2)} s), ${record.modelRead.requests} reads, ${record.modelRead.refused} refused, peak heap ${record.peakHeapMiB.toFixed(0)} MiB`,
      );
      records.push(record);
    }
    const first = records[0]!;
    const floor = floorOf(first.users, first.groups);
    const read = summarize(records.map((r) => r.modelReadS));
    const ratio = summarize(records.map((r) => r.modelReadS / floorOf(r.users, r.groups).floorS));
    const rawChain = summarize(records.map((r) => r.rawChainS));
    const rawRatio = summarize(records.map((r) => r.modelReadS / r.rawChainS));
    const heap = summarize(records.map((r) => r.peakHeapMiB));
    const refusedShare = summarize(
      records.map((r) => r.modelRead.refused / Math.max(1, r.modelRead.requests)),
    );
    const explain = summarize(records.flatMap((r) => r.explainMs));
    const explainMax = Math.max(...records.flatMap((r) => r.explainMs));
    const impact = summarize(records.flatMap((r) => r.impactMs));
    const impactMax = Math.max(...records.flatMap((r) => r.impactMs));
    const members = summarize(records.flatMap((r) => r.impactMembers));
    // The naive reads are timed on a sample, then extrapolated linearly (one request at a time: linear by nature).
    const naiveUserS = summarize(records.map((r) => (r.naiveUserS / NAIVE_USERS) * r.users));
    const naiveGroupS = summarize(records.map((r) => (r.naiveGroupS / NAIVE_GROUPS) * r.groups));
    return {
      name: 'tenant',
      title: `Tenant license model: ${USERS.toLocaleString('en-US')} users, ${GROUPS.toLocaleString('en-US')} groups, ${SKUS} SKUs`,
      method: `Each run spawns an emulator with the seed generator's tenant (random seed ${options.seed}+run), Graph's read limits (the \`graph\` profile: ${RU_BUCKET} resource units per ${RU_WINDOW_S} s, refused requests charged) and latency ${LATENCY} ms; a child process (its heap ours alone) reads the model with \`readTenantModel()\`, times ${QUERIES} \`explainUser\` and ${QUERIES} one-group impacts on it, then reads ${NAIVE_USERS} users' licenseDetails and ${NAIVE_GROUPS} groups' members one request at a time and extrapolates to the tenant. ${runs} runs.`,
      settings: { runs, users: USERS, groups: GROUPS, skus: SKUS, latency: LATENCY, page: PAGE },
      tables: [
        {
          title: `Model read (median (min–max)); floor = max(longest page chain × ${MEAN_LATENCY_S * 1000} ms mean latency, (resource units − bucket) ÷ refill)`,
          columns: ['what', 'figure'],
          rows: [
            [
              'users, licensed groups, SKUs, paths read',
              `${first.users}, ${first.groups}, ${first.skus}, ${first.paths}`,
            ],
            [
              'floor',
              `${formatNumber(floor.floorS, 2)} s = max(${floor.userPages} user pages × ${MEAN_LATENCY_S} s = ${formatNumber(floor.latencyS, 2)} s, (${floor.units} RU − ${RU_BUCKET}) ÷ ${RU_BUCKET / RU_WINDOW_S} RU/s = ${formatNumber(floor.budgetS, 2)} s)`,
            ],
            ['model read', `${formatSummary(read, 2)} s`],
            ['÷ floor', formatSummary(ratio, 2)],
            [
              `the same ${first.rawChainPages} user pages by a bare fetch loop (the emulator's serving time included)`,
              `${formatSummary(rawChain, 2)} s; model read ÷ it: ${formatSummary(rawRatio, 2)}`,
            ],
            ['reads (requests) / refused (429)', `${first.modelRead.requests} / ${first.modelRead.refused}`],
            ['peak heap', `${formatSummary(heap, 0)} MiB`],
            [
              'explainUser on the model',
              `${formatSummary(explain, 3)} ms (max ${formatNumber(explainMax, 2)} ms)`,
            ],
            [
              'one-group impact on the model',
              `${formatSummary(impact, 3)} ms (max ${formatNumber(impactMax, 2)} ms; ${formatSummary(members, 0)} members)`,
            ],
            [
              `naive: licenseDetails per user, one at a time (${NAIVE_USERS} timed, × ${first.users})`,
              `${formatSummary(naiveUserS, 0)} s = ${formatRatio(naiveUserS.median / read.median)} ours`,
            ],
            [
              `naive: members per group, one at a time (${NAIVE_GROUPS} timed, × ${first.groups})`,
              `${formatSummary(naiveGroupS, 0)} s = ${formatRatio(naiveGroupS.median / read.median)} ours (and still no per-path state)`,
            ],
          ],
        },
      ],
      checks: [
        {
          label: 'model read ÷ floor',
          measured: formatNumber(ratio.median, 2),
          target: '≤ 1.2',
          pass: ratio.median <= 1.2,
        },
        {
          label: 'reads refused',
          measured: `${formatNumber(refusedShare.median * 100, 1)} %`,
          target: '≤ 2 %',
          pass: refusedShare.median <= 0.02,
        },
        {
          label: 'peak heap',
          measured: `${formatNumber(heap.median, 0)} MiB`,
          target: '≤ 300 MiB',
          pass: heap.max <= 300,
        },
        {
          label: 'explainUser on the model (max)',
          measured: `${formatNumber(explainMax, 2)} ms`,
          target: '≤ 50 ms',
          pass: explainMax <= 50,
        },
        {
          label: 'one-group impact on the model (max)',
          measured: `${formatNumber(impactMax, 2)} ms`,
          target: '≤ 50 ms',
          pass: impactMax <= 50,
        },
      ],
      notes: [
        'The model read follows one chain of `/users` pages (999 a page, each waiting for the previous nextLink), beside the licensed groups and the SKUs: attribution comes from each user’s `licenseAssignmentStates`, so no group’s members are read.',
        'The naive figures are extrapolated from the timed sample; they are requests sent one at a time, so their time is linear in the count.',
      ],
      data: { floor, records },
    };
  },
};
