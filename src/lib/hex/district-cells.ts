import {
  cellArea,
  cellToBoundary,
  cellToLatLng,
  getHexagonAreaAvg,
  getHexagonEdgeLengthAvg,
  h3IndexToSplitLong,
  isPentagon,
  latLngToCell,
  POLYGON_TO_CELLS_FLAGS,
  polygonToCellsExperimental,
} from 'h3-js';
import { geodesicAreaM2 } from '../geo/geodesic-area.ts';
import { polygonFromBoundary, type CellPolygon } from './cell-polygon.ts';
import { insideGrid, overlapShare, pointInArea } from './clip.ts';
import type { HexDistrict } from './district.ts';
import { checkResolution, type HexResolution } from './types.ts';

/**
 * Every H3 cell of a district at one resolution with what the hexagon core needs of it, computed once: its
 * boundary, areas, share inside the kabupaten outline, the desa it overlaps and its own desa. Cell `c` is
 * `cells[c]`; ids are in ascending H3 order, so sorting ids sorts cells.
 */
export interface DistrictCells {
  resolution: HexResolution;
  /** Cells sharing at least 10⁻⁹ of their area with some desa, plus the cell of each desa too thin to meet one
   *  (see {@link districtCells}); ascending. */
  cells: string[];
  /** Id of each cell. */
  index: Map<string, number>;
  /** Boundary of cell c in `cellToBoundary(cell, true)` order, open: lon, lat of vertices
   *  `ringStart[c]` … `ringStart[c + 1] − 1` at `ring[2v]`, `ring[2v + 1]`. */
  ring: Float64Array;
  ringStart: Int32Array;
  /** `cellArea(cell, 'km2')` (authalic sphere). */
  sphereKm2: Float64Array;
  /** round(latitude of the cell centre), the band of `cellAreasKm2`. */
  band: Int16Array;
  /** Share of the cell inside the kabupaten outline (`coveredShare`), in [0, 1]. */
  outlineShare: Float64Array;
  /** The cover, desa → cells: the cells of desa d are `coverCell[coverOffsets[d]] … [coverOffsets[d + 1] − 1]`,
   *  ascending, with the share of the cell inside the desa in `coverShare` (10⁻⁹ for a sliver's cell). */
  coverOffsets: Int32Array;
  coverCell: Int32Array;
  coverShare: Float64Array;
  /** Cell → desa with a share of at least 10⁻⁶ (the overlaps of `cellDesaOverlaps`), desa ascending. */
  desaOffsets: Int32Array;
  desa: Int32Array;
  desaShare: Float64Array;
  /** Own desa of each cell (by centre, else largest overlap; −1 none), as `cellDesaOverlaps` defines it. */
  primary: Int32Array;
  /** Ellipsoid/sphere area ratio by the cell it was measured on (see {@link districtCellAreasKm2}). */
  ratio: Map<number, number>;
}

/** Width of a candidate tile (degrees), and the most tiles one `polygonToCellsExperimental` call spans. */
const TILE = 0.125;
const RUN = 8;
/** Box size (degrees) of the outline's inside grid (`insideGrid`). */
const GRID = 0.01;

/**
 * The rectangles whose cells are the candidate cells: every cell overlapping the bounding box of some desa
 * lies in one. The district's box is cut into {@link TILE}° tiles; tiles meeting a desa box are joined into
 * runs along each row (at most {@link RUN} tiles, ~1°), and each run is widened by two cell edges (so that
 * H3's own reading of a long box edge cannot miss a cell). As [x0, y0, x1, y1], row by row.
 */
