import type { Feature, FeatureCollection, Polygon } from 'geojson';
import { cellToBoundary } from 'h3-js';
import { cellDesaOverlaps } from './cell-desa.ts';
import type { HexDistrict } from './district.ts';
import { DESIL_COUNT, type HexBins, type HexMessage, type HexResolution } from './types.ts';

/** Counts of every cell of a {@link HexLayer} in one period (zeros where the period has no households there). */
export interface HexPeriodCounts {
  households: Uint32Array;
  /** Row-major `desil[c * 10 + (d − 1)]`. */
  desil: Uint32Array;
  /** The geotagged part of each cell when some households were placed from their desa (`HexBins.points`). */
  points?: { households: Uint32Array; desil: Uint32Array };
}

/** The hexagon level of the map over several periods: one cell list, counts per period, geometry. */
export interface HexLayer {
  resolution: HexResolution;
  /** True when any period's counts are an area-weighted estimate. */
  estimate: boolean;
  /** Union of the cells of all periods, ascending. */
  cells: string[];
  /** Area of each cell inside the kabupaten (km²). */
  areaKm2: Float64Array;
  /** Each cell's own desa (index into the district's desa; −1 none): the desa under its centre. */
  primaryDesa: Int32Array;
  byPeriod: Record<string, HexPeriodCounts>;
  /** Cell polygons for the map (`properties.cell`), in `cells` order. */
  geojson: FeatureCollection<Polygon, { cell: string }>;
  messages: Record<string, HexMessage[]>;
  /** Per period: households counted, and of them those placed from their desa by area (`HexBins.allocated`). */
  placement: Record<string, { total: number; allocated: number }>;
}

/**
 * How hexagon counts were placed, for the map's note: `exact` when every household was counted at its own
 * coordinates; `all-from-desa` when every count was spread from the desa by area (no coordinates, or none
 * usable); `part-from-desa` when only the households without usable coordinates were, `share` (0–1) being
 * their part of the households counted.
 */
export type HexPlacement =
  { kind: 'exact' } | { kind: 'all-from-desa' } | { kind: 'part-from-desa'; share: number };

/**
 * The {@link HexPlacement} of the periods a map shows (the period, and the earlier one for a change map), from
 * the layer's `placement` summed over them: share = Σ allocated / Σ total. Periods the layer lacks (or null)
 * are ignored.
 */
export function hexPlacement(layer: HexLayer, periods: readonly (string | null)[]): HexPlacement {
  let total = 0;
  let allocated = 0;
  for (const p of new Set(periods)) {
    const placed = p === null ? undefined : layer.placement[p];
    if (!placed) continue;
    total += placed.total;
    allocated += placed.allocated;
  }
  if (allocated === 0) return { kind: 'exact' };
  if (allocated >= total) return { kind: 'all-from-desa' };
  return { kind: 'part-from-desa', share: allocated / total };
}

/**
 * Aligns hexbins of several periods on the union of their cells (ascending H3 index, so the same input
 * gives the same order) and adds what the map needs: each cell's own desa (for the kecamatan focus and
 * names; see `cellDesaOverlaps`) and its polygon in GeoJSON order (`cellToBoundary(cell, true)`).
 */
export function hexLayerFromBins(district: HexDistrict, binsByPeriod: Record<string, HexBins>): HexLayer {
  const periods = Object.keys(binsByPeriod).sort();
  if (periods.length === 0) throw new RangeError('no period to build a hexagon layer from');
  const resolution = binsByPeriod[periods[0]].resolution;
  const cells = [...new Set(periods.flatMap((p) => binsByPeriod[p].cells))].sort();
  const position = new Map(cells.map((c, i) => [c, i]));
  const areaKm2 = new Float64Array(cells.length);
  const byPeriod: Record<string, HexPeriodCounts> = {};
  const messages: Record<string, HexMessage[]> = {};
  const placement: HexLayer['placement'] = {};
  for (const p of periods) {
    const bins = binsByPeriod[p];
    if (bins.resolution !== resolution)
      throw new RangeError(`period ${p} has resolution ${bins.resolution}, not ${resolution}`);
    const households = new Uint32Array(cells.length);
    const desil = new Uint32Array(cells.length * DESIL_COUNT);
    const points = bins.points
      ? { households: new Uint32Array(cells.length), desil: new Uint32Array(cells.length * DESIL_COUNT) }
      : undefined;
    bins.cells.forEach((cell, k) => {
      const c = position.get(cell)!;
      households[c] = bins.households[k];
      desil.set(bins.desil.subarray(k * DESIL_COUNT, (k + 1) * DESIL_COUNT), c * DESIL_COUNT);
      areaKm2[c] = bins.areaKm2[k];
      if (points && bins.points) {
        points.households[c] = bins.points.households[k];
        points.desil.set(bins.points.desil.subarray(k * DESIL_COUNT, (k + 1) * DESIL_COUNT), c * DESIL_COUNT);
      }
    });
    byPeriod[p] = points ? { households, desil, points } : { households, desil };
    messages[p] = bins.messages;
    placement[p] = { total: bins.total, allocated: bins.allocated };
  }
  const features: Feature<Polygon, { cell: string }>[] = cells.map((cell) => {
    const ring = cellToBoundary(cell, true);
    const [first, last] = [ring[0], ring[ring.length - 1]];
    if (first[0] !== last[0] || first[1] !== last[1]) ring.push(first); // GeoJSON rings are closed
    return { type: 'Feature', properties: { cell }, geometry: { type: 'Polygon', coordinates: [ring] } };
  });
  return {
    resolution,
    estimate: periods.some((p) => binsByPeriod[p].estimate),
    cells,
    areaKm2,
    primaryDesa: cellDesaOverlaps(cells, district).primary,
    byPeriod,
    geojson: { type: 'FeatureCollection', features },
    messages,
    placement,
  };
}
