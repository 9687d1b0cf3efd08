/**
 * Remembers, per throttle scope (`x-ms-throttle-scope`, e.g. `Tenant_Application/Write/<app>/<tenant>`), until when
 * Graph said to wait. A write may not be sent while any write scope is closed, a read while any read scope is.
 */
export class ThrottleScopes {
  private readonly closedUntil = new Map<string, number>();
  /** Extra wait after Retry-After, so the request surely arrives after the server's deadline. */
  constructor(private readonly marginMs = 5) {}

  close(scope: string | undefined, retryAfterMs: number, now: number): void {
    const key = scope && scope.length > 0 ? scope : '*';
    const until = now + retryAfterMs + this.marginMs;
    this.closedUntil.set(key, Math.max(until, this.closedUntil.get(key) ?? 0));
  }

  private static applies(scope: string, kind: 'read' | 'write'): boolean {
    if (scope === '*') return true;
    const access = scope.split('/')[1] ?? '';
    if (access === 'ReadWrite') return true;
    return kind === 'write' ? access === 'Write' : access === 'Read';
  }

  /** When a request of this kind may be sent (≤ now means now). */
  openAt(kind: 'read' | 'write'): number {
    let at = 0;
    for (const [scope, until] of this.closedUntil) {
      if (ThrottleScopes.applies(scope, kind) && until > at) at = until;
    }
    return at;
  }
}

/** Full jitter between half and all of an exponential delay, capped. */
export function backoffMs(
  attempt: number,
  baseMs: number,
  maxMs: number,
  random: () => number = Math.random,
): number {
  const exponential = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return exponential * (0.5 + random() * 0.5);
}

/** `Retry-After` in ms (seconds, possibly fractional, or an HTTP date). */
export function retryAfterMs(value: string | undefined, now: number): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
