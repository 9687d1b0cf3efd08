import { isWrite, type LoggedRequest } from './emulator.js';

export function timeOf(r: LoggedRequest): number {
  return typeof r.time === 'number' ? r.time : Date.parse(r.time);
}

export interface WriteCounts {
  /** Write requests that reached the emulator (a `$batch` counts once per item when the log lists items). */
  writes: number;
  throttled: number;
  /** Writes answered 2xx. */
  succeeded: number;
}

export function countWrites(log: readonly LoggedRequest[]): WriteCounts {
  const writes = log.filter(isWrite);
  return {
    writes: writes.length,
    throttled: writes.filter((r) => r.status === 429 || r.throttled === true).length,
    succeeded: writes.filter((r) => r.status >= 200 && r.status < 300).length,
  };
}

export interface RetryAfterViolation {
  scope: string;
  throttledAt: number;
  retryAfterSeconds: number;
  request: LoggedRequest;
  earlyByMs: number;
}

/**
 * Requests sent into a throttle scope (app + tenant: one client id, one tenant) before the `Retry-After` that the
 * scope last answered had elapsed. `toleranceMs` allows for requests already on the wire when the 429 left the
 * emulator (its response latency plus a few ms of scheduling).
 */
export function retryAfterViolations(
  log: readonly LoggedRequest[],
  toleranceMs: number,
): RetryAfterViolation[] {
  const sorted = [...log].sort((a, b) => timeOf(a) - timeOf(b));
  const blocked = new Map<string, { until: number; at: number; retryAfter: number }>();
  const violations: RetryAfterViolation[] = [];
  for (const r of sorted) {
    if (r.path.includes('/oauth2/') || r.path.startsWith('/_emulator')) continue;
    const scope = r.clientId ?? 'unknown';
    const t = timeOf(r);
    const block = blocked.get(scope);
    if (block && t > block.at + toleranceMs && t < block.until) {
      violations.push({
        scope,
        throttledAt: block.at,
        retryAfterSeconds: block.retryAfter,
        request: r,
        earlyByMs: block.until - t,
      });
    }
    if ((r.status === 429 || r.throttled) && typeof r.retryAfter === 'number') {
      const until = t + r.retryAfter * 1000;
      if (!block || until > block.until) blocked.set(scope, { until, at: t, retryAfter: r.retryAfter });
    }
  }
  return violations;
}
