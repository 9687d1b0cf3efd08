// The tenant-model measurement in its own process (started by benchmarks/tenant.ts), so that its heap is ours alone:
// read the model with the library, time explainUser and a one-group impact on it, then the naive ways on a sample.
// Prints one JSON line.
import { readFile } from 'node:fs/promises';
import { createGraphClient } from '@entra-licensing/graph-client';
import { connectEmulator } from '@entra-licensing/graph-emulator/testing';
import {
  createLicensingService,
  type PlannedTargetChange,
  type TenantModel,
} from '@entra-licensing/licensing';
import { writerApp } from '../lib/seed.js';

export interface TenantChildJob {
  url: string;
  /** Users (then groups) read the naive way, one request at a time, then extrapolated to the whole tenant. */
  naiveUserSample: number;
  naiveGroupSample: number;
  /** explainUser / impact calls timed on the model. */
  queries: number;
}

export interface PhaseLog {
  requests: number;
  refused: number;
}

export interface TenantChildResult {
  modelReadS: number;
  modelRead: PhaseLog;
  peakHeapMiB: number;
  heapAfterMiB: number;
  users: number;
  groups: number;
  skus: number;
  paths: number;
  explainMs: number[];
  impactMs: number[];
  impactMembers: number[];
  /** The same user pages fetched by a bare loop (no parsing, nothing else): what the emulator's serving allows. */
  rawChainS: number;
  rawChainPages: number;
  naiveUserS: number;
  naiveUser: PhaseLog;
  naiveGroupS: number;
  naiveGroup: PhaseLog;
}

const job = JSON.parse(await readFile(process.argv[2]!, 'utf8')) as TenantChildJob;
const emulator = await connectEmulator(job.url);
const { config } = emulator;
const app = writerApp(config);
const client = createGraphClient({
  credentials: { tenantId: config.tenantId, clientId: app.clientId, clientSecret: app.clientSecret },
  baseUrl: new URL(config.graphBaseUrl).origin,
  loginBaseUrl: config.loginBaseUrl,
  scope: config.scope,
});
const service = createLicensingService({ client });
const token = await emulator.getToken(app.name);

async function phase<T>(fn: () => Promise<T>): Promise<{ value: T; seconds: number; log: PhaseLog }> {
  const before = (await emulator.requests()).at(-1)?.seq ?? 0;
  const started = performance.now();
  const value = await fn();
  const seconds = (performance.now() - started) / 1000;
  const log = (await emulator.requests(before)).filter((r) => r.seq > before && r.path !== '/v1.0/$batch');
  return { value, seconds, log: { requests: log.length, refused: log.filter((r) => r.throttled).length } };
}

let peak = 0;
const sampler = setInterval(() => {
  peak = Math.max(peak, process.memoryUsage().heapUsed);
}, 20);
await service.listSkus(); // sign-in and the SKU cache before the clock starts, as a long-lived service has them
global.gc?.();
const read = await phase(() => service.readTenantModel());
peak = Math.max(peak, process.memoryUsage().heapUsed);
clearInterval(sampler);
const model: TenantModel = read.value;

// Queries on the model: users and groups spread over the tenant, the same ones every run.
const users = [...model.users.values()];
const groups = [...model.groups.values()].filter((g) => g.licenses.length > 0);
const explainMs: number[] = [];
const impactMs: number[] = [];
const impactMembers: number[] = [];
for (let i = 0; i < job.queries; i++) {
  const user = users[Math.floor((i * users.length) / job.queries)]!;
  let t = performance.now();
  await service.explainUser(user.id, { model });
  explainMs.push(performance.now() - t);
  const group = groups[Math.floor((i * groups.length) / job.queries)]!;
  const first = group.licenses[0]!;
  const change: PlannedTargetChange = {
    target: { kind: 'group', id: group.id },
    plan: {
      changes: [{ skuId: first.skuId, disabledPlansBefore: first.disabledPlans, disabledPlansAfter: null }],
    },
  };
  t = performance.now();
  const [impact] = await service.impactOf([change], { model });
  impactMs.push(performance.now() - t);
  impactMembers.push(impact?.impact.members ?? 0);
}

// The naive ways, one request at a time: each user's licenseDetails; each group's members.
const base = config.graphBaseUrl;
async function get(url: string): Promise<void> {
  for (;;) {
    const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    await response.arrayBuffer();
    if (response.status !== 429) return;
    await new Promise((r) => setTimeout(r, Number(response.headers.get('retry-after') ?? '1') * 1000));
  }
}
// The bare chain: the same pages, fetched one after the other and thrown away.
let rawChainPages = 0;
const rawChain = await phase(async () => {
  let url: string | undefined =
    `${base}/users?$select=id,userPrincipalName,displayName,accountEnabled,userType,usageLocation,assignedLicenses,licenseAssignmentStates&$top=999`;
  while (url) {
    const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    const text = await response.text();
    rawChainPages += 1;
    url = /"@odata\.nextLink":"([^"]+)"/.exec(text)?.[1];
  }
});
const naiveUser = await phase(async () => {
  for (const user of users.slice(0, job.naiveUserSample))
    await get(`${base}/users/${user.id}/licenseDetails`);
});
const naiveGroup = await phase(async () => {
  for (const group of groups.slice(0, job.naiveGroupSample))
    await get(`${base}/groups/${group.id}/members?$select=id,userPrincipalName`);
});

const mib = (bytes: number) => bytes / 2 ** 20;
const result: TenantChildResult = {
  modelReadS: read.seconds,
  modelRead: read.log,
  peakHeapMiB: mib(peak),
  heapAfterMiB: mib(process.memoryUsage().heapUsed),
  users: model.users.size,
  groups: model.groups.size,
  skus: model.skus.size,
  paths: users.reduce((n, u) => n + u.paths.length, 0),
  explainMs,
  impactMs,
  impactMembers,
  rawChainS: rawChain.seconds,
  rawChainPages,
  naiveUserS: naiveUser.seconds,
  naiveUser: naiveUser.log,
  naiveGroupS: naiveGroup.seconds,
  naiveGroup: naiveGroup.log,
};
console.log(JSON.stringify(result));
process.exit(0);
