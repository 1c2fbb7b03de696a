import Flatbush from 'flatbush';
import type { Geometry } from 'geojson';
import { flattenPolygons, type FlatPolygons } from '../weights/geometry.ts';
import type { CellPolygon } from './cell-polygon.ts';

/**
 * A polygon or multipolygon (a desa, the kabupaten outline) made ready for many cell clips: flat rings, the
 * bounding box of every ring, and a Flatbush index of its boundary segments to tell quickly whether a cell
 * touches the boundary at all.
 */
export interface PreparedArea {
  flat: FlatPolygons;
  /** minX, minY, maxX, maxY of each ring. */
  ringBox: Float64Array;
  /** R-tree of boundary segments (Flatbush; Agafonkin 2018, packed Hilbert R-tree). */
  segments: Flatbush;
  /** Start vertex (into `flat.xy`) of each indexed segment, by Flatbush item id. */
  segmentVertex: Int32Array;
}

/** Flattens and indexes a Polygon/MultiPolygon (`unitIndex` names it in errors, see `flattenPolygons`). */
export function prepareArea(geometry: Geometry, unitIndex = 0): PreparedArea {
  const flat = flattenPolygons(geometry, unitIndex);
  const rings = flat.ringStart.length - 1;
  const ringBox = new Float64Array(4 * rings);
  const segmentCount = flat.ringStart[rings] - rings;
  const segments = new Flatbush(Math.max(1, segmentCount));
  const segmentVertex = new Int32Array(Math.max(1, segmentCount));
  let id = 0;
  const { xy } = flat;
  for (let r = 0; r < rings; r++) {
    let minX = Infinity;
    let minY = Infinity;
    let maxX = -Infinity;
    let maxY = -Infinity;
    for (let v = flat.ringStart[r]; v < flat.ringStart[r + 1]; v++) {
      const x = xy[2 * v];
      const y = xy[2 * v + 1];
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
      if (v + 1 < flat.ringStart[r + 1]) {
        const x2 = xy[2 * v + 2];
        const y2 = xy[2 * v + 3];
        segments.add(Math.min(x, x2), Math.min(y, y2), Math.max(x, x2), Math.max(y, y2));
        segmentVertex[id++] = v;
      }
    }
    ringBox.set([minX, minY, maxX, maxY], 4 * r);
  }
  if (segmentCount === 0) segments.add(flat.minX, flat.minY, flat.minX, flat.minY);
  segments.finish();
  return { flat, ringBox, segments, segmentVertex };
}

/** True when a boundary segment of `area` has its bounding box overlapping the box given. */
export function boundaryNear(
  area: PreparedArea,
  minX: number,
  minY: number,
  maxX: number,
  maxY: number,
): boolean {
  let hit = false;
  area.segments.search(minX, minY, maxX, maxY, () => {
    hit = true;
    return true;
  });
  return hit;
}

/**
 * Even–odd point-in-polygon on a prepared area: the crossing count of the ray from (x, y) towards +x, over
 * only the boundary segments the R-tree finds along the ray (a few dozen instead of every vertex of a
 * kabupaten outline). Same rule as `pointInFlat`. Reference: Shimrat (1962), ACM Algorithm 112.
 */
export function pointInArea(area: PreparedArea, x: number, y: number): boolean {
  const { flat } = area;
  if (x < flat.minX || x > flat.maxX || y < flat.minY || y > flat.maxY) return false;
  const { xy } = flat;
  let inside = false;
  area.segments.search(x, y, flat.maxX, y, (id) => {
    const v = area.segmentVertex[id];
    const x1 = xy[2 * v];
    const y1 = xy[2 * v + 1];
    const x2 = xy[2 * v + 2];
    const y2 = xy[2 * v + 3];
    if (y1 > y !== y2 > y && x < ((x2 - x1) * (y - y1)) / (y2 - y1) + x1) inside = !inside;
    return false;
  });
  return inside;
}

const scratch = [new Float64Array(1024), new Float64Array(1024)];

/** Scratch buffer `i` (0 or 1) with room for `size` numbers; reused across calls to spare the GC. */
function ensure(i: number, size: number): Float64Array {
  if (scratch[i].length < size) scratch[i] = new Float64Array(Math.max(size, 2 * scratch[i].length));
  return scratch[i];
}

