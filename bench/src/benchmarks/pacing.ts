import { type ChildProcess, spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { spawnEmulatorCli } from '@entra-licensing/graph-emulator/testing';
import type { ChildJob } from '../bulk/child.js';
import { oursLegacyRunner, oursRunner } from '../bulk/ours.js';
import type { BulkRunner } from '../bulk/types.js';
import type { Benchmark } from '../lib/options.js';
import type { Check } from '../lib/report.js';
import { bulkTenant } from '../lib/seed.js';
import { formatNumber, formatSummary, type Summary, summarize } from '../lib/stats.js';
import { perSecond, type TimelinePanel, timelineChart } from '../lib/svg.js';
import { LATENCY, measure, type RunRecord, runBulkChild, type ThrottleSetting, throttleFor } from './bulk.js';

const pacers: BulkRunner[] = [oursRunner, oursLegacyRunner];
const ALONE_SIZES = [1000, 5000];
const ALONE = { ratio: 1.05, throttledShare: 0.02 };
const BESIDE = { processes: 3, perProcess: 1000, ratio: 1.1, throttledShare: 0.03 };
/** The alone case again with every core kept busy (one spinning process per core): the same targets must hold. */
const BUSY_SIZE = 1000;

/** Runs `fn` while one process per core spins (as `yes > /dev/null` would), then stops them. */
async function withBusyCores<T>(fn: () => Promise<T>): Promise<T> {
  const spinners: ChildProcess[] = Array.from({ length: availableParallelism() }, () =>
    spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }),
  );
  try {
    return await fn();
  } finally {
    for (const spinner of spinners) spinner.kill('SIGKILL');
  }
}

/**
 * The write limit binds, not the reads: resource units at Graph's limit for a tenant of more than 500 users
 * (8,000 per 10 s; the seed has no users, which would give the smallest tier, 3,500, and make the reads of 3,000
 * targets the bottleneck of the beside-others run).
 */
function writeBound(throttle: ThrottleSetting): ThrottleSetting {
  return { ...throttle, spec: `${throttle.spec},appRu=8000/10s` };
}

interface BesideRecord {
  /** From the common start to the last process's end, in s. */
  allDoneS: number;
  ratio: number;
  perProcessS: number[];
  writes: number;
  throttled: number;
  failures: number;
  wrong: number;
  writtenTwice: number;
  retryAfterViolations: number;
  /** Write requests and 429s per second from the common start (the emulator's log). */
  writesPerSecond: number[];
  throttledPerSecond: number[];
}

/**
 * Three independent processes (same app, same tenant, one emulator) licensing 1,000 groups each, started together
 * at one wall-clock instant; each paces on its own, with nothing shared but Graph's answers.
 */
async function measureBeside(runner: BulkRunner, seed: number): Promise<BesideRecord> {
  const total = BESIDE.processes * BESIDE.perProcess;
  const throttle = writeBound(throttleFor(total));
  const tenant = bulkTenant({ groups: total, randomSeed: seed });
  const emulator = await spawnEmulatorCli({
    seed: tenant.seed,
    latency: LATENCY,
    throttle: throttle.spec,
    timeScale: throttle.timeScale,
    randomSeed: seed,
  });
  try {
    // Time for every child to load (tsx) and fetch its token before the common start.
    const startAt = Date.now() + 15_000;
    const children = await Promise.all(
      Array.from({ length: BESIDE.processes }, async (_, i) => {
        const job: ChildJob = {
          url: emulator.url,
          runner: runner.id,
          groupIds: tenant.groupIds.slice(i * BESIDE.perProcess, (i + 1) * BESIDE.perProcess),
          userIds: [],
          skuId: tenant.skuId,
          disabledPlans: tenant.disabledPlans,
          startAt,
        };
        return await runBulkChild(job, `pacing-job-${i}`);
      }),
    );
    const log = (await emulator.requests()).filter((r) => r.write && r.timeMs >= startAt);
    const allDoneS = (Math.max(...children.map((c) => c.endedAt)) - startAt) / 1000;
    const seconds = Math.ceil(allDoneS) + 1;
    const sum = (
      key: 'writes' | 'throttled' | 'failures' | 'wrong' | 'writtenTwice' | 'retryAfterViolations',
    ) => children.reduce((s, c) => s + c[key], 0);
    return {
      allDoneS,
      ratio: allDoneS / throttle.floorS,
      perProcessS: children.map((c) => (c.endedAt - startAt) / 1000),
      writes: sum('writes'),
      throttled: sum('throttled'),
      failures: sum('failures'),
      wrong: sum('wrong'),
      writtenTwice: sum('writtenTwice'),
      retryAfterViolations: sum('retryAfterViolations'),
      writesPerSecond: perSecond(
        log.map((r) => r.timeMs),
        startAt,
        seconds,
      ),
      throttledPerSecond: perSecond(
        log.filter((r) => r.status === 429).map((r) => r.timeMs),
        startAt,
        seconds,
      ),
    };
  } finally {
    await emulator.stop();
  }
}

