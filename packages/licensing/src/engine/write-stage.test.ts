import { describe, expect, it } from 'vitest';
import type { BatchResponse } from './batch-transport.js';
import type { Job, Op } from './job.js';
import { writeSignal } from './write-stage.js';

const job = {} as Job;
const write: Op = {
  job,
  kind: 'write',
  stage: 'assign',
  method: 'POST',
  url: '/groups/x/assignLicense',
  notBefore: 0,
};
const read: Op = { job, kind: 'read', stage: 'read', method: 'GET', url: '/groups/x', notBefore: 0 };
const answer = (status: number, headers: Record<string, string> = {}): BatchResponse => ({
  id: '1',
  status,
  headers,
  body: {},
});

describe('writeSignal: what an answer tells the write pacer', () => {
  it('counts throttled and unthrottled writes, the longest Retry-After, the scopes and the highest limit percentage', () => {
    const scope = 'Tenant_Application/Write/app/tenant';
    const signal = writeSignal(
      [write, write, read, write, write],
      [
        answer(429, { 'retry-after': '2', 'x-ms-throttle-scope': scope }),
        answer(429, { 'retry-after': '0.5', 'x-ms-throttle-scope': scope }),
        answer(429, { 'retry-after': '30' }),
        answer(202, { 'x-ms-throttle-limit-percentage': '0.9' }),
        answer(400, { 'x-ms-throttle-limit-percentage': '0.85' }),
      ],
      1000,
    );
    expect(signal).toEqual({
      at: 1000,
      throttled: 2,
      unthrottled: 2,
      retryAfterMs: 2000,
      scopes: [scope],
      limitPercentage: 0.9,
    });
  });

  it('carries the send time for round-trip estimates', () => {
    expect(writeSignal([write], [answer(202)], 900, undefined, 700)).toEqual({
      at: 900,
      sentAt: 700,
      throttled: 0,
      unthrottled: 1,
      scopes: [],
    });
  });

  it('says nothing for a batch of reads, and counts a missing item as unthrottled', () => {
    expect(writeSignal([read], [answer(429)], 5)).toBeUndefined();
    expect(writeSignal([write], [undefined], 5)).toEqual({ at: 5, throttled: 0, unthrottled: 1, scopes: [] });
  });

  it('a $batch refused as a whole with 429 throttles every write it carried', () => {
    expect(writeSignal([write, read, write], [], 7, { status: 429, retryAfterMs: 1500 })).toEqual({
      at: 7,
      throttled: 2,
      unthrottled: 0,
      retryAfterMs: 1500,
      scopes: [],
    });
  });

  it('ignores a limit percentage that is not a number', () => {
    const signal = writeSignal([write], [answer(202, { 'x-ms-throttle-limit-percentage': 'high' })], 1);
    expect(signal).toEqual({ at: 1, throttled: 0, unthrottled: 1, scopes: [] });
  });
});

describe('write stage over HTTP: refusals said through the one translator', () => {
  it('a 403 on the write fails the item with the permission to grant, Graph’s status and code kept', async () => {
    const { startHarness, seedIds } = await import('../test-support/emulator.js');
    const h = await startHarness({}, 'licensingReader');
    try {
      const run = await h.service.applyBulk([
        {
          target: { kind: 'group', id: seedIds.groups.licensingPilot },
          intent: { action: 'assign', skus: ['AAD_PREMIUM'] },
        },
      ]);
      const error = run.results[0]?.error;
      expect([run.results[0]?.status, error?.code, error?.status, error?.graphCode, error?.field]).toEqual([
        'failed',
        'PERMISSION_DENIED',
        403,
        'Authorization_RequestDenied',
        'target.id',
      ]);
      expect(error?.suggestions?.[0]).toBe('LicenseAssignment.ReadWrite.All');
    } finally {
      await h.emulator.stop();
    }
  });
});
