import type { DesaFeature } from '../geo/types.ts';
import { DESIL_COUNT } from '../hex/types.ts';
import { empiricalBayesRates } from '../stats/eb-rates.ts';
import { analyseLisa } from '../stats/lisa.ts';
import { adjustPValues } from '../stats/p-adjust.ts';
import { Suppressed, suppressSmallCounts } from '../hex/suppression.ts';
import { subsetWeights } from '../weights/subset.ts';
import { DEFAULT_TOLERANCE_M, tolerantContiguityWeights } from '../weights/tolerant.ts';
import type { SpatialWeights } from '../weights/types.ts';
import { resolvePocketOptions, spreadLisa, type PocketAnalysis, type PocketOptions } from './analysis.ts';
import { selectedComponents } from './components.ts';
import { desaPocketOutline } from './outline.ts';
import { assemblePockets } from './pockets.ts';
import { pocketCandidates } from './select.ts';

/** Input of {@link analyseDesaPockets}. */
export interface DesaPocketInput {
  /** The district's desa polygons with their properties. */
  desa: readonly DesaFeature[];
  /** Households per desa and desil, row-major `desil[desa * 10 + (d − 1)]`. */
  desil: ArrayLike<number>;
  /**
   * Contiguity of all desa when the caller has it (e.g. cached in the Worker); otherwise tolerant contiguity
   * within `toleranceMetres` (default 10 m) is built on the analysed desa.
   */
  weights?: SpatialWeights;
  toleranceMetres?: number;
}

/**
 * Poverty pockets of desa: small-number suppression of desa (kecamatan and kabupaten totals public), local
 * Moran and Gi* on the (EB-smoothed) desil-1 share of the shown desa over tolerant contiguity (real desa
 * polygons do not share exact vertices), then connected groups of significant High-High desa (or Gi* hot
 * spots) of at least `minUnits` desa, with totals, names, ids and dissolved outlines; finally suppression of
 * the desil counts with the pockets as published groups.
 *
 * Reference: Anselin (1995); Getis & Ord (1992); Marshall (1991) (EB rates); Anselin & Rey (2014), ch. 4
 * (contiguity with a precision threshold).
 */
export function analyseDesaPockets(input: DesaPocketInput, options: PocketOptions = {}): PocketAnalysis {
  const o = resolvePocketOptions(options);
  const n = input.desa.length;
  if (input.desil.length !== n * DESIL_COUNT)
    throw new RangeError(`desil has ${input.desil.length} values for ${n} desa × ${DESIL_COUNT} desil`);
  const props = input.desa.map((f) => f.properties);
  const households = new Uint32Array(n);
  const desil1 = new Uint32Array(n);
  const desil = Uint32Array.from(input.desil);
  for (let d = 0; d < n; d++) {
    desil1[d] = desil[d * DESIL_COUNT];
    for (let q = 0; q < DESIL_COUNT; q++) households[d] += desil[d * DESIL_COUNT + q];
  }
  const share = Float64Array.from(households, (h, d) => (h > 0 ? desil1[d] / h : NaN));
  const kecIndex = new Map<string, number>();
  const groups = Int32Array.from(props, (p) => {
    let g = kecIndex.get(p.kode_kec);
    if (g === undefined) kecIndex.set(p.kode_kec, (g = kecIndex.size));
    return g;
  });

  const units = suppressSmallCounts({ totals: households, groups }, o.minCount);
  const keep = Array.from(units.unit, (s, d) => s === Suppressed.Shown && households[d] > 0);
  const index = Int32Array.from(keep.flatMap((k, d) => (k ? [d] : [])));
  const weights = input.weights
    ? subsetWeights(input.weights, keep).weights
    : tolerantContiguityWeights(
        Array.from(index, (d) => input.desa[d].geometry),
        { toleranceMetres: input.toleranceMetres ?? DEFAULT_TOLERANCE_M },
      ).weights;
  const h = Float64Array.from(index, (d) => households[d]);
  const d1 = Float64Array.from(index, (d) => desil1[d]);
  const value =
    o.rate === 'eb' ? empiricalBayesRates(d1, h).smoothed : Float64Array.from(index, (d) => share[d]);
  const lisa = analyseLisa(value, weights, {
    permutations: o.permutations,
    seed: o.seed,
    alpha: o.alpha,
    pAdjust: o.pAdjust,
    expectRate: true,
  });
  const pUsed = adjustPValues(lisa.permutation ? lisa.permutation.pSim : lisa.local.pAnalytical, o.pAdjust);
  const spread = spreadLisa(n, index, value, lisa, pUsed);

  const components = selectedComponents(pocketCandidates(lisa, o.criterion), weights, o.minUnits).map((g) =>
    Int32Array.from(g, (k) => index[k]),
  );
  const pockets = assemblePockets(
    {
      unit: 'desa',
      resolution: null,
      codes: props.map((p) => p.kode_desa),
      households,
      desil1,
      areaKm2: props.map((p) => p.luas_km2),
      touchOffsets: Int32Array.from({ length: n + 1 }, (_, d) => d),
      touchDesa: Int32Array.from({ length: n }, (_, d) => d),
      primaryDesa: Int32Array.from({ length: n }, (_, d) => d),
      desa: props,
    },
    components,
    (members) => desaPocketOutline(members.map((d) => input.desa[d].geometry)),
  );
  const pocketOf = new Int32Array(n).fill(-1);
  pockets.forEach((p, r) => p.memberIndex.forEach((d) => (pocketOf[d] = r)));
  const suppression = suppressSmallCounts(
    {
      totals: households,
      values: desil,
      width: DESIL_COUNT,
      groups,
      extraGroups: pockets.map((p) => p.memberIndex),
    },
    o.minCount,
  );
  return {
    unit: 'desa',
    resolution: null,
    codes: props.map((p) => p.kode_desa),
    primaryDesa: Int32Array.from({ length: n }, (_, d) => d),
    households,
    desil1,
    suppression,
    share,
    pocketOf,
    pockets,
    ...spread,
    options: o,
  };
}
