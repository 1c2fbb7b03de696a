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
  for (const p of periods) {
    const bins = binsByPeriod[p];
    if (bins.resolution !== resolution)
      throw new RangeError(`period ${p} has resolution ${bins.resolution}, not ${resolution}`);
    const households = new Uint32Array(cells.length);
    const desil = new Uint32Array(cells.length * DESIL_COUNT);
    bins.cells.forEach((cell, k) => {
      const c = position.get(cell)!;
      households[c] = bins.households[k];
      desil.set(bins.desil.subarray(k * DESIL_COUNT, (k + 1) * DESIL_COUNT), c * DESIL_COUNT);
      areaKm2[c] = bins.areaKm2[k];
    });
    byPeriod[p] = { households, desil };
    messages[p] = bins.messages;
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
  };
}
