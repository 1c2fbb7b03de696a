import { SeededRandom } from '../random.ts';
import type { SpatialWeights } from '../weights/types.ts';
import { summariseWeights, weightOf, type WeightsSummary } from '../weights/summary.ts';
import { moranParts } from './moran.ts';

/** Result of the permutation test of global Moran's I. */
export interface MoranPermutationTest extends PermutationSummary {
  /** The observed I (rank, p-values and moments are those of `PermutationSummary`). */
  I: number;
}

/**
 * Shuffles `a` in place (Fisher–Yates / Durstenfeld, "Algorithm 235", CACM 7(7), 1964) with a seeded source.
 */
export function shuffleInPlace(a: Float64Array, random: SeededRandom): void {
  for (let i = a.length - 1; i > 0; i--) {
    const j = random.int(0, i);
    const t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
}

/** Counts and moments of a permutation distribution against an observed statistic. */
export interface PermutationSummary {
  nsim: number;
  seed: number;
  observedRank: number;
  pGreater: number;
  pSim: number;
  simMean: number;
  simVar: number;
}

/**
 * The links of W as undirected edges i < j with coefficient w_ij + w_ji, so that
 * Σ_i Σ_j w_ij z_i z_j = Σ_edges c_e z_i z_j visits each pair once (half the work of row-by-row lags).
 */
function edgeList(w: SpatialWeights): { from: Int32Array; to: Int32Array; coef: Float64Array } {
  const { n, offsets, neighbors, weights } = w;
  const from: number[] = [];
  const to: number[] = [];
  const coef: number[] = [];
  for (let i = 0; i < n; i++) {
    for (let p = offsets[i]; p < offsets[i + 1]; p++) {
      const j = neighbors[p];
      const back = weightOf(w, j, i);
      if (j > i) {
        from.push(i);
        to.push(j);
        coef.push(weights[p] + (back ?? 0));
      } else if (back === undefined) {
        // a one-way link j ← i with j < i: not met from row j
        from.push(j);
        to.push(i);
        coef.push(weights[p]);
      }
    }
  }
  return { from: Int32Array.from(from), to: Int32Array.from(to), coef: Float64Array.from(coef) };
}

/**
 * Permutation distribution of factor · Σ_i z_i (Wz)_i when z is shuffled over all units: the engine of the
 * global Moran and EB-Moran permutation tests. `observed` is the unpermuted statistic; a value within rounding of
 * it (1e-12 of the largest possible |statistic|) is a tie, and ties count as "at least".
 * Returns the rank of `observed` among the nsim + 1 values (average rank for ties, as R's `rank`), spdep's
 * `moran.mc` p for "greater" (max(nsim − rank, 0) + 1)/(nsim + 1), and the pseudo p (M + 1)/(nsim + 1),
 * M = #{simulated ≥ observed} (Hope 1968). Each permutation is a Fisher–Yates shuffle (seeded) and one pass over
 * the undirected edges of W.
 */
export function crossProductPermutations(
  z: Float64Array,
  w: SpatialWeights,
  factor: number,
  observed: number,
  nsim: number,
  seed: number,
): PermutationSummary {
  if (!Number.isInteger(nsim) || nsim < 1)
    throw new RangeError(`permutations must be a positive integer, got ${nsim}`);
  const n = w.n;
  const { from, to, coef } = edgeList(w);
  const edges = coef.length;
  const perm = Float64Array.from(z);
  const random = new SeededRandom(seed);
  // an arrangement equivalent to the observed one (same statistic in exact arithmetic) must tie whatever the
  // rounding: values within 1e-12 of the largest possible |statistic| count as equal
  let zAbsMax = 0;
  for (let i = 0; i < n; i++) zAbsMax = Math.max(zAbsMax, Math.abs(z[i]));
  let coefSum = 0;
  for (let e = 0; e < edges; e++) coefSum += Math.abs(coef[e]);
  const eps = 1e-12 * Math.abs(factor) * coefSum * zAbsMax * zAbsMax;
  let below = 0;
  let equal = 0;
  let atLeast = 0;
  let sum = 0;
  let sumSq = 0;
  for (let r = 0; r < nsim; r++) {
    shuffleInPlace(perm, random);
    let c = 0;
    for (let e = 0; e < edges; e++) c += coef[e] * perm[from[e]] * perm[to[e]];
    const stat = factor * c;
    if (Math.abs(stat - observed) <= eps) equal++;
    else if (stat < observed) below++;
    if (stat >= observed - eps) atLeast++;
    sum += stat;
    sumSq += stat * stat;
  }
  const observedRank = below + 1 + equal / 2;
  const simMean = sum / nsim;
  const simVar = nsim > 1 ? (sumSq - nsim * simMean * simMean) / (nsim - 1) : NaN;
  return {
    nsim,
    seed,
    observedRank,
    pGreater: (Math.max(nsim - observedRank, 0) + 1) / (nsim + 1),
    pSim: (atLeast + 1) / (nsim + 1),
    simMean,
    simVar,
  };
}

/**
 * Permutation (randomisation) test of global Moran's I: x is permuted over all units (without replacement)
 * `permutations` times and I recomputed each time; the observed I is ranked among the nsim + 1 values.
 * I = (n'/S0) Σ z_i (Wz)_i / Σ z_i² as in `globalMoran`; Σz² is the same for every permutation.
 * Seeded: the same seed gives the same result; R's `moran.mc` draws differ, so compare statistically.
 *
 * Reference: Cliff & Ord (1981), §2.6; Hope (1968), "A simplified Monte Carlo significance test procedure",
 * JRSS B 30; spdep `moran.mc`.
 */
export function moranPermutationTest(
  x: Float64Array,
  w: SpatialWeights,
  options: { permutations?: number; seed?: number; summary?: WeightsSummary } = {},
): MoranPermutationTest {
  const summary = options.summary ?? summariseWeights(w);
  const { z, zz, cross } = moranParts(x, w);
  const factor = summary.nEffective / summary.S0 / zz;
  const observed = factor * cross;
  return {
    I: observed,
    ...crossProductPermutations(z, w, factor, observed, options.permutations ?? 999, options.seed ?? 1),
  };
}
