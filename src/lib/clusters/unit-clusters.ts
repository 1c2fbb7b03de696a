import { analyseLisa, type LisaOptions } from '../stats/lisa.ts';
import type { Guardrail } from '../stats/guardrails.ts';
import { adjustPValues } from '../stats/p-adjust.ts';
import { subsetWeights } from '../weights/subset.ts';
import type { SpatialWeights } from '../weights/types.ts';

/** LISA and Gi* results for every map unit, including units without a value (which get none). */
export interface UnitClusters {
  /** Units analysed (with a finite value). */
  analysed: number;
  /** Units left out for want of a value. */
  noData: number;
  /** Per unit: 1 High-High, 2 Low-High, 3 Low-Low, 4 High-Low, 0 not significant, an island or no data. */
  clusters: Uint8Array;
  /** Per unit: the p-value the cluster map used (after the multiple-testing adjustment); NaN without one. */
  p: Float64Array;
  /** Per unit: Gi* tier −3…3 (cold/hot at 99/95/90%), 0 not significant or no data. */
  giTiers: Int8Array;
  /** Per unit: true when it has a value (and so a place in the analysis). */
  hasValue: Uint8Array;
  /**
   * Global Moran's I over the analysed units, with its analytical z and, when permutations ran, the one-sided
   * permutation p of spdep `moran.mc` (alternative "greater"): (max(R − rank, 0) + 1)/(R + 1), ties ranked
   * by their average (see `crossProductPermutations`).
   */
  moran: { I: number; expectation: number; z: number; pPermutationGreater: number | null };
  /** Guardrails with `units` given as indices of the full unit list. */
  guardrails: Guardrail[];
}

/**
 * Runs `analyseLisa` on the units that have a value, over the sub-graph of `weights` on those units (a desa
 * without households has no share and is no neighbour of anyone in the test), then maps the results back
 * to all units. Significance uses the permutation pseudo-p when permutations > 0, the analytical p
 * otherwise, after `pAdjust`, as `analyseLisa` defines it.
 *
 * Reference: Anselin (1995), Geographical Analysis 27(2) (LISA); Getis & Ord (1992) (Gi*).
 */
export function analyseUnitClusters(
  values: ArrayLike<number | null>,
  weights: SpatialWeights,
  options: LisaOptions,
): UnitClusters {
  const n = values.length;
  const hasValue = new Uint8Array(n);
  const x: number[] = [];
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (typeof v === 'number' && Number.isFinite(v)) {
      hasValue[i] = 1;
      x.push(v);
    }
  }
  const { weights: sub, original } = subsetWeights(weights, hasValue as unknown as ArrayLike<boolean>);
  const result = analyseLisa(Float64Array.from(x), sub, options);
  const clusters = new Uint8Array(n);
  const p = new Float64Array(n).fill(NaN);
  const giTiers = new Int8Array(n);
  // The p the cluster labels were decided on (analyseLisa does the same adjustment internally).
  const usedP = adjustPValues(
    result.permutation ? result.permutation.pSim : result.local.pAnalytical,
    result.options.pAdjust,
  );
  for (let k = 0; k < original.length; k++) {
    const i = original[k];
    clusters[i] = result.clusters[k];
    giTiers[i] = result.giTiers[k];
    p[i] = usedP[k];
  }
  return {
    analysed: original.length,
    noData: n - original.length,
    clusters,
    p,
    giTiers,
    hasValue,
    moran: {
      I: result.moran.I,
      expectation: result.moran.expectation,
      z: result.moran.z,
      pPermutationGreater: result.moranPermutation?.pGreater ?? null,
    },
    guardrails: result.guardrails.map((g) =>
      g.units ? { ...g, units: g.units.map((k) => original[k]) } : g,
    ),
  };
}
