import { cellToBoundary } from 'h3-js';
import { AsciiChunks } from './ascii-chunks.ts';
import { cellPrimaryDesa } from './cell-desa.ts';
import { cachedDistrictCells } from './district-cells.ts';
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
   * as ASCII bytes in chunks that join to it: the map's own worker parses it, so that a province's 345,000
   * cells at res 9 never pass through the page as objects (see {@link hexGeoJsonParts}).
   */
  geojsonParts: Uint8Array<ArrayBuffer>[];
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

/** True when `cells` is strictly ascending. */
function ascending(cells: readonly string[]): boolean {
  for (let i = 1; i < cells.length; i++) if (!(cells[i - 1] < cells[i])) return false;
  return true;
}

/**
 * The ascending union of several cell lists and, for each list, the position of each of its cells in the
 * union. Lists already ascending (as `HexBins.cells` are) are merged in one pass; others go through a set.
 */
function alignCells(lists: readonly (readonly string[])[]): { cells: string[]; positions: Int32Array[] } {
  let cells: string[];
  if (lists.every(ascending)) {
    cells = lists[0].slice();
    for (const list of lists.slice(1)) {
      const merged: string[] = [];
      let i = 0;
      let j = 0;
      while (i < cells.length || j < list.length) {
        if (j >= list.length || (i < cells.length && cells[i] < list[j])) merged.push(cells[i++]);
        else if (i >= cells.length || list[j] < cells[i]) merged.push(list[j++]);
        else {
          merged.push(cells[i++]);
          j++;
        }
      }
      cells = merged;
    }
    const positions = lists.map((list) => {
      const at = new Int32Array(list.length);
      for (let k = 0, c = 0; k < list.length; k++) {
        while (cells[c] !== list[k]) c++;
        at[k] = c;
      }
      return at;
    });
    return { cells, positions };
  }
  cells = [...new Set(lists.flat())].sort();
  const position = new Map(cells.map((c, i) => [c, i]));
  return { cells, positions: lists.map((list) => Int32Array.from(list, (c) => position.get(c) as number)) };
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
  const { cells, positions } = alignCells(periods.map((p) => binsByPeriod[p].cells));
  const areaKm2 = new Float64Array(cells.length);
  const byPeriod: Record<string, HexPeriodCounts> = {};
  const messages: Record<string, HexMessage[]> = {};
  const placement: HexLayer['placement'] = {};
  periods.forEach((p, i) => {
    const bins = binsByPeriod[p];
    if (bins.resolution !== resolution)
      throw new RangeError(`period ${p} has resolution ${bins.resolution}, not ${resolution}`);
    const households = new Uint32Array(cells.length);
    const desil = new Uint32Array(cells.length * DESIL_COUNT);
    const points = bins.points
      ? { households: new Uint32Array(cells.length), desil: new Uint32Array(cells.length * DESIL_COUNT) }
      : undefined;
    const position = positions[i];
    for (let k = 0; k < bins.cells.length; k++) {
      const c = position[k];
      households[c] = bins.households[k];
      for (let q = 0; q < DESIL_COUNT; q++) desil[c * DESIL_COUNT + q] = bins.desil[k * DESIL_COUNT + q];
      areaKm2[c] = bins.areaKm2[k];
      if (points && bins.points) {
        points.households[c] = bins.points.households[k];
        for (let q = 0; q < DESIL_COUNT; q++)
          points.desil[c * DESIL_COUNT + q] = bins.points.desil[k * DESIL_COUNT + q];
      }
    }
    byPeriod[p] = points ? { households, desil, points } : { households, desil };
    messages[p] = bins.messages;
    placement[p] = { total: bins.total, allocated: bins.allocated };
  });
  const { parts, bounds } = hexGeoJsonParts(district, resolution, cells);
  return {
    resolution,
    estimate: periods.some((p) => binsByPeriod[p].estimate),
    cells,
    areaKm2,
    primaryDesa: cellPrimaryDesa(cells, district),
    byPeriod,
    geojsonParts: parts,
    cellBounds: bounds,
    messages,
    placement,
  };
}

/** Decimal places of the cells' GeoJSON coordinates: 10⁻⁷ degree is about 1 cm. */
const COORDINATE_DECIMALS = 7;
/**
 * The cells' polygons as the text of one GeoJSON FeatureCollection, as ASCII bytes in chunks that join to
 * it (each feature `{"type":"Feature","properties":{"cell":…},"geometry":{"type":"Polygon",…}}`, rings closed, in
 * GeoJSON order: `cellToBoundary(cell, true)`, read from the district cell table when it is built at this
 * resolution: the same coordinates, no H3 call), coordinates to {@link COORDINATE_DECIMALS} decimals (shared
 * vertices of neighbouring cells round alike, so no gap opens), and each cell's bounding box.
 *
 * Text rather than objects: the page hands it to the map's worker as a Blob URL, so that building,
 * copying and parsing hundreds of thousands of features never blocks the page (RFC 7946 for the format).
 * Bytes rather than strings: see {@link AsciiChunks}.
 */
export function hexGeoJsonParts(
  district: HexDistrict,
  resolution: HexResolution,
  cells: readonly string[],
): { parts: Uint8Array<ArrayBuffer>[]; bounds: Float64Array } {
  const table = cachedDistrictCells(district, resolution);
  const bounds = new Float64Array(cells.length * 4);
  const out = new AsciiChunks();
  out.text('{"type":"FeatureCollection","features":[');
  cells.forEach((cell, c) => {
    const id = table?.index.get(cell);
    let flat: ArrayLike<number>;
    let from: number;
    let to: number;
    if (table && id !== undefined) {
      flat = table.ring;
      from = table.ringStart[id];
      to = table.ringStart[id + 1];
    } else {
      flat = cellToBoundary(cell, true).flat();
      from = 0;
      to = flat.length / 2;
    }
    out.text(
      `${c === 0 ? '' : ','}{"type":"Feature","properties":{"cell":"${cell}"},"geometry":{"type":"Polygon","coordinates":[[`,
    );
    let minX = Infinity;
    let minY = Infinity;
    let maxX = -Infinity;
    let maxY = -Infinity;
    // GeoJSON rings are closed: the first vertex again at the end when the ring is not
    const open = flat[2 * from] !== flat[2 * (to - 1)] || flat[2 * from + 1] !== flat[2 * (to - 1) + 1];
    for (let k = from; k < to + (open ? 1 : 0); k++) {
      const v = k < to ? k : from;
      const x = flat[2 * v];
      const y = flat[2 * v + 1];
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
      out.text(k === from ? '[' : ',[');
      out.fixed(x, COORDINATE_DECIMALS);
      out.text(',');
      out.fixed(y, COORDINATE_DECIMALS);
      out.text(']');
    }
    out.text(']]}}');
    bounds[c * 4] = minX;
    bounds[c * 4 + 1] = minY;
    bounds[c * 4 + 2] = maxX;
    bounds[c * 4 + 3] = maxY;
  });
  out.text(']}');
  return { parts: out.finish(), bounds };
}
