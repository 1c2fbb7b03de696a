import type { DesaFeature } from '../geo/types.ts';
import { DESIL_COUNT } from '../hex/types.ts';
import { Suppressed, suppressSmallCounts } from '../hex/suppression.ts';
import { subsetWeights } from '../weights/subset.ts';
import { DEFAULT_TOLERANCE_M, tolerantContiguityWeights } from '../weights/tolerant.ts';
import type { SpatialWeights } from '../weights/types.ts';
import {
  resolvePocketOptions,
  spreadLisa,
  spreadNothing,
  type PocketAnalysis,
  type PocketOptions,
  type ResolvedPocketOptions,
} from './analysis.ts';
import { desaPocketOutline } from './outline.ts';
import { runPocketTest, type PocketTest } from './pocket-test.ts';
import { assemblePockets } from './pockets.ts';

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

/** The statistical part of a desa pocket run (see {@link desaPocketTest}). */
export interface DesaPocketTest {
  households: Uint32Array;
  desil1: Uint32Array;
  desil: Uint32Array;
  /** Kecamatan of each desa, as a group index (the suppression's public totals). */
  groups: Int32Array;
  /** The analysed desa (shown, with households), ascending. */
  index: Int32Array;
  /** Neighbours among the analysed desa. */
  weights: SpatialWeights;
  test: PocketTest;
}

/**
 * The decision of a desa pocket run without its presentation: desa totals, small-number suppression of desa
 * (kecamatan and kabupaten totals public), the shown desa with households and their tolerant contiguity, and
 * the pocket test on them (`runPocketTest`). `analyseDesaPockets` builds on it; the calibration
 * (`calibrateDesaPockets`) runs exactly this, so what it measures is what the app and the CLI decide.
 */
export function desaPocketTest(input: DesaPocketInput, o: ResolvedPocketOptions): DesaPocketTest {
  const n = input.desa.length;
  if (input.desil.length !== n * DESIL_COUNT)
    throw new RangeError(`desil has ${input.desil.length} values for ${n} desa × ${DESIL_COUNT} desil`);
  const households = new Uint32Array(n);
  const desil1 = new Uint32Array(n);
  const desil = Uint32Array.from(input.desil);
  for (let d = 0; d < n; d++) {
    desil1[d] = desil[d * DESIL_COUNT];
    for (let q = 0; q < DESIL_COUNT; q++) households[d] += desil[d * DESIL_COUNT + q];
  }
  const kecIndex = new Map<string, number>();
  const groups = Int32Array.from(input.desa, (f) => {
    let g = kecIndex.get(f.properties.kode_kec);
    if (g === undefined) kecIndex.set(f.properties.kode_kec, (g = kecIndex.size));
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
  const test = runPocketTest(
    {
      households: Float64Array.from(index, (d) => households[d]),
      desil1: Float64Array.from(index, (d) => desil1[d]),
      weights,
    },
    o,
  );
  return { households, desil1, desil, groups, index, weights, test };
}

/**
 * Poverty pockets of desa: the decision (`desaPocketTest`: small-number suppression of desa, then the pocket
 * test on the (EB-smoothed) desil-1 share of the shown desa over tolerant contiguity — real desa polygons do
 * not share exact vertices —, LISA and Gi*, the criterion, size rules and the global gate), then the
 * pockets' totals, names, ids and dissolved outlines, and finally suppression of the desil counts with the
 * pockets as published groups. Valid data never make it throw: a run with nothing to test ends with no
 * pocket and the reason in `outcome`.
 *
 * Reference: Anselin (1995); Getis & Ord (1992); Marshall (1991) (EB rates); Anselin & Rey (2014), ch. 4
 * (contiguity with a precision threshold).
 */
export function analyseDesaPockets(input: DesaPocketInput, options: PocketOptions = {}): PocketAnalysis {
  const o = resolvePocketOptions(options, 'desa');
  const n = input.desa.length;
  const props = input.desa.map((f) => f.properties);
  const { households, desil1, desil, groups, index, weights, test } = desaPocketTest(input, o);
  const share = Float64Array.from(households, (h, d) => (h > 0 ? desil1[d] / h : NaN));
  const spread =
    test.lisa && test.pUsed ? spreadLisa(n, index, test.value, test.lisa, test.pUsed) : spreadNothing(n);

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
    test.groups.map((g) => Int32Array.from(g, (k) => index[k])),
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
  let total = 0;
  for (const h of households) total += h;
  return {
    unit: 'desa',
    resolution: null,
    codes: props.map((p) => p.kode_desa),
    primaryDesa: Int32Array.from({ length: n }, (_, d) => d),
    households,
    desil1,
    suppression,
    displaySuppression: suppression,
    share,
    pocketOf,
    pockets,
    outcome: test.outcome,
    global: test.global,
    householdsUsed: { used: total, total },
    ...spread,
    options: o,
    analysedIndex: index,
    analysedWeights: weights,
  };
}