export function candidateRuns(
  district: CellDistrict,
  resolution: HexResolution,
): [number, number, number, number][] {
  const index = district.desaIndex;
  const minX = index.minX;
  const minY = index.minY;
  const cols = Math.max(1, Math.ceil((index.maxX - minX) / TILE));
  const rows = Math.max(1, Math.ceil((index.maxY - minY) / TILE));
  const marked = new Uint8Array(cols * rows);
  for (const area of district.desa) {
    const f = area.flat;
    const c0 = Math.min(cols - 1, Math.floor((f.minX - minX) / TILE));
    const c1 = Math.min(cols - 1, Math.floor((f.maxX - minX) / TILE));
    const r0 = Math.min(rows - 1, Math.floor((f.minY - minY) / TILE));
    const r1 = Math.min(rows - 1, Math.floor((f.maxY - minY) / TILE));
    for (let r = r0; r <= r1; r++) marked.fill(1, r * cols + c0, r * cols + c1 + 1);
  }
  const maxLat = Math.max(Math.abs(index.minY), Math.abs(index.maxY));
  const edgeDeg = getHexagonEdgeLengthAvg(resolution, 'km') / 111;
  const my = 2 * edgeDeg;
  const mx = (2 * edgeDeg) / Math.max(0.05, Math.cos((Math.min(89, maxLat + 1) * Math.PI) / 180));
  const runs: [number, number, number, number][] = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols;) {
      if (!marked[r * cols + c]) {
        c++;
        continue;
      }
      const start = c;
      while (c < cols && marked[r * cols + c] && c - start < RUN) c++;
      runs.push([
        minX + start * TILE - mx,
        minY + r * TILE - my,
        Math.min(index.maxX, minX + c * TILE) + mx,
        Math.min(index.maxY, minY + (r + 1) * TILE) + my,
      ]);
    }
  }
  return runs;
}

/**
 * About how many cells the {@link candidateRuns} hold (their area over the mean cell area), to decide before
 * computing them whether a table is worth sharing with another thread.
 */
export function candidateEstimate(district: CellDistrict, resolution: HexResolution): number {
  let km2 = 0;
  for (const [x0, y0, x1, y1] of candidateRuns(district, resolution))
    km2 += (x1 - x0) * (y1 - y0) * 111.32 ** 2 * Math.cos((((y0 + y1) / 2) * Math.PI) / 180);
  return km2 / getHexagonAreaAvg(resolution, 'km2');
}

/**
 * The part (0 … parts − 1) of each run, so that the parts cost about the same: a run's cost is taken as the
 * area of desa boxes in it (its cells that meet a desa: the sea costs nearly nothing), and runs go, heaviest
 * first, to the lightest part so far (Graham's LPT rule, within 4/3 of the best split).
 */
function shareRuns(
  district: CellDistrict,
  runs: readonly [number, number, number, number][],
  parts: number,
): Int32Array {
  const weight = runs.map(([x0, y0, x1, y1]) => {
    let w = 0;
    for (const d of district.desaIndex.search(x0, y0, x1, y1)) {
      const f = district.desa[d].flat;
      w +=
        Math.max(0, Math.min(x1, f.maxX) - Math.max(x0, f.minX)) *
        Math.max(0, Math.min(y1, f.maxY) - Math.max(y0, f.minY));
    }
    return w;
  });
  const order = runs.map((_, i) => i).sort((a, b) => weight[b] - weight[a] || a - b);
  const load = new Float64Array(parts);
  const owner = new Int32Array(runs.length);
  for (const i of order) {
    let lightest = 0;
    for (let p = 1; p < parts; p++) if (load[p] < load[lightest]) lightest = p;
    owner[i] = lightest;
    load[lightest] += weight[i];
  }
  return owner;
}

/**
 * Candidate cells of part `part` of `parts` of the {@link candidateRuns} (the runs `shareRuns` gives it):
 * each run is one `polygonToCellsExperimental(…, 'containmentOverlapping')` call. Each call costs about a
 * millisecond before it returns anything (H3 starts from the 122 base cells), so a few dozen rectangles
 * instead of one call per desa polygon is what makes a province cover fast. Returned in no particular order;
 * runs overlap by their margins, so two parts can share a few cells.
 */
