/**
 * The hexagon core as it was before the district cell table (commit dbe1a5d), kept verbatim in its
 * semantics as the reference the fast path is compared with: every desa covered by
 * `polygonToCellsExperimental` and every cell clipped, per call; each cell clipped again against the
 * outline and against every desa its box meets. Slow on purpose: tests only.
 */
import { latLngToCell, POLYGON_TO_CELLS_FLAGS, polygonToCellsExperimental } from 'h3-js';
import { apportion } from '../../../src/lib/synth/apportion.ts';
import { cellAreasKm2, cellPolygon, type CellPolygon } from '../../../src/lib/hex/cell-polygon.ts';
import { cellDesaOverlaps } from '../../../src/lib/hex/cell-desa.ts';
import { clippedArea, coveredShare } from '../../../src/lib/hex/clip.ts';
import type { HexDistrict } from '../../../src/lib/hex/district.ts';
import { DESIL_COUNT } from '../../../src/lib/hex/types.ts';

/** Old `coverDesa`: H3 overlapping cover of each desa part, each cell clipped (share ≥ 10⁻⁹ kept). */
export function referenceCover(district: HexDistrict, desaList: readonly number[], res: number) {
  const polygons = new Map<string, CellPolygon>();
  const offsets = [0];
  const cells: string[] = [];
  const share: number[] = [];
  for (const d of desaList) {
    const g = district.geometries[d];
    const parts = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
    const found = new Set<string>();
    for (const part of parts)
      for (const cell of polygonToCellsExperimental(
        part,
        res,
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
    if (cells.length === offsets[offsets.length - 1]) {
      const ring = parts[0][0];
      let x = 0;
      let y = 0;
      for (const [px, py] of ring) {
        x += px;
        y += py;
      }
      cells.push(latLngToCell(y / ring.length, x / ring.length, res));
      share.push(1e-9);
    }
    offsets.push(cells.length);
  }
  return { offsets, cells, share };
}

/**
 * Old `cellDesaOverlaps`: every cell clipped against every desa its box meets (share ≥ 10⁻⁶ kept). That is
 * still the path of `cellDesaOverlaps` for a district without a cell table: a shallow copy of the district
 * is a new key for the table cache, so nothing built on `district` is read.
 */
export function referenceCellDesa(cells: readonly string[], district: HexDistrict) {
  const fresh = cellDesaOverlaps(cells, { ...district });
  return {
    offsets: Array.from(fresh.offsets),
    desa: Array.from(fresh.desa),
    share: Array.from(fresh.share),
    primary: Array.from(fresh.primary),
  };
}

/**
 * Old `hexbinsFromDesaCounts` without the messages: cover, area weights (`cellAreasKm2` in cover order),
 * largest remainder per desa and desil, outline shares, clipped areas (`cellAreasKm2` in cell order).
 */
export function referenceDesaHexbins(district: HexDistrict, counts: ArrayLike<number>, res: number) {
  const desaList: number[] = [];
  for (let d = 0; d < district.desa.length; d++) {
    let t = 0;
    for (let q = 0; q < DESIL_COUNT; q++) t += counts[d * DESIL_COUNT + q];
    if (t > 0) desaList.push(d);
  }
  const cover = referenceCover(district, desaList, res);
  const areas = cellAreasKm2(cover.cells);
  const byCell = new Map<string, Uint32Array>();
  desaList.forEach((d, r) => {
    const from = cover.offsets[r];
    const to = cover.offsets[r + 1];
    const weights = new Float64Array(to - from);
    let sum = 0;
    for (let k = from; k < to; k++) sum += weights[k - from] = cover.share[k] * areas[k];
    if (!(sum > 0)) weights.fill(1);
    for (let k = from; k < to; k++)
      if (!byCell.has(cover.cells[k])) byCell.set(cover.cells[k], new Uint32Array(DESIL_COUNT));
    for (let q = 0; q < DESIL_COUNT; q++) {
      const parts = apportion(counts[d * DESIL_COUNT + q], weights);
      for (let k = 0; k < parts.length; k++)
        (byCell.get(cover.cells[from + k]) as Uint32Array)[q] += parts[k];
    }
  });
  const all = [...byCell.keys()].sort();
  const outline = all.map((c) => coveredShare(district.outline, cellPolygon(c)));
  const cells = all.filter((_, k) => outline[k] > 0);
  const shares = outline.filter((s) => s > 0);
  const full = cellAreasKm2(cells);
  return {
    cells,
    desil: cells.flatMap((c) => [...(byCell.get(c) as Uint32Array)]),
    areaKm2: cells.map((_, r) => full[r] * shares[r]),
    border: cells.map((_, r) => (shares[r] < 1 - 1e-9 ? 1 : 0)),
  };
}
