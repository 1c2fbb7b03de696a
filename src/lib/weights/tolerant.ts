import Flatbush from 'flatbush';
import type { Geometry } from 'geojson';
import { flattenAll, pointInFlat, transformFlat, type FlatPolygons } from './geometry.ts';
import { looksGeographic, utmProjectionFor, type MetricProjection } from './projection.ts';
import { weightsFromPairs, type SpatialWeights } from './types.ts';

/** Default tolerance of `tolerantContiguityWeights`, in metres. */
export const DEFAULT_TOLERANCE_M = 10;

/** Options of `tolerantContiguityWeights`. */
export interface TolerantContiguityOptions {
  /** Neighbours when the polygons come within this distance (metres; default 10). */
  toleranceMetres?: number;
  /**
   * How to get metres: `'auto'` (default) projects lon/lat data to the UTM zone of its centre and takes
   * other data as already planar metres; `null` never projects; or a projection of one's own.
   */
  projection?: 'auto' | MetricProjection | null;
}

/** The weights found by `tolerantContiguityWeights`, with the projection and tolerance used. */
export interface TolerantContiguityResult {
  weights: SpatialWeights;
  /** The projection used (`null` when the coordinates were taken as metres already). */
  projection: MetricProjection | null;
  toleranceMetres: number;
}

/**
 * Distance from point P to segment AB, written as GEOS `Distance::pointToSegment` so that borderline cases
 * decide the same way.
 */
function pointToSegment(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  if (ax === bx && ay === by) return Math.hypot(px - ax, py - ay);
  const len2 = (bx - ax) * (bx - ax) + (by - ay) * (by - ay);
  const r = ((px - ax) * (bx - ax) + (py - ay) * (by - ay)) / len2;
  if (r <= 0) return Math.hypot(px - ax, py - ay);
  if (r >= 1) return Math.hypot(px - bx, py - by);
  const s = ((ay - py) * (bx - ax) - (ax - px) * (by - ay)) / len2;
  return Math.abs(s) * Math.sqrt(len2);
}

/** Distance between segments AB and CD, as GEOS `Distance::segmentToSegment` (0 when they intersect). */
function segmentToSegment(
  ax: number,
  ay: number,
  bx: number,
  by: number,
  cx: number,
  cy: number,
  dx: number,
  dy: number,
): number {
  if (ax === bx && ay === by) return pointToSegment(ax, ay, cx, cy, dx, dy);
  if (cx === dx && cy === dy) return pointToSegment(dx, dy, ax, ay, bx, by);
  let intersects = false;
  const envelopesMeet =
    Math.max(ax, bx) >= Math.min(cx, dx) &&
    Math.min(ax, bx) <= Math.max(cx, dx) &&
    Math.max(ay, by) >= Math.min(cy, dy) &&
    Math.min(ay, by) <= Math.max(cy, dy);
  if (envelopesMeet) {
    const denom = (bx - ax) * (dy - cy) - (by - ay) * (dx - cx);
    if (denom !== 0) {
      const r = ((ay - cy) * (dx - cx) - (ax - cx) * (dy - cy)) / denom;
      const s = ((ay - cy) * (bx - ax) - (ax - cx) * (by - ay)) / denom;
      intersects = r >= 0 && r <= 1 && s >= 0 && s <= 1;
    }
  }
  if (intersects) return 0;
  return Math.min(
    pointToSegment(ax, ay, cx, cy, dx, dy),
    pointToSegment(bx, by, cx, cy, dx, dy),
    pointToSegment(cx, cy, ax, ay, bx, by),
    pointToSegment(dx, dy, ax, ay, bx, by),
  );
}

/**
 * Start vertices of the segments of `flat` whose bounding box meets the box [x0, x1] × [y0, y1], written to
 * `out`; returns their count.
 */
function segmentsNear(
  flat: FlatPolygons,
  x0: number,
  y0: number,
  x1: number,
  y1: number,
  out: Int32Array,
): number {
  const { xy, ringStart } = flat;
  let m = 0;
  for (let r = 0; r < ringStart.length - 1; r++) {
    for (let v = ringStart[r]; v < ringStart[r + 1] - 1; v++) {
      const ax = xy[2 * v];
      const ay = xy[2 * v + 1];
      const bx = xy[2 * v + 2];
      const by = xy[2 * v + 3];
      if ((ax < x0 && bx < x0) || (ax > x1 && bx > x1) || (ay < y0 && by < y0) || (ay > y1 && by > y1))
        continue;
      out[m++] = v;
    }
  }
  return m;
}

/** True when some vertex starting a shell of `inner` lies inside `outer` (GEOS's containment step). */
function shellStartInside(inner: FlatPolygons, outer: FlatPolygons): boolean {
  for (let r = 0; r < inner.ringIsShell.length; r++) {
    if (!inner.ringIsShell[r]) continue;
    const v = inner.ringStart[r];
    if (pointInFlat(outer, inner.xy[2 * v], inner.xy[2 * v + 1])) return true;
  }
  return false;
}