export function candidateCells(
  district: CellDistrict,
  resolution: HexResolution,
  part = 0,
  parts = 1,
): string[] {
  const found = new Set<string>();
  const runs = candidateRuns(district, resolution);
  const owner = parts > 1 ? shareRuns(district, runs, parts) : null;
  runs.forEach(([x0, y0, x1, y1], i) => {
    if (owner && owner[i] !== part) return;
    const box = [
      [
        [x0, y0],
        [x1, y0],
        [x1, y1],
        [x0, y1],
        [x0, y0],
      ],
    ];
    for (const cell of polygonToCellsExperimental(
      box,
      resolution,
      POLYGON_TO_CELLS_FLAGS.containmentOverlapping,
      true,
    ))
      found.add(cell);
  });
  return [...found];
}

/** The one cell polygon `addCell` works on (rewritten for each cell). */
const scratch: CellPolygon = {
  cell: '',
  xy: new Float64Array(12),
  minX: 0,
  minY: 0,
  maxX: 0,
  maxY: 0,
  planarArea: 0,
  pentagon: false,
};

/**
 * A number ordered as the H3 index (and so as its 15-digit hex string): the index without its unused finest
 * digits (3 bits each, all set at `resolution`), upper · 2^(32 − s) + (lower >>> s) with s = 3 · (15 − res),
 * below 2^53 for resolutions 7–9.
 */
function sortKey([lower, upper]: readonly [number, number], resolution: HexResolution): number {
  const shift = 3 * (15 - resolution);
  return upper * 2 ** (32 - shift) + (lower >>> shift);
}

/** Growable columns of the table while it is built. */
class Columns {
  constructor(readonly resolution: HexResolution) {}
  cells: string[] = [];
  /** Sort key of each cell (`sortKey`). */
  key: number[] = [];
  ring: number[] = [];
  ringStart: number[] = [0];
  sphereKm2: number[] = [];
  band: number[] = [];
  outlineShare: number[] = [];
  /** (desa, share) pairs of each cell, desa ascending. */
  pairStart: number[] = [0];
  pairDesa: number[] = [];
  pairShare: number[] = [];
  primary: number[] = [];

  /** The columns as typed arrays (to send to another thread, or to merge). */
  rows(): CellRows {
    return {
      cells: this.cells,
      key: Float64Array.from(this.key),
      ring: Float64Array.from(this.ring),
      ringStart: Int32Array.from(this.ringStart),
      sphereKm2: Float64Array.from(this.sphereKm2),
      band: Int16Array.from(this.band),
      outlineShare: Float64Array.from(this.outlineShare),
      pairStart: Int32Array.from(this.pairStart),
      pairDesa: Int32Array.from(this.pairDesa),
      pairShare: Float64Array.from(this.pairShare),
      primary: Int32Array.from(this.primary),
    };
  }
}

/**
 * The rows of some cells of the table, in the order they were added (cell i's ring is vertices
 * `ringStart[i]` … `ringStart[i + 1] − 1`, its (desa, share) pairs `pairStart[i]` … `pairStart[i + 1] − 1`):
 * what {@link cellRows} computes for a part of the candidates, and {@link assembleDistrictCells} puts together.
 * Only typed arrays and strings, so a part can be computed in another thread and transferred.
 */
export interface CellRows {
  cells: string[];
  /** `sortKey` of each cell (ascending key = ascending H3 index). */
  key: Float64Array;
  ring: Float64Array;
  ringStart: Int32Array;
  sphereKm2: Float64Array;
  band: Int16Array;
  outlineShare: Float64Array;
  pairStart: Int32Array;
  pairDesa: Int32Array;
  pairShare: Float64Array;
  primary: Int32Array;
}

/** The buffers of `rows`, to transfer them to another thread instead of copying. */
export function cellRowsBuffers(rows: CellRows): ArrayBuffer[] {
  const { cells: _cells, ...columns } = rows;
  return Object.values(columns).map((a) => a.buffer as ArrayBuffer);
}

/** What the cell rows need of a district: the desa, their index, the outline (see {@link packCellDistrict}). */
export type CellDistrict = Pick<HexDistrict, 'desa' | 'desaIndex' | 'outline'>;

