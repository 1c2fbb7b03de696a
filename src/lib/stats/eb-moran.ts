import type { SpatialWeights } from '../weights/types.ts';
import { SpatialInputError } from '../weights/types.ts';
import { empiricalBayesRates } from './eb-rates.ts';
import { crossProductPermutations, type PermutationSummary } from './moran-permutation.ts';
import { mean } from './validate.ts';

/** The Assunção–Reis EB Moran's I for rates with its permutation test (spdep `EBImoran.mc`). */
export interface EbMoran extends PermutationSummary {
  /** EB Moran's I. */
  I: number;
  /** The EB-standardised rates z_i = (p_i − b)/√(a + b/P_i). */
  z: Float64Array;
  /** Prior mean (overall rate) and prior variance of the global EB model. */
  b: number;
  a: number;
}

/**
 * Empirical-Bayes index (EB Moran's I) for rates: Moran's I of the EB-standardised rates, which removes the
 * variance instability of rates on unequal populations (small desa no longer dominate):
 *
 *   z_i = (p_i − b)/√v_i,   v_i = a + b/P_i (b/P_i when v_i < 0),   with a, b from global EB (`empiricalBayesRates`)
 *   EBI = (n/S0) Σ_i z̃_i (W z̃)_i / Σ_i z̃_i²,   z̃ = z − mean(z)   (n = all units; spdep's mean-subtracted form)
 *
 * Inference by permuting z over all units (seeded), ranked as spdep's `moran.mc`.
 *
 * Reference: Assunção & Reis (1999), "A new proposal to adjust Moran's I for population density",
 * Statistics in Medicine 18; spdep `EBImoran.mc` (subtract_mean_in_numerator = TRUE).
 */
export function ebMoran(
  cases: ArrayLike<number>,
  population: ArrayLike<number>,
  w: SpatialWeights,
  options: { permutations?: number; seed?: number } = {},
): EbMoran {
  if (cases.length !== w.n)
    throw new SpatialInputError(`${cases.length} rates for ${w.n} units: lengths differ`);
  const { raw, a, b } = empiricalBayesRates(cases, population);
  const m = raw.length;
  const z = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    let v = a + b / population[i];
    if (v < 0) v = b / population[i];
    z[i] = (raw[i] - b) / Math.sqrt(v);
  }
  const zm = mean(z);
  const centred = new Float64Array(m);
  let zz = 0;
  for (let i = 0; i < m; i++) {
    centred[i] = z[i] - zm;
    zz += centred[i] * centred[i];
  }
  if (!(zz > 0)) throw new SpatialInputError('every rate is the same: the EB Moran index is undefined');
  let S0 = 0;
  for (let p = 0; p < w.weights.length; p++) S0 += w.weights[p];
  const factor = m / S0 / zz;
  let cross = 0;
  for (let i = 0; i < m; i++) {
    let lag = 0;
    for (let p = w.offsets[i]; p < w.offsets[i + 1]; p++) lag += w.weights[p] * centred[w.neighbors[p]];
    cross += centred[i] * lag;
  }
  const I = factor * cross;
  const perm = crossProductPermutations(
    centred,
    w,
    factor,
    I,
    options.permutations ?? 999,
    options.seed ?? 1,
  );
  return { I, z, a, b, ...perm };
}
