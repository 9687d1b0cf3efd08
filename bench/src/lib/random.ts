import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';

/** A seeded pseudo-random source, so that every benchmark input is reproducible from its seed. */
export interface Random {
  int(from: number, to: number): number;
  pick<T>(items: readonly T[]): T;
  chance(probability: number): boolean;
  /** `count` distinct items of `items` (or all of them when there are fewer). */
  sample<T>(items: readonly T[], count: number): T[];
}

export function createRandom(seed: number): Random {
  const rng = xoroshiro128plus(seed);
  const int = (from: number, to: number): number => uniformInt(rng, from, to);
  return {
    int,
    pick: (items) => {
      if (items.length === 0) throw new Error('pick: empty list');
      return items[int(0, items.length - 1)]!;
    },
    chance: (probability) => int(0, 999_999) < probability * 1_000_000,
    sample: (items, count) => {
      const pool = [...items];
      const out = [];
      while (out.length < count && pool.length > 0) {
        const i = int(0, pool.length - 1);
        out.push(pool[i]!);
        pool[i] = pool[pool.length - 1]!;
        pool.pop();
      }
      return out;
    },
  };
}
