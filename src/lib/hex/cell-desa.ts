import { cellToLatLng, getResolution } from 'h3-js';
import { cellPolygon } from './cell-polygon.ts';
import { clippedArea, pointInArea } from './clip.ts';
import type { HexDistrict } from './district.ts';
import { cachedDistrictCells } from './district-cells.ts';

/** Which desa each cell overlaps, and the one it belongs to. */
export interface CellDesa {
  /** CSR rows: the desa overlapping cell c are `desa[offsets[c]] … desa[offsets[c + 1] − 1]`, ascending. */
  offsets: Int32Array;
  desa: Int32Array;
  /** Share of the cell's area inside that desa, in (0, 1]. */
  share: Float64Array;
  /**
   * The cell's own desa: the desa containing the cell centre, else (centre at sea or in a gap between
   * polygons) the desa with the largest overlap; −1 when the cell overlaps no desa.
   */
  primary: Int32Array;
}

/**
 * Overlaps of one cell, clipped afresh: candidates from the desa bounding-box index, then |cell ∩ desa| / |cell|
 * (`clippedArea`); appends them to `desa`/`share` and returns the own desa.
 */
function clipCell(cell: string, district: HexDistrict, desa: number[], share: number[]): number {
  const poly = cellPolygon(cell);
  const candidates = district.desaIndex
    .search(poly.minX, poly.minY, poly.maxX, poly.maxY)
    .sort((a, b) => a - b);
  const [lat, lon] = cellToLatLng(cell);
  let own = -1;
  let best = -1;
  let bestShare = 0;
  for (const d of candidates) {
    const s = Math.min(1, clippedArea(district.desa[d], poly) / poly.planarArea);
    if (s < 1e-6) continue;
    desa.push(d);
    share.push(s);
    if (own < 0 && pointInArea(district.desa[d], lon, lat)) own = d;
    if (s > bestShare) {
      bestShare = s;
      best = d;
    }
  }
  return own >= 0 ? own : best;
}

/**
 * Overlap of every cell with the desa polygons, |cell ∩ desa| / |cell| (Sutherland–Hodgman on the cell, see
 * `clippedArea`); overlaps below 10⁻⁶ of a cell (touching edges, rounding) are ignored.
 *
 * When the district's cell table at the cells' resolution is built (`districtCells`, by any desa → hexagon
 * allocation), the overlaps are read from it (the same pairs and shares: the table clips every cell H3's
 * overlapping cover finds, with the same `clippedArea`). Cells outside the table (no desa covers 10⁻⁹ of
 * them), or every cell when no table is built, are clipped here.
 *
 * The primary desa by cell centre is the usual rule for assigning grid cells to areas (e.g. Eurostat's
 * GEOSTAT grid-to-LAU correspondence); the overlap list serves "desa touched" in pocket reports.
 *
 * Reference: Uber H3 `cellToLatLng`; Sutherland & Hodgman (1974).
 */
export function cellDesaOverlaps(cells: readonly string[], district: HexDistrict): CellDesa {
  const n = cells.length;
  const offsets = new Int32Array(n + 1);
  const desa: number[] = [];
  const share: number[] = [];
  const primary = new Int32Array(n).fill(-1);
  const table = n > 0 ? cachedDistrictCells(district, getResolution(cells[0])) : undefined;
  for (let c = 0; c < n; c++) {
    const id = table?.index.get(cells[c]);
    if (table && id !== undefined) {
      for (let k = table.desaOffsets[id]; k < table.desaOffsets[id + 1]; k++) {
        desa.push(table.desa[k]);
        share.push(table.desaShare[k]);
      }
      primary[c] = table.primary[id];
    } else primary[c] = clipCell(cells[c], district, desa, share);
    offsets[c + 1] = desa.length;
  }
  return { offsets, desa: Int32Array.from(desa), share: Float64Array.from(share), primary };
}

/**
 * The own desa of each cell (`CellDesa.primary`) alone: read from the district cell table when it is built at
 * the cells' resolution, clipped afresh for the cells it lacks (see {@link cellDesaOverlaps}).
 */
export function cellPrimaryDesa(cells: readonly string[], district: HexDistrict): Int32Array {
  const table = cells.length > 0 ? cachedDistrictCells(district, getResolution(cells[0])) : undefined;
  if (!table) return cellDesaOverlaps(cells, district).primary;
  const primary = new Int32Array(cells.length);
  for (let c = 0; c < cells.length; c++) {
    const id = table.index.get(cells[c]);
    primary[c] = id !== undefined ? table.primary[id] : clipCell(cells[c], district, [], []);
  }
  return primary;
}
