import { isWrite, type LoggedRequest } from './emulator.js';

export interface WriteCounts {
  /** Write requests that reached the emulator (direct assignLicense calls and write items of `$batch`). */
  writes: number;
  throttled: number;
  /** Writes answered 2xx. */
  succeeded: number;
}

export function countWrites(log: readonly LoggedRequest[]): WriteCounts {
  const writes = log.filter(isWrite);
  return {
    writes: writes.length,
    throttled: writes.filter((r) => r.status === 429).length,
    succeeded: writes.filter((r) => r.status >= 200 && r.status < 300).length,
  };
}

/** Every request that got a 429 or 503 (writes or reads), direct or inside a batch. */
export function countThrottled(log: readonly LoggedRequest[]): number {
  return log.filter((r) => r.status === 429).length;
}

export interface RetryAfterViolation {
  scope: string;
  /** When the client could first have read the 429 (the answer left the emulator). */
  answeredMs: number;
  retryAfterSeconds: number;
  request: LoggedRequest;
  earlyByMs: number;
}

/**
 * Requests sent into a throttle scope before the `Retry-After` that scope last answered had elapsed. A 429's wait
 * starts when its answer left the emulator (for a `$batch` item: when the whole batch was answered); a request
 * arriving within `inFlightMs` after that may have been on the wire already and is not counted. Scopes are the
 * emulator's (`Tenant_Application/Write/<app>/<tenant>` …); a 429 without a scope closes all of its app's scopes.
 */
export function retryAfterViolations(log: readonly LoggedRequest[], inFlightMs = 50): RetryAfterViolation[] {
  const answeredAt = new Map<string, number>();
  for (const r of log) if (r.batch === null) answeredAt.set(r.requestId, r.completedMs);
  const sorted = [...log].sort((a, b) => a.timeMs - b.timeMs);
  const blocks = new Map<string, { from: number; until: number; retryAfter: number }>();
  const violations: RetryAfterViolation[] = [];
  const scopesOf = (r: LoggedRequest): string[] =>
    r.scopes.length > 0 ? r.scopes : r.clientId ? [`app:${r.clientId}`] : [];
  for (const r of sorted) {
    if (r.batch === null && r.path.endsWith('/$batch')) continue; // its items are logged one by one
    for (const scope of [...scopesOf(r), ...(r.clientId ? [`app:${r.clientId}`] : [])]) {
      const block = blocks.get(scope);
      if (block && r.timeMs > block.from + inFlightMs && r.timeMs < block.until - 2) {
        violations.push({
          scope,
          answeredMs: block.from,
          retryAfterSeconds: block.retryAfter,
          request: r,
          earlyByMs: block.until - r.timeMs,
        });
        break;
      }
    }
    if (r.status === 429 && typeof r.retryAfter === 'number') {
      const from = r.batch ? (answeredAt.get(r.batch.requestId) ?? r.completedMs) : r.completedMs;
      const until = from + r.retryAfter * 1000;
      const closed = r.throttleScope ? [r.throttleScope] : r.clientId ? [`app:${r.clientId}`] : [];
      for (const scope of closed) {
        const block = blocks.get(scope);
        if (!block || until > block.until) blocks.set(scope, { from, until, retryAfter: r.retryAfter });
      }
    }
  }
  return violations;
}