/**
 * Area of one closed ring (vertices `from` … `to` − 1 of `xy`, last = first) clipped to the convex polygon
 * `clip` (counter-clockwise), in degree², unsigned.
 *
 * Sutherland–Hodgman: the ring is cut successively by the half-plane of each clip edge. With a convex clip
 * window the result can contain zero-width bridges where a concave ring leaves and re-enters the window; they
 * add no area, so the shoelace area of the output equals the area of ring ∩ window exactly.
 *
 * Reference: Sutherland & Hodgman (1974), "Reentrant polygon clipping", CACM 17(1).
 */
function clipRingArea(xy: Float64Array, from: number, to: number, clip: Float64Array): number {
  // open ring: drop the repeated closing vertex
  let n = to - from - 1;
  if (n < 3) return 0;
  let cur = 0;
  let input = ensure(0, 2 * n);
  input.set(xy.subarray(2 * from, 2 * (from + n)));
  const k = clip.length / 2;
  for (let e = 0; e < k && n > 0; e++) {
    const ax = clip[2 * e];
    const ay = clip[2 * e + 1];
    const bx = clip[(2 * e + 2) % clip.length];
    const by = clip[(2 * e + 3) % clip.length];
    const ex = bx - ax;
    const ey = by - ay;
    // each input vertex yields at most two output vertices
    const output = ensure(1 - cur, 4 * n);
    let m = 0;
    let px = input[2 * n - 2];
    let py = input[2 * n - 1];
    let ps = ex * (py - ay) - ey * (px - ax);
    for (let i = 0; i < n; i++) {
      const cx = input[2 * i];
      const cy = input[2 * i + 1];
      const cs = ex * (cy - ay) - ey * (cx - ax);
      if (cs >= 0) {
        if (ps < 0) {
          const t = ps / (ps - cs);
          output[m++] = px + t * (cx - px);
          output[m++] = py + t * (cy - py);
        }
        output[m++] = cx;
        output[m++] = cy;
      } else if (ps >= 0) {
        const t = ps / (ps - cs);
        output[m++] = px + t * (cx - px);
        output[m++] = py + t * (cy - py);
      }
      px = cx;
      py = cy;
      ps = cs;
    }
    cur = 1 - cur;
    input = output;
    n = m / 2;
  }
  let twice = 0;
  for (let i = 0, j = n - 1; i < n; j = i++)
    twice += input[2 * j] * input[2 * i + 1] - input[2 * i] * input[2 * j + 1];
  return Math.abs(twice) / 2;
}

/**
 * Planar area (degree²) of `area` ∩ `cell`: Σ over shells of |shell ∩ cell| − Σ over holes of |hole ∩ cell|,
 * each ring clipped by {@link clipRingArea}. Rings whose bounding box misses the cell's are skipped. Divide by
 * `cell.planarArea` for the share of the cell covered.
 */
export function clippedArea(area: PreparedArea, cell: CellPolygon): number {
  const { flat, ringBox } = area;
  if (flat.maxX < cell.minX || flat.minX > cell.maxX || flat.maxY < cell.minY || flat.minY > cell.maxY)
    return 0;
  let total = 0;
  for (let r = 0; r < flat.ringIsShell.length; r++) {
    const b = 4 * r;
    if (
      ringBox[b + 2] < cell.minX ||
      ringBox[b] > cell.maxX ||
      ringBox[b + 3] < cell.minY ||
      ringBox[b + 1] > cell.maxY
    )
      continue;
    const a = clipRingArea(flat.xy, flat.ringStart[r], flat.ringStart[r + 1], cell.xy);
    total += flat.ringIsShell[r] ? a : -a;
  }
  return Math.max(0, total);
}

/**
 * Share of `cell` inside `area`, in [0, 1]. A cell whose box no boundary segment reaches is wholly inside or
 * wholly outside, decided by its vertex centroid (no clipping needed); otherwise
 * the clipped area over the cell's area.
 */
