import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnEmulatorCli } from '@entra-licensing/graph-emulator/testing';
import type { Benchmark } from '../lib/options.js';
import { tmpDir } from '../lib/paths.js';
import type { BenchReport } from '../lib/report.js';
import { formatNumber, formatSummary, summarize } from '../lib/stats.js';

const GROUPS = 5_000;
/** A small tenant (< 50 users): Graph's read budget is 3,500 resource units per 10 s per app. */
const USERS = 40;
const BUDGET_UNITS = 3_500;
const WINDOW_S = 10;
const TARGET_RATIO = 1.5;

const cliBin = fileURLToPath(new URL('../../../packages/cli/bin/entra-licensing.js', import.meta.url));

function runCli(args: string[], env: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliBin, ...args], {
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'ignore', 'ignore'],
    });
    child.on('error', reject);
    child.on('close', (code) => resolve(code ?? 1));
  });
}

interface RunFigures {
  wallS: number;
  floorS: number;
  ratio: number;
  reads: number;
  units: number;
  throttled: number;
  early: number;
  groups: number;
}

export const exportBench: Benchmark = {
  name: 'export',
  describe: `CLI export of ${GROUPS.toLocaleString('en-US')} licensed groups under the small-tenant read budget (3,500 RU / 10 s), vs its read floor`,
  async run(options): Promise<BenchReport> {
    const runs = options.runs ?? 1;
    const records: RunFigures[] = [];
    mkdirSync(tmpDir, { recursive: true });
    for (let round = 0; round < runs; round++) {
      // A fresh emulator in its own process per run (bucket full), Graph time (time scale 1), no latency.
      const emulator = await spawnEmulatorCli({
        seed: {
          generate: { users: USERS, groups: GROUPS, skus: 5, licensedGroups: 1, randomSeed: options.seed },
        },
        throttle: `off,appRu=${BUDGET_UNITS}/${WINDOW_S}s`,
        randomSeed: options.seed,
        startTimeoutMs: 300_000,
      });
      try {
        const config = (await (await fetch(`${emulator.url}/_emulator/config`)).json()) as {
          apps: { name: string; clientId: string; clientSecret: string }[];
        };
        const app = config.apps.find((a) => a.name === 'licensing-reader') ?? config.apps[0]!;
        const out = path.join(tmpDir, 'export-bench.json');
        const t0 = performance.now();
        const code = await runCli(
          ['export', '--out', out, '--graph-base-url', emulator.url, '--login-base-url', emulator.url],
          {
            AZURE_TENANT_ID: emulator.tenantId,
            AZURE_CLIENT_ID: app.clientId,
            AZURE_CLIENT_SECRET: app.clientSecret,
          },
        );
        const wallS = (performance.now() - t0) / 1000;
        if (code !== 0) throw new Error(`export exited ${code}`);
        const groups = (JSON.parse(readFileSync(out, 'utf8')) as { groups: unknown[] }).groups.length;
        const reads = (await emulator.requests()).filter((r) => r.path.startsWith('/v1.0/'));
        const answered = reads.filter((r) => r.status !== 429);
        const units = answered.reduce((sum, r) => sum + (r.resourceUnits ?? 0), 0);
        // Floor: the units the answered reads cost, beyond the full bucket the run starts with, at the refill rate.
        const floorS = (Math.max(0, units - BUDGET_UNITS) / BUDGET_UNITS) * WINDOW_S;
        const refused = reads.filter((r) => r.status === 429);
        const early = refused.reduce((n, r) => {
          const until = r.completedMs + (r.retryAfter ?? 0) * 1000;
          return n + reads.filter((x) => x !== r && x.timeMs > r.completedMs && x.timeMs < until - 1).length;
        }, 0);
        const figures = {
          wallS,
          floorS,
          ratio: wallS / Math.max(floorS, 1e-9),
          reads: reads.length,
          units,
          throttled: refused.length,
          early,
          groups,
        };
        records.push(figures);
        console.log(
          `  run ${round + 1}/${runs}: ${wallS.toFixed(1)} s, floor ${floorS.toFixed(1)} s (${figures.ratio.toFixed(2)}×), ${reads.length} reads, ${units} RU, ${refused.length} × 429, ${groups} groups`,
        );
      } finally {
        await emulator.stop();
      }
    }
    const stat = (key: keyof RunFigures) => summarize(records.map((r) => r[key]));
    return {
      name: 'export',
      title: `CLI export: ${GROUPS.toLocaleString('en-US')} licensed groups under the small-tenant read budget`,
      method: `Each run spawns the emulator (its own process, time scale 1, no latency, bucket full) with ${GROUPS} groups all holding a license and ${USERS} users, read budget ${BUDGET_UNITS} resource units per ${WINDOW_S} s per app, and times the built CLI bin's \`export --out\` (a child process, sign-in included). Floor = (Σ units of the answered reads − the starting bucket) ÷ ${BUDGET_UNITS} × ${WINDOW_S} s. "Arrivals while closed" counts reads that reached the emulator between a 429's answer and its Retry-After (reads already in flight, at most 3 per 429, may).`,
      settings: { groups: GROUPS, users: USERS, runs, budgetUnits: BUDGET_UNITS, windowS: WINDOW_S },
      tables: [
        {
          title: 'export (median, min–max)',
          columns: [
            'wall s',
            'floor s',
            '× floor',
            'reads',
            'resource units',
            '429s',
            'arrivals while closed',
            'groups written',
          ],
          rows: [
            [
              formatSummary(stat('wallS'), 1),
              formatSummary(stat('floorS'), 1),
              formatSummary(stat('ratio'), 2),
              formatSummary(stat('reads'), 0),
              formatSummary(stat('units'), 0),
              formatSummary(stat('throttled'), 0),
              formatSummary(stat('early'), 0),
              formatSummary(stat('groups'), 0),
            ],
          ],
        },
      ],
      checks: [
        {
          label: 'export completes with every group written (every run)',
          measured: formatNumber(Math.min(...records.map((r) => r.groups)), 0),
          target: String(GROUPS),
          pass: records.every((r) => r.groups === GROUPS),
        },
        {
          label: 'export time ÷ read floor (median)',
          measured: formatSummary(stat('ratio'), 2, '×'),
          target: `≤ ${TARGET_RATIO}×`,
          pass: stat('ratio').median <= TARGET_RATIO,
        },
      ],
      notes: [],
      data: records,
    };
  },
};