const pct = (part: number, whole: number) => (whole > 0 ? (100 * part) / whole : 0);

export const pacing: Benchmark = {
  name: 'pacing',
  describe:
    'write pacing with throttled requests charged: the signal pacer vs the legacy pacer, alone (1,000 and 5,000 writes) and as 3 processes beside each other',
  async run(options) {
    const runs = options.runs ?? 1;
    const sizes = process.env.BENCH_PACING_SIZES?.split(',').map(Number) ?? ALONE_SIZES;
    const alone = new Map<string, RunRecord[]>();
    for (const n of sizes) {
      const throttle = writeBound(throttleFor(n));
      for (let round = 0; round < runs; round++) {
        for (const runner of pacers) {
          const record = await measure(runner, n, throttle, options.seed + round);
          const key = `${n}/${runner.id}`;
          alone.set(key, [...(alone.get(key) ?? []), record]);
          console.log(
            `  alone ${n} ${runner.id} run ${round + 1}/${runs}: ${record.wallS.toFixed(1)} s = ${record.ratio.toFixed(3)}× floor ${throttle.floorS.toFixed(1)} s, ${record.writes} write requests, ${record.throttled} × 429 (${pct(record.throttled, record.writes).toFixed(1)} %), ${record.failures} failed, ${record.wrong} wrong, ${record.writtenTwice} written twice`,
          );
        }
      }
    }
    const busy = new Map<string, RunRecord[]>();
    if (process.env.BENCH_PACING_BUSY !== '0') {
      const throttle = writeBound(throttleFor(BUSY_SIZE));
      for (let round = 0; round < runs; round++) {
        for (const runner of pacers) {
          const record = await withBusyCores(() =>
            measure(runner, BUSY_SIZE, throttle, options.seed + round),
          );
          busy.set(runner.id, [...(busy.get(runner.id) ?? []), record]);
          console.log(
            `  busy cores, ${BUSY_SIZE} ${runner.id} run ${round + 1}/${runs}: ${record.wallS.toFixed(1)} s = ${record.ratio.toFixed(3)}× floor ${throttle.floorS.toFixed(1)} s, ${record.writes} write requests, ${record.throttled} × 429 (${pct(record.throttled, record.writes).toFixed(1)} %), ${record.failures} failed, ${record.wrong} wrong, ${record.writtenTwice} written twice, ${record.retryAfterViolations} sent before Retry-After`,
          );
        }
      }
    }
    const beside = new Map<string, BesideRecord[]>();
    const combined = throttleFor(BESIDE.processes * BESIDE.perProcess);
    for (let round = 0; round < runs; round++) {
      for (const runner of pacers) {
        const record = await measureBeside(runner, options.seed + round);
        beside.set(runner.id, [...(beside.get(runner.id) ?? []), record]);
        console.log(
          `  beside ${BESIDE.processes} × ${BESIDE.perProcess} ${runner.id} run ${round + 1}/${runs}: all done in ${record.allDoneS.toFixed(1)} s = ${record.ratio.toFixed(3)}× combined floor ${combined.floorS.toFixed(1)} s (each: ${record.perProcessS.map((s) => s.toFixed(1)).join(', ')} s), ${record.writes} write requests, ${record.throttled} × 429 (${pct(record.throttled, record.writes).toFixed(1)} %), ${record.failures} failed, ${record.wrong} wrong, ${record.writtenTwice} written twice`,
        );
      }
    }

    const s = (values: number[]): Summary => summarize(values);
    const aloneRows = sizes.flatMap((n) =>
      pacers.map((runner) => {
        const records = alone.get(`${n}/${runner.id}`)!;
        return [
          `${formatNumber(n, 0)}`,
          runner.label,
          formatSummary(s(records.map((r) => r.wallS)), 1),
          formatSummary(s(records.map((r) => r.ratio)), 3),
          formatSummary(s(records.map((r) => r.writes)), 0),
          formatSummary(s(records.map((r) => r.throttled)), 0),
          formatSummary(s(records.map((r) => pct(r.throttled, r.writes))), 1, ' %'),
          formatSummary(s(records.map((r) => r.failures)), 0),
          formatSummary(s(records.map((r) => r.wrong)), 0),
          formatSummary(s(records.map((r) => r.writtenTwice)), 0),
          formatSummary(s(records.map((r) => r.retryAfterViolations)), 0),
        ];
      }),
    );
    const busyRows = [...busy].map(([id, records]) => [
      `${formatNumber(BUSY_SIZE, 0)}, cores busy`,
      pacers.find((r) => r.id === id)?.label ?? id,
      formatSummary(s(records.map((r) => r.wallS)), 1),
      formatSummary(s(records.map((r) => r.ratio)), 3),
      formatSummary(s(records.map((r) => r.writes)), 0),
      formatSummary(s(records.map((r) => r.throttled)), 0),
      formatSummary(s(records.map((r) => pct(r.throttled, r.writes))), 1, ' %'),
      formatSummary(s(records.map((r) => r.failures)), 0),
      formatSummary(s(records.map((r) => r.wrong)), 0),
      formatSummary(s(records.map((r) => r.writtenTwice)), 0),
      formatSummary(s(records.map((r) => r.retryAfterViolations)), 0),
    ]);
    const besideRows = pacers.map((runner) => {
      const records = beside.get(runner.id)!;
      return [
        runner.label,
        formatSummary(s(records.map((r) => r.allDoneS)), 1),
        formatSummary(s(records.map((r) => r.ratio)), 3),
        records.map((r) => r.perProcessS.map((x) => x.toFixed(1)).join(' / ')).join('; '),
        formatSummary(s(records.map((r) => r.writes)), 0),
        formatSummary(s(records.map((r) => r.throttled)), 0),
        formatSummary(s(records.map((r) => pct(r.throttled, r.writes))), 1, ' %'),
        formatSummary(s(records.map((r) => r.failures)), 0),
        formatSummary(s(records.map((r) => r.wrong)), 0),
        formatSummary(s(records.map((r) => r.writtenTwice)), 0),
      ];
    });
    const checks: Check[] = [];
    for (const n of sizes) {
      const records = alone.get(`${n}/${oursRunner.id}`)!;
      const worstRatio = Math.max(...records.map((r) => r.ratio));
      const worstShare = Math.max(...records.map((r) => pct(r.throttled, r.writes)));
      checks.push(
        {
          label: `alone, ${n} writes: wall time ÷ floor (worst run)`,
          measured: `${worstRatio.toFixed(3)}×`,
          target: `≤ ${ALONE.ratio}×`,
          pass: worstRatio <= ALONE.ratio,
        },
        {
          label: `alone, ${n} writes: write requests answered 429 (worst run)`,
          measured: `${worstShare.toFixed(2)} %`,
          target: `≤ ${ALONE.throttledShare * 100} %`,
          pass: worstShare <= ALONE.throttledShare * 100,
        },
        {
          label: `alone, ${n} writes: failed / wrong / written twice (worst run)`,
          measured: `${Math.max(...records.map((r) => r.failures))} / ${Math.max(...records.map((r) => r.wrong))} / ${Math.max(...records.map((r) => r.writtenTwice))}`,
          target: '0 / 0 / 0',
          pass: records.every((r) => r.failures === 0 && r.wrong === 0 && r.writtenTwice === 0),
        },
      );
    }
    const signalBusy = busy.get(oursRunner.id);
    if (signalBusy) {
      const worstRatio = Math.max(...signalBusy.map((r) => r.ratio));
      const worstShare = Math.max(...signalBusy.map((r) => pct(r.throttled, r.writes)));
      checks.push(
        {
          label: `cores busy, ${BUSY_SIZE} writes: wall time ÷ floor (worst run)`,
          measured: `${worstRatio.toFixed(3)}×`,
          target: `≤ ${ALONE.ratio}×`,
          pass: worstRatio <= ALONE.ratio,
        },
        {
          label: `cores busy, ${BUSY_SIZE} writes: write requests answered 429 (worst run)`,
          measured: `${worstShare.toFixed(2)} %`,
          target: `≤ ${ALONE.throttledShare * 100} %`,
          pass: worstShare <= ALONE.throttledShare * 100,
        },
        {
          label: `cores busy, ${BUSY_SIZE} writes: sent into a scope before its Retry-After / failed / wrong (worst run)`,
          measured: `${Math.max(...signalBusy.map((r) => r.retryAfterViolations))} / ${Math.max(...signalBusy.map((r) => r.failures))} / ${Math.max(...signalBusy.map((r) => r.wrong))}`,
          target: '0 / 0 / 0',
          pass: signalBusy.every((r) => r.retryAfterViolations === 0 && r.failures === 0 && r.wrong === 0),
        },
      );
    }
    const signalBeside = beside.get(oursRunner.id)!;
    const worstBeside = Math.max(...signalBeside.map((r) => r.ratio));
    const worstBesideShare = Math.max(...signalBeside.map((r) => pct(r.throttled, r.writes)));
    checks.push(
      {
        label: `beside others (${BESIDE.processes} × ${BESIDE.perProcess}): all done ÷ combined floor (worst run)`,
        measured: `${worstBeside.toFixed(3)}×`,
        target: `≤ ${BESIDE.ratio}×`,
        pass: worstBeside <= BESIDE.ratio,
      },
      {
        label: `beside others: write requests answered 429, overall (worst run)`,
        measured: `${worstBesideShare.toFixed(2)} %`,
        target: `≤ ${BESIDE.throttledShare * 100} %`,
        pass: worstBesideShare <= BESIDE.throttledShare * 100,
      },
      {
        label: 'beside others: failed / wrong (worst run)',
        measured: `${Math.max(...signalBeside.map((r) => r.failures))} / ${Math.max(...signalBeside.map((r) => r.wrong))}`,
        target: '0 / 0',
        pass: signalBeside.every((r) => r.failures === 0 && r.wrong === 0),
      },
    );
    const panels: TimelinePanel[] = pacers.map((runner) => {
      const last = beside.get(runner.id)!.at(-1)!;
      return {
        label: `${runner.label}: all done in ${last.allDoneS.toFixed(1)} s (${last.ratio.toFixed(2)}× floor), ${last.throttled} of ${last.writes} writes answered 429`,
        series: [
          { name: 'writes/s', color: '#2f6fdb', perSecond: last.writesPerSecond },
          { name: '429s/s', color: '#d33', perSecond: last.throttledPerSecond },
        ],
      };
    });
    return {
      name: 'pacing',
      title: `Write pacing, throttled requests charged: alone and ${BESIDE.processes} processes beside each other`,
      method: `Alone: as the bulk benchmark (fresh emulator per run, latency ${LATENCY} ms, bucket N ÷ 4 at Graph's 20 writes/s, time-scaled so the floor stays ≤ 40 s), our applyBulk with the signal pacer (default) and with the legacy pacer, interleaved, ${runs} round(s); then the ${BUSY_SIZE}-write case again with every core kept busy (${availableParallelism()} processes spinning, as \`yes > /dev/null\` would; BENCH_PACING_BUSY=0 skips it). Beside others: one emulator, ${BESIDE.processes} independent processes (same app, same tenant) licensing ${BESIDE.perProcess} groups each, started at one wall-clock instant; bucket ${combined.bucket} per ${combined.windowS} s, time scale ${combined.timeScale} (${combined.rate} writes/s), combined floor (${BESIDE.processes * BESIDE.perProcess} − ${combined.bucket}) ÷ ${combined.rate} = ${formatNumber(combined.floorS, 1)} s. Resource units at 8,000 per 10 s (Graph's tier for a tenant of more than 500 users), so that the reads do not bind. The emulator charges throttled requests (Graph: all requests accrue against the limits) and sends x-ms-throttle-limit-percentage above 0.8.`,
      settings: {
        runs,
        sizes: sizes.join(','),
        latencyMs: LATENCY,
        besideProcesses: BESIDE.processes,
        besidePerProcess: BESIDE.perProcess,
        besideBucket: combined.bucket,
        besideWindowS: combined.windowS,
        besideTimeScale: combined.timeScale,
        besideFloorS: Number(combined.floorS.toFixed(2)),
      },
      tables: [
        {
          title: `Alone: median (min–max) of ${runs} run(s)`,
          columns: [
            'N',
            'pacer',
            'wall s',
            '÷ floor',
            'write requests',
            '429s',
            '429 share',
            'failed',
            'wrong',
            'written twice',
            'sent before Retry-After',
          ],
          rows: [...aloneRows, ...busyRows],
        },
        {
          title: `Beside others: ${BESIDE.processes} processes × ${BESIDE.perProcess} groups, one tenant, one app`,
          columns: [
            'pacer',
            'all done s',
            '÷ combined floor',
            'each process s',
            'write requests',
            '429s',
            '429 share',
            'failed',
            'wrong',
            'written twice',
          ],
          rows: besideRows,
        },
      ],
      checks,
      notes: [
        'Write requests and 429s come from the emulator request log ($batch items one by one); "written twice" counts targets with more than one accepted write.',
        'results/pacing.svg: write requests and 429s per second of the last beside-others run of each pacer.',
      ],
      svg: timelineChart({
        title: `${BESIDE.processes} processes × ${BESIDE.perProcess} group writes on one tenant: write requests and 429s per second`,
        unit: '/s',
        panels,
      }),
      data: {
        alone: Object.fromEntries(alone),
        busy: Object.fromEntries(busy),
        beside: Object.fromEntries(beside),
      },
    };
  },
};