/**
 * Adds `cell` to the columns when some desa covers ≥ 10⁻⁹ of it (or always, for `force`: a sliver's cell).
 * Desa shares are `overlapShare` (H3's overlapping rule, then the clipped share |cell ∩ desa| / |cell| of
 * `clippedArea`); the own desa is the first (lowest index)
 * of the desa with a share ≥ 10⁻⁶ that contains the H3 centre, else the one with the largest share, and
 * needs no point test when only one desa overlaps.
 */
function addCell(
  district: CellDistrict,
  cell: string,
  out: Columns,
  force: boolean,
  outlineShare: (cell: CellPolygon) => number,
): boolean {
  const split = h3IndexToSplitLong(cell);
  const boundary = cellToBoundary(split, true);
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let i = 0; i < boundary.length; i++) {
    const x = boundary[i][0];
    const y = boundary[i][1];
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  const candidates = district.desaIndex.search(minX, minY, maxX, maxY);
  if (candidates.length === 0 && !force) return false;
  candidates.sort((a, b) => a - b);
  const poly = polygonFromBoundary(cell, boundary, isPentagon(split), scratch);
  const [lat, lon] = cellToLatLng(split);
  const from = out.pairDesa.length;
  for (const d of candidates) {
    const s = overlapShare(district.desa[d], poly, lon, lat);
    if (s < 1e-9) continue;
    out.pairDesa.push(d);
    out.pairShare.push(s);
  }
  if (out.pairDesa.length === from && !force) return false;
  out.pairStart.push(out.pairDesa.length);
  out.cells.push(cell);
  out.key.push(sortKey(split, out.resolution));
  let n = boundary.length;
  const [fx, fy] = boundary[0];
  if (n > 1 && boundary[n - 1][0] === fx && boundary[n - 1][1] === fy) n--;
  for (let i = 0; i < n; i++) out.ring.push(boundary[i][0], boundary[i][1]);
  out.ringStart.push(out.ring.length / 2);
  out.sphereKm2.push(cellArea(split, 'km2'));
  out.band.push(Math.round(lat));
  out.outlineShare.push(outlineShare(poly));
  // own desa
  let overlapping = 0;
  let only = -1;
  for (let k = from; k < out.pairDesa.length; k++)
    if (out.pairShare[k] >= 1e-6) {
      overlapping++;
      only = out.pairDesa[k];
    }
  if (overlapping <= 1) out.primary.push(only);
  else {
    let own = -1;
    let best = -1;
    let bestShare = 0;
    for (let k = from; k < out.pairDesa.length; k++) {
      const s = out.pairShare[k];
      if (s < 1e-6) continue;
      const d = out.pairDesa[k];
      if (own < 0 && pointInArea(district.desa[d], lon, lat)) own = d;
      if (s > bestShare) {
        bestShare = s;
        best = d;
      }
    }
    out.primary.push(own >= 0 ? own : best);
  }
  return true;
}

/**
 * Builds the {@link DistrictCells} of `district` at `res`:
 *
 * 1. candidates: the cells overlapping any desa's bounding box (`candidateCells`, H3 `polygonToCellsExperimental`
 *    on a few dozen rectangles);
 * 2. each candidate's boundary is read once (`cellToBoundary`), its desa candidates come from the desa
 *    bounding-box index, and its share inside each is `overlapShare`; cells with no share ≥ 10⁻⁹ are
 *    dropped. A cell overlaps a desa only where it overlaps that desa's box, so this finds every cell H3's
 *    overlapping cover of the desa polygon would, and the same share threshold keeps the same cells;
 * 3. a desa left without cells (a sliver thinner than the clipping's reach) gets the cell under its first
 *    ring's vertex centroid with share 10⁻⁹, so that its households are never lost;
 * 4. the cover (desa → cells) and the overlaps (cell → desa, share ≥ 10⁻⁶, with the own desa) are both read
 *    from the same pairs.
 *
 * The pairs and shares are those of the former per-desa cover (`polygonToCellsExperimental` on every desa
 * polygon, then `clippedArea` of every cell found), number for number: `overlapShare` takes a cell by H3's
 * own overlapping rule and clips it the same way. What changes is the cost: a handful of H3 polygon calls
 * instead of one per desa (each ~1 ms before it returns anything), and one boundary, area and outline share
 * per cell instead of one per use.
 *
 * Reference: Uber H3 4.2 `polygonToCellsExperimental` (containment modes), `cellToBoundary`, `cellArea`;
 * Sutherland & Hodgman (1974); Eurostat GEOSTAT grid-to-LAU correspondence (own area by cell centre).
 */
