import { describe, expect, it } from 'vitest';
import {
  type NextAction,
  nextAction,
  type Operation,
  type Response,
  type RetryLimits,
} from './next-action.js';

const limits: RetryLimits = {
  maxRetries: 3,
  maxThrottleRetries: 5,
  backoffBaseMs: 100,
  backoffMaxMs: 10_000,
  random: () => 0,
};
const fresh = (kind: Operation['kind']): Operation => ({ kind, faultRetries: 0, throttleRetries: 0 });
const BUSY = { status: 409, code: 'Directory_ConcurrencyViolation' };

/** Every class of answer, for reads and writes, on the first try (backoff of attempt 1 with random 0: 50 ms). */
const table: [string, Operation['kind'], Response, NextAction['action'], Partial<NextAction>][] = [
  ['200 read', 'read', { status: 200 }, 'accept', {}],
  ['204 write', 'write', { status: 204 }, 'accept', {}],
  ['202 write', 'write', { status: 202 }, 'accept', {}],
  ['429 read with Retry-After', 'read', { status: 429, retryAfterMs: 3000 }, 'wait', { delayMs: 3000 }],
  ['429 write with Retry-After', 'write', { status: 429, retryAfterMs: 1500 }, 'wait', { delayMs: 1500 }],
  ['429 write without Retry-After', 'write', { status: 429 }, 'wait', { delayMs: 50 }],
  ['busy read', 'read', BUSY, 'retry', { delayMs: 50 }],
  ['busy write', 'write', BUSY, 'reread', { delayMs: 50, mayHaveLanded: false }],
  ['503 read', 'read', { status: 503 }, 'retry', { delayMs: 50 }],
  ['503 write', 'write', { status: 503 }, 'retry', { delayMs: 50 }],
  ['503 write with Retry-After', 'write', { status: 503, retryAfterMs: 2000 }, 'retry', { delayMs: 2000 }],
  ['500 read', 'read', { status: 500 }, 'retry', { delayMs: 50 }],
  ['500 write', 'write', { status: 500 }, 'reread', { mayHaveLanded: true }],
  ['502 write', 'write', { status: 502 }, 'reread', { mayHaveLanded: true }],
  ['504 write', 'write', { status: 504 }, 'reread', { mayHaveLanded: true }],
  ['408 write', 'write', { status: 408 }, 'reread', { mayHaveLanded: true }],
  ['408 read', 'read', { status: 408 }, 'retry', {}],
  ['reset write', 'write', { code: 'NetworkError' }, 'reread', { mayHaveLanded: true }],
  ['reset read', 'read', { code: 'NetworkError' }, 'retry', {}],
  ['missing $batch item write', 'write', { code: 'MissingBatchResponse' }, 'reread', { mayHaveLanded: true }],
  ['400 write', 'write', { status: 400, code: 'Request_BadRequest' }, 'fail', { exhausted: false }],
  ['403 read', 'read', { status: 403, code: 'Authorization_RequestDenied' }, 'fail', { exhausted: false }],
  ['404 read', 'read', { status: 404 }, 'fail', { failure: 'final', exhausted: false }],
  [
    '409 write (no concurrency code)',
    'write',
    { status: 409, code: 'Conflict' },
    'fail',
    { exhausted: false },
  ],
  ['local refusal', 'read', { code: 'HostNotAllowed', local: true }, 'fail', { failure: 'final' }],
];

describe('nextAction: the whole retry and verify logic', () => {
  it.each(table)('%s', (_name, kind, response, action, fields) => {
    const decision = nextAction(fresh(kind), response, limits);
    expect(decision.action).toBe(action);
    expect(decision).toMatchObject(fields);
  });

  it('gives up after maxRetries busy, ambiguous or transient answers, with the last reason', () => {
    for (const response of [BUSY, { status: 500 }, { status: 503 }, { code: 'NetworkError' }]) {
      for (const kind of ['read', 'write'] as const) {
        const last = nextAction({ kind, faultRetries: 2, throttleRetries: 0 }, response, limits);
        expect(last.action).not.toBe('fail');
        const over = nextAction({ kind, faultRetries: 3, throttleRetries: 0 }, response, limits);
        expect(over).toMatchObject({ action: 'fail', exhausted: true });
        expect(over.action === 'fail' && over.reason.startsWith('Gave up after 3 retries: ')).toBe(true);
      }
    }
  });

  it('gives up after maxThrottleRetries 429s, independently of fault retries', () => {
    const op: Operation = { kind: 'write', faultRetries: 3, throttleRetries: 4 };
    expect(nextAction(op, { status: 429, retryAfterMs: 10 }, limits).action).toBe('wait');
    expect(nextAction({ ...op, throttleRetries: 5 }, { status: 429 }, limits)).toEqual({
      action: 'fail',
      failure: 'throttled',
      exhausted: true,
      reason: 'Still throttled after 5 retries.',
    });
  });

  it('backs off exponentially with the attempt, and never less than the Retry-After', () => {
    const at = (faultRetries: number, retryAfterMs?: number) => {
      const d = nextAction(
        { kind: 'read', faultRetries, throttleRetries: 0 },
        { status: 503, retryAfterMs },
        {
          ...limits,
          maxRetries: 20,
        },
      );
      return d.action === 'retry' ? d.delayMs : -1;
    };
    expect([at(0), at(1), at(2), at(10)]).toEqual([50, 100, 200, 5000]);
    expect(at(0, 7000)).toBe(7000);
    expect(at(2, 10)).toBe(200);
  });

  it('is pure: the same input gives the same action', () => {
    const op = fresh('write');
    expect(nextAction(op, { status: 504 }, limits)).toEqual(nextAction(op, { status: 504 }, limits));
    expect(op).toEqual(fresh('write'));
  });

  it('accepts exactly the 2xx statuses', () => {
    for (let status = 100; status < 600; status++) {
      const accepted = nextAction(fresh('write'), { status }, limits).action === 'accept';
      expect([status, accepted]).toEqual([status, status >= 200 && status < 300]);
    }
  });
});
