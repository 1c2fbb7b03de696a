import { SeededRandom } from '../random.ts';
import type { SpatialWeights } from '../weights/types.ts';
import { twoSidedP } from './normal.ts';
import { localMoran, type LocalMoran } from './local-moran.ts';

/** Conditional permutation inference for local Moran's I, per unit (NaN for islands). */
export interface LocalMoranPermutation {
  nsim: number;
  seed: number;
  /**
   * Folded pseudo p-value (M + 1)/(R + 1) with M = min(c, R − c), c = #{simulated I_i ≥ observed I_i}
   * (PySAL/GeoDa `p_sim`, spdep "Pr(folded) Sim"); in [1/(R + 1), ½].
   */
  pSim: Float64Array;
  /** Mean of the simulated I_i (spdep `localmoran_perm` E.Ii). */
  permMean: Float64Array;
  /** Variance of the simulated I_i, denominator R − 1 (spdep Var.Ii). */
  permVar: Float64Array;
  /** (I_i − permMean)/√permVar. */
  permZ: Float64Array;
  /** 2(1 − Φ(|permZ|)), spdep "Pr(z != E(Ii))". */
  pPermZ: Float64Array;
  /** Two-sided rank p, spdep "Pr(z != E(Ii)) Sim": 2 min(r, R + 2 − r)/(R + 1), r the truncated average rank. */
  pPermRank: Float64Array;
}

/**
 * Draws `rows` ordered samples of `width` distinct indices from 0 … m − 1 (a partial Fisher–Yates shuffle of a
 * pool that is never reset: any arrangement of the pool gives a uniform sample), row-major in one Int32Array.
 */
function drawSamples(rows: number, width: number, m: number, random: SeededRandom): Int32Array {
  const out = new Int32Array(rows * width);
  if (width === 0) return out;
  const pool = new Int32Array(m);
  for (let k = 0; k < m; k++) pool[k] = k;
  for (let r = 0; r < rows; r++) {
    const base = r * width;
    for (let j = 0; j < width; j++) {
      const pick = random.int(j, m - 1);
      const t = pool[j];
      pool[j] = pool[pick];
      pool[pick] = t;
      out[base + j] = pool[j];
    }
  }
  return out;
}

function isPrime(v: number): boolean {
  if (v < 2) return false;
  for (let d = 2; d * d <= v; d++) if (v % d === 0) return false;
  return true;
}

/**
 * Size of the table of draws: a prime ≥ 32·nsim (so two units share on average ~nsim/32 of their draws), capped
 * at about 2 million entries for wide rows.
 */
export function drawTableRows(nsim: number, kmax: number): number {
  const cap = Math.max(nsim + 1, Math.floor(2_000_000 / Math.max(1, kmax)));
  let rows = Math.min(Math.max(32 * nsim, 4096), cap);
  while (!isPrime(rows)) rows++;
  return rows;
}

/**
 * Conditional permutation inference for local Moran's I (Anselin 1995): for unit i, x_i stays and the k_i
 * neighbour values are replaced by k_i values drawn **without replacement** from the other n − 1 units,
 * R times; I_i^(r) = (z_i/m2) Σ_j w_ij z_(draw j). The folded pseudo p-value is
 * (min(c, R − c) + 1)/(R + 1), c = #{I_i^(r) ≥ I_i}; a draw within rounding (1e-12 of the largest possible
 * sum) of I_i counts as a tie, i.e. as ≥, whatever the order of summation.
 *
 * Speed without giving up independence between units: a table of T ordered samples of k_max distinct indices
 * from 0 … n − 2 is drawn once (T prime, ≈ 32R rows; PySAL's `crand` instead shares R rows between all units).
 * Unit i reads R distinct rows along its own random arithmetic progression (o_i + t·s_i) mod T and takes the
 * first k_i columns, an index equal to i standing for unit n − 1 (a bijection onto the units other than i).
 * Each unit's R samples are thus independent uniform samples without replacement (its null distribution is
 * exact), while two units share only ~R²/T rows, so the map is not shifted as a whole by one unlucky table.
 * With equal weights in a row (binary or row-standardised contiguity, knn, H3) the sum of the first k columns of
 * every row is precomputed, and the rare rows that contain i are corrected from an inverted index: O(1) per
 * permutation, no allocation, no random draw in the loop. Other weights take an O(k_i) multiply-add.
 *
 * spdep 1.2-7's `localmoran_perm` draws *with* replacement (Mersenne-Twister): results agree with it
 * statistically, not draw for draw. Same seed → identical results.
 *
 * Reference: Anselin (1995), Geographical Analysis 27(2), §4; Rey & Anselin (2007), PySAL `esda.Moran_Local`
 * (`crand`, `p_sim`); Anselin (2019), GeoDa workbook, "Local spatial autocorrelation" (conditional
 * randomisation); Hope (1968), JRSS B 30.
 */
