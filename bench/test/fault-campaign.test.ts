import { inspect } from 'node:util';
import { createGraphClient } from '@entra-licensing/graph-client';
import type { RequestLogEntry } from '@entra-licensing/graph-emulator';
import { type SpawnedEmulator, spawnEmulatorCli } from '@entra-licensing/graph-emulator/testing';
import {
  type BulkItem,
  type BulkProgressEvent,
  type BulkRun,
  createLicensingService,
} from '@entra-licensing/licensing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRandom } from '../src/lib/random.js';
import { holds, readAssignedLicenses } from '../src/lib/readback.js';
import { type RecordingFetch, recordingFetch } from '../src/lib/recording-fetch.js';
import { type CampaignTenant, campaignTenant } from './support/campaign-tenant.js';
import { captureOutput, safeStringify } from './support/capture.js';
import { type ResetProxy, startResetProxy } from './support/reset-proxy.js';

/**
 * Fault, idempotency and secret campaigns over one bulk run of 600 targets (500 groups, 100 users).
 * Faults at the emulator (reads and writes): 429 3 %, 503 5 %, 504 4 %, Directory_ConcurrencyViolation 4 %;
 * plus connection resets of 3 % of `$batch` answers after the emulator executed them (reset proxy): ≈ 19 %.
 * Graph's write throttling also binds (bucket 150, time-scale 20).
 */
const RANDOM_SEED = 6061;
const SECRET = 'CampaignSecret~7Qx!r2-unique-do-not-leak~9f3a';
/**
 * Client backoff scaled like the emulator's time (its defaults are for Graph: 500 ms doubling to 30 s), and a higher
 * retry cap: at ≈ 19 % faults on every read and write, the default cap of 6 fault retries per target left one of
 * the 600 targets failed in about one run of three (reported with the campaign's findings).
 */
const FAST_BACKOFF = { backoffBaseMs: 50, backoffMaxMs: 1000, maxRetries: 12 };
/** Injected 429s ask for 300 ms (6 s of Graph time ÷ 20), long enough for the Retry-After check to bite. */
const FAULTS = '429:0.03@6000,503:0.05@500,504:0.04,concurrency:0.04,on=all';

let tenant: CampaignTenant;
let emulator: SpawnedEmulator;
let proxy: ResetProxy;
let recorder: RecordingFetch;
let items: BulkItem[];
let firstRun: BulkRun;
let firstLog: RequestLogEntry[];
let secondRun: BulkRun;
let secondLog: RequestLogEntry[];
const progress: BulkProgressEvent[] = [];
let capturedOutput = '';

function serviceFor(graphOrigin: string) {
  const client = createGraphClient({
    credentials: {
      tenantId: 'e8e96c2a-d787-4eb1-98d7-9e57c965f1de',
      clientId: tenant.app.clientId,
      clientSecret: SECRET,
    },
    baseUrl: graphOrigin,
    loginBaseUrl: emulator.url,
    fetch: recorder.fetch,
  });
  return createLicensingService({ client });
}

beforeAll(async () => {
  tenant = campaignTenant({ groups: 500, users: 100, randomSeed: RANDOM_SEED, secret: SECRET });
  emulator = await spawnEmulatorCli({
    seed: tenant.seed,
    latency: '2-10',
    timeScale: 20,
    throttle: 'graph,appWrite=150/7.5s',
    faults: FAULTS,
    randomSeed: RANDOM_SEED,
  });
  proxy = await startResetProxy(emulator.url, 0.03, RANDOM_SEED);
  recorder = recordingFetch([emulator.url, proxy.url]);
  items = tenant.targets.map((t) => ({ target: { kind: t.kind, id: t.id }, intent: t.intent }));
  const jitter = createRandom(RANDOM_SEED);
  const random = () => jitter.int(0, 999_999) / 1_000_000;

  const first = await captureOutput(() =>
    serviceFor(proxy.url).applyBulk(items, { random, ...FAST_BACKOFF, onProgress: (e) => progress.push(e) }),
  );
  firstRun = first.value;
  firstLog = await emulator.requests();
  await emulator.clearRequests();

  const second = await captureOutput(() =>
    serviceFor(proxy.url).applyBulk(items, { random, ...FAST_BACKOFF }),
  );
  secondRun = second.value;
  secondLog = await emulator.requests();
  capturedOutput = [first.output, second.output].join('\n');
}, 150_000);

afterAll(async () => {
  await proxy?.stop();
  await emulator?.stop();
});

