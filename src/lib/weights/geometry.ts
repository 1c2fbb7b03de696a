import type { Geometry, MultiPolygon, Polygon } from 'geojson';
import { SpatialInputError } from './types.ts';

/**
 * A polygon or multipolygon as flat typed arrays, the form every weights builder loops over.
 * Rings are stored closed (first vertex repeated last), in input order: the shell of the first polygon, its
 * holes, then the next polygon — the order of `sf::st_coordinates`, on which spdep's `poly2nb` depends.
 */
export interface FlatPolygons {
  /** x0, y0, x1, y1, … */
  xy: Float64Array;
  /** Vertex index where each ring starts; length = rings + 1. */
  ringStart: Int32Array;
  /** 1 for an exterior ring (shell), 0 for a hole. */
  ringIsShell: Uint8Array;
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

/**
 * Flattens a GeoJSON Polygon or MultiPolygon. Throws a `SpatialInputError` naming the unit for a missing,
 * empty or non-areal geometry, or a non-finite coordinate. An unclosed ring is closed.
 */
export function flattenPolygons(geometry: Geometry | null | undefined, unitIndex: number): FlatPolygons {
  if (!geometry) throw new SpatialInputError(`unit ${unitIndex} has no geometry`, unitIndex);
  let polygons: Polygon['coordinates'][];
  if (geometry.type === 'Polygon') polygons = [geometry.coordinates];
  else if (geometry.type === 'MultiPolygon') polygons = (geometry as MultiPolygon).coordinates;
  else
    throw new SpatialInputError(
      `unit ${unitIndex} is a ${geometry.type}, not a Polygon or MultiPolygon`,
      unitIndex,
    );

  let nVertices = 0;
  let nRings = 0;
  for (const poly of polygons) {
    for (const ring of poly) {
      if (ring.length === 0) continue;
      const closed =
        ring.length > 1 && ring[0][0] === ring[ring.length - 1][0] && ring[0][1] === ring[ring.length - 1][1];
      nVertices += ring.length + (closed ? 0 : 1);
      nRings++;
    }
  }
  if (nVertices === 0) throw new SpatialInputError(`unit ${unitIndex} has an empty geometry`, unitIndex);

  const xy = new Float64Array(nVertices * 2);
  const ringStart = new Int32Array(nRings + 1);
  const ringIsShell = new Uint8Array(nRings);
  let v = 0;
  let r = 0;
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const poly of polygons) {
    let first = true;
    for (const ring of poly) {
      if (ring.length === 0) continue;
      ringStart[r] = v;
      ringIsShell[r] = first ? 1 : 0;
      first = false;
      r++;
      for (const pt of ring) {
        const x = pt[0];
        const y = pt[1];
        if (!Number.isFinite(x) || !Number.isFinite(y))
          throw new SpatialInputError(`unit ${unitIndex} has a non-finite coordinate`, unitIndex);
        xy[2 * v] = x;
        xy[2 * v + 1] = y;
        v++;
        if (x < minX) minX = x;
        if (x > maxX) maxX = x;
        if (y < minY) minY = y;
        if (y > maxY) maxY = y;
      }
      const closed =
        ring.length > 1 && ring[0][0] === ring[ring.length - 1][0] && ring[0][1] === ring[ring.length - 1][1];
      if (!closed) {
        xy[2 * v] = ring[0][0];
        xy[2 * v + 1] = ring[0][1];
        v++;
      }
    }
  }
  ringStart[nRings] = v;
  return { xy, ringStart, ringIsShell, minX, minY, maxX, maxY };
}

/** Flattens every geometry of a collection (see `flattenPolygons`). */
export function flattenAll(geometries: ReadonlyArray<Geometry | null | undefined>): FlatPolygons[] {
  return geometries.map((g, i) => flattenPolygons(g, i));
}

/** Applies a coordinate transform (e.g. lon/lat → UTM metres) to a flat geometry, returning a new one. */
export function transformFlat(
  flat: FlatPolygons,
  forward: (x: number, y: number, out: Float64Array) => void,
): FlatPolygons {
  const xy = new Float64Array(flat.xy.length);
  const out = new Float64Array(2);
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let v = 0; v < xy.length; v += 2) {
    forward(flat.xy[v], flat.xy[v + 1], out);
    const x = out[0];
    const y = out[1];
    xy[v] = x;
    xy[v + 1] = y;
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  return { xy, ringStart: flat.ringStart, ringIsShell: flat.ringIsShell, minX, minY, maxX, maxY };
}

/**
 * Even–odd point-in-polygon over all rings (shells and holes alike), true for a point strictly inside.
 * A point exactly on the boundary may go either way; callers that care test boundary distance first.
 * Reference: Shimrat (1962), ACM Algorithm 112; Haines (1994), "Point in polygon strategies".
 */
export function pointInFlat(flat: FlatPolygons, x: number, y: number): boolean {
  if (x < flat.minX || x > flat.maxX || y < flat.minY || y > flat.maxY) return false;
  const { xy, ringStart } = flat;
  let inside = false;
  for (let r = 0; r < ringStart.length - 1; r++) {
    const a = ringStart[r];
    const b = ringStart[r + 1];
    for (let v = a; v < b - 1; v++) {
      const x1 = xy[2 * v];
      const y1 = xy[2 * v + 1];
      const x2 = xy[2 * v + 2];
      const y2 = xy[2 * v + 3];
      if (y1 > y !== y2 > y && x < ((x2 - x1) * (y - y1)) / (y2 - y1) + x1) inside = !inside;
    }
  }
  return inside;
}
