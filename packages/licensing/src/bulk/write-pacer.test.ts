import { describe, expect, it } from 'vitest';
import { WritePacer } from './write-pacer.js';

describe('WritePacer', () => {
  it('caps nothing before Graph throttles, then twice the accepted rate times the round trip', () => {
    const pacer = new WritePacer(4, 2000, 250);
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
    const pacer = new WritePacer(4, 2000, 250);
    pacer.onRoundTrip(300);
    pacer.onThrottled(0);
    expect(pacer.limit(5000)).toBe(4);
  });
});
