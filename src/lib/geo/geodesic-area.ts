import geographiclib from 'geographiclib-geodesic';
import type { Position } from 'geojson';
import type { AreaGeometry } from './types.ts';

const WGS84 = geographiclib.Geodesic.WGS84;

/**
 * Geodesic area of one ring on the WGS84 ellipsoid, in m² (absolute value).
 * Method: Karney (2013), "Algorithms for geodesics", J. Geodesy 87:43–55 (GeographicLib `PolygonArea`,
 * the same algorithm as pyproj's `Geod.geometry_area_perimeter`).
 */
export function ellipsoidalRingArea(ring: Position[]): number {
  const polygon = WGS84.Polygon(false);
  // The closing position repeats the first; PolygonArea closes rings itself.
  const n =
    ring.length > 1 && ring[0][0] === ring[ring.length - 1][0] && ring[0][1] === ring[ring.length - 1][1]
      ? ring.length - 1
      : ring.length;
  for (let i = 0; i < n; i++) polygon.AddPoint(ring[i][1], ring[i][0]);
  return Math.abs(polygon.Compute(false, true).area ?? 0);
}

/**
 * Geodesic area of a polygon or multipolygon on the WGS84 ellipsoid in m²:
 * Σ over polygons of (|exterior| − Σ |holes|), each ring by {@link ellipsoidalRingArea}.
 *
 * Why not `@turf/area`: Turf uses a sphere (R = 6,371,008.8 m), which at Java's latitudes reads about 0.4%
 * larger than the ellipsoid; areas shown to users should match the usual GIS (ellipsoidal) figure.
 */
export function geodesicAreaM2(geometry: AreaGeometry): number {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  let total = 0;
  for (const [exterior, ...holes] of polygons) {
    total += ellipsoidalRingArea(exterior);
    for (const hole of holes) total -= ellipsoidalRingArea(hole);
  }
  return total;
}

/** `luas_km2` of a feature: {@link geodesicAreaM2} in km², rounded to 4 decimals (1 m² resolution is 1e-6). */
export function luasKm2(geometry: AreaGeometry): number {
  return Math.round(geodesicAreaM2(geometry) / 100) / 10_000;
}
