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

/**
 * Desa × desil counts with each household's desil drawn independently of other households: desa d keeps its
 * households h_d, and each of them is in desil q with probability s_q (the kabupaten's shares, normalised) —
 * independently of place. With `desil1Factor`, desa d's desil-1 probability is f_d · s_1 instead and the other
 * desil share the rest in their proportions, s_q (1 − f_d s_1)/(1 − s_1): f = 2 on a cluster plants a pocket
 * at twice the kabupaten's share, f drawn independently per desa gives heterogeneity without any spatial
 * pattern. Categorical draws by inverse CDF from `random`; row-major `[d * 10 + q − 1]`.
 *
 * Reference: the null hypothesis of spatial randomness under which LISA and Gi* are derived (Anselin 1995,
 * §4); planted clusters as in the power studies of Kulldorff, Tango & Park (2003), CSDA 42(4).
 */
export function randomDesilCounts(
  households: ArrayLike<number>,
  shares: readonly number[],
  random: SeededRandom,
  desil1Factor?: ArrayLike<number>,
): Uint32Array {
  if (shares.length !== DESIL_COUNT)
    throw new RangeError(`${shares.length} desil shares, not ${DESIL_COUNT}`);
  if (desil1Factor && desil1Factor.length !== households.length)
    throw new RangeError(`${desil1Factor.length} factors for ${households.length} desa`);
  const total = shares.reduce((a, b) => a + b, 0);
  if (!(total > 0)) throw new RangeError('desil shares must add up to more than 0');
  const base = shares.map((s) => s / total);
  const plain = cumulative(base);
  const out = new Uint32Array(households.length * DESIL_COUNT);
  for (let d = 0; d < households.length; d++) {
    const f = desil1Factor ? desil1Factor[d] : 1;
    let c = plain;
    if (f !== 1) {
      const s1 = f * base[0];
      if (!(f >= 0) || s1 > 1)
        throw new RangeError(`desa ${d}: a factor ${f} puts the desil-1 share above 1`);
      const rest = base[0] < 1 ? (1 - s1) / (1 - base[0]) : 0;
      c = cumulative(base.map((v, q) => (q === 0 ? s1 : v * rest)));
    }
    for (let j = 0; j < households[d]; j++) {
      const u = random.float() * c[DESIL_COUNT - 1];
      let q = 0;
      while (q < DESIL_COUNT - 1 && u >= c[q]) q++;
      out[d * DESIL_COUNT + q]++;
    }
  }
  return out;
}

/** Running sums of probabilities (the inverse-CDF table of a categorical draw). */
function cumulative(p: readonly number[]): number[] {
  let c = 0;
  return p.map((v) => (c += v));
}

/**
 * Desil-1 factors exp(σ ε_d − σ²/2), ε_d ~ N(0, 1) independent per desa (mean 1): desa that differ more than
 * binomial noise, with no spatial pattern — a harder null than a constant share, since empirical-Bayes
 * smoothing then keeps the differences.
 */
export function independentFactors(n: number, sigma: number, random: SeededRandom): Float64Array {
  return Float64Array.from({ length: n }, () => Math.exp(sigma * random.normal() - (sigma * sigma) / 2));
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