describe('fault campaign: 600 targets, ≈ 19 % injected faults', () => {
  it('injected every kind of fault', () => {
    const kinds = new Set(firstLog.map((r) => r.fault).filter(Boolean));
    expect([...kinds].sort()).toEqual(['429', '503', '504', 'concurrency']);
    expect(proxy.resets()).toBeGreaterThan(0);
    expect(firstLog.filter((r) => r.status === 429 && r.fault === null).length).toBeGreaterThan(0);
    // The Retry-After check below has real windows to watch (longer than the 50 ms allowed for requests in flight).
    expect(firstLog.filter((r) => r.status === 429 && (r.retryAfter ?? 0) >= 0.2).length).toBeGreaterThan(10);
  });

  it('gives exactly one result per target, none failed', () => {
    expect(firstRun.results).toHaveLength(items.length);
    const keys = firstRun.results.map((r) => `${r.target.kind}:${r.target.id}`);
    expect(new Set(keys).size).toBe(items.length);
    const failed = firstRun.results.filter((r) => r.status !== 'applied');
    expect(failed.map((r) => `${r.target.id} ${r.status} ${r.reason ?? ''}`)).toEqual([]);
  });

  it('leaves every target in its desired state, unmanaged licenses kept (read back)', async () => {
    const token = recorder.tokens.at(-1)!;
    const groups = await readAssignedLicenses(`${emulator.url}/v1.0`, token, 'groups');
    const users = await readAssignedLicenses(`${emulator.url}/v1.0`, token, 'users');
    const wrong = tenant.targets.filter((t) => {
      const held = (t.kind === 'group' ? groups : users).get(t.id) ?? [];
      return ![...t.desired, ...t.untouched].every((l) => holds(held, l.skuId, l.disabledPlans));
    });
    expect(wrong.map((t) => t.id)).toEqual([]);
  });

  it('writes each target once: no write after the one that was applied, failed attempts only before it', () => {
    const writes = firstLog.filter((r) => r.write).sort((a, b) => a.timeMs - b.timeMs);
    const byTarget = new Map<string, RequestLogEntry[]>();
    for (const w of writes) byTarget.set(w.target ?? '?', [...(byTarget.get(w.target ?? '?') ?? []), w]);
    const problems: string[] = [];
    for (const t of tenant.targets) {
      const list = byTarget.get(t.id) ?? [];
      const applied = list.filter((w) => w.status >= 200 && w.status < 300);
      if (applied.length !== 1) problems.push(`${t.id}: ${applied.length} applied writes`);
      const after = list.filter((w) => applied[0] && w.timeMs > applied[0].timeMs);
      if (after.length > 0) problems.push(`${t.id}: ${after.length} writes after the applied one`);
      const failedAttempts = list.filter((w) => w.status < 200 || w.status >= 300);
      if (failedAttempts.some((w) => ![429, 503, 504, 400, 409].includes(w.status))) {
        problems.push(`${t.id}: unexpected statuses ${failedAttempts.map((w) => w.status).join(',')}`);
      }
    }
    expect(problems).toEqual([]);
    expect(writes.length).toBeGreaterThan(tenant.targets.length);
  });

  it('sends nothing into a throttle scope before the last Retry-After it received for it has elapsed', () => {
    // On the client's clock (the recording fetch), where no server or proxy latency blurs the timing.
    expect(recorder.throttledAnswers()).toBeGreaterThan(10);
    const early = recorder
      .earlyRequests()
      .map(
        (e) =>
          `${e.request} into ${e.scope}, ${e.afterMs.toFixed(0)} ms after the 429, ${e.earlyByMs.toFixed(0)} ms early`,
      );
    expect(early).toEqual([]);
  });
});

describe('idempotency campaign', () => {
  it('applying the same desired state again sends zero writes', () => {
    expect(secondLog.filter((r) => r.write)).toEqual([]);
    expect(secondRun.results).toHaveLength(items.length);
    expect(secondRun.results.every((r) => r.status === 'unchanged')).toBe(true);
  });
});

describe('secret and token campaign (over the fault run)', () => {
  it('never shows the client secret or an issued token in results, progress, logs or output', async () => {
    expect(recorder.tokens.length).toBeGreaterThan(0);
    const texts = [
      safeStringify(firstRun),
      safeStringify(secondRun),
      safeStringify(progress),
      inspect(firstRun, { depth: 10 }),
      capturedOutput,
      emulator.output(),
    ].join('\n');
    expect(texts).not.toContain(SECRET);
    for (const token of recorder.tokens) {
      expect(texts).not.toContain(token);
      expect(texts).not.toContain(token.split('.')[2]!);
    }
  });

  it('sent the token only to the configured Graph origin, and the secret only to the token endpoint', () => {
    const withToken = recorder.calls.filter((c) => c.authorization);
    expect(withToken.length).toBeGreaterThan(0);
    expect(withToken.every((c) => new URL(c.url).origin === proxy.url)).toBe(true);
    const tokenCalls = recorder.calls.filter((c) => c.url.includes('/oauth2/'));
    expect(tokenCalls.every((c) => new URL(c.url).origin === emulator.url && c.authorization === null)).toBe(
      true,
    );
  });
});
