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
  /**
   * Cell polygons for the map as the text of a GeoJSON FeatureCollection (`properties.cell`, `cells` order),
   * in parts: the map's own worker parses it, so that a province's 345,000 cells at res 9 never pass through
   * the page as objects (see {@link hexGeoJsonParts}).
   */
  geojsonParts: string[];
  /** [minLon, minLat, maxLon, maxLat] of each cell (row-major), to zoom to one without its polygon. */
  cellBounds: Float64Array;
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
export function hexPlacement(
  layer: Pick<HexLayer, 'placement'>,
  periods: readonly (string | null)[],
): HexPlacement {
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
 * names; see `cellDesaOverlaps`) and its polygon as GeoJSON text ({@link hexGeoJsonParts}).
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
  const { parts, bounds } = hexGeoJsonParts(cells);
  return {
    resolution,
    estimate: periods.some((p) => binsByPeriod[p].estimate),
    cells,
    areaKm2,
    primaryDesa: cellDesaOverlaps(cells, district).primary,
    byPeriod,
    geojsonParts: parts,
    cellBounds: bounds,
    messages,
    placement,
  };
}

/** Decimal places of the cells' GeoJSON coordinates: 10⁻⁷ degree is about 1 cm. */
const COORDINATE_DECIMALS = 7;
/** Cells per text part: parts of a few MB, so that no single string is huge. */
const CELLS_PER_PART = 20_000;

/**
 * The cells' polygons as the text of one GeoJSON FeatureCollection, cut into parts that join to it (each
 * feature `{"type":"Feature","properties":{"cell":…},"geometry":{"type":"Polygon",…}}`, rings closed, in
 * GeoJSON order: `cellToBoundary(cell, true)`), coordinates to {@link COORDINATE_DECIMALS} decimals (shared
 * vertices of neighbouring cells round alike, so no gap opens), and each cell's bounding box.
 *
 * Text rather than objects: the page hands it to the map's worker as a Blob URL, so that building,
 * copying and parsing hundreds of thousands of features never blocks the page (RFC 7946 for the format).
 */
export function hexGeoJsonParts(cells: readonly string[]): { parts: string[]; bounds: Float64Array } {
  const bounds = new Float64Array(cells.length * 4);
  const parts: string[] = [];
  let chunk: string[] = [];
  const round = (v: number) => Number(v.toFixed(COORDINATE_DECIMALS));
  cells.forEach((cell, c) => {
    const ring = cellToBoundary(cell, true);
    const [first, last] = [ring[0], ring[ring.length - 1]];
    if (first[0] !== last[0] || first[1] !== last[1]) ring.push(first); // GeoJSON rings are closed
    let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
    const coordinates = ring.map(([x, y]) => {
      minX = Math.min(minX, x);
      minY = Math.min(minY, y);
      maxX = Math.max(maxX, x);
      maxY = Math.max(maxY, y);
      return `[${round(x)},${round(y)}]`;
    });
    bounds.set([minX, minY, maxX, maxY], c * 4);
    chunk.push(
      `{"type":"Feature","properties":{"cell":"${cell}"},"geometry":{"type":"Polygon","coordinates":[[${coordinates.join(',')}]]}}`,
    );
    if (chunk.length === CELLS_PER_PART) {
      parts.push(chunk.join(','));
      chunk = [];
    }
  });
  if (chunk.length > 0) parts.push(chunk.join(','));
  const text = ['{"type":"FeatureCollection","features":['];
  parts.forEach((part, i) => text.push(i === 0 ? part : `,${part}`));
  text.push(']}');
  return { parts: text, bounds };
}