export function localMoranPermutation(
  x: Float64Array,
  w: SpatialWeights,
  options: { permutations?: number; seed?: number; local?: LocalMoran } = {},
): LocalMoranPermutation {
  const nsim = options.permutations ?? 999;
  const seed = options.seed ?? 1;
  if (!Number.isInteger(nsim) || nsim < 1)
    throw new RangeError(`permutations must be a positive integer, got ${nsim}`);
  const local = options.local ?? localMoran(x, w);
  const { z, m2, Ii } = local;
  const { n, offsets, weights } = w;
  let kmax = 0;
  for (let i = 0; i < n; i++) kmax = Math.max(kmax, offsets[i + 1] - offsets[i]);
  const random = new SeededRandom(seed);
  const T = drawTableRows(nsim, kmax);
  const draws = drawSamples(T, kmax, n - 1, random);
  const last = n - 1;

  // prefix sums of z over each row (index d read as unit d), stored column-major so that the T sums for one
  // neighbour count k sit together (256 KB for R = 999: the loop below stays in cache); and where each unit occurs
  const prefix = new Float64Array(T * kmax);
  const occurStart = new Int32Array(n + 1);
  for (let e = 0; e < draws.length; e++) occurStart[draws[e] + 1]++;
  for (let d = 0; d < n; d++) occurStart[d + 1] += occurStart[d];
  const occurFill = occurStart.slice(0, n);
  const occurEntry = new Int32Array(draws.length);
  for (let r = 0; r < T; r++) {
    let s = 0;
    for (let j = 0; j < kmax; j++) {
      const e = r * kmax + j;
      s += z[draws[e]];
      prefix[j * T + r] = s;
      occurEntry[occurFill[draws[e]]++] = e;
    }
  }
  const stamp = new Int32Array(T).fill(-1);
  let zAbsMax = 0;
  for (let d = 0; d < n; d++) zAbsMax = Math.max(zAbsMax, Math.abs(z[d]));

  const pSim = new Float64Array(n).fill(NaN);
  const permMean = new Float64Array(n).fill(NaN);
  const permVar = new Float64Array(n).fill(NaN);
  const permZ = new Float64Array(n).fill(NaN);
  const pPermZ = new Float64Array(n).fill(NaN);
  const pPermRank = new Float64Array(n).fill(NaN);
  const rowWeights = new Float64Array(kmax);

  for (let i = 0; i < n; i++) {
    const start = offsets[i];
    const k = offsets[i + 1] - start;
    if (k === 0) continue;
    const firstRow = random.int(0, T - 1);
    const stride = random.int(1, T - 1);
    let equalWeights = true;
    for (let j = 0; j < k; j++) {
      rowWeights[j] = weights[start + j];
      if (rowWeights[j] !== rowWeights[0]) equalWeights = false;
    }
    const scale = z[i] / m2;
    const observed = Ii[i];
    // a draw whose sum equals the observed one in exact arithmetic (frequent with few distinct values) must tie
    // whatever the order of summation: values within rounding of the observed count as equal
    let weightSum = 0;
    for (let j = 0; j < k; j++) weightSum += Math.abs(weights[start + j]);
    const eps = 1e-12 * Math.abs(scale) * weightSum * zAbsMax;
    const low = observed - eps;
    let atLeast = 0;
    let equal = 0;
    let sum = 0;
    let sumSq = 0;
    let row = firstRow;
    if (equalWeights) {
      // rows holding i among their first k columns: that draw stands for unit n − 1
      for (let q = occurStart[i]; q < occurStart[i + 1]; q++) {
        const e = occurEntry[q];
        if (e % kmax < k) stamp[(e / kmax) | 0] = i;
      }
      const swap = i === last ? 0 : z[last] - z[i];
      const factor = scale * rowWeights[0];
      const column = (k - 1) * T;
      for (let r = 0; r < nsim; r++) {
        let s = prefix[column + row];
        if (stamp[row] === i) s += swap;
        row += stride;
        if (row >= T) row -= T;
        const sim = factor * s;
        // branch-free counting: whether a draw beats the observed value is a coin flip the CPU cannot predict
        atLeast += +(sim >= low);
        equal += +(Math.abs(sim - observed) <= eps);
        sum += sim;
        sumSq += sim * sim;
      }
    } else {
      for (let r = 0; r < nsim; r++) {
        const base = row * kmax;
        row += stride;
        if (row >= T) row -= T;
        let s = 0;
        for (let j = 0; j < k; j++) {
          const d = draws[base + j];
          s += rowWeights[j] * z[d === i ? last : d];
        }
        const sim = scale * s;
        atLeast += +(sim >= low);
        equal += +(Math.abs(sim - observed) <= eps);
        sum += sim;
        sumSq += sim * sim;
      }
    }
    const below = nsim - atLeast;
    const folded = Math.min(atLeast, nsim - atLeast);
    pSim[i] = (folded + 1) / (nsim + 1);
    const m = sum / nsim;
    const v = nsim > 1 ? Math.max(0, (sumSq - nsim * m * m) / (nsim - 1)) : NaN;
    permMean[i] = m;
    permVar[i] = v;
    permZ[i] = (observed - m) / Math.sqrt(v);
    pPermZ[i] = twoSidedP(permZ[i]);
    const rank = Math.trunc(below + 1 + equal / 2);
    pPermRank[i] = (2 * Math.min(rank, nsim + 2 - rank)) / (nsim + 1);
  }
  return { nsim, seed, pSim, permMean, permVar, permZ, pPermZ, pPermRank };
}
