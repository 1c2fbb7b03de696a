import { latLngToCell, POLYGON_TO_CELLS_FLAGS, polygonToCellsExperimental } from 'h3-js';
import { cellPolygon, type CellPolygon } from './cell-polygon.ts';
import { clippedArea } from './clip.ts';
import type { HexDistrict } from './district.ts';
import { checkResolution } from './types.ts';

/** The cells covering some desa, with the area each cell shares with each desa. */
export interface DesaCover {
  /** Desa index of each row block: the cells of `desaList[r]` are `cells[offsets[r]] … cells[offsets[r + 1] − 1]`. */
  desaList: Int32Array;
  offsets: Int32Array;
  /** H3 indexes, ascending within each desa. */
  cells: string[];
  /** Planar share of the cell inside the desa, in (0, 1] (multiply by the cell's km² for the overlap area). */
  share: Float64Array;
}

/**
 * Cells overlapping each listed desa at `res`: `polygonToCellsExperimental(…, 'containmentOverlapping')` per
 * polygon part (holes included, GeoJSON order), then the exact overlap share |cell ∩ desa| / |cell| by
 * Sutherland–Hodgman clipping; cells that only touch (share < 10⁻⁹) are dropped; a desa too thin to meet any cell gets the cell under its
 * vertex centroid, so that its households are never lost. `polygons` caches cell
 * geometry between calls.
 *
 * Reference: Uber H3 4.2 `polygonToCellsExperimental` (containment modes); Sutherland & Hodgman (1974).
 */
export function coverDesa(
  district: HexDistrict,
  desaList: ArrayLike<number>,
  res: number,
  polygons: Map<string, CellPolygon> = new Map(),
): DesaCover {
  const resolution = checkResolution(res);
  const offsets = new Int32Array(desaList.length + 1);
  const cells: string[] = [];
  const share: number[] = [];
  for (let r = 0; r < desaList.length; r++) {
    const d = desaList[r];
    const g = district.geometries[d];
    const parts = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
    const found = new Set<string>();
    for (const part of parts)
      for (const cell of polygonToCellsExperimental(
        part,
        resolution,
        POLYGON_TO_CELLS_FLAGS.containmentOverlapping,
        true,
      ))
        found.add(cell);
    for (const cell of [...found].sort()) {
      let poly = polygons.get(cell);
      if (!poly) polygons.set(cell, (poly = cellPolygon(cell)));
      const s = Math.min(1, clippedArea(district.desa[d], poly) / poly.planarArea);
      if (s < 1e-9) continue;
      cells.push(cell);
      share.push(s);
    }
    if (cells.length === offsets[r]) {
      // a sliver the cover missed: its households still need a cell, the one under its vertex centroid
      const ring = parts[0][0];
      let x = 0;
      let y = 0;
      for (const [px, py] of ring) {
        x += px;
        y += py;
      }
      cells.push(latLngToCell(y / ring.length, x / ring.length, resolution));
      share.push(1e-9);
    }
    offsets[r + 1] = cells.length;
  }
  return { desaList: Int32Array.from(desaList), offsets, cells, share: Float64Array.from(share) };
}