export function coveredShare(
  area: PreparedArea,
  cell: CellPolygon,
  inside: (x: number, y: number) => boolean = (x, y) => pointInArea(area, x, y),
): number {
  const { flat } = area;
  if (flat.maxX < cell.minX || flat.minX > cell.maxX || flat.maxY < cell.minY || flat.minY > cell.maxY)
    return 0;
  if (!boundaryNear(area, cell.minX, cell.minY, cell.maxX, cell.maxY)) {
    const [cx, cy] = centroid(cell);
    return inside(cx, cy) ? 1 : 0;
  }
  return Math.min(1, clippedArea(area, cell) / cell.planarArea);
}

/** Vertex centroid of a cell polygon. */
function centroid(cell: CellPolygon): [number, number] {
  let cx = 0;
  let cy = 0;
  const k = cell.xy.length / 2;
  for (let i = 0; i < k; i++) {
    cx += cell.xy[2 * i];
    cy += cell.xy[2 * i + 1];
  }
  return [cx / k, cy / k];
}

/** True when (x, y) is inside the convex counter-clockwise `cell` (strictly, or on its edges with `closed`). */
function inCell(cell: CellPolygon, x: number, y: number, closed: boolean): boolean {
  const clip = cell.xy;
  for (let e = 0; e < clip.length; e += 2) {
    const ax = clip[e];
    const ay = clip[e + 1];
    const f = (clip[(e + 2) % clip.length] - ax) * (y - ay) - (clip[(e + 3) % clip.length] - ay) * (x - ax);
    if (f < 0 || (f === 0 && !closed)) return false;
  }
  return true;
}

/**
 * Whether boundary segments of `area` cross the boundary of the convex counter-clockwise `cell` (touching
 * included; a segment wholly inside the cell does not cross it): 2 when one does, 1 when some segment's box
 * meets the cell's but none crosses, 0 when no segment's box meets the cell's (as `boundaryNear`). Each
 * segment whose box meets the cell's is clipped to the cell's half-planes (Cyrus–Beck parametric clipping):
 * a part left means it meets the cell, and unless both its ends are strictly inside it crosses the boundary.
 *
 * Reference: Cyrus & Beck (1978), "Generalized two- and three-dimensional clipping", Computers & Graphics 3.
 */
export function boundaryCrosses(area: PreparedArea, cell: CellPolygon): 0 | 1 | 2 {
  const { xy } = area.flat;
  const clip = cell.xy;
  let crosses: 0 | 1 | 2 = 0;
  // (Flatbush visits every match whatever the filter returns: once one segment crosses, skip the rest)
  area.segments.search(cell.minX, cell.minY, cell.maxX, cell.maxY, (id) => {
    if (crosses === 2) return false;
    crosses = 1;
    const v = area.segmentVertex[id];
    const px = xy[2 * v];
    const py = xy[2 * v + 1];
    const dx = xy[2 * v + 2] - px;
    const dy = xy[2 * v + 3] - py;
    let t0 = 0;
    let t1 = 1;
    for (let e = 0; e < clip.length; e += 2) {
      const ax = clip[e];
      const ay = clip[e + 1];
      const ex = clip[(e + 2) % clip.length] - ax;
      const ey = clip[(e + 3) % clip.length] - ay;
      // inside: ex·(y − ay) − ey·(x − ax) ≥ 0 along p + t·d
      const f0 = ex * (py - ay) - ey * (px - ax);
      const fd = ex * dy - ey * dx;
      if (fd === 0) {
        if (f0 < 0) return false;
        continue;
      }
      const t = -f0 / fd;
      if (fd > 0) {
        if (t > t0) t0 = t;
      } else if (t < t1) t1 = t;
      if (t0 > t1) return false;
    }
    if (inCell(cell, px, py, false) && inCell(cell, px + dx, py + dy, false)) return false;
    crosses = 2;
    return false;
  });
  return crosses;
}

/**
 * Share of `cell` inside `area` as H3's overlapping cover (`polygonToCellsExperimental`,
 * `containmentOverlapping`) followed by clipping defines it. H3 takes a cell when its centre (`cx`, `cy`,
 * from `cellToLatLng`) is inside the polygon, or the first vertex of the polygon's outer ring is in the cell,
 * or the cell boundary crosses the polygon's boundary; such a cell gets its clipped share |area ∩ cell| / |cell|
 * (at most 1), any other cell 0. A cell no boundary segment comes near is wholly inside or outside, told by
 * its centroid; inside, it is clipped all the same, so that its share is the same number as before (1 up to
 * the rounding of the shoelace on absolute coordinates, ~10⁻⁸, which largest-remainder rounding could
 * otherwise turn into a different count).
 *
 * Unlike {@link coveredShare}, a cell that only shares a bounding box with a boundary segment is not clipped:
 * clipping a ring that misses the cell leaves a rounding residue (~10⁻⁸ of the cell), not 0. Like H3, a cell
 * that wholly encloses a hole and has its centre in that hole counts as not overlapping.
 *
 * Reference: Uber H3 4.2 `polyfill.c` (`iterStepPolygonCompact`, overlapping mode).
 */
