import { cellDesaOverlaps } from '../hex/cell-desa.ts';
import type { HexDistrict } from '../hex/district.ts';
import { analyseHexagons } from '../hex/hex-stats.ts';
import { Suppressed, suppressSmallCounts } from '../hex/suppression.ts';
import { DESIL_COUNT, type HexBins } from '../hex/types.ts';
import { adjustPValues } from '../stats/p-adjust.ts';
import { resolvePocketOptions, spreadLisa, type PocketAnalysis, type PocketOptions } from './analysis.ts';
import { selectedComponents } from './components.ts';
import { hexPocketOutline } from './outline.ts';
import { assemblePockets, type DesaInfo } from './pockets.ts';
import { pocketCandidates } from './select.ts';

/**
 * Poverty pockets on hexagons, from hexbin counts to named pockets:
 *
 * 1. each cell's own desa (by centre) and the desa it overlaps (`cellDesaOverlaps`); kecamatan of the own
 *    desa = the cell's group for suppression;
 * 2. small-number suppression of cells (`suppressSmallCounts`, k = `minCount`, kecamatan and kabupaten
 *    totals public): only shown cells are analysed, so no pocket figure rests on a hidden cell;
 * 3. local Moran and Gi* on the (EB-smoothed) desil-1 share over H3 ring-1 weights of the shown cells
 *    (`analyseHexagons`), same α/FDR/Bonferroni as for desa;
 * 4. pockets = connected groups of significant High-High cells (or Gi* hot spots) over those weights, of at
 *    least `minUnits` cells (`selectedComponents`), with totals, names, ids and an outline from
 *    `cellsToMultiPolygon` clipped to the kabupaten where a member is a border cell (`assemblePockets`);
 * 5. suppression again with the desil columns and the pockets as published groups, for the exports.
 *
 * Same input and seed → same pockets.
 *
 * @param desa facts of the district's desa, in the order of `district.desa`.
 */
export function analyseHexPockets(
  district: HexDistrict,
  bins: HexBins,
  desa: readonly DesaInfo[],
  options: PocketOptions = {},
): PocketAnalysis {
  const o = resolvePocketOptions(options);
  const n = bins.cells.length;
  const overlaps = cellDesaOverlaps(bins.cells, district);
  const kecIndex = new Map<string, number>();
  const groups = new Int32Array(n);
  for (let c = 0; c < n; c++) {
    const d = overlaps.primary[c];
    if (d < 0) {
      groups[c] = -1;
      continue;
    }
    const kode = desa[d].kode_kec;
    let g = kecIndex.get(kode);
    if (g === undefined) kecIndex.set(kode, (g = kecIndex.size));
    groups[c] = g;
  }
  const desil1 = new Uint32Array(n);
  for (let c = 0; c < n; c++) desil1[c] = bins.desil[c * DESIL_COUNT];
  const share = new Float64Array(n);
  for (let c = 0; c < n; c++) share[c] = bins.households[c] > 0 ? desil1[c] / bins.households[c] : NaN;

  const units = suppressSmallCounts({ totals: bins.households, groups }, o.minCount);
  const shown = Uint8Array.from(units.unit, (s) => (s === Suppressed.Shown ? 1 : 0));
  const stats = analyseHexagons(bins.cells, bins.households, desil1, o, shown);
  const pUsed = adjustPValues(
    stats.lisa.permutation ? stats.lisa.permutation.pSim : stats.lisa.local.pAnalytical,
    o.pAdjust,
  );
  const spread = spreadLisa(n, stats.index, stats.value, stats.lisa, pUsed);

  const selected = pocketCandidates(stats.lisa, o.criterion);
  const components = selectedComponents(selected, stats.weights, o.minUnits).map((g) =>
    Int32Array.from(g, (k) => stats.index[k]),
  );
  const pockets = assemblePockets(
    {
      unit: 'hex',
      resolution: bins.resolution,
      codes: bins.cells,
      households: bins.households,
      desil1,
      areaKm2: bins.areaKm2,
      touchOffsets: overlaps.offsets,
      touchDesa: overlaps.desa,
      primaryDesa: overlaps.primary,
      desa,
    },
    components,
    (members) =>
      hexPocketOutline(
        members.map((c) => bins.cells[c]),
        members.some((c) => bins.border[c]) ? district.outlineGeometry : undefined,
      ),
  );
  const pocketOf = new Int32Array(n).fill(-1);
  pockets.forEach((p, r) => p.memberIndex.forEach((c) => (pocketOf[c] = r)));

  const suppression = suppressSmallCounts(
    {
      totals: bins.households,
      values: bins.desil,
      width: DESIL_COUNT,
      groups,
      extraGroups: pockets.map((p) => p.memberIndex),
    },
    o.minCount,
  );
  return {
    unit: 'hex',
    resolution: bins.resolution,
    codes: bins.cells,
    primaryDesa: overlaps.primary,
    households: bins.households,
    desil1,
    suppression,
    share,
    pocketOf,
    pockets,
    ...spread,
    options: o,
  };
}
