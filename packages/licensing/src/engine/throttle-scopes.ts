/** Extra wait after a Retry-After, so that the request surely arrives after Graph's deadline. */
export const RETRY_AFTER_MARGIN_MS = 5;

/**
 * Remembers, per throttle scope (`x-ms-throttle-scope`, e.g. `Tenant_Application/Write/<app>/<tenant>`), until when
 * Graph said to wait. A write may not be sent while any write scope is closed, a read while any read scope is.
 */
export class ThrottleScopes {
  private readonly closedUntil = new Map<string, number>();
  /** Extra wait after Retry-After, so the request surely arrives after the server's deadline. */
  constructor(private readonly marginMs = RETRY_AFTER_MARGIN_MS) {}

  close(scope: string | undefined, retryAfterMs: number, now: number): void {
    const key = scope && scope.length > 0 ? scope : '*';
    const until = now + retryAfterMs + this.marginMs;
    this.closedUntil.set(key, Math.max(until, this.closedUntil.get(key) ?? 0));
  }

  /** When a request of this kind may be sent (≤ now means now). */
  openAt(kind: 'read' | 'write'): number {
    let at = 0;
    for (const [scope, until] of this.closedUntil) {
      if (scopeLimits(scope, kind) && until > at) at = until;
    }
    return at;
  }
}

/** Whether a throttle scope (`*` or none: every scope) limits requests of this kind. */
export function scopeLimits(scope: string | undefined, kind: 'read' | 'write'): boolean {
  if (!scope || scope === '*') return true;
  const access = scope.split('/')[1] ?? '';
  if (access === 'ReadWrite') return true;
  return kind === 'write' ? access === 'Write' : access === 'Read';
}
