import { createGraphClient, type GraphClient } from '@entra-licensing/graph-client';
import { defaultSeed, type Seed, startEmulator } from '@entra-licensing/graph-emulator';
import { createLicensingService } from '@entra-licensing/licensing';
import type { Benchmark } from '../lib/options.js';
import type { BenchReport } from '../lib/report.js';
import { formatNumber, formatSummary, summarize } from '../lib/stats.js';
import { LATENCY, throttleFor } from './bulk.js';

const TARGET_RATIO = 1.1;
const TARGET_REFUSED = 0.02;
const DAY = 86_400_000;
const GROUP = '7ec1a1a0-0000-4000-8000-000000000001';
const userId = (i: number) => `7ec1a1a0-0000-4000-8000-${String(i + 2).padStart(12, '0')}`;

/** N dormant users (last sign-in 200 days back), all in one group that gives them Power BI (no mailbox, no files). */
function reclaimTenant(n: number): Seed {
  const { ids: _ids, ...base } = defaultSeed;
  const old = new Date(Date.now() - 200 * DAY).toISOString();
  const domain = defaultSeed.ids.tenantDomain;
  return {
    ...base,
    // AAD_PREMIUM: Entra ID P1 in the tenant, which sign-in activity needs.
    skus: [
      { sku: 'POWER_BI_STANDARD', enabled: 1_000_000 },
      { sku: 'AAD_PREMIUM', enabled: 1 },
    ],
    users: Array.from({ length: n }, (_, i) => ({
      id: userId(i),
      userPrincipalName: `dormant${i}@${domain}`,
      displayName: `Dormant ${i}`,
      usageLocation: 'US',
      createdDateTime: '2022-01-01T00:00:00Z',
      signInActivity: {
        lastSignInDateTime: old,
        lastNonInteractiveSignInDateTime: old,
        lastSuccessfulSignInDateTime: old,
      },
    })),
    groups: [
      {
        id: GROUP,
        displayName: 'Reclaim bench',
        kind: 'security',
        members: Array.from({ length: n }, (_, i) => userId(i)),
        licenses: [{ sku: 'POWER_BI_STANDARD' }],
      },
    ],
  };
}

interface RunFigures {
  wallS: number;
  ratio: number;
  writes: number;
  throttled: number;
  failed: number;
  wrong: number;
}

async function oneRun(runner: 'ours' | 'naive', n: number): Promise<RunFigures> {
  const throttle = throttleFor(n);
  const emulator = await startEmulator({
    seed: reclaimTenant(n),
    throttle: throttle.spec,
    timeScale: throttle.timeScale,
    latency: LATENCY,
    processingDelayMs: 0,
  });
  try {
    const app = defaultSeed.ids.apps.licensingReclaimer;
    const client: GraphClient = createGraphClient({
      baseUrl: emulator.url,
      loginBaseUrl: emulator.url,
      scope: `${emulator.url}/.default`,
      credentials: { tenantId: emulator.tenantId, clientId: app.clientId, clientSecret: app.clientSecret },
    });
    const service = createLicensingService({ client });
    // The plan is made before the clock starts (reads only); the grace period is 0 because the emulator stamps
    // every license path with its start-up time.
    const plan = await service.findReclaimable({ inactiveDays: 90, graceDays: 0 });
    if (plan.candidates.length !== n)
      throw new Error(`expected ${n} candidates, got ${plan.candidates.length}`);
    const before = emulator.requests().length;
    let failed = 0;
    let writeS = 0;
    const started = performance.now();
    if (runner === 'ours') {
      const run = await service.applyReclaimPlan(plan, {
        onProgress: (event) => {
          if (event.type === 'end') writeS = event.stats.elapsedMs / 1000;
        },
      });
      failed = run.summary.failed + run.summary.refused;
    } else {
      for (const c of plan.candidates) {
        try {
          await client.groups.byGroupId(GROUP).members.byDirectoryObjectId(c.id).ref.delete();
        } catch {
          failed += 1;
        }
      }
    }
    const wallS = runner === 'ours' ? writeS : (performance.now() - started) / 1000;
    const log = emulator
      .requests()
      .slice(before)
      .filter((r) => r.write);
    const still = emulator.state.groups.get(GROUP)?.memberIds.length ?? -1;
    return {
      wallS,
      ratio: wallS / throttle.floorS,
      writes: log.length,
      throttled: log.filter((r) => r.status === 429).length,
      failed,
      wrong: still,
    };
  } finally {
    await emulator.stop();
  }
}

