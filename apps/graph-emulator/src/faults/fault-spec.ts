export type FaultKind = '429' | '503' | '504' | 'reset' | 'slow' | 'concurrency';
export type FaultTarget = 'writes' | 'reads' | 'all';

export interface FaultRule {
  kind: FaultKind;
  probability: number;
  /** 429/503: Retry-After in ms (Graph time, divided by the time scale); slow: extra delay in ms (real time). */
  ms: number;
}

export interface FaultSpec {
  rules: FaultRule[];
  on: FaultTarget;
}

const DEFAULT_MS: Record<FaultKind, number> = {
  '429': 2000,
  '503': 1000,
  '504': 0,
  reset: 0,
  slow: 3000,
  concurrency: 0,
};

/**
 * Reads a fault spec such as `429:0.05,503:0.05@1500,reset:0.02,slow:0.05@2000,on=all`:
 * `<kind>:<probability>[@<ms>]` items and an optional `on=writes|reads|all` (default writes).
 */
export function parseFaultSpec(spec: string | undefined): FaultSpec {
  const result: FaultSpec = { rules: [], on: 'writes' };
  if (!spec) return result;
  for (const raw of spec.split(',')) {
    const part = raw.trim();
    if (!part) continue;
    if (part.startsWith('on=')) {
      const on = part.slice(3);
      if (on !== 'writes' && on !== 'reads' && on !== 'all') {
        throw new Error(`--faults: 'on=${on}' must be on=writes, on=reads or on=all`);
      }
      result.on = on;
      continue;
    }
    const m = /^(429|503|504|reset|slow|concurrency):(\d*\.?\d+)(?:@(\d+))?$/.exec(part);
    if (!m) {
      throw new Error(
        `--faults: '${part}' must read <kind>:<probability>[@<ms>] with kind 429, 503, 504, reset, slow or concurrency`,
      );
    }
    const kind = m[1] as FaultKind;
    const probability = Number(m[2]);
    if (probability < 0 || probability > 1)
      throw new Error(`--faults: probability in '${part}' must be between 0 and 1`);
    result.rules.push({ kind, probability, ms: m[3] === undefined ? DEFAULT_MS[kind] : Number(m[3]) });
  }
  const total = result.rules.reduce((sum, r) => sum + r.probability, 0);
  if (total > 1) throw new Error(`--faults: probabilities add up to ${total}, more than 1`);
  return result;
}
