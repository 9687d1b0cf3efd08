import { describe, expect, it } from 'vitest';
import {
  backoffMs,
  CONCURRENCY_VIOLATION_MESSAGE,
  classifyFailure,
  type FailureClass,
  type FailureFacts,
  retryAfterMs,
} from './retry-policy.js';

const cases: [string, FailureFacts, FailureClass][] = [
  ['429 with a Graph code', { status: 429, code: 'TooManyRequests' }, 'throttled'],
  ['429 without a body', { status: 429 }, 'throttled'],
  ['409 Directory_ConcurrencyViolation', { status: 409, code: 'Directory_ConcurrencyViolation' }, 'busy'],
  ['400 Directory_ConcurrencyViolation', { status: 400, code: 'Directory_ConcurrencyViolation' }, 'busy'],
  [
    "Graph's real concurrency message under another code",
    { status: 400, code: 'Request_BadRequest', message: CONCURRENCY_VIOLATION_MESSAGE },
    'busy',
  ],
  [
    'the message with other spacing and case',
    { status: 409, code: 'Conflict', message: 'error due to  concurrent requests being made to the tenant' },
    'busy',
  ],
  ['a 500 that is a concurrency violation', { status: 500, message: CONCURRENCY_VIOLATION_MESSAGE }, 'busy'],
  ['no answer (reset)', { code: 'NetworkError' }, 'ambiguous'],
  ['no answer, nothing known', {}, 'ambiguous'],
  ['408 Request Timeout', { status: 408 }, 'ambiguous'],
  ['500 Internal Server Error', { status: 500, code: 'InternalServerError' }, 'ambiguous'],
  ['502 Bad Gateway', { status: 502 }, 'ambiguous'],
  ['504 Gateway Timeout', { status: 504, code: 'GatewayTimeout' }, 'ambiguous'],
  ['599', { status: 599 }, 'ambiguous'],
  ['503 Service Unavailable', { status: 503, code: 'ServiceUnavailable' }, 'transient'],
  [
    '400 Bad Request',
    { status: 400, code: 'Request_BadRequest', message: 'Invalid object identifier' },
    'final',
  ],
  ['401', { status: 401, code: 'InvalidAuthenticationToken' }, 'final'],
  ['403 Authorization_RequestDenied', { status: 403, code: 'Authorization_RequestDenied' }, 'final'],
  ['404 Request_ResourceNotFound', { status: 404, code: 'Request_ResourceNotFound' }, 'final'],
  ['409 without the concurrency code', { status: 409, code: 'Conflict', message: 'conflict' }, 'final'],
  [
    'a message that merely mentions concurrency',
    { status: 400, message: 'Concurrent access denied' },
    'final',
  ],
  ['refused locally (host not allowed)', { code: 'HostNotAllowed', local: true }, 'final'],
  ['refused locally even with a 503', { status: 503, local: true }, 'final'],
];

describe('classifyFailure: one class per (status, code, message)', () => {
  it.each(cases)('%s', (_name, facts, expected) => {
    expect(classifyFailure(facts)).toBe(expected);
  });

  it('classifies every 4xx and 5xx status into exactly one class', () => {
    for (let status = 400; status < 600; status++) {
      const expected: FailureClass =
        status === 429
          ? 'throttled'
          : status === 408
            ? 'ambiguous'
            : status === 503
              ? 'transient'
              : status >= 500
                ? 'ambiguous'
                : 'final';
      expect([status, classifyFailure({ status })]).toEqual([status, expected]);
    }
  });
});

describe('backoffMs', () => {
  it('doubles per attempt between half and all of the delay, capped', () => {
    expect(backoffMs(1, 500, 30_000, () => 0)).toBe(250);
    expect(backoffMs(1, 500, 30_000, () => 0.999_999)).toBeCloseTo(500, 2);
    expect(backoffMs(3, 500, 30_000, () => 0)).toBe(1000);
    expect(backoffMs(20, 500, 30_000, () => 0)).toBe(15_000);
    expect(backoffMs(0, 500, 30_000, () => 0)).toBe(250);
  });
});

describe('retryAfterMs (graph-client parseRetryAfter)', () => {
  it('reads seconds, fractional seconds and HTTP dates; ignores garbage', () => {
    expect(retryAfterMs('2')).toBe(2000);
    expect(retryAfterMs('0.25')).toBe(250);
    expect(retryAfterMs('Wed, 21 Oct 2015 07:28:05 GMT', Date.parse('Wed, 21 Oct 2015 07:28:00 GMT'))).toBe(
      5000,
    );
    expect(retryAfterMs('soon')).toBeUndefined();
    expect(retryAfterMs('')).toBeUndefined();
    expect(retryAfterMs(undefined)).toBeUndefined();
    expect(retryAfterMs('-3')).toBe(0);
  });
});
