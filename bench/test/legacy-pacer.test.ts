import { describe, expect, it } from 'vitest';
import { InFlightCap, LegacyPacer } from '../src/pacing/legacy-pacer.js';

describe('InFlightCap', () => {
  it('caps nothing before Graph throttles, then twice the accepted rate times the round trip', () => {
    const pacer = new InFlightCap(4, 2000, 250);
    pacer.onRoundTrip(200);
    for (let t = 0; t < 1000; t += 10) pacer.onAccepted(t);
    expect(pacer.limit(1000)).toBe(Number.POSITIVE_INFINITY);
    pacer.onThrottled(1000);
    expect(pacer.limit(1100)).toBe(Number.POSITIVE_INFINITY); // warm-up
    // Graph then accepts 50 writes/s (one per 20 ms) for two seconds.
    for (let t = 1020; t <= 3000; t += 20) pacer.onAccepted(t);
    expect(pacer.limit(3000)).toBe(20); // 2 × 50/s × 0.2 s
  });

  it('never goes below the minimum, even when nothing was accepted lately', () => {
    const pacer = new InFlightCap(4, 2000, 250);
    pacer.onRoundTrip(300);
    pacer.onThrottled(0);
    expect(pacer.limit(5000)).toBe(4);
  });
});

describe('LegacyPacer (the contract over 0.1 pacing)', () => {
  const answer = (at: number, throttled: number, unthrottled: number, extra: object = {}) => ({
    at,
    throttled,
    unthrottled,
    scopes: [] as string[],
    ...extra,
  });

  it('grants every write until Graph throttles, then keeps a write scope closed for its Retry-After', () => {
    const pacer = new LegacyPacer();
    expect(pacer.grant(0, 20)).toEqual({ writes: 20, retryAt: 0 });
    pacer.onSent(0, 20);
    pacer.onAnswer(
      answer(100, 5, 15, { retryAfterMs: 2000, scopes: ['Tenant_Application/Write/app/tenant'] }),
    );
    expect(pacer.grant(1000, 20)).toEqual({ writes: 0, retryAt: 2105 });
    // A read scope does not close writes.
    const reads = new LegacyPacer();
    reads.onSent(0, 1);
    reads.onAnswer(answer(10, 1, 0, { retryAfterMs: 2000, scopes: ['Tenant_Application/Read/app/tenant'] }));
    expect(reads.grant(100, 3).writes).toBe(3);
  });

  it('caps writes in flight once throttled (warm-up passed): the minimum when nothing was accepted', () => {
    const pacer = new LegacyPacer();
    pacer.onSent(0, 10);
    pacer.onAnswer(answer(300, 10, 0, { retryAfterMs: 0, sentAt: 0 }));
    expect(pacer.grant(1000, 20).writes).toBe(4);
    pacer.onSent(1000, 4);
    expect(pacer.grant(1001, 20)).toEqual({ writes: 0, retryAt: Number.POSITIVE_INFINITY });
    pacer.onAnswer(answer(1200, 0, 4, { sentAt: 1000 }));
    expect(pacer.grant(1201, 20).writes).toBeGreaterThanOrEqual(4);
  });
});