export const reclaim: Benchmark = {
  name: 'reclaim',
  describe: "reclaim apply: N group-membership removals under Graph's write limit, vs a naive loop",
  async run(options): Promise<BenchReport> {
    const n = options.n;
    const runs = options.runs ?? 3;
    const throttle = throttleFor(n);
    const records: Record<'ours' | 'naive', RunFigures[]> = { ours: [], naive: [] };
    for (let round = 0; round < runs; round++) {
      for (const runner of ['ours', 'naive'] as const) {
        const r = await oneRun(runner, n);
        records[runner].push(r);
        console.log(
          `  ${runner} run ${round + 1}/${runs}: ${r.wallS.toFixed(1)} s, ${r.ratio.toFixed(2)}× floor, ${r.writes} writes, ${r.throttled} × 429, ${r.failed} failed, ${r.wrong} still members`,
        );
      }
    }
    const stat = (runner: 'ours' | 'naive', key: keyof RunFigures) =>
      summarize(records[runner].map((r) => r[key]));
    const ours = records.ours;
    const refusedShare = Math.max(...ours.map((r) => r.throttled / Math.max(1, r.writes)));
    return {
      name: 'reclaim',
      title: `Reclaim apply: ${n} membership removals under Graph's write limit`,
      method: `Each run starts a fresh emulator in this process (bucket full) with ${n} dormant users in one licensing group, latency ${LATENCY} ms, write limit ${throttle.bucket} per ${throttle.windowS} s per app + tenant (Graph's 20 writes/s${throttle.timeScale > 1 ? `, time-scale ${throttle.timeScale}` : ''}). The plan is made first (reads, not timed); ours is timed over the member-removal writes of reclaim apply (its re-check reads come before), the naive loop over its ${n} DELETEs. Floor = (N − bucket) ÷ refill rate = ${formatNumber(throttle.floorS, 1)} s. Runners interleaved, ${runs} rounds.`,
      settings: {
        n,
        runs,
        bucket: throttle.bucket,
        windowS: throttle.windowS,
        timeScale: throttle.timeScale,
        latency: LATENCY,
      },
      tables: [
        {
          title: 'Per runner (median, min–max)',
          columns: ['runner', 'wall s', '× floor', 'writes sent', '429s', 'failed', 'still members'],
          rows: (['ours', 'naive'] as const).map((runner) => [
            runner === 'ours' ? 'reclaim apply (engine)' : 'naive sequential loop over the generated client',
            formatSummary(stat(runner, 'wallS'), 1),
            formatSummary(stat(runner, 'ratio'), 2),
            formatSummary(stat(runner, 'writes'), 0),
            formatSummary(stat(runner, 'throttled'), 0),
            formatSummary(stat(runner, 'failed'), 0),
            formatSummary(stat(runner, 'wrong'), 0),
          ]),
        },
      ],
      checks: [
        {
          label: 'reclaim apply, write time ÷ floor (median)',
          measured: formatSummary(stat('ours', 'ratio'), 2, '×'),
          target: `≤ ${TARGET_RATIO}×`,
          pass: stat('ours', 'ratio').median <= TARGET_RATIO,
        },
        {
          label: 'reclaim apply, writes answered 429 (worst run)',
          measured: `${(refusedShare * 100).toFixed(1)} %`,
          target: `≤ ${TARGET_REFUSED * 100} %`,
          pass: refusedShare <= TARGET_REFUSED,
        },
        {
          label: 'reclaim apply, members left in the group or failed (every run)',
          measured: String(Math.max(...ours.map((r) => r.wrong + r.failed))),
          target: '0',
          pass: ours.every((r) => r.wrong === 0 && r.failed === 0),
        },
      ],
      notes: [
        'Emulator and runners share one process (unlike the bulk benchmark, which runs each runner in a child process).',
      ],
      data: records,
    };
  },
};