/**
 * Whether the polygons A and B are within distance d: GEOS's `distance(A, B) <= d`, i.e. 0 when one contains
 * a component of the other or their boundaries cross, else the least segment-to-segment distance. Only
 * segments near the other polygon's box are compared, and the search stops at the first pair within d.
 */
function withinDistance(
  a: FlatPolygons,
  b: FlatPolygons,
  d: number,
  bufA: Int32Array,
  bufB: Int32Array,
): boolean {
  const na = segmentsNear(a, b.minX - d, b.minY - d, b.maxX + d, b.maxY + d, bufA);
  const nb = segmentsNear(b, a.minX - d, a.minY - d, a.maxX + d, a.maxY + d, bufB);
  const axy = a.xy;
  const bxy = b.xy;
  for (let p = 0; p < na; p++) {
    const v = bufA[p];
    const ax = axy[2 * v];
    const ay = axy[2 * v + 1];
    const bx = axy[2 * v + 2];
    const by = axy[2 * v + 3];
    const sx0 = Math.min(ax, bx) - d;
    const sx1 = Math.max(ax, bx) + d;
    const sy0 = Math.min(ay, by) - d;
    const sy1 = Math.max(ay, by) + d;
    for (let q = 0; q < nb; q++) {
      const u = bufB[q];
      const cx = bxy[2 * u];
      const cy = bxy[2 * u + 1];
      const dx = bxy[2 * u + 2];
      const dy = bxy[2 * u + 3];
      if (
        (cx < sx0 && dx < sx0) ||
        (cx > sx1 && dx > sx1) ||
        (cy < sy0 && dy < sy0) ||
        (cy > sy1 && dy > sy1)
      )
        continue;
      if (segmentToSegment(ax, ay, bx, by, cx, cy, dx, dy) <= d) return true;
    }
  }
  return shellStartInside(b, a) || shellStartInside(a, b);
}

/**
 * Tolerant contiguity for real boundary files: units i and j are neighbours when their polygons intersect,
 * touch, or come within d metres of each other, i.e. GEOS `distance(P_i, P_j) ≤ d` measured in a local metric
 * projection (the UTM zone of the data, e.g. EPSG:32749 for Kendal). Real desa boundaries are simplified one by
 * one, overlap a little and leave thin gaps, so vertex-based contiguity misses most neighbours.
 *
 * Candidate pairs come from a Flatbush R-tree of bounding boxes searched with boxes widened by d (no all-pairs
 * loop); each candidate pair compares only segments near the other unit's box and stops at the first segment
 * pair within d. Units left without neighbours are reported by `summariseWeights` (islands), never dropped.
 *
 * Reference: Anselin & Rey (2014), *Modern Spatial Econometrics in Practice*, ch. 4 (contiguity with
 * precision threshold); GEOS `DistanceOp` (containment, then facet distance).
 */
export function tolerantContiguityWeights(
  geometries: ReadonlyArray<Geometry | null | undefined>,
  options: TolerantContiguityOptions = {},
): TolerantContiguityResult {
  const d = options.toleranceMetres ?? DEFAULT_TOLERANCE_M;
  if (!(d >= 0) || !Number.isFinite(d))
    throw new RangeError(`tolerance must be a finite distance ≥ 0 metres, got ${d}`);
  let flats = flattenAll(geometries);
  let projection: MetricProjection | null = null;
  if (options.projection === 'auto' || options.projection === undefined) {
    if (looksGeographic(flats)) projection = utmProjectionFor(flats);
  } else if (options.projection) {
    projection = options.projection;
  }
  if (projection) {
    const forward = projection.forward;
    flats = flats.map((f) => transformFlat(f, forward));
  }
  const n = flats.length;
  const pi: number[] = [];
  const pj: number[] = [];
  if (n > 1) {
    const index = new Flatbush(n);
    let maxVertices = 0;
    for (const f of flats) {
      index.add(f.minX, f.minY, f.maxX, f.maxY);
      maxVertices = Math.max(maxVertices, f.xy.length / 2);
    }
    index.finish();
    const bufA = new Int32Array(maxVertices);
    const bufB = new Int32Array(maxVertices);
    for (let i = 0; i < n; i++) {
      const a = flats[i];
      const found = index.search(a.minX - d, a.minY - d, a.maxX + d, a.maxY + d);
      found.sort((x, y) => x - y);
      for (const j of found) {
        if (j <= i) continue;
        if (withinDistance(a, flats[j], d, bufA, bufB)) {
          pi.push(i);
          pj.push(j);
        }
      }
    }
  }
  return { weights: weightsFromPairs(n, pi, pj, 'tolerant'), projection, toleranceMetres: d };
}
