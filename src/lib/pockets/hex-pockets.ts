import { cellDesaOverlaps } from '../hex/cell-desa.ts';
import type { HexDistrict } from '../hex/district.ts';
import { Suppressed, suppressSmallCounts } from '../hex/suppression.ts';
import { DESIL_COUNT, type HexBins } from '../hex/types.ts';
import { msg, type Message } from '../messages/message.ts';
import { h3Weights } from '../weights/h3.ts';
import {
  resolvePocketOptions,
  spreadLisa,
  spreadNothing,
  type PocketAnalysis,
  type PocketOptions,
} from './analysis.ts';
import { hexPocketOutline } from './outline.ts';
import { runPocketTest, type PocketTest } from './pocket-test.ts';
import { assemblePockets, type DesaInfo } from './pockets.ts';

/**
 * The counts hexagon statistics may rest on: those of households counted at their own coordinates. All
 * counts when every household was placed by its coordinates; only the geotagged part (`bins.points`) when the
 * others were placed from their desa; none when the whole layer was spread from desa by area — cells inside one
 * desa then share one share by construction, so a cluster among them is an artefact of the allocation. The
 * reason comes back instead of counts.
 */
export function hexStatisticCounts(
  bins: HexBins,
): { households: Uint32Array; desil: Uint32Array } | { reason: Message } {
  if (bins.source === 'allocation' || (bins.total > 0 && bins.allocated >= bins.total))
    return { reason: msg('hex.noStatistics.estimated') };
  if (bins.allocated === 0) return { households: bins.households, desil: bins.desil };
  return bins.points ?? { reason: msg('hex.noStatistics.noPointCounts') };
}

/**
 * Poverty pockets on hexagons, from hexbin counts to named pockets:
 *
 * 1. the counts the statistics may use (`hexStatisticCounts`: households placed by their own coordinates;
 *    none for a layer spread from desa, which gives no pocket, with the reason);
 * 2. each cell's own desa (by centre) and the desa it overlaps (`cellDesaOverlaps`); kecamatan of the own
 *    desa = the cell's group for suppression;
 * 3. small-number suppression of cells (`suppressSmallCounts`, k = `minCount`, kecamatan and kabupaten
 *    totals public): only shown cells are analysed, so no pocket figure rests on a hidden cell;
 * 4. the pocket test (`runPocketTest`) over H3 ring-1 weights of the shown cells (`h3Weights`), with the
 *    same value, criterion, α, correction, size rules and global gate as for desa;
 * 5. pockets with totals, names, ids and an outline from `cellsToMultiPolygon` clipped to the kabupaten where
 *    a member is a border cell (`assemblePockets`);
 * 6. suppression again with the desil columns and the pockets as published groups, for the exports.
 *
 * Counts, totals and suppression are those of step 1 (the geotagged households), and `householdsUsed` says
 * how many of all households that is. Same input and seed → same pockets.
 *
 * Reference: Anselin (1995); Getis & Ord (1992); Goodchild & Lam (1980) on areal interpolation (why allocated
 * counts carry no local information); Uber H3 `gridDisk`.
 *
 * @param desa facts of the district's desa, in the order of `district.desa`.
 */
export function analyseHexPockets(
  district: HexDistrict,
  bins: HexBins,
  desa: readonly DesaInfo[],
  options: PocketOptions = {},
): PocketAnalysis {
  const o = resolvePocketOptions(options, 'hex');
  const n = bins.cells.length;
  const basis = hexStatisticCounts(bins);
  const counts =
    'reason' in basis ? { households: new Uint32Array(n), desil: new Uint32Array(n * DESIL_COUNT) } : basis;
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
  const households = counts.households;
  const desil1 = new Uint32Array(n);
  for (let c = 0; c < n; c++) desil1[c] = counts.desil[c * DESIL_COUNT];
  const share = new Float64Array(n);
  for (let c = 0; c < n; c++) share[c] = households[c] > 0 ? desil1[c] / households[c] : NaN;

  const units = suppressSmallCounts({ totals: households, groups }, o.minCount);
  const index = Int32Array.from(
    Array.from(units.unit).flatMap((s, c) => (s === Suppressed.Shown && households[c] > 0 ? [c] : [])),
  );
  const weights = h3Weights(Array.from(index, (c) => bins.cells[c]));
  const test: PocketTest =
    'reason' in basis
      ? {
          outcome: { kind: 'none', reason: basis.reason },
          value: new Float64Array(index.length),
          lisa: null,
          pUsed: null,
          global: null,
          groups: [],
          candidates: 0,
        }
      : runPocketTest(
          {
            households: Float64Array.from(index, (c) => households[c]),
            desil1: Float64Array.from(index, (c) => desil1[c]),
            weights,
          },
          o,
        );
  const spread =
    test.lisa && test.pUsed ? spreadLisa(n, index, test.value, test.lisa, test.pUsed) : spreadNothing(n);

  const pockets = assemblePockets(
    {
      unit: 'hex',
      resolution: bins.resolution,
      codes: bins.cells,
      households,
      desil1,
      areaKm2: bins.areaKm2,
      touchOffsets: overlaps.offsets,
      touchDesa: overlaps.desa,
      primaryDesa: overlaps.primary,
      desa,
    },
    test.groups.map((g) => Int32Array.from(g, (k) => index[k])),
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
      totals: households,
      values: counts.desil,
      width: DESIL_COUNT,
      groups,
      extraGroups: pockets.map((p) => p.memberIndex),
    },
    o.minCount,
  );
  const displaySuppression =
    counts.households === bins.households
      ? suppression
      : suppressSmallCounts(
          {
            totals: bins.households,
            values: bins.desil,
            width: DESIL_COUNT,
            groups,
            extraGroups: pockets.map((p) => p.memberIndex),
          },
          o.minCount,
        );
  let used = 0;
  for (const h of households) used += h;
  return {
    unit: 'hex',
    resolution: bins.resolution,
    codes: bins.cells,
    primaryDesa: overlaps.primary,
    households,
    desil1,
    suppression,
    displaySuppression,
    share,
    pocketOf,
    pockets,
    outcome: test.outcome,
    global: test.global,
    householdsUsed: { used, total: bins.total },
    ...spread,
    options: o,
    analysedIndex: index,
    analysedWeights: weights,
  };
}
