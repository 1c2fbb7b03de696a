import { cellToLatLng } from 'h3-js';
import { cellPolygon } from './cell-polygon.ts';
import { clippedArea, pointInArea } from './clip.ts';
import type { HexDistrict } from './district.ts';

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
 * Overlap of every cell with the desa polygons: candidates from the desa bounding-box index, then the
 * clipped area |cell ∩ desa| / |cell| (Sutherland–Hodgman on the cell, see `clippedArea`). Overlaps below
 * 10⁻⁶ of a cell (touching edges, rounding) are ignored.
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
  for (let c = 0; c < n; c++) {
    const poly = cellPolygon(cells[c]);
    const candidates = district.desaIndex
      .search(poly.minX, poly.minY, poly.maxX, poly.maxY)
      .sort((a, b) => a - b);
    const [lat, lon] = cellToLatLng(cells[c]);
    let best = -1;
    let bestShare = 0;
    for (const d of candidates) {
      const s = Math.min(1, clippedArea(district.desa[d], poly) / poly.planarArea);
      if (s < 1e-6) continue;
      desa.push(d);
      share.push(s);
      if (primary[c] < 0 && pointInArea(district.desa[d], lon, lat)) primary[c] = d;
      if (s > bestShare) {
        bestShare = s;
        best = d;
      }
    }
    if (primary[c] < 0) primary[c] = best;
    offsets[c + 1] = desa.length;
  }
  return { offsets, desa: Int32Array.from(desa), share: Float64Array.from(share), primary };
}
