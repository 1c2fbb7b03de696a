import { SeededRandom } from '../random.ts';

/**
 * Named random streams of the synthetic generator. Each purpose draws from its own stream, so changing one
 * option (say the geotag share) does not shift the numbers drawn for another (say the desil).
 */
export const SynthStream = {
  /** Desa weights, hamlet centres, pockets, desa effects. */
  layout: 1,
  /** Household attributes fixed at creation: desa, hamlet, idiosyncratic welfare, stable uniforms. */
  households: 2,
  /** Household coordinates. */
  geotag: 3,
  /** Where the stuck area lies (`placeStuckArea`). */
  stuck: 4,
  /** Planted data-quality and targeting patterns (`needs-patterns.ts`; only when asked for). */
  needs: 5,
  /** Period t uses `period + t`: leavers, newcomers, welfare noise, household-size changes. */
  period: 100,
} as const;

/**
 * Derives the seed of one stream from the user's seed with the MurmurHash3 32-bit finaliser
 * (Appleby 2008, `fmix32`): well-mixed, so seeds 1 and 2 give unrelated streams.
 *
 * seed' = fmix32(seed · 0x9E3779B1 ⊕ stream)
 */
export function streamSeed(seed: number, stream: number): number {
  let h = (Math.imul(seed | 0, 0x9e3779b1) ^ Math.imul(stream | 0, 0x85ebca77)) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0;
}

/** A `SeededRandom` for one named stream of a seed (see {@link streamSeed}). */
export function streamRandom(seed: number, stream: number): SeededRandom {
  return new SeededRandom(streamSeed(seed, stream));
}
