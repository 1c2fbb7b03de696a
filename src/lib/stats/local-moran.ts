import { spatialLag, type SpatialWeights } from '../weights/types.ts';
import { twoSidedP } from './normal.ts';
import { mean } from './validate.ts';

/** Local Moran's I per unit, with its conditional analytical moments (spdep 1.2-7 `localmoran`). */
export interface LocalMoran {
  /** I_i = (z_i/m2) Σ_j w_ij z_j. */
  Ii: Float64Array;
  /** Conditional E[I_i] = −z_i² W_i / ((n − 1) m2). */
  EIi: Float64Array;
  /** Conditional Var[I_i]. */
  VarIi: Float64Array;
  /** (I_i − E[I_i]) / √Var[I_i]; NaN where Var[I_i] = 0 (an island, a value equal to the mean). */
  ZIi: Float64Array;
  /** Two-sided normal p of ZIi; NaN for an island. */
  pAnalytical: Float64Array;
  /** Spatial lag of x, Σ_j w_ij x_j (0 for an island). */
  lag: Float64Array;
  /** z = x − x̄. */
  z: Float64Array;
  /** Spatial lag of z, (Wz)_i. */
  lagZ: Float64Array;
  /** m2 = Σ z_i² / n. */
  m2: number;
}

/**
 * Local Moran's I (Anselin 1995) with the conditional moments spdep uses since 1.1-8 (Sauer et al. 2021):
 *
 *   z_i = x_i − x̄,   m2 = Σ z² / n,   W_i = Σ_j w_ij,   W2_i = Σ_j w_ij²
 *   I_i = (z_i / m2) Σ_j w_ij z_j
 *   E[I_i] = −z_i² W_i / ((n − 1) m2)
 *   Var[I_i] = (z_i/m2)² · n/(n − 2) · (W2_i − W_i²/(n − 1)) · (m2 − z_i²/(n − 1))
 *   Z_i = (I_i − E[I_i]) / √Var[I_i],   p_i = 2(1 − Φ(|Z_i|))
 *
 * n counts every unit (islands included); an island has I_i = E = Var = 0 and an undefined (NaN) Z and p, as
 * does a unit with z_i = 0 or with every other unit as neighbour (Var = 0).
 *
 * Reference: Anselin (1995), "Local indicators of spatial association — LISA", Geographical Analysis 27(2);
 * Sauer, Oshan, Rey & Wolf (2021), "The importance of null hypotheses…", Geographical Analysis 54(4);
 * spdep 1.2-7 `localmoran(conditional = TRUE, mlvar = TRUE)`.
 */
export function localMoran(x: Float64Array, w: SpatialWeights): LocalMoran {
  const n = x.length;
  const xbar = mean(x);
  const z = new Float64Array(n);
  let zz = 0;
  for (let i = 0; i < n; i++) {
    z[i] = x[i] - xbar;
    zz += z[i] * z[i];
  }
  const m2 = zz / n;
  const lagZ = spatialLag(w, z);
  const lag = spatialLag(w, x);
  const Ii = new Float64Array(n);
  const EIi = new Float64Array(n);
  const VarIi = new Float64Array(n);
  const ZIi = new Float64Array(n);
  const pAnalytical = new Float64Array(n);
  const { offsets, weights } = w;
  for (let i = 0; i < n; i++) {
    let Wi = 0;
    let Wi2 = 0;
    for (let p = offsets[i]; p < offsets[i + 1]; p++) {
      Wi += weights[p];
      Wi2 += weights[p] * weights[p];
    }
    const zi = z[i];
    Ii[i] = (zi / m2) * lagZ[i];
    EIi[i] = -(zi * zi * Wi) / ((n - 1) * m2);
    // a unit whose neighbours are all the other units (W2_i = W_i²/(n − 1)) has no conditional variance; rounding
    // would turn its 0/0 into a huge z, so it is undefined like an island's
    const spread = Wi2 - (Wi * Wi) / (n - 1);
    VarIi[i] =
      spread <= 1e-12 * Wi2 ? 0 : (zi / m2) ** 2 * (n / (n - 2)) * spread * (m2 - (zi * zi) / (n - 1));
    ZIi[i] = VarIi[i] > 0 ? (Ii[i] - EIi[i]) / Math.sqrt(VarIi[i]) : NaN;
    pAnalytical[i] = twoSidedP(ZIi[i]);
  }
  return { Ii, EIi, VarIi, ZIi, pAnalytical, lag, z, lagZ, m2 };
}
