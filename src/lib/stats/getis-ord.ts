import type { SpatialWeights } from '../weights/types.ts';
import { twoSidedP } from './normal.ts';
import { accurateSum, mean } from './validate.ts';

/** Getis–Ord local statistics as z-values, per unit. */
export interface GetisOrd {
  /** Gi* z-value (the unit itself inside its window). */
  giStarZ: Float64Array;
  /** Two-sided p of Gi*. */
  giStarP: Float64Array;
  /** Gi z-value (neighbours only); NaN for an island. */
  giZ: Float64Array;
  /** Two-sided p of Gi; NaN for an island. */
  giP: Float64Array;
}

/**
 * Getis–Ord Gi* and Gi as standard normal deviates, on the neighbour structure of `w` with row-standardised
 * weights (a z-value does not change when a row is rescaled, so binary weights give the same numbers):
 *
 *   Gi*:  window N_i ∪ {i}, w_ij = 1/(k_i + 1), W_i = Σ_j w_ij, S1_i = Σ_j w_ij²,
 *         z_i = (Σ_j w_ij x_j − W_i x̄) / √( s² (n S1_i − W_i²)/(n − 1) ),   x̄ = mean(x), s² = Σ(x − x̄)²/n
 *   Gi:   window N_i, w_ij = 1/k_i, with the leave-one-out x̄_(i) = (Σx − x_i)/(n − 1) and
 *         s²_(i) = (Σx² − x_i²)/(n − 1) − x̄_(i)²:  z_i = (Σ_j w_ij x_j − W_i x̄_(i)) / √( s²_(i) ((n−1)S1_i − W_i²)/(n − 2) )
 *
 * An island has a Gi* of its own value alone and no Gi (NaN); a window with no variance (every unit in it, or
 * every other value equal) gives NaN too. Positive z: high values cluster (hot spot).
 *
 * Reference: Getis & Ord (1992), "The analysis of spatial association by use of distance statistics",
 * Geographical Analysis 24(3); Ord & Getis (1995), Geographical Analysis 27(4), eqs. 9–10;
 * spdep `localG` (with `include.self` for Gi*).
 */
export function getisOrd(x: Float64Array, w: SpatialWeights): GetisOrd {
  const n = x.length;
  const { offsets, neighbors } = w;
  const xbar = mean(x);
  const s2 = accurateSum(x, (v) => (v - xbar) * (v - xbar)) / n;
  const sumX = accurateSum(x);
  const sumX2 = accurateSum(x, (v) => v * v);
  const giStarZ = new Float64Array(n);
  const giStarP = new Float64Array(n);
  const giZ = new Float64Array(n);
  const giP = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const a = offsets[i];
    const k = offsets[i + 1] - a;

    // Gi*: the unit and its neighbours, each weighted 1/(k+1), summed as spdep's lag does (sorted order)
    const ws = 1 / (k + 1);
    let lagStar = 0;
    let Wstar = 0;
    let S1star = 0;
    let q = a;
    let selfPending = true;
    while (q < a + k || selfPending) {
      let j: number;
      if (selfPending && (q === a + k || neighbors[q] > i)) {
        j = i;
        selfPending = false;
      } else {
        j = neighbors[q++];
      }
      lagStar += ws * x[j];
      Wstar += ws;
      S1star += ws * ws;
    }
    // a window holding every unit has no variance: undefined rather than a rounding-noise z
    const spreadStar = n * S1star - Wstar * Wstar;
    const vStar = spreadStar <= 1e-12 * n * S1star ? 0 : s2 * (spreadStar / (n - 1));
    giStarZ[i] = vStar > 0 ? (lagStar - Wstar * xbar) / Math.sqrt(vStar) : NaN;
    giStarP[i] = twoSidedP(giStarZ[i]);

    // Gi: neighbours only, leave-one-out moments
    if (k === 0) {
      giZ[i] = NaN;
      giP[i] = NaN;
      continue;
    }
    const wi = 1 / k;
    let lag = 0;
    let W = 0;
    let S1 = 0;
    for (let p = a; p < a + k; p++) {
      lag += wi * x[neighbors[p]];
      W += wi;
      S1 += wi * wi;
    }
    const xbarI = (sumX - x[i]) / (n - 1);
    const s2I = (sumX2 - x[i] * x[i]) / (n - 1) - xbarI * xbarI;
    const spread = (n - 1) * S1 - W * W;
    const v = spread <= 1e-12 * (n - 1) * S1 ? 0 : s2I * (spread / (n - 2));
    giZ[i] = v > 0 ? (lag - W * xbarI) / Math.sqrt(v) : NaN;
    giP[i] = twoSidedP(giZ[i]);
  }
  return { giStarZ, giStarP, giZ, giP };
}

/** Gi* significance tier: ±3 at 99%, ±2 at 95%, ±1 at 90%, 0 not significant; the sign of z (hot + / cold −). */
export type GiTier = -3 | -2 | -1 | 0 | 1 | 2 | 3;

/** Labels of the tiers, ArcGIS "Hot Spot Analysis" style. */
export const GI_TIER_LABELS: Readonly<Record<GiTier, string>> = {
  3: 'Hot spot 99%',
  2: 'Hot spot 95%',
  1: 'Hot spot 90%',
  0: 'Not significant',
  [-1]: 'Cold spot 90%',
  [-2]: 'Cold spot 95%',
  [-3]: 'Cold spot 99%',
};

/**
 * Hot/cold spot tiers from z-values and their p-values (raw or adjusted for multiple testing): |tier| = 3 when
 * p < 0.01, 2 when p < 0.05, 1 when p < 0.10, signed as z. NaN p (an island's Gi) gives 0.
 * Reference: Getis & Ord (1992); Esri, "How Hot Spot Analysis (Getis-Ord Gi*) works" (confidence bins).
 */
export function giTiers(z: ArrayLike<number>, p: ArrayLike<number>): Int8Array {
  const out = new Int8Array(z.length);
  for (let i = 0; i < z.length; i++) {
    const pi = p[i];
    const level = pi < 0.01 ? 3 : pi < 0.05 ? 2 : pi < 0.1 ? 1 : 0;
    out[i] = z[i] > 0 ? level : z[i] < 0 ? -level : 0;
  }
  return out;
}