export function buildDistrictCells(district: HexDistrict, res: number): DistrictCells {
  const resolution = checkResolution(res);
  return assembleDistrictCells(district, resolution, [
    cellRows(district, candidateCells(district, resolution), resolution),
  ]);
}

/**
 * Step 2 of {@link buildDistrictCells} for some of the candidate cells: the rows of those a desa covers by at
 * least 10⁻⁹, in the order given. Any split of the candidates gives, once assembled, the same table (each
 * row depends only on its cell), which is what lets another thread compute part of it.
 */
export function cellRows(
  district: CellDistrict,
  cells: readonly string[],
  resolution: HexResolution,
): CellRows {
  const out = new Columns(resolution);
  const outlineShare = insideGrid(district.outline, GRID).share;
  for (const cell of cells) addCell(district, cell, out, false, outlineShare);
  return out.rows();
}

/** The rows of several parts one after the other (offsets shifted), as one part. */
function concatRows(parts: readonly CellRows[]): CellRows {
  if (parts.length === 1) return parts[0];
  const join = <T extends Float64Array | Int32Array | Int16Array>(
    pick: (r: CellRows) => T,
    make: (n: number) => T,
  ): T => {
    const out = make(parts.reduce((n, r) => n + pick(r).length, 0));
    let at = 0;
    for (const r of parts) {
      out.set(pick(r), at);
      at += pick(r).length;
    }
    return out;
  };
  // offsets: each part's start at 0, continued from the previous part's end
  const offsets = (pick: (r: CellRows) => Int32Array): Int32Array => {
    const out = new Int32Array(1 + parts.reduce((n, r) => n + pick(r).length - 1, 0));
    let at = 1;
    let base = 0;
    for (const r of parts) {
      const o = pick(r);
      for (let i = 1; i < o.length; i++) out[at++] = base + o[i];
      base += o[o.length - 1];
    }
    return out;
  };
  const f64 = (n: number) => new Float64Array(n);
  const i32 = (n: number) => new Int32Array(n);
  return {
    cells: parts.flatMap((r) => r.cells),
    key: join((r) => r.key, f64),
    ring: join((r) => r.ring, f64),
    ringStart: offsets((r) => r.ringStart),
    sphereKm2: join((r) => r.sphereKm2, f64),
    band: join(
      (r) => r.band,
      (n) => new Int16Array(n),
    ),
    outlineShare: join((r) => r.outlineShare, f64),
    pairStart: offsets((r) => r.pairStart),
    pairDesa: join((r) => r.pairDesa, i32),
    pairShare: join((r) => r.pairShare, f64),
    primary: join((r) => r.primary, i32),
  };
}

/**
 * Steps 3 and 4 of {@link buildDistrictCells}: the table from the rows of all the candidate cells, in parts
 * (a cell in several parts counts once), with the sliver cells added and every column in ascending H3 order.
 */
