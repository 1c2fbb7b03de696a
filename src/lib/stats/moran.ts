import { spatialLag, type SpatialWeights } from '../weights/types.ts';
import { summariseWeights, type WeightsSummary } from '../weights/summary.ts';
import { normalUpperTail, twoSidedP } from './normal.ts';
import { mean } from './validate.ts';

/** Global Moran's I with its moments under randomisation and normality (spdep `moran.test`). */
export interface GlobalMoran {
  I: number;
  /** E[I] = −1/(n' − 1). */
  expectation: number;
  /** Var[I] under randomisation. */
  variance: number;
  /** (I − E)/√Var under randomisation. */
  z: number;
  /** 1 − Φ(z): spdep's default one-sided test for positive autocorrelation. */
  pGreater: number;
  /** 2(1 − Φ(|z|)). */
  pTwoSided: number;
  varianceNormality: number;
  zNormality: number;
  pGreaterNormality: number;
  pTwoSidedNormality: number;
  /** n' = units with at least one neighbour. */
  nEffective: number;
  /** Sample kurtosis K = n Σz⁴ / (Σz²)² (full n). */
  kurtosis: number;
}

/**
 * The parts of Moran's I: z = x − mean(x) over all n units, Σz², the cross-product Σ_i z_i (Wz)_i and the
 * kurtosis K = n Σz⁴/(Σz²)². Shared by Moran's I and its permutation test.
 * Reference: Cliff & Ord (1981), *Spatial Processes*, eq. 1.38 and §2.3.
 */
export function moranParts(
  x: Float64Array,
  w: SpatialWeights,
): { z: Float64Array; zz: number; cross: number; kurtosis: number } {
  const n = x.length;
  const m = mean(x);
  const z = new Float64Array(n);
  let zz = 0;
  let z4 = 0;
  for (let i = 0; i < n; i++) {
    const d = x[i] - m;
    z[i] = d;
    zz += d * d;
    z4 += d * d * d * d;
  }
  const lz = spatialLag(w, z);
  let cross = 0;
  for (let i = 0; i < n; i++) cross += z[i] * lz[i];
  return { z, zz, cross, kurtosis: (n * z4) / (zz * zz) };
}

/**
 * Global Moran's I (Moran 1950) with the moments of Cliff & Ord (1981):
 *
 *   I = (n'/S0) Σ_i z_i (Wz)_i / Σ_i z_i²,   z = x − x̄ (mean over all n),   E[I] = −1/(n' − 1)
 *   Var_R[I] = [n'((n'² − 3n' + 3)S1 − n'S2 + 3S0²) − K((n'² − n')S1 − 2n'S2 + 6S0²)] / ((n'−1)(n'−2)(n'−3)S0²) − E²
 *   Var_N[I] = (n'²S1 − n'S2 + 3S0²) / (S0²(n'² − 1)) − E²
 *
 * with K = n Σz⁴/(Σz²)² and n' = n − #islands (spdep `adjust.n = TRUE`, `zero.policy = TRUE`).
 * p-values: one-sided 1 − Φ(z) (spdep's default) and two-sided. A variance that is not positive (beyond
 * the rounding noise of its terms) leaves z and p undefined (NaN; see `undefinedStatisticGuardrails`).
 *
 * Reference: Cliff & Ord (1981), *Spatial Processes*, §2.3, eqs. 2.33–2.37; spdep `moran.test`.
 */
export function globalMoran(
  x: Float64Array,
  w: SpatialWeights,
  summary: WeightsSummary = summariseWeights(w),
): GlobalMoran {
  const { zz, cross, kurtosis: K } = moranParts(x, w);
  const n = summary.nEffective;
  const { S0, S1, S2 } = summary;
  const S02 = S0 * S0;
  const I = (n / S0) * (cross / zz);
  const E = -1 / (n - 1);
  const nn = n * n;
  const den = (n - 1) * (n - 2) * (n - 3) * S02;
  const a = n * (S1 * (nn - 3 * n + 3) - n * S2 + 3 * S02);
  const b = K * (S1 * (nn - n) - 2 * n * S2 + 6 * S02);
  const V = (a - b) / den - E * E;
  const aN = (nn * S1 - n * S2 + 3 * S02) / (S02 * (nn - 1));
  const VN = aN - E * E;
  // degenerate data (tiny n, one outlier) can leave a variance that is only the rounding noise of cancelling
  // terms, or negative: no z then, rather than a huge one
  const z = V > 1e-10 * ((Math.abs(a) + Math.abs(b)) / den + E * E) ? (I - E) / Math.sqrt(V) : NaN;
  const zN = VN > 1e-10 * (Math.abs(aN) + E * E) ? (I - E) / Math.sqrt(VN) : NaN;
  return {
    I,
    expectation: E,
    variance: V,
    z,
    pGreater: normalUpperTail(z),
    pTwoSided: twoSidedP(z),
    varianceNormality: VN,
    zNormality: zN,
    pGreaterNormality: normalUpperTail(zN),
    pTwoSidedNormality: twoSidedP(zN),
    nEffective: n,
    kurtosis: K,
  };
}
