// One bulk measurement in its own process (started by benchmarks/bulk.ts with NODE_EXTRA_CA_CERTS set for the
// emulator's TLS certificate): fetch a token, time the runner, then read the emulator's request log and read back
// every target's licenses. Prints one JSON line.
import { readFile } from 'node:fs/promises';
import { connectEmulator } from '@entra-licensing/graph-emulator/testing';
import { targetsNotInDesiredState } from '../lib/readback.js';
import { recordingFetch } from '../lib/recording-fetch.js';
import { countWrites } from '../lib/request-log.js';
import { writerApp } from '../lib/seed.js';
import { microsoftGraphClientRunner } from './microsoft-graph-client.js';
import { msgraphSdkRunner } from './msgraph-sdk.js';
import { naiveRunner } from './naive.js';
import { oursLegacyRunner, oursRunner } from './ours.js';
import type { BulkRunner, RunnerOutcome } from './types.js';

export interface ChildJob {
  url: string;
  runner: string;
  groupIds: string[];
  userIds: string[];
  skuId: string;
  disabledPlans: string[];
  /**
   * Several runs sharing one emulator: start at this epoch time (ms), so that they start together; count only the
   * log entries of this run's own targets.
   */
  startAt?: number;
}

export interface ChildResult {
  wallS: number;
  writes: number;
  throttled: number;
  succeededWrites: number;
  failures: number;
  wrong: number;
  retryAfterViolations: number;
  /** Targets with more than one accepted write. */
  writtenTwice: number;
  /** Epoch ms when the runner started and ended. */
  startedAt: number;
  endedAt: number;
  failureSamples: string[];
  runnerStats?: unknown;
}

const runners: BulkRunner[] = [
  oursRunner,
  oursLegacyRunner,
  naiveRunner,
  microsoftGraphClientRunner,
  msgraphSdkRunner,
];

const job = JSON.parse(await readFile(process.argv[2]!, 'utf8')) as ChildJob;
const runner = runners.find((r) => r.id === job.runner);
if (!runner) throw new Error(`unknown runner ${job.runner}`);
const emulator = await connectEmulator(job.url);
const { config } = emulator;
const app = writerApp(config);
const token = await emulator.getToken(app.name);
const targets = runner.targetKind === 'groups' ? job.groupIds : job.userIds;
// Every runner uses the global fetch: watch it for the Retry-After check, on the client's own clock.
const originalFetch = globalThis.fetch;
const recorder = recordingFetch([new URL(job.url).origin], (url, init) => originalFetch(url, init));
globalThis.fetch = ((input: string | URL | Request, init?: RequestInit) =>
  input instanceof Request
    ? originalFetch(input, init)
    : recorder.fetch(String(input), init ?? {})) as typeof fetch;
if (job.startAt !== undefined)
  await new Promise((r) => setTimeout(r, Math.max(0, job.startAt! - Date.now())));
const startedAt = Date.now();
const t0 = performance.now();
let outcome: RunnerOutcome;
try {
  outcome = await runner.run({
    graphBaseUrl: config.graphBaseUrl,
    tenantId: config.tenantId,
    loginBaseUrl: config.loginBaseUrl,
    clientId: app.clientId,
    clientSecret: app.clientSecret,
    token,
    targets,
    skuId: job.skuId,
    disabledPlans: job.disabledPlans,
  });
} catch (error) {
  outcome = { failures: targets.length, failureSamples: [`runner threw: ${String(error).slice(0, 200)}`] };
}
const wallS = (performance.now() - t0) / 1000;
const endedAt = Date.now();
globalThis.fetch = originalFetch;
const own = new Set(targets.map((t) => t.toLowerCase()));
const fullLog = await emulator.requests();
const log =
  job.startAt === undefined
    ? fullLog
    : fullLog.filter((r) => r.target !== null && own.has(r.target.toLowerCase()));
const counts = countWrites(log);
const acceptedPerTarget = new Map<string, number>();
for (const r of log) {
  if (r.write && r.status >= 200 && r.status < 300 && r.target) {
    acceptedPerTarget.set(r.target.toLowerCase(), (acceptedPerTarget.get(r.target.toLowerCase()) ?? 0) + 1);
  }
}
const wrong = await targetsNotInDesiredState(
  config.graphBaseUrl,
  token,
  runner.targetKind,
  targets,
  job.skuId,
  job.disabledPlans,
);
const result: ChildResult = {
  wallS,
  writes: counts.writes,
  throttled: counts.throttled,
  succeededWrites: counts.succeeded,
  failures: outcome.failures,
  wrong: wrong.length,
  retryAfterViolations: recorder.earlyRequests().length,
  writtenTwice: [...acceptedPerTarget.values()].filter((n) => n > 1).length,
  startedAt,
  endedAt,
  failureSamples: outcome.failureSamples,
  runnerStats: outcome.stats,
};
process.stdout.write(`\n${JSON.stringify(result)}\n`);