export function assembleDistrictCells(
  district: HexDistrict,
  resolution: HexResolution,
  parts: readonly CellRows[],
): DistrictCells {
  const found = concatRows(parts);
  // slivers: desa no cell shares 10⁻⁹ of its area with
  const covered = new Uint8Array(district.desa.length);
  for (const d of found.pairDesa) covered[d] = 1;
  const sliverCell = new Map<number, string>();
  for (let d = 0; d < district.desa.length; d++) {
    if (covered[d]) continue;
    const g = district.geometries[d];
    const ring = (g.type === 'Polygon' ? g.coordinates : g.coordinates[0])[0];
    let x = 0;
    let y = 0;
    for (const [px, py] of ring) {
      x += px;
      y += py;
    }
    sliverCell.set(d, latLngToCell(y / ring.length, x / ring.length, resolution));
  }
  const known = new Set(found.cells);
  const slivers = new Columns(resolution);
  const outlineShare = sliverCell.size > 0 ? insideGrid(district.outline, GRID).share : () => 0;
  for (const cell of new Set(sliverCell.values()))
    if (!known.has(cell)) addCell(district, cell, slivers, true, outlineShare);
  const out = slivers.cells.length > 0 ? concatRows([found, slivers.rows()]) : found;
  // ids in ascending H3 order (candidates came unsorted, sliver cells last); a cell found by two parts
  // has the same row in both, and is kept once
  const sorted = Int32Array.from(out.cells, (_, c) => c).sort((a, b) => out.key[a] - out.key[b]);
  const order = sorted.filter((c, i) => i === 0 || out.key[c] !== out.key[sorted[i - 1]]);
  const n = order.length;
  const cells = Array.from(order, (c) => out.cells[c]);
  const index = new Map(cells.map((c, i) => [c, i]));
  const ringStart = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    const c = order[i];
    ringStart[i + 1] = ringStart[i] + out.ringStart[c + 1] - out.ringStart[c];
  }
  const ring = new Float64Array(2 * ringStart[n]);
  const pick = <T extends Float64Array | Int16Array | Int32Array>(column: T, into: T): T => {
    for (let i = 0; i < n; i++) into[i] = column[order[i]];
    return into;
  };
  for (let i = 0; i < n; i++) {
    const c = order[i];
    ring.set(out.ring.subarray(2 * out.ringStart[c], 2 * out.ringStart[c + 1]), 2 * ringStart[i]);
  }
  // cover: desa → cells (pairs of cell i in id order, so each desa's cells come ascending)
  const nDesa = district.desa.length;
  const coverOffsets = new Int32Array(nDesa + 1);
  for (const c of order)
    for (let k = out.pairStart[c]; k < out.pairStart[c + 1]; k++) coverOffsets[out.pairDesa[k] + 1]++;
  for (const d of sliverCell.keys()) coverOffsets[d + 1]++;
  for (let d = 0; d < nDesa; d++) coverOffsets[d + 1] += coverOffsets[d];
  const coverCell = new Int32Array(coverOffsets[nDesa]);
  const coverShare = new Float64Array(coverOffsets[nDesa]);
  const fill = coverOffsets.slice(0, nDesa);
  const desaOffsets = new Int32Array(n + 1);
  const desa: number[] = [];
  const desaShare: number[] = [];
  for (let i = 0; i < n; i++) {
    const c = order[i];
    for (let k = out.pairStart[c]; k < out.pairStart[c + 1]; k++) {
      const d = out.pairDesa[k];
      const s = out.pairShare[k];
      coverCell[fill[d]] = i;
      coverShare[fill[d]++] = s;
      if (s >= 1e-6) {
        desa.push(d);
        desaShare.push(s);
      }
    }
    desaOffsets[i + 1] = desa.length;
  }
  for (const [d, cell] of sliverCell) {
    coverCell[fill[d]] = index.get(cell) as number;
    coverShare[fill[d]++] = 1e-9;
  }
  return {
    resolution,
    cells,
    index,
    ring,
    ringStart,
    sphereKm2: pick(out.sphereKm2, new Float64Array(n)),
    band: pick(out.band, new Int16Array(n)),
    outlineShare: pick(out.outlineShare, new Float64Array(n)),
    coverOffsets,
    coverCell,
    coverShare,
    desaOffsets,
    desa: Int32Array.from(desa),
    desaShare: Float64Array.from(desaShare),
    primary: pick(out.primary, new Int32Array(n)),
    ratio: new Map(),
  };
}

/** Another thread holding the same district (see `packCellDistrict`) that computes part of a cell table. */
export interface CellRowsHelper {
  /** Resolves once the helper holds the district and works without this thread's help. */
  ready(): Promise<void>;
  /** The {@link cellRows} of `candidateCells(district, resolution, part, parts)`. */
  rows(resolution: HexResolution, part: number, parts: number): Promise<CellRows>;
}

