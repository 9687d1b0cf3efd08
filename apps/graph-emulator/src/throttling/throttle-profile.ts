/** Limits of the directory (identity and access) service, per Graph's throttling documentation. */
export interface ThrottleLimits {
  /** Writes per app per tenant: 3,000 per 150 s. */
  appWrite: { limit: number; windowMs: number } | null;
  /** Writes per tenant, all apps: 18,000 per 5 min. */
  tenantWrite: { limit: number; windowMs: number } | null;
  /** Resource units per app per tenant per 10 s: 3,500 (< 50 users), 5,000 (50–500), 8,000 (> 500); null = by tenant size. */
  appResourceUnits: { limit: number; windowMs: number } | null | 'by-tenant-size';
}

const GRAPH: ThrottleLimits = {
  appWrite: { limit: 3000, windowMs: 150_000 },
  tenantWrite: { limit: 18_000, windowMs: 300_000 },
  appResourceUnits: 'by-tenant-size',
};

const PROFILES: Record<string, ThrottleLimits> = {
  graph: GRAPH,
  off: { appWrite: null, tenantWrite: null, appResourceUnits: null },
  /** A hundredth of Graph's limits: throttling shows up within a few dozen requests. */
  tight: {
    appWrite: { limit: 30, windowMs: 150_000 },
    tenantWrite: { limit: 180, windowMs: 300_000 },
    appResourceUnits: { limit: 35, windowMs: 10_000 },
  },
};

const DURATION = /^(\d+(?:\.\d+)?)(ms|s|m)$/;

function parseRate(key: string, value: string): { limit: number; windowMs: number } | null {
  if (value === 'off') return null;
  const [count, window] = value.split('/');
  const limit = Number(count);
  const m = DURATION.exec(window ?? '');
  if (!Number.isInteger(limit) || limit <= 0 || !m) {
    throw new Error(
      `--throttle: '${key}=${value}' must read <count>/<duration> (e.g. 3000/150s, 100/10s, 50/500ms) or off`,
    );
  }
  const factor = m[2] === 'ms' ? 1 : m[2] === 's' ? 1000 : 60_000;
  return { limit, windowMs: Number(m[1]) * factor };
}

/**
 * Reads a throttle spec: a profile name (`graph`, the default; `off`; `tight`), optionally followed by
 * overrides, e.g. `graph,appWrite=100/10s,tenantWrite=off,appRu=500/10s`.
 */
export function parseThrottleSpec(spec: string | undefined): ThrottleLimits {
  if (!spec) return { ...GRAPH };
  const parts = spec
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  let limits: ThrottleLimits = { ...GRAPH };
  for (const [index, part] of parts.entries()) {
    if (!part.includes('=')) {
      const profile = PROFILES[part];
      if (!profile || index > 0) {
        throw new Error(`--throttle: '${part}' is not a profile (graph, off, tight) or a key=value override`);
      }
      limits = { ...profile };
      continue;
    }
    const [key, value] = part.split('=') as [string, string];
    switch (key) {
      case 'appWrite':
        limits.appWrite = parseRate(key, value);
        break;
      case 'tenantWrite':
        limits.tenantWrite = parseRate(key, value);
        break;
      case 'appRu':
        limits.appResourceUnits = parseRate(key, value);
        break;
      default:
        throw new Error(`--throttle: unknown key '${key}' (expected appWrite, tenantWrite or appRu)`);
    }
  }
  return limits;
}

export function resourceUnitLimitForTenantSize(userCount: number): number {
  if (userCount < 50) return 3500;
  if (userCount <= 500) return 5000;
  return 8000;
}