export function overlapShare(area: PreparedArea, cell: CellPolygon, cx: number, cy: number): number {
  const { flat } = area;
  if (flat.maxX < cell.minX || flat.minX > cell.maxX || flat.maxY < cell.minY || flat.minY > cell.maxY)
    return 0;
  const crosses = boundaryCrosses(area, cell);
  if (crosses === 0) {
    const [x, y] = centroid(cell);
    return pointInArea(area, x, y) ? Math.min(1, clippedArea(area, cell) / cell.planarArea) : 0;
  }
  let taken = crosses === 2;
  for (let r = 0; !taken && r < flat.ringIsShell.length; r++) {
    const v = flat.ringStart[r];
    if (flat.ringIsShell[r] && inCell(cell, flat.xy[2 * v], flat.xy[2 * v + 1], true)) taken = true;
  }
  if (!taken && !pointInArea(area, cx, cy)) return 0;
  return Math.min(1, clippedArea(area, cell) / cell.planarArea);
}

/**
 * Inside tests of `area` through a grid of `size`° boxes filled on first use: a box no boundary segment's box
 * meets is wholly inside or outside, decided once at its centre ({@link pointInArea}).
 *
 * - `inside(x, y)`: same answer as `pointInArea` for any point not within rounding distance of the boundary
 *   (boxes the boundary meets fall back to `pointInArea`), e.g. the centroid of a cell no segment comes near;
 * - `share(cell)`: {@link coveredShare} of a cell, 0 or 1 straight from the grid when every box under the
 *   cell's box is clean and on the same side (then no segment comes near the cell), else `coveredShare`.
 */
export function insideGrid(
  area: PreparedArea,
  size: number,
): { inside: (x: number, y: number) => boolean; share: (cell: CellPolygon) => number } {
  const { flat } = area;
  const cols = Math.max(1, Math.ceil((flat.maxX - flat.minX) / size));
  const rows = Math.max(1, Math.ceil((flat.maxY - flat.minY) / size));
  // 0 unknown, 1 outside, 2 inside, 3 boundary
  const state = new Uint8Array(cols * rows);
  const box = (c: number, r: number): number => {
    const i = r * cols + c;
    if (state[i] === 0) {
      const x0 = flat.minX + c * size;
      const y0 = flat.minY + r * size;
      state[i] = boundaryNear(area, x0, y0, x0 + size, y0 + size)
        ? 3
        : pointInArea(area, x0 + size / 2, y0 + size / 2)
          ? 2
          : 1;
    }
    return state[i];
  };
  const inside = (x: number, y: number): boolean => {
    const c = Math.floor((x - flat.minX) / size);
    const r = Math.floor((y - flat.minY) / size);
    if (c < 0 || r < 0 || c >= cols || r >= rows) return pointInArea(area, x, y);
    const s = box(c, r);
    return s === 3 ? pointInArea(area, x, y) : s === 2;
  };
  const share = (cell: CellPolygon): number => {
    const c0 = Math.floor((cell.minX - flat.minX) / size);
    const c1 = Math.floor((cell.maxX - flat.minX) / size);
    const r0 = Math.floor((cell.minY - flat.minY) / size);
    const r1 = Math.floor((cell.maxY - flat.minY) / size);
    if (c0 >= 0 && r0 >= 0 && c1 < cols && r1 < rows) {
      const s = box(c0, r0);
      let same = s !== 3;
      for (let r = r0; same && r <= r1; r++) for (let c = c0; same && c <= c1; c++) same = box(c, r) === s;
      if (same) return s === 2 ? 1 : 0;
    }
    return coveredShare(area, cell, inside);
  };
  return { inside, share };
}