/** Fewest candidate cells (by {@link candidateEstimate}) worth sharing with a helper thread. */
export const SHARE_MIN_CELLS = 40_000;

/**
 * {@link districtCells} built on two threads, for the same table: the helper takes every other candidate run
 * and computes its candidates and their rows while this thread does the rest (alternate runs, so each side
 * gets its share of border and coast). Below `minCells` estimated candidates, or without a helper, this
 * thread builds it alone; when the helper fails, its part is done here after all. Cached like
 * {@link districtCells}' table.
 */
export async function districtCellsShared(
  district: HexDistrict,
  res: number,
  helper: CellRowsHelper | null,
  minCells = SHARE_MIN_CELLS,
): Promise<DistrictCells> {
  const resolution = checkResolution(res);
  const cached = cachedDistrictCells(district, resolution);
  if (cached) return remember(district, cached);
  const own = (part: number, parts: number) =>
    cellRows(district, candidateCells(district, resolution, part, parts), resolution);
  let parts: CellRows[];
  // A Worker started from this one may need this thread free to start at all: wait for it first.
  const started =
    helper && candidateEstimate(district, resolution) >= minCells
      ? await helper.ready().then(
          () => true,
          () => false,
        )
      : false;
  if (!helper || !started) parts = [own(0, 1)];
  else {
    const asked = helper.rows(resolution, 0, 2);
    const mine = own(1, 2);
    parts = [await asked.catch(() => own(0, 2)), mine];
  }
  return remember(district, assembleDistrictCells(district, resolution, parts));
}

/**
 * The district cells per district and resolution, built once: every period and every dataset (whatever desa
 * have households) reads its cover, areas and shares from it. The last {@link CACHE_SIZE} resolutions are
 * kept.
 */
const cache = new WeakMap<HexDistrict, Map<HexResolution, DistrictCells>>();
const CACHE_SIZE = 2;

/** The {@link DistrictCells} of `district` at `res`, from the cache or built (and cached). */
export function districtCells(district: HexDistrict, res: number): DistrictCells {
  const resolution = checkResolution(res);
  return remember(district, cache.get(district)?.get(resolution) ?? buildDistrictCells(district, resolution));
}

/** Caches a table (as the most recently used; {@link CACHE_SIZE} kept) and returns it. */
function remember(district: HexDistrict, table: DistrictCells): DistrictCells {
  let tables = cache.get(district);
  if (!tables) cache.set(district, (tables = new Map()));
  tables.delete(table.resolution);
  if (tables.size >= CACHE_SIZE) tables.delete(tables.keys().next().value as HexResolution);
  tables.set(table.resolution, table);
  return table;
}

/** The cached {@link DistrictCells} of `district` at `res`, or undefined when none was built (builds nothing). */
export function cachedDistrictCells(district: HexDistrict, res: number): DistrictCells | undefined {
  return cache.get(district)?.get(res as HexResolution);
}

/**
 * `cellAreasKm2` of the cells `ids` (in that order) from the table: the same figure, sphere area × the
 * ellipsoid/sphere ratio measured on the first cell of each 1° latitude band in `ids` order, without an H3
 * call (ratios are kept per measured cell).
 */
export function districtCellAreasKm2(table: DistrictCells, ids: ArrayLike<number>): Float64Array {
  const out = new Float64Array(ids.length);
  const ratioByBand = new Map<number, number>();
  for (let i = 0; i < ids.length; i++) {
    const c = ids[i];
    let r = ratioByBand.get(table.band[c]);
    if (r === undefined) {
      r = table.ratio.get(c);
      if (r === undefined) {
        const ring: [number, number][] = [];
        for (let v = table.ringStart[c]; v < table.ringStart[c + 1]; v++)
          ring.push([table.ring[2 * v], table.ring[2 * v + 1]]);
        ring.push(ring[0]);
        r = geodesicAreaM2({ type: 'Polygon', coordinates: [ring] }) / 1e6 / table.sphereKm2[c];
        table.ratio.set(c, r);
      }
      ratioByBand.set(table.band[c], r);
    }
    out[i] = table.sphereKm2[c] * r;
  }
  return out;
}
