import { describe, expect, it } from 'vitest';
import type { LoggedRequest } from '../src/lib/emulator.js';
import { countWrites, retryAfterViolations } from '../src/lib/request-log.js';

const scope = 'Tenant_Application/Write/app/tenant';

function entry(over: Partial<LoggedRequest>): LoggedRequest {
  return {
    seq: 0,
    time: '',
    timeMs: 0,
    completedMs: 0,
    clientId: 'app',
    method: 'POST',
    path: '/v1.0/groups/g/assignLicense',
    target: 'g',
    status: 202,
    throttled: false,
    retryAfter: null,
    write: true,
    scopes: [scope],
    throttleScope: null,
    fault: null,
    batch: null,
    requestId: Math.random().toString(36),
    ...over,
  };
}

// The campaigns' own checker must catch what it claims to catch.
describe('retryAfterViolations', () => {
  const throttled = entry({
    timeMs: 1000,
    completedMs: 1010,
    status: 429,
    retryAfter: 2,
    throttleScope: scope,
  });

  it('flags a request sent into the scope before Retry-After elapsed', () => {
    const early = entry({ timeMs: 1500, completedMs: 1510 });
    const found = retryAfterViolations([throttled, early]);
    expect(found).toHaveLength(1);
    expect(found[0]!.earlyByMs).toBeCloseTo(1510, 0);
  });

  it('accepts a request after Retry-After, one already on the wire, and one in another scope', () => {
    const after = entry({ timeMs: 3020 });
    const onTheWire = entry({ timeMs: 1030 });
    const otherScope = entry({
      timeMs: 1500,
      scopes: ['Tenant_Application/Write/other/tenant'],
      clientId: 'other',
    });
    expect(retryAfterViolations([throttled, after, onTheWire, otherScope])).toEqual([]);
  });

  it('starts the wait of a $batch item when the whole batch was answered', () => {
    const batchOuter = entry({
      path: '/v1.0/$batch',
      write: false,
      scopes: [],
      completedMs: 1400,
      requestId: 'b1',
    });
    const item = { ...throttled, batch: { requestId: 'b1', id: '1' } };
    expect(retryAfterViolations([batchOuter, item, entry({ timeMs: 3420 })])).toEqual([]);
    expect(retryAfterViolations([batchOuter, item, entry({ timeMs: 3000 })])).toHaveLength(1);
  });
});

describe('countWrites', () => {
  it('counts writes, their 429s and their successes', () => {
    const log = [entry({}), entry({ status: 429 }), entry({ write: false, method: 'GET' })];
    expect(countWrites(log)).toEqual({ writes: 2, throttled: 1, succeeded: 1 });
  });
});
