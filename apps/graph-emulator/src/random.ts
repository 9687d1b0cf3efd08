import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';

/** A seeded source of numbers in [0, 1): the same seed and the same sequence of calls give the same values. */
export interface RandomSource {
  next(): number;
}

export function createRandomSource(seed: number | undefined): RandomSource {
  const rng = xoroshiro128plus(seed ?? Math.floor(Math.random() * 2 ** 31));
  return { next: () => uniformFloat64(rng) };
}
