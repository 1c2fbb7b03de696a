import type { HexDistrict } from './district.ts';
import { districtCells } from './district-cells.ts';

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
 * Cells overlapping each listed desa at `res`, with the overlap share |cell ∩ desa| / |cell| (Sutherland–Hodgman
 * clipping where a desa boundary comes near the cell, else 1); cells that only touch (share < 10⁻⁹) are
 * left out; a desa too thin to meet any cell gets the cell under its vertex centroid, so that its households
 * are never lost. The rows of the district's cell table (`districtCells`, built once per district and
 * resolution).
 *
 * Reference: Uber H3 4.2 `polygonToCellsExperimental` (containment modes); Sutherland & Hodgman (1974).
 */
export function coverDesa(district: HexDistrict, desaList: ArrayLike<number>, res: number): DesaCover {
  const table = districtCells(district, res);
  const offsets = new Int32Array(desaList.length + 1);
  for (let r = 0; r < desaList.length; r++) {
    const d = desaList[r];
    offsets[r + 1] = offsets[r] + table.coverOffsets[d + 1] - table.coverOffsets[d];
  }
  const cells: string[] = new Array<string>(offsets[desaList.length]);
  const share = new Float64Array(offsets[desaList.length]);
  for (let r = 0; r < desaList.length; r++) {
    const d = desaList[r];
    for (let k = table.coverOffsets[d], j = offsets[r]; k < table.coverOffsets[d + 1]; k++, j++) {
      cells[j] = table.cells[table.coverCell[k]];
      share[j] = table.coverShare[k];
    }
  }
  return { desaList: Int32Array.from(desaList), offsets, cells, share };
}
