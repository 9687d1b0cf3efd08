import { resourceUnitLimitForTenantSize, type ThrottleLimits } from './throttle-profile.js';
import { TokenBucket } from './token-bucket.js';

export type ThrottleDecision =
  | { throttled: false; scopes: string[]; limitPercentage: number }
  | { throttled: true; scopes: string[]; scope: string; retryAfterMs: number; information: string };

/** Each bucket's size and refill window (real milliseconds); null when the profile turns it off. */
export interface EffectiveLimits {
  /** Resource units per app per tenant (every request's `x-ms-resource-unit`). */
  appResourceUnits: { limit: number; windowMs: number } | null;
  /** Writes per app per tenant. */
  appWrite: { limit: number; windowMs: number } | null;
  /** Writes per tenant, all apps. */
  tenantWrite: { limit: number; windowMs: number } | null;
}

interface Rule {
  scope: string;
  bucket: TokenBucket;
  cost: number;
  information: string;
}

/**
 * Graph's directory-service throttling: token buckets per app+tenant (resource units, writes) and per tenant
 * (writes), all starting full, with windows divided by the time scale. Also holds the penalty windows of
 * injected 429s, so that a scope told to wait is really closed until its Retry-After has elapsed.
 */
export class Throttler {
  private readonly buckets = new Map<string, TokenBucket>();
  private readonly penalties = new Map<string, number>();

  /**
   * @param chargeThrottled Whether a refused request still costs its units (Graph: "all requests accrue
   *   against your usage limits"), so that retrying before Retry-After only pushes the next slot further out.
   */
  constructor(
    private readonly limits: ThrottleLimits,
    private readonly timeScale: number,
    private readonly tenantId: string,
    private readonly userCount: number,
    private readonly chargeThrottled = true,
  ) {}

  /**
   * The limits in force, in real time (windows divided by the time scale), so that a benchmark can compute the
   * floor its reads or writes allow: e.g. 8,000 resource units per 10 s for a tenant of more than 500 users.
   */
  describe(): EffectiveLimits {
    const rate = (r: { limit: number; windowMs: number } | null): EffectiveLimits['appWrite'] =>
      r === null ? null : { limit: r.limit, windowMs: r.windowMs / this.timeScale };
    const ru =
      this.limits.appResourceUnits === 'by-tenant-size'
        ? { limit: resourceUnitLimitForTenantSize(this.userCount), windowMs: 10_000 }
        : this.limits.appResourceUnits;
    return {
      appResourceUnits: rate(ru),
      appWrite: rate(this.limits.appWrite),
      tenantWrite: rate(this.limits.tenantWrite),
    };
  }

  scopesFor(
    appId: string,
    write: boolean,
  ): { ru: string; appWrite: string; tenantWrite: string; list: string[] } {
    const ru = `Tenant_Application/ReadWrite/${appId}/${this.tenantId}`;
    const appWrite = `Tenant_Application/Write/${appId}/${this.tenantId}`;
    const tenantWrite = `Tenant/Write/${this.tenantId}`;
    return { ru, appWrite, tenantWrite, list: write ? [ru, appWrite, tenantWrite] : [ru] };
  }

  private bucket(scope: string, rate: { limit: number; windowMs: number }, now: number): TokenBucket {
    let bucket = this.buckets.get(scope);
    if (!bucket) {
      bucket = new TokenBucket(rate.limit, rate.windowMs / this.timeScale, now);
      this.buckets.set(scope, bucket);
    }
    return bucket;
  }

  /** Checks every scope the request passes through; takes its cost from all of them only if none is exhausted. */
  admit(appId: string, write: boolean, resourceUnits: number, now: number): ThrottleDecision {
    const scopes = this.scopesFor(appId, write);
    const rules: Rule[] = [];
    const ruRate =
      this.limits.appResourceUnits === 'by-tenant-size'
        ? { limit: resourceUnitLimitForTenantSize(this.userCount), windowMs: 10_000 }
        : this.limits.appResourceUnits;
    if (ruRate) {
      rules.push({
        scope: scopes.ru,
        bucket: this.bucket(scopes.ru, ruRate, now),
        cost: resourceUnits,
        information: 'ResourceUnitLimitExceeded',
      });
    }
    if (write && this.limits.appWrite) {
      rules.push({
        scope: scopes.appWrite,
        bucket: this.bucket(scopes.appWrite, this.limits.appWrite, now),
        cost: 1,
        information: 'WriteLimitExceeded',
      });
    }
    if (write && this.limits.tenantWrite) {
      rules.push({
        scope: scopes.tenantWrite,
        bucket: this.bucket(scopes.tenantWrite, this.limits.tenantWrite, now),
        cost: 1,
        information: 'WriteLimitExceeded',
      });
    }
    for (const scope of scopes.list) {
      const until = this.penalties.get(scope);
      if (until !== undefined && until > now) {
        this.charge(rules, now);
        return {
          throttled: true,
          scopes: scopes.list,
          scope,
          retryAfterMs: until - now,
          information: write ? 'WriteLimitExceeded' : 'ResourceUnitLimitExceeded',
        };
      }
    }
    const exhausted = rules.some((rule) => rule.bucket.waitFor(rule.cost, now) > 0);
    if (exhausted) {
      this.charge(rules, now);
      // Retry-After: when the same request would next be admitted (after this refused one was charged).
      let worst: { rule: Rule; wait: number } | undefined;
      for (const rule of rules) {
        const wait = rule.bucket.waitFor(rule.cost, now);
        if (wait > 0 && (!worst || wait > worst.wait)) worst = { rule, wait };
      }
      if (worst) {
        return {
          throttled: true,
          scopes: scopes.list,
          scope: worst.rule.scope,
          retryAfterMs: worst.wait,
          information: worst.rule.information,
        };
      }
    }
    let usage = 0;
    for (const rule of rules) {
      rule.bucket.take(rule.cost, now);
      usage = Math.max(usage, rule.bucket.usage(now));
    }
    return { throttled: false, scopes: scopes.list, limitPercentage: usage };
  }

  /** A refused request's cost, taken from every bucket it passed through (when throttled requests are charged). */
  private charge(rules: readonly Rule[], now: number): void {
    if (!this.chargeThrottled) return;
    for (const rule of rules) rule.bucket.take(rule.cost, now);
  }

  /** Closes a scope until `until` (an injected 429). */
  penalize(scope: string, until: number): void {
    this.penalties.set(scope, Math.max(until, this.penalties.get(scope) ?? 0));
  }
}
