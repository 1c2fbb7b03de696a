import Flatbush from 'flatbush';
import type { Geometry } from 'geojson';
import { flattenPolygons } from './geometry.ts';
import { SpatialInputError, weightsFromNeighbourLists, type SpatialWeights } from './types.ts';

/** Twice the signed area of a closed ring (shoelace): positive when counter-clockwise. */
function ringArea2(xy: Float64Array, a: number, b: number): number {
  let s = 0;
  for (let v = a; v < b - 1; v++) s += xy[2 * v] * xy[2 * v + 3] - xy[2 * v + 2] * xy[2 * v + 1];
  return s;
}

/**
 * Planar area-weighted centroid of a Polygon or MultiPolygon, computed as GEOS `Centroid` (which `sf::st_centroid`
 * calls): the shell and holes are fanned into triangles from one base point (the first vertex of the first
 * shell); C = Σ sign·A2(t)·(p0 + p1 + p2) / (3 Σ sign·A2(t)), with A2 twice the triangle's signed area and the
 * sign making shells add and holes subtract whatever the ring orientation. Falls back to the length-weighted
 * mean of the segments for a degenerate (zero-area) polygon.
 *
 * Reference: Bourke (1988), "Calculating the area and centroid of a polygon"; GEOS/JTS `Centroid`.
 */
export function planarCentroid(geometry: Geometry | null | undefined, unitIndex = 0): [number, number] {
  const flat = flattenPolygons(geometry, unitIndex);
  const { xy, ringStart, ringIsShell } = flat;
  const bx = xy[0];
  const by = xy[1];
  let cx3 = 0;
  let cy3 = 0;
  let area2 = 0;
  let lineX = 0;
  let lineY = 0;
  let length = 0;
  for (let r = 0; r < ringStart.length - 1; r++) {
    const a = ringStart[r];
    const b = ringStart[r + 1];
    const ccw = ringArea2(xy, a, b) > 0;
    // GEOS's signs (shell: + when clockwise; hole: + when counter-clockwise) make shells add and holes subtract
    const sign = ringIsShell[r] ? (ccw ? -1 : 1) : ccw ? 1 : -1;
    for (let v = a; v < b - 1; v++) {
      const x1 = xy[2 * v];
      const y1 = xy[2 * v + 1];
      const x2 = xy[2 * v + 2];
      const y2 = xy[2 * v + 3];
      const t2 = (x1 - bx) * (y2 - by) - (x2 - bx) * (y1 - by);
      cx3 += sign * t2 * (bx + x1 + x2);
      cy3 += sign * t2 * (by + y1 + y2);
      area2 += sign * t2;
      const seg = Math.hypot(x2 - x1, y2 - y1);
      if (seg === 0) continue;
      length += seg;
      lineX += (seg * (x1 + x2)) / 2;
      lineY += (seg * (y1 + y2)) / 2;
    }
  }
  if (Math.abs(area2) > 0) return [cx3 / 3 / area2, cy3 / 3 / area2];
  if (length > 0) return [lineX / length, lineY / length];
  return [bx, by];
}

/** Centroids of all geometries as interleaved x, y (see `planarCentroid`). */
export function planarCentroids(geometries: ReadonlyArray<Geometry | null | undefined>): Float64Array {
  const out = new Float64Array(geometries.length * 2);
  geometries.forEach((g, i) => out.set(planarCentroid(g, i), 2 * i));
  return out;
}

/**
 * k-nearest-neighbour weights on points (x, y interleaved), planar Euclidean distance `hypot(dx, dy)`, with
 * spdep's tie rule: among equal distances the lower input index wins. The result is generally not symmetric.
 * A Flatbush index proposes the candidates: the k nearest, then every point within the k-th distance (so ties
 * at the cut are all seen); the final order is (distance, index) as spdep's brute-force insertion sort gives.
 *
 * Reference: spdep `knearneigh` + `knn2nb` (src/knn.c, after Venables & Ripley's class::knn); Flatbush
 * `neighbors` (Agafonkin; priority-queue search after Hjaltason & Samet 1999).
 */
export function knnWeights(points: Float64Array, k: number): SpatialWeights {
  const n = points.length / 2;
  if (!Number.isInteger(k) || k < 1) throw new SpatialInputError(`k must be a positive integer, got ${k}`);
  if (k >= n) throw new SpatialInputError(`k = ${k} needs more than ${k} units, have ${n}`);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(points[2 * i]) || !Number.isFinite(points[2 * i + 1]))
      throw new SpatialInputError(`unit ${i} has a non-finite point`, i);
  }
  const index = new Flatbush(n);
  for (let i = 0; i < n; i++) index.add(points[2 * i], points[2 * i + 1], points[2 * i], points[2 * i + 1]);
  index.finish();
  const lists: number[][] = [];
  for (let i = 0; i < n; i++) {
    const x = points[2 * i];
    const y = points[2 * i + 1];
    const notSelf = (j: number) => j !== i;
    const first = index.neighbors(x, y, k, Infinity, notSelf);
    let kth = 0;
    for (const j of first) kth = Math.max(kth, Math.hypot(points[2 * j] - x, points[2 * j + 1] - y));
    const reach = kth * (1 + 1e-9) + Number.MIN_VALUE;
    const candidates = index.neighbors(x, y, Infinity, reach, notSelf);
    const scored = candidates.map((j) => ({ j, d: Math.hypot(points[2 * j] - x, points[2 * j + 1] - y) }));
    scored.sort((a, b) => a.d - b.d || a.j - b.j);
    lists.push(scored.slice(0, k).map((s) => s.j));
  }
  const w = weightsFromNeighbourLists(lists, `knn${k}`);
  return w;
}
