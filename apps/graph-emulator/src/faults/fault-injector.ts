import type { RandomSource } from '../random.js';
import type { FaultRule, FaultSpec } from './fault-spec.js';

/**
 * Draws one number per eligible request, in arrival order, from a seeded source: the same seed and the same
 * sequence of requests inject the same faults.
 */
export class FaultInjector {
  constructor(
    private spec: FaultSpec,
    private readonly random: RandomSource,
  ) {}

  configure(spec: FaultSpec): void {
    this.spec = spec;
  }

  get active(): boolean {
    return this.spec.rules.length > 0;
  }

  draw(write: boolean, allowed: (rule: FaultRule) => boolean = () => true): FaultRule | undefined {
    if (this.spec.rules.length === 0) return undefined;
    if (this.spec.on === 'writes' && !write) return undefined;
    if (this.spec.on === 'reads' && write) return undefined;
    const x = this.random.next();
    let edge = 0;
    for (const rule of this.spec.rules) {
      edge += rule.probability;
      if (x < edge) return allowed(rule) ? rule : undefined;
    }
    return undefined;
  }
}
