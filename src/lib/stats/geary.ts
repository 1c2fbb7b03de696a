import type { SpatialWeights } from '../weights/types.ts';
import { summariseWeights, type WeightsSummary } from '../weights/summary.ts';
import { normalUpperTail, twoSidedP } from './normal.ts';
import { mean } from './validate.ts';

/** Geary's C with its variance under randomisation (spdep `geary.test`). */
export interface GearyTest {
  C: number;
  /** E[C] = 1. */
  expectation: number;
  /** Var[C] under randomisation. */
  variance: number;
  /** (1 − C)/√Var: spdep's sign, positive for positive autocorrelation. */
  z: number;
  /** 1 − Φ(z): the test for C < 1 (positive autocorrelation). */
  pGreater: number;
  pTwoSided: number;
  /** Var[C] under normality. */
  varianceNormality: number;
}

/**
 * Geary's contiguity ratio (Geary 1954) and its randomisation variance as spdep 1.2-7 computes it:
 *
 *   C = (n' − 1) Σ_ij w_ij (x_i − x_j)² / (2 S0 Σ_i z_i²),   z = x − x̄ over all n,   E[C] = 1
 *   Var_R[C] = [ (n'−1) S1 (n'² − 3n + 3 − K(n'−1))
 *               − ¼ (n'−1) S2 (n'² + 3n − 6 − K(n'² − n + 2))
 *               + S0² (n'² − 3 − K(n'−1)²) ] / (n (n'−2)(n'−3) S0²)
 *   Var_N[C] = ((2S1 + S2)(n'−1) − 4S0²) / (2(n + 1)S0²)
 *
 * with K = n' Σz⁴/(Σz²)² and n' = n − #islands. spdep mixes n' (its `wc$n`) and the full n here; without islands
 * n' = n and this is Cliff & Ord's formula. z = (1 − C)/√Var (spdep's sign since 2009); NaN when Var is not
 * positive beyond rounding (degenerate data).
 *
 * Reference: Cliff & Ord (1981), *Spatial Processes*, §2.3, eqs. 2.38–2.40; spdep `geary.test` (R/geary.R).
 */
export function gearyTest(
  x: Float64Array,
  w: SpatialWeights,
  summary: WeightsSummary = summariseWeights(w),
): GearyTest {
  const nAll = x.length;
  const n = summary.nEffective;
  const { S0, S1, S2 } = summary;
  const m = mean(x);
  let zz = 0;
  let z4 = 0;
  for (let i = 0; i < nAll; i++) {
    const d = x[i] - m;
    zz += d * d;
    z4 += d * d * d * d;
  }
  const K = (n * z4) / (zz * zz);
  const { offsets, neighbors, weights } = w;
  let sq = 0;
  for (let i = 0; i < nAll; i++) {
    for (let p = offsets[i]; p < offsets[i + 1]; p++) {
      const d = x[i] - x[neighbors[p]];
      sq += weights[p] * d * d;
    }
  }
  const n1 = n - 1;
  const nn = n * n;
  const S02 = S0 * S0;
  const C = (n1 / (2 * S0)) * (sq / zz);
  const t1 = n1 * S1 * (nn - 3 * nAll + 3 - K * n1);
  const t2 = 0.25 * (n1 * S2 * (nn + 3 * nAll - 6 - K * (nn - nAll + 2)));
  const t3 = S02 * (nn - 3 - K * n1 * n1);
  const den = nAll * (n - 2) * (n - 3) * S02;
  const V = (t1 - t2 + t3) / den;
  const VN = ((2 * S1 + S2) * n1 - 4 * S02) / (2 * (nAll + 1) * S02);
  // degenerate data can leave a variance that is only the rounding noise of cancelling terms, or negative
  const z =
    V > (1e-10 * (Math.abs(t1) + Math.abs(t2) + Math.abs(t3))) / Math.abs(den) ? (1 - C) / Math.sqrt(V) : NaN;
  return {
    C,
    expectation: 1,
    variance: V,
    z,
    pGreater: normalUpperTail(z),
    pTwoSided: twoSidedP(z),
    varianceNormality: VN,
  };
}
