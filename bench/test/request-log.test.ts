import { setTimeout as sleep } from 'node:timers/promises';
import type { RequestLogEntry } from '@entra-licensing/graph-emulator';
import { describe, expect, it } from 'vitest';
import { recordingFetch } from '../src/lib/recording-fetch.js';
import { countWrites } from '../src/lib/request-log.js';

const origin = 'http://127.0.0.1:1';
const ru = 'Tenant_Application/ReadWrite/app/tenant';
const write = 'Tenant_Application/Write/app/tenant';

function batchOf(method: string): RequestInit {
  return { method: 'POST', body: JSON.stringify({ requests: [{ id: '1', method, url: '/groups/g' }] }) };
}

/** A recorder whose "server" answers the first request with a 429 for `scope` and everything else with 200. */
function recorderThrottledOn(scope: string) {
  let first = true;
  return recordingFetch([origin], async () => {
    if (!first) return new Response('{}', { status: 200 });
    first = false;
    return new Response('{}', {
      status: 429,
      headers: { 'retry-after': '0.3', 'x-ms-throttle-scope': scope },
    });
  });
}

// The campaigns' own checkers must catch what they claim to catch.
describe('recordingFetch: requests sent before Retry-After', () => {
  it('flags a request sent into the scope before its Retry-After elapsed, not one sent after', async () => {
    const r = recorderThrottledOn(ru);
    await r.fetch(`${origin}/v1.0/subscribedSkus`, {});
    await sleep(60);
    await r.fetch(`${origin}/v1.0/subscribedSkus`, {});
    await sleep(300);
    await r.fetch(`${origin}/v1.0/subscribedSkus`, {});
    expect(r.throttledAnswers()).toBe(1);
    const early = r.earlyRequests();
    expect(early).toHaveLength(1);
    expect(early[0]!.scope).toBe(ru);
  });

  it('lets reads through a closed write scope, but not writes', async () => {
    const r = recorderThrottledOn(write);
    await r.fetch(`${origin}/v1.0/$batch`, batchOf('POST'));
    await sleep(60);
    await r.fetch(`${origin}/v1.0/$batch`, batchOf('GET'));
    await r.fetch(`${origin}/v1.0/$batch`, batchOf('POST'));
    expect(r.earlyRequests().map((e) => e.request)).toEqual(['$batch of 1 (with writes)']);
  });

  it('reads 429s inside a $batch answer, and never forwards off the allowed origins', async () => {
    const r = recordingFetch([origin], async () =>
      Response.json({
        responses: [{ id: '1', status: 429, headers: { 'Retry-After': '0.3', 'x-ms-throttle-scope': ru } }],
      }),
    );
    await r.fetch(`${origin}/v1.0/$batch`, batchOf('GET'));
    await sleep(60);
    await r.fetch(`${origin}/v1.0/$batch`, batchOf('GET'));
    expect(r.earlyRequests()).toHaveLength(1);
    await expect(r.fetch('https://graph.example.com/v1.0/groups', {})).rejects.toThrow(/refusing/);
    expect(r.calls.at(-1)!.url).toBe('https://graph.example.com/v1.0/groups');
  });
});

describe('countWrites', () => {
  it('counts writes, their 429s and their successes', () => {
    const entry = (over: Partial<RequestLogEntry>): RequestLogEntry =>
      ({ write: true, status: 202, ...over }) as RequestLogEntry;
    expect(countWrites([entry({}), entry({ status: 429 }), entry({ write: false })])).toEqual({
      writes: 2,
      throttled: 1,
      succeeded: 1,
    });
  });
});
