/**
 * Data with no pocket, and data with pockets of known size and effect: the inputs of the pocket calibration
 * (`src/lib/pockets/calibration.ts`, `npm run bench -- pockets-calibration`) and of the tests that a default
 * analysis finds nothing in noise. Desil are drawn independently of place, so any pocket found in such data
 * is a false one.
 */
import { DESIL_COUNT } from '../hex/types.ts';
import { SeededRandom } from '../random.ts';
import { shuffleInPlace } from '../stats/moran-permutation.ts';
import type { SpatialWeights } from '../weights/types.ts';
import type { SyntheticDistrict } from './households.ts';

/** Units planted with a higher desil-1 share (see {@link randomDesilCounts}). */
export interface PlantedUnits {
  /** Unit indices. */
  units: ArrayLike<number>;
  /** Desil-1 share of the planted units as a multiple of the kabupaten's (e.g. 2). */
  factor: number;
}

/**
 * Desa × desil counts with each household's desil drawn independently of place: desa d keeps its households
 * h_d, and each of them is in desil q with probability s_q (the kabupaten's shares, normalised). In planted
 * units the desil-1 probability is f · s_1 and the other desil share the rest in their proportions,
 * s_q (1 − f s_1)/(1 − s_1). Categorical draws by inverse CDF from `random`; row-major `[d * 10 + q − 1]`.
 *
 * Reference: the null hypothesis of spatial randomness under which LISA and Gi* are derived (Anselin 1995,
 * §4); a planted cluster as in the power studies of Kulldorff, Tango & Park (2003), CSDA 42(4).
 */
export function randomDesilCounts(
  households: ArrayLike<number>,
  shares: readonly number[],
  random: SeededRandom,
  planted?: PlantedUnits,
): Uint32Array {
  if (shares.length !== DESIL_COUNT)
    throw new RangeError(`${shares.length} desil shares, not ${DESIL_COUNT}`);
  const total = shares.reduce((a, b) => a + b, 0);
  if (!(total > 0)) throw new RangeError('desil shares must add up to more than 0');
  const base = shares.map((s) => s / total);
  const cdf = (p: readonly number[]) => {
    let c = 0;
    return p.map((v) => (c += v));
  };
  const plain = cdf(base);
  let boosted = plain;
  const isPlanted = new Uint8Array(households.length);
  if (planted) {
    const s1 = planted.factor * base[0];
    if (!(planted.factor >= 0) || s1 > 1)
      throw new RangeError(`a factor ${planted.factor} puts the desil-1 share above 1`);
    const rest = base[0] < 1 ? (1 - s1) / (1 - base[0]) : 0;
    boosted = cdf(base.map((v, q) => (q === 0 ? s1 : v * rest)));
    for (let k = 0; k < planted.units.length; k++) isPlanted[planted.units[k]] = 1;
  }
  const out = new Uint32Array(households.length * DESIL_COUNT);
  for (let d = 0; d < households.length; d++) {
    const c = isPlanted[d] ? boosted : plain;
    for (let j = 0; j < households[d]; j++) {
      const u = random.float() * c[DESIL_COUNT - 1];
      let q = 0;
      while (q < DESIL_COUNT - 1 && u >= c[q]) q++;
      out[d * DESIL_COUNT + q]++;
    }
  }
  return out;
}

/**
 * A connected cluster of `size` units grown from a random unit: each step adds one unit drawn uniformly from
 * the neighbours of the cluster that are not in it yet (a random "lattice animal", compact on contiguity
 * graphs). Returns the units ascending, or null when the start's connected part is smaller than `size`.
 *
 * Reference: Eden (1961), "A two-dimensional growth process" (growth from a seed by random boundary sites).
 */
export function growCluster(weights: SpatialWeights, size: number, random: SeededRandom): Int32Array | null {
  const { n, offsets, neighbors } = weights;
  if (n === 0 || size < 1) return null;
  const start = random.int(0, n - 1);
  const inside = new Uint8Array(n);
  const onFrontier = new Uint8Array(n);
  const members = [start];
  const frontier: number[] = [];
  inside[start] = 1;
  const extend = (u: number) => {
    for (let p = offsets[u]; p < offsets[u + 1]; p++) {
      const v = neighbors[p];
      if (!inside[v] && !onFrontier[v]) {
        onFrontier[v] = 1;
        frontier.push(v);
      }
    }
  };
  extend(start);
  while (members.length < size) {
    if (frontier.length === 0) return null;
    const k = random.int(0, frontier.length - 1);
    const v = frontier[k];
    frontier[k] = frontier[frontier.length - 1];
    frontier.pop();
    inside[v] = 1;
    members.push(v);
    extend(v);
  }
  return Int32Array.from(members).sort();
}

/**
 * The same households with their desil shuffled among them, period by period (a seeded Fisher–Yates
 * permutation of the desil column): desa, household counts, coordinates and the kabupaten's desil shares stay
 * exactly as they were, and desil no longer depend on place. Programme and housing flags keep their values
 * (they are not what pockets read). Written with the usual writers, it is a "noise" household file.
 */
export function shuffleDesil(district: SyntheticDistrict, seed: number): SyntheticDistrict {
  const random = new SeededRandom(seed);
  return {
    ...district,
    periods: district.periods.map((period) => {
      const desil = Float64Array.from(period.desil);
      shuffleInPlace(desil, random);
      return { ...period, desil: Uint8Array.from(desil) };
    }),
  };
}
