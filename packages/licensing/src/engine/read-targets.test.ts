import type { RequestLogEntry } from '@entra-licensing/graph-emulator';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { LicensingError } from '../core/licensing-error.js';
import { type EmulatorHarness, seedIds, startHarness } from '../test-support/emulator.js';

const G = seedIds.groups;

function bodyText(body: unknown): string {
  if (typeof body === 'string') return body;
  if (body instanceof ArrayBuffer) return new TextDecoder().decode(body);
  if (body instanceof Uint8Array) return new TextDecoder().decode(body);
  return '';
}

/**
 * A transport that passes every request to the emulator but adds a hostile `@odata.nextLink` to each page of group
 * members in a `$batch` answer (as a compromised proxy or a confused server might), and records every URL asked for.
 */
function hostileNextLink(link: () => string) {
  const asked: string[] = [];
  const fetchImpl = async (url: string, init?: RequestInit): Promise<Response> => {
    asked.push(String(url));
    const text = bodyText(init?.body);
    const response = await fetch(url, init);
    if (!String(url).endsWith('/$batch') || !text.includes('/members')) return response;
    const sent = JSON.parse(text) as { requests: { id: string; url: string }[] };
    for (const r of sent.requests) asked.push(r.url);
    const members = new Set(sent.requests.filter((r) => r.url.includes('/members')).map((r) => r.id));
    const answer = (await response.json()) as { responses: { id: string; status: number; body?: object }[] };
    for (const r of answer.responses) {
      if (members.has(r.id) && r.status === 200) r.body = { ...r.body, '@odata.nextLink': link() };
    }
    return new Response(JSON.stringify(answer), {
      status: response.status,
      headers: { 'content-type': 'application/json' },
    });
  };
  return { fetch: fetchImpl, asked };
}

let h: EmulatorHarness;
let hostile = '';
let transport: ReturnType<typeof hostileNextLink>;
beforeAll(async () => {
  transport = hostileNextLink(() => hostile);
  h = await startHarness({}, 'licensingAdmin', { fetch: transport.fetch });
});
afterAll(async () => {
  await h?.emulator.stop();
});
beforeEach(() => {
  h.emulator.reset();
  transport.asked.length = 0;
});

const links: [string, (origin: string) => string][] = [
  ['another host', () => `https://evil.example/v1.0/groups/${G.e5Rollout}/members?$skiptoken=1`],
  [
    'the tenant’s users on the same host',
    (origin) => `${origin}/v1.0/users?$select=id,assignedLicenses&$top=999`,
  ],
  ['another group’s members', (origin) => `${origin}/v1.0/groups/${G.licensingPilot}/members?$top=999`],
  ['a relative link', () => `/v1.0/users?$top=999`],
];

function reads(log: readonly RequestLogEntry[], path: string): RequestLogEntry[] {
  return log.filter((r) => r.method === 'GET' && r.path === path);
}

describe('read stage: a members page leads only to more members of that group', () => {
  it.each(links)(
    'bulk: a next link to %s fails the item, is never followed, and nothing is written',
    async (_n, make) => {
      hostile = make(h.emulator.url);
      const run = await h.service.applyBulk([
        { target: { kind: 'group', id: G.e5Rollout }, intent: { action: 'assign', skus: ['SPE_E5'] } },
        { target: { kind: 'group', id: G.projectFalcon }, intent: { action: 'assign', skus: ['SPE_E5'] } },
      ]);
      expect(run.results.map((r) => r.status)).toEqual(['failed', 'failed']);
      expect(run.results[0]?.error?.code).toBe('GRAPH_ERROR');
      expect(run.results[0]?.error?.field).toBe('@odata.nextLink');
      expect(run.results[0]?.error?.value).toBe(hostile);
      const log = h.emulator.requests();
      expect(reads(log, '/v1.0/users')).toEqual([]);
      expect(log.filter((r) => r.write)).toEqual([]);
      expect(transport.asked.filter((u) => u.includes('evil.example') || u.startsWith('/users'))).toEqual([]);
      // Each group's own members were read once, the other group's never.
      expect(reads(log, `/v1.0/groups/${G.e5Rollout}/members`)).toHaveLength(1);
      expect(reads(log, `/v1.0/groups/${G.projectFalcon}/members`)).toHaveLength(1);
      expect(reads(log, `/v1.0/groups/${G.licensingPilot}/members`)).toEqual([]);
    },
  );

  it('a next link back to a page already read fails the item instead of reading forever', async () => {
    hostile = `${h.emulator.url}/v1.0/groups/${G.e5Rollout}/members?$select=id,assignedLicenses&$top=999`;
    const run = await h.service.applyBulk([
      { target: { kind: 'group', id: G.e5Rollout }, intent: { action: 'assign', skus: ['SPE_E5'] } },
    ]);
    expect(run.results[0]?.status).toBe('failed');
    expect([run.results[0]?.error?.code, run.results[0]?.error?.field]).toEqual([
      'GRAPH_ERROR',
      '@odata.nextLink',
    ]);
    expect(reads(h.emulator.requests(), `/v1.0/groups/${G.e5Rollout}/members`)).toHaveLength(2);
    expect(h.emulator.requests().filter((r) => r.write)).toEqual([]);
  });

  it.each(links)(
    'single target: a next link to %s rejects with the link named, nothing written',
    async (_n, make) => {
      hostile = make(h.emulator.url);
      let caught: unknown;
      try {
        await h.service.assign({ kind: 'group', id: G.e5Rollout }, ['SPE_E5']);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(LicensingError);
      const error = caught as LicensingError;
      expect([error.code, error.field, error.value]).toEqual(['GRAPH_ERROR', '@odata.nextLink', hostile]);
      const log = h.emulator.requests();
      expect(reads(log, '/v1.0/users')).toEqual([]);
      expect(reads(log, `/v1.0/groups/${G.licensingPilot}/members`)).toEqual([]);
      expect(log.filter((r) => r.write)).toEqual([]);
    },
  );
});
